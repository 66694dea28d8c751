// Language selector: keep the section the reader is in. Both languages share
// heading ids, so the same #anchor exists on the other page; the theme's
// navigation.tracking keeps the address's #anchor on the section being read, so a
// reader who only scrolled lands in the same section too.
// (Math is rendered by math.js, loaded only on pages with math.)
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.md-select__link[hreflang]");
  if (link && location.hash) {
    link.href = link.href.split("#")[0] + location.hash;
  }
});

// Copy buttons: the theme copies a code block's text with its annotation markers
// (`# (1)!`) taken out, which leaves the spaces before them at the ends of lines.
// Its copy goes through a hidden <textarea>; here the copied text loses them.
document.addEventListener("copy", (event) => {
  const area = event.target;
  if (!(area instanceof HTMLTextAreaElement) || !area.hasAttribute("readonly")) return;
  const text = area.value.slice(area.selectionStart, area.selectionEnd);
  const clean = text.replace(/[ \t]+$/gm, "");
  if (clean === text) return;
  event.clipboardData.setData("text/plain", clean);
  event.preventDefault();
}, true);

// Code annotation markers (the theme's (+) links) get an accessible name:
// "注释 1" / "Annotation 1" in the page's language.
const annotationWord = document.documentElement.lang === "zh" ? "注释" : "Annotation";
const nameAnnotations = () => {
  for (const link of document.querySelectorAll("a.md-annotation__index:not([aria-label])")) {
    const id = link.querySelector("[data-md-annotation-id]");
    link.setAttribute("aria-label", `${annotationWord} ${id ? id.dataset.mdAnnotationId : ""}`.trim());
  }
};
new MutationObserver(nameAnnotations).observe(document.documentElement, { childList: true, subtree: true });

// The theme's search dialog has no accessible name: it gets the search box's label.
for (const dialog of document.querySelectorAll(".md-search[role=dialog]:not([aria-label])")) {
  const input = dialog.querySelector("input.md-search__input");
  dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
}

// Code blocks: the theme mounts a block when it first comes into view (content.lazy) and
// then keeps it a keyboard stop only if it scrolls sideways. Until then every code block
// is a stop, so a keyboard reader can reach a wide one before it has been on screen.
for (const code of document.querySelectorAll("article .highlight:not(.no-copy) > pre > code")) code.tabIndex = 0;

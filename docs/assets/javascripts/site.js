// Language selector: keep the section the reader is in. Both languages share
// heading ids, so the same #anchor exists on the other page.
// (Math is rendered by math.js, loaded only on pages with math.)
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.md-select__link[hreflang]");
  if (link && location.hash) {
    link.href = link.href.split("#")[0] + location.hash;
  }
});

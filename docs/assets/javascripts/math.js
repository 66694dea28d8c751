// Formulas are rendered when the site is built (engine/math.py): no script renders math.
// Loaded only on the pages with math (engine/lightpages.py, overrides/main.html): a
// formula wider than the screen scrolls in its own box (site.css); such a box takes
// keyboard focus, so it can be scrolled without a mouse. Each box is measured when the
// browser lays it out (a ResizeObserver), never by forcing a layout of the whole page.
const wide = new ResizeObserver((entries) => {
  for (const { target: box } of entries) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", document.documentElement.lang === "zh" ? "公式" : "Formula");
    } else if (box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
});
document$.subscribe(({ body }) => {
  wide.disconnect();
  for (const box of body.querySelectorAll(".katex-display")) wide.observe(box);
});

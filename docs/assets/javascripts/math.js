// Formulas are rendered when the site is built (engine/math.py): no script renders math.
// Loaded only on the pages with math (engine/lightpages.py, overrides/main.html): a
// formula wider than the screen scrolls in its own box (site.css); such a box takes
// keyboard focus, so it can be scrolled without a mouse.
document$.subscribe(({ body }) => {
  for (const box of body.querySelectorAll(".katex-display")) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", document.documentElement.lang === "zh" ? "公式" : "Formula");
    }
  }
});

// Math: render the arithmatex output (\( … \) and \[ … \]) with the vendored KaTeX,
// and the $ … $ / $$ … $$ math of notebook (lab) pages, which nbconvert leaves as is.
// Loaded, after KaTeX, only on the pages with math (engine/lightpages.py, overrides/main.html).
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  });
  for (const cell of body.querySelectorAll(".jupyter-wrapper .jp-MarkdownOutput")) {
    renderMathInElement(cell, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
      ],
      throwOnError: false,
    });
  }
  // A formula wider than the screen scrolls in its own box (site.css); such a box
  // takes keyboard focus, so it can be scrolled without a mouse.
  for (const box of body.querySelectorAll(".katex-display")) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", document.documentElement.lang === "zh" ? "公式" : "Formula");
    }
  }
});

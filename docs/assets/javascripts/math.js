// Math: render the arithmatex output (\( … \) and \[ … \]) with the vendored KaTeX,
// and the $ … $ / $$ … $$ math of notebook (lab) pages, which nbconvert leaves as is.
// Loaded, after KaTeX, only on the pages with math (hooks/weight.py, overrides/main.html).
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
});

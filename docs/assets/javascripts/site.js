// Math: render the arithmatex output (\( … \) and \[ … \]) with the vendored KaTeX,
// and the $ … $ / $$ … $$ math of notebook (lab) pages, which nbconvert leaves as is.
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

// Language selector: keep the section the reader is in. Both languages share
// heading ids, so the same #anchor exists on the other page.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.md-select__link[hreflang]");
  if (link && location.hash) {
    link.href = link.href.split("#")[0] + location.hash;
  }
});

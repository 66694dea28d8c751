"""Light pages: a page loads only what it uses (the build applies it to every page).

- KaTeX's stylesheet (and assets/javascripts/math.js, which lets a wide formula's box
  take keyboard focus) only on a page with formulas, rendered when the site was built
  (engine/math.py): no script renders math. Sets ``page.katex``; overrides/main.html
  adds the tags.
- Notebook pages: mkdocs-jupyter puts ~600 KB of ``<style>`` and ``<script>`` (all of
  JupyterLab's CSS, a Pygments style, MathJax and Mermaid loaders, a copy-button
  element) around every notebook it renders. They are dropped here, and the page loads
  the shared, cached assets/stylesheets/jupyter.css and assets/javascripts/jupyter.js
  instead (``page.jupyter``; overrides/main.html). Keyed on the rendered notebook
  container (``<div class="jupyter-wrapper">``), not on file names.
- Search: code and output blocks (every ``<pre>`` and its title: a snippet's path or
  "Output") and a notebook's prompts, copy texts and notices get
  ``data-search-exclude``; the theme's search plugin is shown each page without them
  and without its formulas (their MathML and TeX source would show in the results).
- Images load lazily (``loading="lazy"``): a phone fetches a figure when the reader
  scrolls near it.
- The search index is written as UTF-8 rather than ``\\uXXXX`` escapes (the theme's
  plugin escapes every non-ASCII character: 6 bytes for each Chinese character and for
  each zero-width space its segmentation adds). Same JSON, about 40% smaller for zh.
  (A page loads it only once the reader opens the search:
  overrides/partials/search-on-demand.html.)

Applied after every other change to a page (hooks/finish.py).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

NOTEBOOK = '<div class="jupyter-wrapper">'  # mkdocs-jupyter's container (templates/mkdocs_html)
NOTEBOOK_END = "<!-- jupyter-wrapper -->"
INLINE = re.compile(r"<style\b.*?</style>|<script\b.*?</script>|<!--.*?-->", re.S | re.I)
MATH = re.compile(r'<(span|div) class="(?:arithmatex|notebook-math)"[^>]*>')  # a formula, rendered (engine/math.py)
PRE = re.compile(r"<pre\b(?![^>]*data-search-exclude)")
LEAVES = re.compile(r'(<(?:span|div))( class="filename")')  # code block titles
NOTEBOOK_NOISE = re.compile(
    r'(<(?:div|span))( class="(?:clipboard-copy-txt|jp-InputPrompt|jp-OutputPrompt|notice)\b)')
EXCLUDE = ' data-search-exclude="code"'  # with a value: the search plugin strips it after indexing


def strip_notebook_inline(html: str) -> str:
    """Drop the <style>, <script> and comments mkdocs-jupyter puts around a notebook.

    Only outside the notebook container: an output inside it keeps its own markup.
    """
    start = html.find(NOTEBOOK)
    if start == -1:
        return html
    end = html.find(NOTEBOOK_END, start)
    end = len(html) if end == -1 else end + len(NOTEBOOK_END)
    before = INLINE.sub("", html[:start]).strip()
    return (before + "\n" if before else "") + html[start:end] + INLINE.sub("", html[end:]).rstrip() + "\n"


def has_math(html: str) -> bool:
    """Rendered formulas: the page needs KaTeX's stylesheet and fonts (no script)."""
    return 'class="katex' in html


def exclude_code_from_search(html: str, notebook: bool) -> str:
    html = PRE.sub("<pre" + EXCLUDE, html)
    html = LEAVES.sub(r"\1" + EXCLUDE + r"\2", html)
    if notebook:
        html = NOTEBOOK_NOISE.sub(r"\1" + EXCLUDE + r"\2", html)
        # a code cell wider than the page scrolls sideways: it takes keyboard focus
        html = html.replace('<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb')
    return html


IMG = re.compile(r"<img\b(?![^>]*\bloading=)(?![^>]*\bsrc=\"data:)")  # an image in the page itself needs no wait


def lazy_images(html: str) -> str:
    """Every image waits until the reader scrolls near it (a phone loads what it shows)."""
    return IMG.sub('<img loading="lazy" decoding="async"', html)


def prepare(html: str) -> tuple[str, bool, bool]:
    """(the page's HTML made light, whether it is a notebook page, whether it has math)."""
    notebook = NOTEBOOK in html
    if notebook:
        html = strip_notebook_inline(html)
    return lazy_images(exclude_code_from_search(html, notebook)), notebook, has_math(html)


# The theme's search plugin parses all of page.content and skips what is excluded; its
# parser's time goes mostly to the excluded code blocks' highlighting. It is shown the
# page without them (each holds no element of its own tag, see above), and the page
# itself is put back after it, with the data-search-* attributes dropped as it drops them.
EXCLUDED = re.compile(r'<(pre|span|div)\b[^>]*' + EXCLUDE + r'[^>]*>.*?</\1>', re.S)
SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")  # the plugin's own pattern


def without_math(content: str) -> str:
    """The page without its formulas (each a rendered formula's whole element, nested
    spans and all): their MathML and TeX source stay out of the search index."""
    out, pos = [], 0
    while m := MATH.search(content, pos):
        out.append(content[pos:m.start()])
        tag, depth, pos = re.compile(rf"<(/?){m.group(1)}\b[^>]*>"), 1, m.end()
        while depth and (t := tag.search(content, pos)):
            depth, pos = depth + (-1 if t.group(1) else 1), t.end()
    return "".join(out) + content[pos:]


def search_view(content: str) -> str:
    """What the theme's search plugin is shown of a page: without formulas and the
    excluded blocks."""
    return EXCLUDED.sub("", without_math(content))


def page_view(content: str) -> str:
    """The page itself after the search plugin ran: the data-search-* attributes dropped,
    as the plugin drops them."""
    return SEARCH_ATTRIBUTES.sub("", content)


def index_as_utf8(site_dir: Path) -> None:
    """The search index written as UTF-8 rather than \\uXXXX escapes."""
    index = Path(site_dir) / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

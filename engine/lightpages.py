"""Light pages: a page loads only what it uses (the build applies it to every page).

- KaTeX (its CSS, JS, auto-render and assets/javascripts/math.js) only on a page with
  math: arithmatex output, or ``$ … $`` in a notebook (lab) page. Sets ``page.katex``;
  overrides/main.html adds the tags.
- Notebook pages: mkdocs-jupyter puts ~600 KB of ``<style>`` and ``<script>`` (all of
  JupyterLab's CSS, a Pygments style, MathJax and Mermaid loaders, a copy-button
  element) around every notebook it renders. They are dropped here, and the page loads
  the shared, cached assets/stylesheets/jupyter.css and assets/javascripts/jupyter.js
  instead (``page.jupyter``; overrides/main.html). Keyed on the rendered notebook
  container (``<div class="jupyter-wrapper">``), not on file names.
- Search: code and output blocks (every ``<pre>`` and its title: a snippet's path or
  "Output"), formulas (their TeX source, in a notebook's prose too), and a notebook's prompts, copy texts and
  notices get ``data-search-exclude``, which the theme's search plugin honours (and
  then strips from the page). Only elements that hold no element of their own tag: the
  plugin's parser tracks an excluded element by its tag name, so a nested element of
  the same tag would end the exclusion early.
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
ARITHMATEX = re.compile(r'class="arithmatex"')
DOLLAR_MATH = re.compile(r"\$[^$\s][^$]*\$")  # what site math.js renders in notebook cells
PRE = re.compile(r"<pre\b(?![^>]*data-search-exclude)")
LEAVES = re.compile(r'(<(?:span|div))( class="(?:arithmatex|filename)")')  # formulas, code block titles
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


def has_math(html: str, notebook: bool) -> bool:
    return bool(ARITHMATEX.search(html) or (notebook and DOLLAR_MATH.search(html)))


NOTEBOOK_MATH = re.compile(r"\$\$.+?\$\$|\$[^$\s][^$]*\$", re.S)  # $ … $ in a notebook's prose
RAW = re.compile(r"(<(pre|code|script|style)\b.*?</\2>|<[^>]+>)", re.S)  # what math never sits in


def exclude_notebook_math(html: str) -> str:
    """A notebook's $ … $ math (rendered in the browser by math.js) out of the search
    index, like arithmatex formulas: its TeX source would show in the results."""
    start = html.find(NOTEBOOK)
    if start == -1:
        return html
    parts = RAW.split(html[start:])
    out = []
    for i, part in enumerate(parts):
        if i % 3 == 0:  # text between tags
            part = NOTEBOOK_MATH.sub(lambda m: f'<span{EXCLUDE} class="notebook-math">{m.group(0)}</span>', part)
        elif i % 3 == 2:
            continue  # the tag name captured by RAW's inner group
        out.append(part)
    return html[:start] + "".join(out)


def exclude_code_from_search(html: str, notebook: bool) -> str:
    html = PRE.sub("<pre" + EXCLUDE, html)
    html = LEAVES.sub(r"\1" + EXCLUDE + r"\2", html)
    if notebook:
        html = NOTEBOOK_NOISE.sub(r"\1" + EXCLUDE + r"\2", html)
        html = exclude_notebook_math(html)
        # a code cell wider than the page scrolls sideways: it takes keyboard focus
        html = html.replace('<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb')
    return html


def prepare(html: str) -> tuple[str, bool, bool]:
    """(the page's HTML made light, whether it is a notebook page, whether it has math)."""
    notebook = NOTEBOOK in html
    if notebook:
        html = strip_notebook_inline(html)
    return exclude_code_from_search(html, notebook), notebook, has_math(html, notebook)


# The theme's search plugin parses all of page.content and skips what is excluded; its
# parser's time goes mostly to the excluded code blocks' highlighting. It is shown the
# page without them (each holds no element of its own tag, see above), and the page
# itself is put back after it, with the data-search-* attributes dropped as it drops them.
EXCLUDED = re.compile(r'<(pre|span|div)\b[^>]*' + EXCLUDE + r'[^>]*>.*?</\1>', re.S)
SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")  # the plugin's own pattern


def search_view(content: str) -> str:
    """What the theme's search plugin is shown of a page: without the excluded blocks."""
    return EXCLUDED.sub("", content)


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

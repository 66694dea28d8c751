"""MkDocs hook, last: formulas rendered, the provenance line, Chinese line breaks, light
pages, the search index and KaTeX's fonts cut to the formulas' characters (engine/math.py,
engine/provenance.py, engine/cjk.py, engine/lightpages.py and engine/fonts.py do the work)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

from engine import cjk, fonts, lightpages, math, provenance, words

_katex: dict[str, math.Katex] = {}  # one per build: its Node process and cache


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_page_content(html, page, config, files):
    root = _root(config)
    katex = _katex.get("build") or _katex.setdefault("build", math.Katex(root, config.theme["language"]))
    try:
        html = math.render_page(html, katex)
        _render_toc(page.toc, katex)
    except math.MathError as exc:
        text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        where = Path(page.file.abs_src_path).resolve().relative_to(root).as_posix()
        raise PluginError(f"{where}:{math.source_line(text, exc.tex)}: a formula does not parse: "
                          f"{exc.message}\n  {exc.tex}") from None
    versions = files.get_file_from_path("versions.md")
    html += provenance.line(root, words.table(root, config.theme["language"]), getattr(page, "snippets_shown", []),
                            get_relative_url(versions.url, page.url) if versions else None,
                            lab=getattr(page.file, "lab_notebook", None) is not None)
    html, page.jupyter, page.katex = lightpages.prepare(cjk.join_cjk_lines(html))
    return html


def _render_toc(items, katex) -> None:
    """The table of contents shows a heading's formulas rendered too."""
    for item in items:
        item.title = math.render_title(item.title, katex)
        _render_toc(item.children, katex)


@event_priority(50)  # before the search plugin (0): it is shown the page without what it skips
def _search_view(context, page, config, nav):
    page.shown_content, page.content = page.content, lightpages.search_view(page.content)
    return context


@event_priority(-50)  # after it: the page itself, put back
def _page_view(context, page, config, nav):
    page.content = lightpages.page_view(page.shown_content)
    del page.shown_content
    return context


on_page_context = CombinedEvent(_search_view, _page_view)


def on_post_build(config):
    chars = set()
    if "build" in _katex:
        katex = _katex.pop("build")
        katex.close()
        chars = katex.chars
    fonts.subset_site(Path(config.site_dir), chars, _root(config) / ".cache" / "fonts")
    lightpages.index_as_utf8(Path(config.site_dir))

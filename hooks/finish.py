"""MkDocs hook, last: the provenance line, Chinese line breaks, light pages and the
search index (engine/provenance.py, engine/cjk.py and engine/lightpages.py do the work)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

from engine import cjk, lightpages, provenance, words


def on_page_content(html, page, config, files):
    root = Path(config.config_file_path).resolve().parent
    versions = files.get_file_from_path("versions.md")
    html += provenance.line(root, words.table(root, config.theme["language"]), getattr(page, "snippets_shown", []),
                            get_relative_url(versions.url, page.url) if versions else None,
                            lab=getattr(page.file, "lab_notebook", None) is not None)
    html, page.jupyter, page.katex = lightpages.prepare(cjk.join_cjk_lines(html))
    return html


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
    lightpages.index_as_utf8(Path(config.site_dir))

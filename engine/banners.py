"""The banner under a translated page's title: untranslated (shown in the source
language) or stale (its source changed since it was stamped), in the reader's words."""
from __future__ import annotations

import html
from pathlib import Path

from . import translation
from .languages import languages, to_root


def banner(kind: str, title: str, body: str) -> str:
    return (f'<div class="admonition warning i18n-banner" data-i18n="{kind}">'
            f'<p class="admonition-title">{html.escape(title)}</p><p>{body}</p></div>\n')


def banner_for(root: Path, lang: str, page_uri: str, page_url: str, status_url: str | None, words: dict) -> str:
    """The banner under a page's title: untranslated (shown in the source language) or
    stale (its source changed since it was stamped); '' for an up-to-date page."""
    langs = languages(root)
    here, source = next(l for l in langs if l.code == lang), langs[0]
    if lang == source.code:
        return ""
    link = lambda href, label: f'<a href="{html.escape(href)}">{html.escape(label)}</a>'
    if not (root / "docs" / lang / page_uri).exists():
        to_status = link(status_url, words["status_link"]) if status_url else html.escape(words["status_link"])
        return banner("fallback", words["fallback_title"], html.escape(words["fallback_body"]).format(
            name=html.escape(here.name), source_name=html.escape(source.name), link=to_status))
    if translation.page_status(root, lang, page_uri, source.code).state == translation.UP_TO_DATE:
        return ""
    original = link((to_root(page_url, here) + source.dir + page_url) or "./",
                    words["stale_link"].format(source_name=source.name))
    return banner("stale", words["stale_title"], html.escape(words["stale_body"]).format(
        source_name=html.escape(source.name), link=original))


def with_banner(content: str, banner_html: str) -> str:
    """The banner right under the page's title."""
    if not banner_html:
        return content
    end = content.find("</h1>")
    at = end + len("</h1>") if end != -1 else 0
    return content[:at] + "\n" + banner_html + content[at:]

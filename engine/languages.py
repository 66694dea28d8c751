"""The site's languages: the one list, read from ``extra.i18n.languages`` in mkdocs.yml,
and what each language's build needs from it.

The first language is the SOURCE (served at the site root); every other one translates
it, lives in ``<code>/`` and is built from ``mkdocs.<code>.yml``. A language marked
``partial: true`` (``make new-language``) may lack pages: its build shows the source's
page instead, with a banner.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from .page import pages

CONFIG = "mkdocs.yml"
STATUS_PAGE = "translations.md"  # the translation-status page


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name, ...)."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    return parse_config(Path(path).read_text(encoding="utf-8"))


def parse_config(text: str) -> dict:
    return yaml.load(text, Loader=_Loader) or {}


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str  # "" for the source, "<code>/" for the others
    partial: bool = False


def languages(root: Path) -> list[Language]:
    """Every language of the site, the source first."""
    return list(_languages((root / CONFIG).read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=8)
def _languages(config_text: str) -> tuple[Language, ...]:
    # A build asks about a hundred times (every hook of every page): YAML is parsed once
    # per text of mkdocs.yml, so an edited file is read again.
    entries = parse_config(config_text)["extra"]["i18n"]["languages"]
    return tuple(Language(e["code"], e.get("name", e["code"]), e.get("dir", ""), bool(e.get("partial")))
                 for e in entries)


def layout_problems(langs: list[Language]) -> list[str]:
    """The source at the root, every other language in <code>/ (the build relies on it)."""
    return [f'{CONFIG}: language {lang.code!r} must have dir: "{"" if i == 0 else lang.code + "/"}"'
            for i, lang in enumerate(langs) if lang.dir != ("" if i == 0 else f"{lang.code}/")]


def shown_pages(root: Path, lang: str) -> list[Path]:
    """The pages a language's build shows (relative to docs/<lang>/): its own, and for a
    partial language the source's pages it does not have yet."""
    langs = languages(root)
    own = pages(root / "docs", lang)
    here = next((l for l in langs if l.code == lang), None)
    if here is None or not here.partial:
        return own
    return sorted(set(own) | set(pages(root / "docs", langs[0].code)))


def twin_problems(root: Path, lang: str) -> list[str]:
    """Every page of a language exists in every other language (a partial language may
    lack some); a page of another language has its twin here."""
    langs = languages(root)
    here = next(l for l in langs if l.code == lang)
    mine, problems = set(pages(root / "docs", lang)), []
    for other in (l for l in langs if l.code != lang):
        theirs = set(pages(root / "docs", other.code))
        if not other.partial:
            problems += [f"docs/{lang}/{p.as_posix()} has no twin docs/{other.code}/{p.as_posix()}"
                         for p in sorted(mine - theirs)]
        problems += [f"docs/{other.code}/{p.as_posix()} has no twin docs/{lang}/{p.as_posix()}"
                     for p in sorted(theirs - mine)
                     if not (here.partial and (root / "docs" / langs[0].code / p).exists())]
    return problems


def fallback_pages(root: Path, lang: str) -> list[Path]:
    """The source's pages a partial language shows in the source language."""
    return [p for p in shown_pages(root, lang) if not (root / "docs" / lang / p).exists()]


def to_root(page_url: str, lang: Language) -> str:
    """From a page up to the site root: its depth in its build, then the language's folder."""
    return "../" * page_url.count("/") + "../" * lang.dir.count("/")


def links(root: Path, lang: str, page_url: str, site_url: str) -> list[dict]:
    """The language selector of a page: the same page in every language, relative to it
    (and absolute, for the <link rel="alternate" hreflang> tags, when the site has a URL)."""
    langs = languages(root)
    here = next(l for l in langs if l.code == lang)
    up = to_root(page_url, here)
    base = site_url[: len(site_url) - len(here.dir)] if here.dir and site_url.endswith(here.dir) else site_url
    return [{"name": l.name, "lang": l.code, "href": (up + l.dir + page_url) or "./",
             "absolute": base + l.dir + page_url if base else None} for l in langs]

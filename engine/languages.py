"""The site's languages: the one list, read from ``extra.i18n.languages`` in mkdocs.yml.

The first language is the SOURCE (served at the site root); every other one translates
it and lives in ``<code>/``. A language marked ``partial: true`` (``make new-language``)
may lack pages: its build shows the source's page instead, with a banner.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .page import pages

CONFIG = "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name, ...)."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader) or {}


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str  # "" for the source, "<code>/" for the others
    partial: bool = False


def languages(root: Path) -> list[Language]:
    """Every language of the site, the source first."""
    entries = read_config(root / CONFIG)["extra"]["i18n"]["languages"]
    return [Language(e["code"], e.get("name", e["code"]), e.get("dir", ""), bool(e.get("partial")))
            for e in entries]


def shown_pages(root: Path, lang: str) -> list[Path]:
    """The pages a language's build shows (relative to docs/<lang>/): its own, and for a
    partial language the source's pages it does not have yet."""
    langs = languages(root)
    own = pages(root / "docs", lang)
    here = next((l for l in langs if l.code == lang), None)
    if here is None or not here.partial:
        return own
    return sorted(set(own) | set(pages(root / "docs", langs[0].code)))

"""The words the site shows readers outside the pages: one table per language,
``docs/words/<code>.yml`` (banners, the status page, page actions, the provenance line,
drift notes, output titles, nav sections, a notebook's first cell). A key a language's
table lacks is taken from the English one, so a new language builds before it is
translated; nothing here is Python to edit."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

FOLDER = Path("docs") / "words"
FALLBACK = "en"


@cache
def _table(path: Path, mtime: float) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.exists() else {}


def table(root: Path, lang: str) -> dict:
    """The words of a language, completed from English."""
    def read(code: str) -> dict:
        path = (root / FOLDER / f"{code}.yml").resolve()
        return _table(path, path.stat().st_mtime if path.exists() else 0.0)

    merged = dict(read(FALLBACK))
    for key, value in read(lang).items():
        merged[key] = {**merged.get(key, {}), **value} if isinstance(value, dict) else value
    return merged


def join(items: list[str], words: dict) -> str:
    """a, b and c in the reader's words."""
    if len(items) < 2:
        return "".join(items)
    return words["list_sep"].join(items[:-1]) + words["list_and"] + items[-1]

"""What a documentation page includes: snippets, outputs, heading ids, in order.

Pages live in ``docs/<lang>/``; every language has the same pages. Code and outputs
are included with pymdownx.snippets' single-line form ``--8<-- "path"``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

INCLUDE = re.compile(r'^\s*(?:[-*]\s+|>\s*)?--8<--\s+"([^"]+)"\s*$')
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
HEADING_ID = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```+|~~~+)")


@dataclass
class Page:
    path: Path
    includes: list[str]  # included file paths, in order (section suffixes removed)
    heading_ids: list[tuple[int, str | None, str]]  # (level, explicit id or None, line text)


def languages(docs: Path) -> list[str]:
    return sorted(p.name for p in docs.iterdir() if p.is_dir() and p.name != "assets")


def pages(docs: Path, lang: str) -> list[Path]:
    base = docs / lang
    return sorted(p.relative_to(base) for p in base.rglob("*.md"))


def parse(path: Path) -> Page:
    includes, headings = [], []
    in_fence = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = INCLUDE.match(line)
        if m:
            includes.append(m.group(1).split(":")[0])
            continue
        fence = FENCE.match(line)
        if fence:
            marker = fence.group(1)
            if in_fence is None:
                in_fence = marker
            elif marker.startswith(in_fence):
                in_fence = None
            continue
        if in_fence:
            continue
        h = HEADING.match(line)
        if h:
            hid = HEADING_ID.search(h.group(2))
            headings.append((len(h.group(1)), hid.group(1) if hid else None, line))
    return Page(path, includes, headings)


def pages_including(root: Path, snippet: str) -> list[str]:
    """Pages (relative to root) that include the given file, in every language."""
    docs = root / "docs"
    if not docs.is_dir():
        return []
    found = []
    for lang in languages(docs):
        for page in pages(docs, lang):
            if snippet in parse(docs / lang / page).includes:
                found.append((Path("docs") / lang / page).as_posix())
    return found

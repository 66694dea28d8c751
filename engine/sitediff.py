"""Two builds of the site, compared as a reader sees them: ``python -m engine sitediff A B``.

What counts: the text of every page (what a browser shows: no markup, no scripts or
styles, whitespace collapsed), every language's search index (as data) and every
notebook (its cells: sources and outputs). Pages, indexes and notebooks that only one
build has are listed too. A restructuring of the tooling or a change of generator
must leave all of them alone, or explain each difference.
"""
from __future__ import annotations

import difflib
import json
import re
from html.parser import HTMLParser
from pathlib import Path


class _Text(HTMLParser):
    SKIP = {"script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def _notebook(text: str) -> list:
    nb = json.loads(text)
    join = lambda v: "".join(v) if isinstance(v, list) else v
    return [(c["cell_type"], join(c["source"]), json.dumps(c.get("outputs", []), sort_keys=True))
            for c in nb.get("cells", [])]


def _index(text: str) -> list:
    return json.loads(text).get("docs", [])


KINDS = {".html": page_text, ".ipynb": _notebook, ".json": _index}


def _files(site: Path) -> dict[str, Path]:
    found = {}
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if path.suffix in (".html", ".ipynb") or rel.endswith("search/search_index.json"):
            found[rel] = path
    return found


def _first_difference(a, b) -> str:
    if isinstance(a, str):
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return f"at character {at}: {a[max(0, at - 40):at + 60]!r} vs {b[max(0, at - 40):at + 60]!r}"
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            diff = difflib.unified_diff(json.dumps(x, ensure_ascii=False, indent=0).splitlines(),
                                        json.dumps(y, ensure_ascii=False, indent=0).splitlines(), lineterm="", n=0)
            return f"item {i + 1}: " + " | ".join(list(diff)[2:8])
    return f"{len(a)} items vs {len(b)}"


def differences(a: Path, b: Path) -> list[str]:
    """One line per file whose reader-visible content differs between builds a and b."""
    fa, fb = _files(a), _files(b)
    out = [f"only in {a}: {rel}" for rel in sorted(set(fa) - set(fb))]
    out += [f"only in {b}: {rel}" for rel in sorted(set(fb) - set(fa))]
    for rel in sorted(set(fa) & set(fb)):
        read = KINDS[Path(rel).suffix]
        x, y = read(fa[rel].read_text(encoding="utf-8")), read(fb[rel].read_text(encoding="utf-8"))
        if x != y:
            out.append(f"{rel}: {_first_difference(x, y)}")
    return out


def summary(a: Path, b: Path) -> tuple[int, list[str]]:
    """(files compared, differences)."""
    return len(set(_files(a)) | set(_files(b))), differences(a, b)

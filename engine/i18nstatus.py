"""Translation status: which translated pages are up to date, stale or missing.

    python -m engine i18n-status                   # a table per language (make i18n-status)
    python -m engine i18n-status --check           # exit 1 if a complete language is not up to date
    python -m engine i18n-status --stamp en/autograd/basics.md [more ...]   (make i18n-stamp PAGE=...)

--stamp records, in the front matter of each translated page, the source page and
the hash of its current text and included files: run it after translating or
re-checking a page. A folder (e.g. `en` or `en/autograd`) stamps every page in it.
The data and the rules live in engine/translation.py, shared with the build.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import translation

ROOT = Path(__file__).resolve().parents[1]


def _targets(root: Path, names: list[str]) -> list[str]:
    found = []
    for name in names:
        rel = name.removeprefix("docs/").strip("/")
        path = root / "docs" / rel
        if path.is_dir():
            found += sorted(p.relative_to(root / "docs").as_posix() for p in path.rglob("*.md"))
        else:
            found.append(rel)
    return found


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine i18n-status", description=__doc__.split("\n")[0])
    parser.add_argument("--stamp", nargs="+", metavar="PAGE",
                        help="translated page(s) relative to docs/, e.g. en/autograd/basics.md")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a page of a complete language is stale or missing")
    args = parser.parse_args(argv)
    if args.stamp:
        for target in _targets(root, args.stamp):
            try:
                digest = translation.stamp(root, target)
            except (ValueError, FileNotFoundError) as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
            print(f"stamped docs/{target}: translated from its source at {digest}")
        return 0
    statuses = translation.status(root)
    print(translation.status_table(statuses), end="")
    bad = [ls for ls in statuses if not ls.partial and ls.count(translation.UP_TO_DATE) < len(ls.pages)]
    if args.check and bad:
        print("not up to date: " + ", ".join(ls.code for ls in bad), file=sys.stderr)
        return 1
    return 0


"""The project's command line: ``python -m engine <command>`` (the Makefile calls it).

    python -m engine notebooks SITE   run every notebook of a built site as a reader does
    python -m engine sitediff A B     compare two builds as a reader sees them (text, search, notebooks)
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def notebooks(args) -> int:
    from . import kernel

    started = time.perf_counter()
    results = kernel.check_site(Path(args.site).resolve(), ROOT, args.jobs)
    failed = [r for r in results if r.problems]
    cells = sum(r.code_cells for r in results)
    print(f"{len(results) - len(failed)} of {len(results)} notebooks ran to the end and printed what their "
          f"pages show ({sum(r.with_outputs for r in results)} of {cells} code cells carry outputs) "
          f"in {time.perf_counter() - started:.0f} s")
    return 1 if failed or not results else 0


def sitediff(args) -> int:
    from . import sitediff as diff

    compared, found = diff.summary(Path(args.a), Path(args.b))
    for line in found:
        print(line)
    print(f"{compared} pages, search indexes and notebooks compared: "
          + ("the same text in both builds" if not found else f"{len(found)} differ"))
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    nb = commands.add_parser("notebooks", help="run every notebook of a built site in a fresh kernel, "
                                               "in an empty folder, and compare it with its page")
    nb.add_argument("site", help="a built site (make site builds site/)")
    nb.add_argument("--jobs", type=int, default=None, help="notebooks at a time (default: one per core)")
    nb.set_defaults(run=notebooks)
    sd = commands.add_parser("sitediff", help="compare two built sites as a reader sees them")
    sd.add_argument("a")
    sd.add_argument("b")
    sd.set_defaults(run=sitediff)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

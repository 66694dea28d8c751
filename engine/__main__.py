"""The project's command line, behind every Makefile target: ``python -m engine <command>``.

    build [--out site] [--generator properdocs|mkdocs]   every language, strict (make test builds it)
    labs                                                  execute the labs whose code changed
    notebooks SITE                                        run every notebook of a built site as a reader does
    sitediff A B                                          compare two builds as a reader sees them
    i18n-status [--check] [--stamp PAGE ...]              translation status; stamp translated pages
    new-language CODE [--name NAME]                       add a partly translated language
    drift TORCH [--check]                                 run everything on a newer PyTorch, record what differs
    portable [pytest args]                                the snippets on every CPU kernel level and all cores
    bench                                                 measure the test run, the build and the pages
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORWARDED = {  # commands with arguments of their own: module and its main(argv)
    "i18n-status": "i18nstatus", "new-language": "newlanguage", "drift": "driftrun",
    "portable": "portable", "bench": "bench"}


def build(args) -> int:
    from . import build as builder

    return builder.build(ROOT, Path(args.out), args.quiet, args.generator)


def labs(args) -> int:
    from . import labs as lab

    for code in lab.ensure_executed(ROOT, args.jobs):
        print(f"executed {code.relative_to(ROOT)}")
    return 0


def notebooks(args) -> int:
    from . import kernel

    started = time.perf_counter()
    results = kernel.check_site(Path(args.site).resolve(), ROOT, args.jobs)
    failed = [r for r in results if r.problems]
    print(f"{len(results) - len(failed)} of {len(results)} notebooks ran to the end and printed what their "
          f"pages show ({sum(r.with_outputs for r in results)} of {sum(r.code_cells for r in results)} code "
          f"cells carry outputs) in {time.perf_counter() - started:.0f} s")
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
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in FORWARDED:
        import importlib

        return importlib.import_module(f"engine.{FORWARDED[argv[0]]}").main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m engine", description=__doc__.split("\n")[0],
                                     epilog=f"also: {', '.join(FORWARDED)} (each with --help)")
    commands = parser.add_subparsers(dest="command", required=True)
    from .build import add_arguments

    add_arguments(sub := commands.add_parser("build", help="build every language of the site, strictly"))
    sub.set_defaults(run=build)
    sub = commands.add_parser("labs", help="execute the labs whose code changed")
    sub.add_argument("--jobs", type=int, default=None, help="labs at a time (default: one per core)")
    sub.set_defaults(run=labs)
    sub = commands.add_parser("notebooks", help="run every notebook of a built site in a fresh kernel, "
                                                "in an empty folder, and compare it with its page")
    sub.add_argument("site", help="a built site (make test builds site/)")
    sub.add_argument("--jobs", type=int, default=None, help="notebooks at a time (default: one per core)")
    sub.set_defaults(run=notebooks)
    sub = commands.add_parser("sitediff", help="compare two built sites as a reader sees them")
    sub.add_argument("a")
    sub.add_argument("b")
    sub.set_defaults(run=sitediff)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

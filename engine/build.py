"""Build every language of the site into one folder, with `properdocs build --strict`.

    python -m engine build [--out site] [--generator properdocs|mkdocs]

ProperDocs is the maintained continuation of MkDocs 1.x (same config, hooks and
plugins; mkdocs-material runs on it); `--generator mkdocs` builds with MkDocs 1.6.1,
the last MkDocs 1.x, for comparison (`make bench` compares the two builds' text).

mkdocs.yml is the default language, built at the root of the output; each
mkdocs.<code>.yml is built under <code>/. The builds run in parallel, each into its
own folder, and are assembled only when all succeed, so a failed build never leaves
a half-updated site behind. Exit status: 0 when every build passed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import labs
from .languages import languages
from .notebook import figures_drawn

ROOT = Path(__file__).resolve().parents[1]


def configs(root: Path = ROOT) -> list[tuple[str, Path]]:
    """(subfolder, config file) for every language, the source first (engine/languages.py)."""
    langs = languages(root)
    return [("", root / "mkdocs.yml")] + [(l.code, root / f"mkdocs.{l.code}.yml") for l in langs[1:]]


def draw_missing_figures(root: Path) -> None:
    """Run the snippets that draw a figure the build needs and that is not there yet.

    In `make test` and `make site` the snippets have just run and drawn them all, so
    this does nothing; it makes a bare `python -m engine build` work too.
    """
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
    for snippet in sorted((root / "snippets").rglob("*.py")):
        targets = figures_drawn(snippet.read_text(encoding="utf-8"))
        if targets and not all((root / t).exists() for t in targets):
            print(f"drawing {', '.join(targets)} with {snippet.relative_to(root)}")
            subprocess.run([sys.executable, str(snippet.relative_to(root))], cwd=root, env=env,
                           check=True, stdout=subprocess.DEVNULL)


def run_missing_labs(root: Path) -> None:
    """Execute the labs whose executed cells are missing or stale, once for every language.

    After `make test` there is nothing to do: the lab tests executed them.
    """
    for code in labs.ensure_executed(root):
        print(f"executed {code.relative_to(root)} (no test run had executed it yet)")


GENERATORS = ("properdocs", "mkdocs")


def build(root: Path, out: Path, quiet: bool = False, generator: str = GENERATORS[0]) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    # Never pass --quiet: it drops warnings before --strict can count them.
    mkdocs = [sys.executable, "-m", generator, "build", "--strict"]
    draw_missing_figures(root)
    run_missing_labs(root)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=out.parent))
    started = time.perf_counter()

    def one(item):
        sub, cfg = item
        dest = work / (sub or "_root")
        proc = subprocess.run(mkdocs + ["-f", str(cfg), "-d", str(dest)], cwd=root, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return sub, cfg, proc

    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            results = list(pool.map(one, configs(root)))
        failed = False
        for _, cfg, proc in results:
            if proc.returncode != 0 or not quiet:
                sys.stdout.write(f"--- {cfg.name} ---\n{proc.stdout}")
            if proc.returncode != 0:
                failed = True
                print(f"FAILED: {generator} build --strict -f {cfg.name} (exit {proc.returncode})")
        if failed:
            return 1
        if out.exists():
            shutil.rmtree(out)
        (work / "_root").rename(out)
        for sub, _, _ in results:
            if sub:
                (work / sub).rename(out / sub)
        print(f"built {len(results)} languages into {out} in {time.perf_counter() - started:.1f} s")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def add_arguments(parser) -> None:
    parser.add_argument("--out", default="site", help="output folder (default: site)")
    parser.add_argument("--quiet", action="store_true", help="print the generator's output only on failure")
    parser.add_argument("--generator", choices=GENERATORS, default=GENERATORS[0],
                        help="properdocs (default) or mkdocs (MkDocs 1.6.1, for comparison)")

"""`make drift TORCH=<version> [CHECK=1]`: everything on a newer PyTorch, what differs recorded.

1. Creates (or reuses) ``.venv-torch-<version>``: requirements.txt with only the torch pin
   replaced, installed with ``-c constraints.txt``; a package that moves fails it.
2. In that venv, side by side: every snippet (``pytest snippets --drift=write|check``,
   tests/plugin/drift.py writes or checks the records and the summary), and every lab,
   executed into ``build/drift/torch-<version>/labs`` with the tests of its claims.
3. Then, on the records just written: every chapter notebook, run as a reader runs it
   (engine/kernel.py) and compared with what its page shows on that release, and the
   prose-number check (the prose may state a number a record prints).

The report goes to ``test-artifacts/drift/``; figures the snippets draw are put back
afterwards (the site shows the pinned torch's).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION = re.compile(r"^\d+\.\d+(?:\.\d+)?(?:(?:a|b|rc|\.post|\.dev)\d+)*$")
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)$", re.M)


def pins(text: str) -> dict[str, str]:
    return {re.sub(r"[-_.]+", "-", m.group(1)).lower(): m.group(2) for m in PIN.finditer(text)}


def ensure_venv(version: str, python: str) -> tuple[Path, float | None]:
    """The venv's python, and the install time in seconds (None when reused)."""
    venv = ROOT / f".venv-torch-{version}"
    req = re.sub(r"^torch\s*==\s*\S+\s*$", f"torch=={version}", (ROOT / "requirements.txt").read_text(), flags=re.M)
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    stamp = venv / f".installed-{hashlib.sha256((req + constraints).encode()).hexdigest()[:16]}"
    py = venv / "bin" / "python"
    if stamp.exists() and py.exists():
        print(f"[1/3] {venv.name}: in place, reused", flush=True)
        return py, None
    print(f"[1/3] {venv.name}: installing requirements.txt with torch=={version} (a CUDA build: several GB)",
          flush=True)
    started = time.perf_counter()
    if not py.exists():
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
    (venv / "requirements.txt").write_text(req, encoding="utf-8")
    if subprocess.run([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r",
                       str(venv / "requirements.txt"), "-c", str(ROOT / "constraints.txt")]).returncode:
        raise SystemExit(f"make drift: pip could not install torch=={version} with the other pins unchanged")
    have = pins(subprocess.run([str(py), "-m", "pip", "freeze"], capture_output=True, text=True, check=True).stdout)
    moved = [f"{n} {v} -> {have.get(n, 'missing')}" for n, v in pins(constraints + req).items()
             if n != "torch" and have.get(n) != v]
    if moved:
        raise SystemExit("make drift: installing torch moved other packages:\n  " + "\n  ".join(moved))
    for old in venv.glob(".installed-*"):
        old.unlink()
    stamp.touch()
    return py, time.perf_counter() - started


# A deprecation warning a newer torch prints once per process, from its own modules, the
# first time a cell uses them (2.14.1 and 2.15.0: forward mode's decompositions call the
# deprecated torch.jit.script). It belongs to no snippet: the harness imports those
# modules quietly at start-up (engine/run.py: warm_up), so the records do not hold it.
ONCE_PER_PROCESS = re.compile(r"^(FutureWarning|DeprecationWarning): `torch\.jit\.script` is deprecated")


def after_snippets(root: Path = ROOT) -> int:
    """Step 3, in the newer torch's venv: the chapter notebooks and the prose numbers."""
    import torch

    from . import drift, kernel, notebook, numbers
    from .languages import languages
    from .page import Page, pages
    from .words import table

    release, source = drift.release_of(torch.__version__), languages(root)[0].code

    def printed(snippet: str) -> str:  # what the page shows on this release: its record, or the output
        record = drift.record_path(root / snippet, release)
        return (record if record.exists() else (root / snippet).with_suffix(".out")).read_text(encoding="utf-8")

    problems = []
    for page in pages(root / "docs", source):
        parsed = Page.read(root / "docs" / source / page)
        if not parsed.snippets:
            continue
        shown = notebook.for_page(parsed, root, source, table(root, source), notebook.Provenance(release), printed)
        try:
            problems += notebook.notebook_problems(kernel.run_as_reader(shown), shown, kernel.tolerance(root),
                                                   page.as_posix(), ONCE_PER_PROCESS)
        except kernel.StoppedAt as exc:
            problems.append(f"{page.as_posix()}: {exc}")
    problems += numbers.check(root)
    print("\n".join(problems) or f"chapter notebooks and prose numbers on torch {release}: as the pages show",
          flush=True)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make drift", description=__doc__.split("\n\n")[0])
    parser.add_argument("torch", metavar="TORCH", help="a torch release pip can install, e.g. 2.15.0")
    parser.add_argument("--check", action="store_true", help="write nothing under snippets/; fail on an unrecorded difference")
    parser.add_argument("--python", default=sys.executable, help="the Python that creates the venv")
    parser.add_argument("--after-snippets", action="store_true", help=argparse.SUPPRESS)  # step 3, in the venv
    args, pytest_args = parser.parse_known_args(argv)
    if args.after_snippets:
        return after_snippets()
    if not VERSION.match(args.torch):
        parser.error(f"TORCH={args.torch!r} is not a release number such as 2.15.0")
    started = time.perf_counter()
    py, install = ensure_venv(args.torch, args.python)
    report = ROOT / "test-artifacts" / "drift"
    report.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "LABS_DIR": f"build/drift/torch-{args.torch}/labs"}
    figures, backup = ROOT / "build" / "figures", Path(tempfile.mkdtemp(prefix="drift-figures-"))
    if figures.exists():
        shutil.copytree(figures, backup / "figures")
    print(f"[2/3] torch {args.torch}: every snippet, and beside it every lab (log: test-artifacts/drift/labs.log)",
          flush=True)
    try:
        with open(report / "labs.log", "w", encoding="utf-8") as log:
            labs = subprocess.Popen(f"{py} -m engine labs && {py} -m pytest -q -p no:cacheprovider "
                                    f"tests/content/test_labs.py", shell=True, cwd=ROOT, env=env, stdout=log,
                                    stderr=subprocess.STDOUT)
            code = subprocess.run([str(py), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                   f"--drift={'check' if args.check else 'write'}", *(pytest_args or ["snippets"])],
                                  cwd=ROOT, env=env).returncode
            labs_code = labs.wait()
        print(f"      labs on torch {args.torch}: " + ("as the pages say" if labs_code == 0 else
              "FAILED:\n" + (report / "labs.log").read_text(encoding="utf-8")[-6000:]), flush=True)
        print(f"[3/3] torch {args.torch}: every chapter notebook in a kernel, and the prose numbers", flush=True)
        after = subprocess.run([str(py), "-m", "engine", "drift", args.torch, "--after-snippets"], cwd=ROOT, env=env)
        code = code or labs_code or after.returncode
    finally:
        shutil.rmtree(figures, ignore_errors=True)
        if (backup / "figures").exists():
            shutil.copytree(backup / "figures", figures)
        shutil.rmtree(backup, ignore_errors=True)
    print(f"make drift TORCH={args.torch}: {time.perf_counter() - started:.0f} s"
          + (f" (of which {install:.0f} s installing the venv)" if install else "")
          + ("" if code == 0 else " -- FAILED: see above"), flush=True)
    return code

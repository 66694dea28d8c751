"""`make drift TORCH=<version> [CHECK=1]`: everything on a newer PyTorch, what differs recorded.

In ``.venv-torch-<version>`` (requirements.txt with only the torch pin changed; a package that
moves fails it): the snippets with ``--drift=write|check`` (tests/plugin/drift.py) and beside them
the labs (into ``build/drift/torch-<version>/labs``), then, on the records just written, the
chapter notebooks as a reader runs them (engine/kernel.py) and the prose numbers."""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION = re.compile(r"^\d+\.\d+(?:\.\d+)?(?:(?:a|b|rc|\.post|\.dev)\d+)*$")
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)$", re.M)
# Printed once per process by 2.14.1 and 2.15.0 (forward mode's decompositions call torch.jit.script):
# the harness imports those modules quietly at start-up (engine/run.py: warm_up), so no record holds it.
ONCE_PER_PROCESS = re.compile(r"^(FutureWarning|DeprecationWarning): `torch\.jit\.script` is deprecated")


def ensure_venv(version: str) -> tuple[Path, float | None]:
    """The venv's python, and the install time in seconds (None when reused)."""
    venv, started = ROOT / f".venv-torch-{version}", time.perf_counter()
    req = re.sub(r"^torch\s*==\s*\S+\s*$", f"torch=={version}", (ROOT / "requirements.txt").read_text(), flags=re.M)
    constraints, py = (ROOT / "constraints.txt").read_text(encoding="utf-8"), venv / "bin" / "python"
    stamp = venv / f".installed-{hashlib.sha256((req + constraints).encode()).hexdigest()[:16]}"
    if stamp.exists() and py.exists():
        print(f"[1/3] {venv.name}: in place, reused")
        return py, None
    print(f"[1/3] {venv.name}: installing requirements.txt with torch=={version} (a CUDA build: several GB)")
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    (venv / "requirements.txt").write_text(req, encoding="utf-8")
    if subprocess.run([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r",
                       str(venv / "requirements.txt"), "-c", str(ROOT / "constraints.txt")]).returncode:
        raise SystemExit(f"make drift: pip could not install torch=={version} with the other pins unchanged")
    pins = lambda text: {re.sub(r"[-_.]+", "-", m[1]).lower(): m[2] for m in PIN.finditer(text)}
    have = pins(subprocess.run([str(py), "-m", "pip", "freeze"], capture_output=True, text=True, check=True).stdout)
    moved = [f"{n} {v} -> {have.get(n, 'missing')}" for n, v in pins(constraints + req).items()
             if n != "torch" and have.get(n) != v]
    if moved:
        raise SystemExit("make drift: installing torch moved other packages:\n  " + "\n  ".join(moved))
    for old in venv.glob(".installed-*"):
        old.unlink()
    stamp.touch()
    return py, time.perf_counter() - started


def after_snippets(root: Path = ROOT) -> int:
    """Step 3, in the newer torch's venv: the chapter notebooks and the prose numbers."""
    import torch  # these imports need the venv: make drift itself starts from any Python 3.11

    from . import drift, kernel, notebook, numbers
    from .languages import languages
    from .page import Page, pages
    from .words import table

    release, source, problems = drift.release_of(torch.__version__), languages(root)[0].code, []
    def printed(snippet: str) -> str:  # what the page shows on this release: its record, or the output
        record = drift.record_path(root / snippet, release)
        return (record if record.exists() else (root / snippet).with_suffix(".out")).read_text(encoding="utf-8")
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
    print("\n".join(problems) or f"chapter notebooks and prose numbers on torch {release}: as the pages show")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make drift", description=__doc__.split("\n\n")[0])
    parser.add_argument("torch", metavar="TORCH", help="a torch release pip can install, e.g. 2.15.0")
    parser.add_argument("--check", action="store_true", help="write nothing under snippets/; fail on a new difference")
    parser.add_argument("--after-snippets", action="store_true", help=argparse.SUPPRESS)  # step 3, in the venv
    args, pytest_args = parser.parse_known_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # each line out before the subprocesses' that follow
    if args.after_snippets:
        return after_snippets()
    if not VERSION.match(args.torch):
        parser.error(f"TORCH={args.torch!r} is not a release number such as 2.15.0")
    started = time.perf_counter()
    py, install = ensure_venv(args.torch)
    report, figures = ROOT / "test-artifacts" / "drift", ROOT / "build" / "figures"
    report.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "LABS_DIR": f"build/drift/torch-{args.torch}/labs"}
    pytest = ["pytest", "-q", "-p", "no:cacheprovider"]
    in_venv = lambda *command: subprocess.run([str(py), "-m", *command], cwd=ROOT, env=env).returncode
    print(f"[2/3] torch {args.torch}: every snippet, and beside it every lab (log: test-artifacts/drift/labs.log)")
    saved = {path: path.read_bytes() for path in figures.rglob("*") if path.is_file()}
    with open(report / "labs.log", "w", encoding="utf-8") as log:
        try:
            labs = subprocess.Popen(f"{py} -m engine labs && {py} -m {' '.join(pytest)} tests/content/test_labs.py",
                                    shell=True, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            code = in_venv(*pytest, f"--drift={'check' if args.check else 'write'}", *(pytest_args or ["snippets"]))
            labs_code = labs.wait()
            print(f"      labs on torch {args.torch}: " + ("as the pages say" if labs_code == 0 else
                  "FAILED:\n" + (report / "labs.log").read_text(encoding="utf-8")[-6000:]))
            print(f"[3/3] torch {args.torch}: every chapter notebook in a kernel, and the prose numbers")
            after = in_venv("engine", "drift", args.torch, "--after-snippets")  # runs whatever came before
            code = code or labs_code or after
        finally:  # the site shows the figures the pinned torch drew
            shutil.rmtree(figures, ignore_errors=True)
            for path, data in saved.items():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
    print(f"make drift TORCH={args.torch}: {time.perf_counter() - started:.0f} s"
          + (f" (of which {install:.0f} s installing the venv)" if install else "")
          + ("" if code == 0 else " -- FAILED: see above"))
    return code

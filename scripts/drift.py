"""`make drift TORCH=<version>`: run everything on a newer PyTorch and record what changed.

1. Creates (or reuses) ``.venv-torch-<version>`` in the repository root: requirements.txt
   with only the torch pin replaced, installed with ``-c constraints.txt`` so that no other
   package moves (checked after the install: a moved package fails here). The venv is
   remade when requirements.txt, constraints.txt or the version change.
2. Runs, in that venv, with the same harness and tolerances: every snippet
   (``pytest --drift``, tests/harness/plugin.py; its progress is shown, the table of
   differences comes at the end); and beside it, in a second pytest process (the machine
   has two cores or more), every chapter notebook download (its cells in order in one
   namespace, tests/test_downloads.py), every lab (executed in kernels into
   ``build/drift/torch-<version>/labs``, with the lab tests) and the prose-number check
   on the records and the labs' new outputs. Those compare with the records, so they
   wait for the snippet run before comparing.
3. Writes the records ``snippets/<chapter>/<page>_<step>.torch-<release>.out`` of the
   snippets whose output differs beyond tolerance, deletes the ones no longer needed,
   and writes the summary ``snippets/drift/torch-<release>.json`` (tests/harness/drift.py).
   With ``--check`` (``make drift TORCH=… CHECK=1``, the weekly CI job) nothing is
   written under snippets/ and a difference not recorded yet fails the run.

The report (table, diffs, JSON) goes to ``test-artifacts/drift/``. Figures the snippets
draw into build/figures/ are put back afterwards: the site shows the pinned torch's.

Extra arguments go to the snippet run's pytest, e.g. ``scripts/drift.py 2.14.1 snippets/descent``.
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
TORCH_PIN = re.compile(r"^torch\s*==\s*\S+\s*$", re.M)
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)$")
NOISE = "WARNING: Location '"  # pip on a machine whose index config lists missing folders
# Run beside the snippets, in a second process: notebooks first (in this process), while
# the labs' kernels run in the background (tests/conftest.py); the prose-number check last.
OTHERS = ["tests/test_downloads.py", "tests/test_regularization_labs.py",
          "tests/test_numbers.py::test_every_number_the_site_states_is_printed_on_its_page_and_the_same_in_every_language"]


def venv_dir(version: str) -> Path:
    return ROOT / f".venv-torch-{version}"


def requirements_for(version: str) -> str:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    if not TORCH_PIN.search(text):
        raise SystemExit("scripts/drift.py: requirements.txt has no `torch==` line to replace")
    return TORCH_PIN.sub(f"torch=={version}", text)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        m = PIN.match(line.split("#", 1)[0].strip())
        if m:
            found[_norm(m.group(1))] = m.group(2)
    return found


def ensure_venv(version: str, python: str) -> tuple[Path, float | None]:
    """The venv's python, and the install time in seconds (None when reused)."""
    venv = venv_dir(version)
    req = requirements_for(version)
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    stamp = venv / f".installed-{hashlib.sha256((req + constraints).encode()).hexdigest()[:16]}"
    py = venv / "bin" / "python"
    if stamp.exists() and py.exists():
        print(f"[1/2] {venv.name}: in place (torch {version}), reused", flush=True)
        return py, None
    print(f"[1/2] {venv.name}: installing requirements.txt with torch=={version} and "
          f"-c constraints.txt (a CUDA build of torch is several GB) ...", flush=True)
    started = time.perf_counter()
    if not py.exists():
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
    for old in venv.glob(".installed-*"):
        old.unlink()
    (venv / "requirements.txt").write_text(req, encoding="utf-8")
    proc = subprocess.Popen([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                             "-r", str(venv / "requirements.txt"), "-c", str(ROOT / "constraints.txt")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout:
        if not line.startswith(NOISE):
            print("    " + line.rstrip(), flush=True)
    if proc.wait() != 0:
        raise SystemExit(f"make drift: pip could not install torch=={version} with the other pins "
                         f"unchanged (see above); {venv.name} is left as it is")
    seconds = time.perf_counter() - started
    freeze = pins(subprocess.run([str(py), "-m", "pip", "freeze", "--disable-pip-version-check"],
                                 capture_output=True, text=True, check=True).stdout)
    moved = [f"{name} {want} -> {freeze.get(name, 'missing')}"
             for name, want in pins(constraints + "\n" + req).items()
             if name != "torch" and freeze.get(name) != want]
    if moved:
        raise SystemExit("make drift: installing torch moved other packages; the comparison would not "
                         "be of torch alone:\n  " + "\n  ".join(moved))
    added = sorted(set(freeze) - set(pins(constraints)) - {"torch"})
    stamp.touch()
    print(f"      installed in {seconds:.0f} s; no pinned package moved; torch {version} brought "
          f"{len(added)} more: {', '.join(added) or 'none'}", flush=True)
    return py, seconds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make drift", description=__doc__.split("\n\n")[0])
    parser.add_argument("torch", metavar="TORCH", help="a torch release pip can install, e.g. 2.14.1")
    parser.add_argument("--check", action="store_true",
                        help="write nothing under snippets/; fail on a difference not recorded yet")
    parser.add_argument("--python", default=sys.executable, help="the Python that creates the venv")
    parser.add_argument("--only-snippets", action="store_true", help="leave out the labs and notebooks")
    args, pytest_args = parser.parse_known_args(argv)
    if not VERSION.match(args.torch):
        parser.error(f"TORCH={args.torch!r} is not a release number such as 2.14.1")
    started = time.perf_counter()
    py, install = ensure_venv(args.torch, args.python)
    mode = "check" if args.check else "write"
    labs = f"build/drift/torch-{args.torch}/labs"
    report = ROOT / "test-artifacts" / "drift"
    report.mkdir(parents=True, exist_ok=True)
    ready = report / f".records-ready-{os.getpid()}"
    log = report / f"torch-{args.torch}.labs-notebooks.log"
    print(f"[2/2] on torch {args.torch} ({'checking the records' if args.check else 'writing records'}): "
          f"every snippet below; beside it, in another process, every lab (into {labs}) and every "
          f"chapter notebook (log: {log.relative_to(ROOT)})", flush=True)
    figures = ROOT / "build" / "figures"
    backup = Path(tempfile.mkdtemp(prefix="drift-figures-"))
    had_figures = figures.exists()
    if had_figures:
        shutil.copytree(figures, backup / "figures")
    base = [str(py), "-m", "pytest", "-p", "no:cacheprovider", "-m", "not sitebuild and not browser",
            f"--drift={mode}", "--drift-report=test-artifacts/drift"]
    env = {**os.environ, "LABS_DIR": labs, "DRIFT_RECORDS_READY": str(ready)}
    others = None
    try:
        if not args.only_snippets:
            with open(log, "w", encoding="utf-8") as out:
                others = subprocess.Popen([*base, "-q", "-o", "console_output_style=classic", *OTHERS],
                                          cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        code = subprocess.run([*base, "-q", *(pytest_args or ["snippets"])], cwd=ROOT, env=env).returncode
        ready.touch()
        if others is not None:
            if others.poll() is None:
                print("      waiting for the labs and notebooks ...", flush=True)
            others_code = others.wait()
            text = log.read_text(encoding="utf-8")
            tail = text.split("= FAILURES =", 1)[-1] if "= FAILURES =" in text else ""
            summary = [l for l in text.splitlines() if re.match(r"^\d+ (passed|failed)|^FAILED ", l)]
            print(f"labs and notebooks on torch {args.torch}: " + ("; ".join(summary) or f"exit {others_code}"),
                  flush=True)
            if others_code != 0:
                print(tail[-8000:], flush=True)
            md = report / f"torch-{args.torch}.md"
            if md.exists():
                with open(md, "a", encoding="utf-8") as f:
                    f.write(f"\n## Labs and notebooks\n\n{'; '.join(summary) or f'exit {others_code}'} "
                            f"(log: {log.name})\n" + (f"\n```\n{tail[-8000:]}\n```\n" if others_code else ""))
                table = md.read_text(encoding="utf-8").split("```\n")
                if len(table) > 2:  # the table of differences once more, last
                    print("\n".join("  " + line for line in table[1].splitlines()), flush=True)
            code = code or others_code
    finally:
        ready.unlink(missing_ok=True)
        if others is not None and others.poll() is None:
            others.kill()
        if figures.exists():
            shutil.rmtree(figures)
        if had_figures:
            shutil.copytree(backup / "figures", figures)
        shutil.rmtree(backup, ignore_errors=True)
    total = time.perf_counter() - started
    print(f"make drift TORCH={args.torch}: {total:.0f} s"
          + (f" (of which {install:.0f} s installing the venv)" if install else " (venv reused)")
          + ("" if code == 0 else " -- FAILED: see above; a difference the records do not hold, "
             "or a lab or notebook that does not run, fails it"), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""`make test-portable`: every snippet's output must hold on every reader's machine.

Runs the snippet suite once per PyTorch CPU kernel level this CPU supports
(``ATEN_CPU_CAPABILITY`` = ``default``, ``avx2``, ``avx512``; the variable is read once,
at import, so each level is its own pytest process), and once more at the CPU's own
level with every core instead of one thread. Each run checks that torch really used
the level it was given (the harness prints it in the run's header). The one-thread
runs go two at a time; the all-cores run goes alone. Any failure fails the whole.

Extra arguments go to every pytest run, e.g. `python -m engine portable snippets/descent`.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
# Kernel levels PyTorch has on x86, lowest first; other CPUs have "default" only.
LADDER = ["default", "avx2", "avx512"]
HEADER = re.compile(r"^snippets: torch \S+, CPU capability (\S+), (\d+) thread", re.M)
SUMMARY = re.compile(r"^=+ (.*(?:passed|failed|error).*) in [\d.]+s", re.M)


def native_capability() -> str:
    env = {k: v for k, v in os.environ.items() if k != "ATEN_CPU_CAPABILITY"}
    out = subprocess.run([PY, "-c", "import torch; print(torch.backends.cpu.get_cpu_capability())"],
                         env=env, capture_output=True, text=True, check=True).stdout.strip()
    return out.lower()


def levels(native: str) -> list[str]:
    """Every level up to the CPU's own: a CPU runs the kernels of the levels below it."""
    return LADDER[: LADDER.index(native) + 1] if native in LADDER else ["default"]


def run(name: str, capability: str | None, threads: str, args: list[str]) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "ATEN_CPU_CAPABILITY"}
    if capability:
        env["ATEN_CPU_CAPABILITY"] = capability
    cmd = [PY, "-m", "pytest", "-p", "no:cacheprovider", "--color=no", "-o", "console_output_style=classic",
           f"--threads={threads}", *(args or ["snippets"])]
    print(f"  start  {name}", flush=True)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    text = proc.stdout + proc.stderr
    header = HEADER.search(text)
    summary = SUMMARY.search(text)
    used = header.group(1).lower() if header else "?"
    problem = ""
    if capability and used != capability:
        problem = f"asked for {capability}, torch used {used}"
    ok = proc.returncode == 0 and not problem
    line = summary.group(1) if summary else f"exit {proc.returncode}"
    print(f"  {'ok' if ok else 'FAIL':5}  {name}: {line}{'; ' + problem if problem else ''} ({seconds:.0f} s)",
          flush=True)
    return {"name": name, "ok": ok, "summary": line, "problem": problem, "seconds": seconds,
            "capability": used, "threads": header.group(2) if header else "?", "text": text}


def main(argv: list[str]) -> int:
    native = native_capability()
    plan = [(f"ATEN_CPU_CAPABILITY={lvl}, 1 thread", lvl, "1") for lvl in levels(native)]
    cores = os.cpu_count() or 1
    print(f"make test-portable: this CPU runs PyTorch's {native} kernels; "
          f"{len(plan)} kernel level(s) with 1 thread, then all {cores} cores", flush=True)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, min(cores, len(plan)))) as pool:
        results = list(pool.map(lambda p: run(*p, argv), plan))
    results.append(run(f"CPU's own level ({native}), all {cores} cores", None, "all", argv))
    failed = [r for r in results if not r["ok"]]
    print()
    width = max(len(r["name"]) for r in results)
    for r in results:
        print(f"  {r['name']:<{width}}  {'ok  ' if r['ok'] else 'FAIL'}  {r['summary']}  "
              f"[torch: {r['capability']}, {r['threads']} thread(s)]")
    print(f"  total {time.perf_counter() - started:.0f} s")
    for r in failed:
        print(f"\n===== {r['name']}: {r['problem'] or 'failures'} =====")
        tail = r["text"].split("= FAILURES =", 1)[-1] if "= FAILURES =" in r["text"] else r["text"][-6000:]
        print(tail[-12000:])
    if failed:
        print(f"make test-portable: {len(failed)} of {len(results)} configurations failed: an output "
              f"that holds on one CPU only is not a fact of PyTorch (round it, or print a bound)")
        return 1
    return 0

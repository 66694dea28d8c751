"""`make bench`: how fast the test suite and the build are, measured in one run.

Prints the number of snippets, the whole `make test` time, one `import torch`, the
summed compute time inside the snippets, the harness overhead per snippet (median;
target <= 10 ms), the standalone mode's time and the build time of both languages.
Speed targets live here, not in timed tests.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
OVERHEAD_TARGET_MS = 10.0


def timed(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    return time.perf_counter() - started, proc


def check(proc: subprocess.CompletedProcess, what: str) -> None:
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout[-4000:] + proc.stderr[-2000:])
        raise SystemExit(f"bench: {what} failed (exit {proc.returncode})")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "timings.json"
        t_test, proc = timed([PY, "-m", "pytest", "-q", f"--harness-report={report}"])
        check(proc, "make test")
        timings = json.loads(report.read_text())
        t_import, proc = timed([PY, "-c", "import torch"])
        t_python, _ = timed([PY, "-c", "pass"])
        t_alone, proc = timed([PY, "-m", "pytest", "-q", "snippets", "--standalone"])
        check(proc, "make test-standalone")
        t_build, proc = timed([PY, "scripts/build_site.py", "--quiet", "--out", str(Path(tmp) / "site")])
        check(proc, "the site build")

    compute = sum(t["compute"] for t in timings)
    overhead_ms = [1000 * (t["total"] - t["compute"]) for t in timings]
    median = statistics.median(overhead_ms) if overhead_ms else 0.0
    rows = [
        ("snippets", f"{len(timings)}"),
        ("make test (all tests, one run)", f"{t_test:.1f} s"),
        ("one `import torch` (fresh process)", f"{t_import - t_python:.2f} s"),
        ("compute inside the snippets (sum)", f"{compute:.2f} s"),
        ("harness overhead per snippet (median)",
         f"{median:.1f} ms (max {max(overhead_ms, default=0):.1f} ms; target <= {OVERHEAD_TARGET_MS:.0f} ms)"),
        (f"standalone mode ({os.cpu_count()} processes at a time)", f"{t_alone:.1f} s"),
        ("site build, both languages", f"{t_build:.1f} s"),
    ]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    if median > OVERHEAD_TARGET_MS:
        print(f"bench: harness overhead {median:.1f} ms is over the {OVERHEAD_TARGET_MS:.0f} ms target")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make test-portable` (engine/portable.py): which runs it makes, and how it knows
that torch used the kernel level it was given."""
from __future__ import annotations

import torch

from engine import portable, run
from tests.plugin import snippets


def test_a_cpu_runs_every_kernel_level_up_to_its_own():
    assert portable.levels("avx512") == ["default", "avx2", "avx512"]
    assert portable.levels("avx2") == ["default", "avx2"]
    assert portable.levels("default") == ["default"]
    assert portable.levels("sve256") == ["default"]  # an ARM CPU: its baseline only


def test_the_level_torch_used_is_read_from_the_harness_header():
    header = snippets.pytest_report_header(None)
    found = portable.HEADER.search(header)
    assert found, f"engine/portable.py cannot read the harness header {header!r}"
    assert found.group(1).lower() == torch.backends.cpu.get_cpu_capability().lower()
    assert found.group(2) == str(run.THREADS)

"""House rules for snippet files that the harness cannot see from their output."""
from __future__ import annotations

import re
from pathlib import Path

from engine.compare import _TEXT_NUMBER, find_tensors

from .drift import RECORD

# A float printed in plain text with more significant digits than this is a raw
# repr (``0.1506359875202179``): its last digits are rounding noise that differs
# between CPUs. Round it with a format spec to the digits the page discusses.
MAX_DIGITS = 6

SEED = re.compile(r"^torch\.manual_seed\(\d+\)", re.M)
IMPORTS_TORCH = re.compile(r"^(import torch|from torch\b)", re.M)


def check_rules(root: Path) -> list[str]:
    """Problems: a snippet using torch without seeding it, an output without a snippet."""
    snippets = root / "snippets"
    problems = []
    for path in sorted(snippets.rglob("*.py")):
        if path.name in ("conftest.py", "__init__.py"):
            continue
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(root).as_posix()
        if IMPORTS_TORCH.search(text) and not SEED.search(text):
            problems.append(f"{rel}: imports torch but never calls torch.manual_seed(...) at the "
                            f"top level (a fresh process starts from a random seed)")
    for out in sorted(snippets.rglob("*.out")):
        problems += long_floats(out.read_text(encoding="utf-8"), out.relative_to(root).as_posix())
        if RECORD.match(out.name):  # a newer torch's record: engine/drift.py checks it
            continue
        if not out.with_suffix(".py").exists():
            problems.append(f"{out.relative_to(root).as_posix()}: expected output of a snippet that "
                            f"does not exist (delete it, or restore the snippet)")
    return problems


def _digits(literal: str) -> int:
    mantissa = re.split(r"[eE]", literal.lstrip("+-"))[0].replace(".", "")
    return len(mantissa.lstrip("0")) or 1


def long_floats(text: str, where: str) -> list[str]:
    """Floats in plain text (outside printed tensors) with more than MAX_DIGITS digits."""
    tensors = [(t.start, t.end) for t in find_tensors(text)]
    problems = []
    for m in _TEXT_NUMBER.finditer(text):
        literal = m.group()
        if any(start <= m.start() < end for start, end in tensors):
            continue
        if re.search(r"[.eE]", literal) and _digits(literal) > MAX_DIGITS:
            problems.append(
                f"{where}:{text.count(chr(10), 0, m.start()) + 1}: prints {literal} "
                f"({_digits(literal)} significant digits, more than {MAX_DIGITS}): its last digits "
                f"are rounding noise that another CPU prints differently; round it with a format "
                f"spec (f\"{{x:.4g}}\") to the digits the page discusses, or print a bound")
    return problems

"""House rules for snippet files that the harness cannot see from their output."""
from __future__ import annotations

import re
from pathlib import Path

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
        if not out.with_suffix(".py").exists():
            problems.append(f"{out.relative_to(root).as_posix()}: expected output of a snippet that "
                            f"does not exist (delete it, or restore the snippet)")
    return problems

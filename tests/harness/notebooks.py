"""Execute the lab notebooks (jupytext percent-format ``.py`` under docs/) in tests.

``execute(path)`` runs a notebook top to bottom in a fresh kernel, from the same
starting state as the snippets (cwd = repository root, one thread, ``Agg``), and
returns the executed notebook plus the values of the variables asked for, so a test
can assert every number the lab's prose states.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from .runner import ROOT, STANDALONE_ENV

PRELUDE = "import torch\ntorch.set_num_threads(1)\n"


def read(path: Path) -> nbformat.NotebookNode:
    return jupytext.read(path)


def execute(path: Path, names: tuple[str, ...] = (), timeout: int = 120):
    """Run the notebook; return (executed notebook, {name: value of that variable}).

    A first cell sets the thread count and a last one prints the requested variables
    as JSON; both are removed from the notebook that is returned.
    """
    nb = read(path)
    nb.cells.insert(0, nbformat.v4.new_code_cell(PRELUDE))
    fetch = f"import json as _j; print(_j.dumps({{n: globals()[n] for n in {list(names)!r}}}, default=float))"
    nb.cells.append(nbformat.v4.new_code_cell(fetch))
    saved = {k: os.environ.get(k) for k in STANDALONE_ENV}
    os.environ.update(STANDALONE_ENV)
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(ROOT)}}).execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    last = nb.cells.pop()
    nb.cells.pop(0)
    text = "".join(o.get("text", "") for o in last.outputs if o.get("output_type") == "stream")
    return nb, json.loads(text)


def code_cells(nb) -> list[str]:
    return [c.source.strip() for c in nb.cells if c.cell_type == "code"]


def outputs_of(nb) -> list[str]:
    """Text outputs per code cell (stdout and text/plain), for comparisons."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        parts = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out.get("text", ""))
            elif "data" in out and "text/plain" in out["data"]:
                parts.append(out["data"]["text/plain"] + "\n")
        texts.append("".join(parts))
    return texts

"""Run a notebook as a reader does: a fresh Jupyter kernel, an empty folder, Run all.

``run_as_reader`` executes with nbclient's defaults (no ``allow_errors``: a cell that
raises stops the run, unless it carries Jupyter's ``raises-exception`` tag) and no
thread count or CPU kernel level set. ``check_site`` runs every notebook a built site
offers and compares each code cell with what the notebook (the page) shows
(engine/notebook.py: ``notebook_problems``), as many at a time as there are cores.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import notebook, settings

READER_UNSET = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "ATEN_CPU_CAPABILITY")  # a reader sets none of them


class StoppedAt(Exception):
    """Run all stopped at a cell."""


def run_as_reader(nb: dict, timeout: float = 600) -> dict:
    """The notebook executed in a fresh kernel in an empty temporary folder; raises
    StoppedAt (naming the cell and the error) when Run all stops before the end."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    node = nbformat.reads(json.dumps(nb), as_version=4)  # sources as one string each
    saved = {k: os.environ.pop(k) for k in READER_UNSET if k in os.environ}
    try:
        with tempfile.TemporaryDirectory(prefix="reader-") as folder:
            client = NotebookClient(node, timeout=timeout, kernel_name="python3", record_timing=False,
                                    resources={"metadata": {"path": folder}})
            try:
                client.execute()
            except CellExecutionError as exc:
                index, error = next(((i, o) for i, c in enumerate(node.cells) if c.cell_type == "code"
                                     for o in c.get("outputs", []) if o.get("output_type") == "error"),
                                    (None, {"ename": type(exc).__name__, "evalue": str(exc)}))
                raise StoppedAt(f"Run all stopped at cell {index}: {error['ename']}: {error['evalue']}") from None
    finally:
        os.environ.update(saved)
    return json.loads(json.dumps(node))


def tolerance(root: Path):
    def of(snippet: str | None) -> tuple[float, float]:
        cfg = settings.for_snippet(root / snippet) if snippet else settings.Settings()
        return cfg.rtol, cfg.atol
    return of


@dataclass
class Result:
    name: str  # the notebook, relative to the site
    seconds: float
    code_cells: int
    with_outputs: int  # code cells that carry outputs
    problems: list[str] = field(default_factory=list)


def check_notebook(path: Path, site: Path, root: Path) -> Result:
    name = path.relative_to(site).as_posix()
    shown = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in shown["cells"] if c["cell_type"] == "code"]
    result = Result(name, 0.0, len(code), sum(bool(c["outputs"]) for c in code))
    started = time.perf_counter()
    try:
        ran = run_as_reader(shown)
    except StoppedAt as exc:
        result.problems.append(f"{name}: {exc}")
    else:
        result.problems += notebook.notebook_problems(ran, shown, tolerance(root), name)
    result.seconds = time.perf_counter() - started
    return result


def check_site(site: Path, root: Path, workers: int | None = None, report=print) -> list[Result]:
    """Run every notebook under site; report(line) as each one finishes."""
    paths = sorted(site.rglob("*.ipynb"))
    results = []
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        for r in pool.map(lambda p: check_notebook(p, site, root), paths):
            results.append(r)
            report(f"{'ok  ' if not r.problems else 'FAIL'} {r.seconds:5.1f} s  {r.name}  "
                   f"({r.with_outputs} of {r.code_cells} code cells with outputs)")
            for problem in r.problems:
                report("     " + problem.replace("\n", "\n     "))
    return results

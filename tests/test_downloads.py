"""The notebook download of every chapter page reproduces the page's outputs.

hooks/downloads.py writes <page>.ipynb next to each page at build time. Here every
chapter notebook of the default language is executed in a fresh kernel and each
code cell's output is compared with the snippet's expected output (the same
comparison as the harness; warnings are left out, since a notebook reports them with
other file names). The other languages' notebooks must have identical code cells.
"""
from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import nbformat
import pytest

from tests.harness import outputs, settings
from tests.harness.pages import languages, pages, parse
from tests.harness.runner import STANDALONE_ENV, normalize_lines

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DEFAULT = "zh"
WARNING_LINE = re.compile(r"^snippets/\S+:\d+: \w*Warning: ")

pytestmark = pytest.mark.sitebuild


def notebook_path(site: Path, lang: str, page: Path) -> Path:
    base = site if lang == DEFAULT else site / lang
    if page.stem == "index":
        return base / page.parent / "index.ipynb"
    return base / page.with_suffix("") / f"{page.stem}.ipynb"


def chapter_pages(lang: str) -> list[Path]:
    return [p for p in pages(DOCS, lang) if any(i.endswith(".py") for i in parse(DOCS / lang / p).includes)]


def _execute(path: str) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    os.environ.update(STANDALONE_ENV)
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell("import torch\ntorch.set_num_threads(1)"))
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    nb.cells.pop(0)
    return nb


@pytest.fixture(scope="module")
def executed(built_site):
    paths = [str(notebook_path(built_site.path, DEFAULT, p)) for p in chapter_pages(DEFAULT)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2, mp_context=get_context("spawn")) as pool:
        return dict(zip(paths, pool.map(_execute, paths)))


def expected_without_warnings(text: str) -> str:
    lines, keep, skip_source = text.splitlines(keepends=True), [], False
    for line in lines:
        if WARNING_LINE.match(line):
            skip_source = True
            continue
        if skip_source and line.startswith("  "):
            skip_source = False
            continue
        skip_source = False
        keep.append(line)
    return "".join(keep)


def check_cell(cell, snippet: str) -> list[str]:
    path = ROOT / snippet
    cfg = settings.for_snippet(path)
    expected = expected_without_warnings(path.with_suffix(".out").read_text(encoding="utf-8"))
    stdout = "".join(o.get("text", "") for o in cell.outputs
                     if o.get("output_type") == "stream" and o.get("name") == "stdout")
    stdout = "".join(t for t, _ in normalize_lines([(l, None) for l in stdout.splitlines(True)], path, ROOT))
    errors = [o for o in cell.outputs if o.get("output_type") == "error"]
    problems = []
    if cfg.raises:
        expected = expected.split("Traceback (most recent call last):")[0]
        if not errors or errors[0].ename != cfg.raises.split(".")[-1]:
            problems.append(f"{snippet}: expected {cfg.raises}, the notebook cell raised "
                            f"{errors[0].ename if errors else 'nothing'}")
        elif cfg.match and not re.search(cfg.match, errors[0].evalue):
            problems.append(f"{snippet}: {errors[0].ename} message does not match {cfg.match!r}")
    elif errors:
        problems.append(f"{snippet}: the notebook cell raised {errors[0].ename}: {errors[0].evalue}")
    cmp = outputs.compare(stdout, expected, cfg.rtol, cfg.atol)
    if not cmp.ok:
        problems.append(f"{snippet}: notebook output differs ({cmp.reason})\n"
                        + outputs.unified_diff(stdout, expected, snippet))
    return problems


@pytest.mark.parametrize("page", chapter_pages(DEFAULT), ids=lambda p: p.as_posix())
def test_each_chapter_notebook_runs_and_prints_what_the_page_shows(executed, built_site, page):
    nb = executed[str(notebook_path(built_site.path, DEFAULT, page))]
    snippets = [i for i in parse(DOCS / DEFAULT / page).includes if i.endswith(".py")]
    cells = [c for c in nb.cells if c.cell_type == "code"]
    assert len(cells) == len(snippets)
    problems = [p for cell, snippet in zip(cells, snippets) for p in check_cell(cell, snippet)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", [l for l in languages(DOCS) if l != DEFAULT])
def test_every_language_offers_the_same_code_in_its_notebooks(built_site, lang):
    for page in chapter_pages(DEFAULT):
        mine = nbformat.read(notebook_path(built_site.path, lang, page), as_version=4)
        ref = nbformat.read(notebook_path(built_site.path, DEFAULT, page), as_version=4)
        code = [[c.source for c in nb.cells if c.cell_type == "code"] for nb in (mine, ref)]
        assert code[0] == code[1], f"{lang}/{page}: notebook code cells differ from {DEFAULT}/{page}"
        prose = [c.source for c in mine.cells if c.cell_type == "markdown"]
        assert prose, f"{lang}/{page}: the notebook has no prose"


def test_a_page_becomes_prose_and_code_cells_in_order(tmp_path):
    from hooks.downloads import page_to_notebook

    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "a.py").write_text("x = 1  # (1)!\nprint(x)\n")
    page = ('# Title {#t}\n\nSome prose.\n\n```python title="snippets/a.py"\n--8<-- "snippets/a.py"\n```\n\n'
            '``` { .text .no-copy title="Output" }\n--8<-- "snippets/a.out"\n```\n\n'
            '!!! note "Careful"\n    Indented note.\n')
    nb = page_to_notebook(page, tmp_path, "en")
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown"]
    assert nb.cells[0].source == "# Title\n\nSome prose."
    assert nb.cells[1].source == "x = 1\nprint(x)"
    assert nb.cells[2].source == "**Careful**\nIndented note."

"""The notebook download of every chapter page holds what the page shows.

hooks/downloads.py writes <page>.ipynb next to each chapter page at build time: the
page's prose as markdown cells, the snippets it shows as code cells. The harness has
already run every snippet and compared what it printed with its .out file, the output
the page shows; so a notebook whose code cells are exactly those snippets, in the
page's order, prints what the page shows. That is checked for every chapter page of
every language (`check_notebook`), without running anything, along with the prose:
non-empty cells, in the page's language, starting with the page's title.

One notebook is also executed in a fresh Jupyter kernel and its outputs compared with
the page's (`check_cell`, the harness's comparison; warnings left out, since a
notebook reports them with other file names): the chapter with the least code,
to show that a download runs as a notebook at all. What executing every notebook
would add is only state carried from one cell to the next in one kernel; the harness
starts each snippet from the same state instead (tests/harness/runner.py), and no
snippet leaves grad mode, the default dtype or the print options changed.

Under `make drift` (a newer torch), every chapter notebook runs: its cells in order in one
namespace, with the harness, compared with the outputs the page shows (a release's
record where it has one): `test_every_chapter_notebook_prints_what_its_page_shows`.

Labs are notebooks already, executed with their outputs (tests/test_regularization_labs.py).
"""
from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import nbformat
import pytest

from tests.harness import drift, outputs, settings
from tests.harness.pages import HEADING_ID, languages, pages, parse
from tests.harness.runner import STANDALONE_ENV, normalize_lines

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DEFAULT = "zh"
WARNING_LINE = re.compile(r"^snippets/\S+:\d+: \w*Warning: ")
ANNOTATION = re.compile(r"\s*# \(\d+\)!")  # a code annotation marker; the page renders it as a (+)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
CJK_LANGUAGES = {"zh", "ja", "ko"}


def notebook_path(site: Path, lang: str, page: Path) -> Path:
    base = site if lang == DEFAULT else site / lang
    if page.stem == "index":
        return base / page.parent / "index.ipynb"
    return base / page.with_suffix("") / f"{page.stem}.ipynb"


def shown_snippets(page_file: Path) -> list[str]:
    """The snippets (code, not outputs) a page shows, in order."""
    return [i for i in parse(page_file).includes if i.startswith("snippets/") and i.endswith(".py")]


def chapter_pages(lang: str, docs: Path = DOCS) -> list[Path]:
    return [p for p in pages(docs, lang) if shown_snippets(docs / lang / p)]


def shown_code(path: Path) -> str:
    """A snippet as a notebook cell holds it: annotation markers `# (N)!` removed,
    trailing spaces and the blank lines around it dropped."""
    lines = [ANNOTATION.sub("", line).rstrip() for line in path.read_text(encoding="utf-8").splitlines()]
    return "\n".join(lines).strip("\n")


def check_notebook(nb: nbformat.NotebookNode, root: Path, lang: str, page: Path) -> list[str]:
    """Problems of a page's notebook: its code cells must be the snippets the page shows,
    in order; its markdown cells non-empty prose in the page's language, the first one
    opening with the page's title."""
    name = f"docs/{lang}/{page.as_posix()}"
    page_file = root / "docs" / lang / page
    snippets = shown_snippets(page_file)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    problems = []
    if len(code) != len(snippets):
        problems.append(f"{name}: the notebook has {len(code)} code cells, the page shows {len(snippets)} snippets")
    for n, (cell, snippet) in enumerate(zip(code, snippets), 1):
        want = shown_code(root / snippet)
        if cell != want:
            diff = "\n".join(difflib.unified_diff(want.splitlines(), cell.splitlines(), fromfile=snippet,
                                                  tofile=f"code cell {n}", lineterm=""))
            problems.append(f"{name}: code cell {n} is not {snippet}, the snippet the page shows there\n{diff}")
    prose = [c.source for c in nb.cells if c.cell_type == "markdown"]
    if not prose:
        problems.append(f"{name}: the notebook has no prose")
    title = HEADING_ID.sub("", parse(page_file).heading_ids[0][2]).rstrip()
    if prose and not prose[0].startswith(title):
        problems.append(f"{name}: the notebook does not open with the page's title {title!r}")
    for n, text in enumerate(prose, 1):
        if not text.strip():
            problems.append(f"{name}: markdown cell {n} is empty")
        elif bool(CJK.search(text)) != (lang in CJK_LANGUAGES):
            problems.append(f"{name}: markdown cell {n} is not in the page's language ({lang}): {text[:60]!r}")
    return problems


@pytest.mark.sitebuild
@pytest.mark.parametrize("lang,page", [(lang, p) for lang in languages(DOCS) for p in chapter_pages(lang)],
                         ids=lambda v: v if isinstance(v, str) else v.as_posix())
def test_each_chapter_notebook_holds_the_snippets_its_page_shows_and_its_prose(built_site, lang, page):
    nb = nbformat.read(notebook_path(built_site.path, lang, page), as_version=4)
    problems = check_notebook(nb, ROOT, lang, page)
    assert not problems, "\n".join(problems)


@pytest.mark.sitebuild
@pytest.mark.parametrize("lang", [l for l in languages(DOCS) if l != DEFAULT])
def test_every_language_offers_the_same_code_in_its_notebooks(built_site, lang):
    for page in chapter_pages(DEFAULT):
        mine = nbformat.read(notebook_path(built_site.path, lang, page), as_version=4)
        ref = nbformat.read(notebook_path(built_site.path, DEFAULT, page), as_version=4)
        code = [[c.source for c in nb.cells if c.cell_type == "code"] for nb in (mine, ref)]
        assert code[0] == code[1], f"{lang}/{page}: notebook code cells differ from {DEFAULT}/{page}"
        prose = [c.source for c in mine.cells if c.cell_type == "markdown"]
        assert prose, f"{lang}/{page}: the notebook has no prose"


# ---------------------------------------------------------------- one notebook, executed
def _execute(path: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    saved = {k: os.environ.get(k) for k in STANDALONE_ENV}
    os.environ.update(STANDALONE_ENV)
    try:
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell("import torch\ntorch.set_num_threads(1)"))
        NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(ROOT)}}).execute()
        nb.cells.pop(0)
        return nb
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


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


def expected_file(snippet: str) -> Path:
    """The output this torch should print: the snippet's .out, or, under `make drift` on a
    newer release, that release's record when it has one (tests/harness/drift.py)."""
    import torch

    path = ROOT / snippet
    record = drift.record_path(path, drift.release_of(torch.__version__))
    return record if record.exists() else path.with_suffix(".out")


def check_cell(cell, snippet: str) -> list[str]:
    path = ROOT / snippet
    cfg = settings.for_snippet(path)
    expected = expected_without_warnings(expected_file(snippet).read_text(encoding="utf-8"))
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


def least_code_chapter() -> Path:
    """The chapter page of the default language whose snippets are the shortest."""
    return min(chapter_pages(DEFAULT),
               key=lambda p: sum((ROOT / s).stat().st_size for s in shown_snippets(DOCS / DEFAULT / p)))


@pytest.mark.sitebuild
def test_a_chapter_notebook_runs_in_a_kernel_and_prints_what_its_page_shows(built_site):
    page = least_code_chapter()
    nb = _execute(notebook_path(built_site.path, DEFAULT, page))
    snippets = shown_snippets(DOCS / DEFAULT / page)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    assert len(cells) == len(snippets)
    problems = [p for cell, snippet in zip(cells, snippets) for p in check_cell(cell, snippet)]
    assert not problems, f"docs/{DEFAULT}/{page.as_posix()}:\n" + "\n".join(problems)


# ---------------------------------------------------------------- every notebook, under make drift
def run_as_notebook(nb: nbformat.NotebookNode, snippets: list[str]) -> nbformat.NotebookNode:
    """Execute a download's code cells in order in one namespace, as one kernel does, with
    the harness (runner.run_notebook: the starting state once, then each cell where the
    last one left off), and store each cell's output as a kernel would: the printed text
    as a stdout stream, an exception as an error output."""
    from tests.harness import runner

    cells = [c for c in nb.cells if c.cell_type == "code"]
    results = runner.run_notebook([(ROOT / s, c.source) for c, s in zip(cells, snippets)], 60.0, ROOT)
    for cell, result in zip(cells, results):
        text = result.output.split("Traceback (most recent call last):")[0] if result.exception else result.output
        text = expected_without_warnings(text)  # a kernel sends warnings to stderr
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        if result.exception:
            cell.outputs.append(nbformat.v4.new_output("error", ename=result.exception.split(".")[-1],
                                                       evalue=result.message or "", traceback=[]))
    return nb


@pytest.mark.drift
@pytest.mark.parametrize("page", chapter_pages(DEFAULT), ids=lambda p: p.as_posix())
def test_every_chapter_notebook_prints_what_its_page_shows(page):
    """Under `make drift` only: every download, its cells run in order in one namespace, on
    the newer torch. The page shows that release's record under an output that differs,
    so a cell is compared with the record when there is one. (Every language's download
    holds the same code cells: test_every_language_offers_the_same_code_in_its_notebooks.)
    A kernel per notebook would cost one more torch import each (~3 s) and check nothing
    more; one chapter runs in a real kernel in `make test`."""
    from hooks.downloads import page_to_notebook

    snippets = shown_snippets(DOCS / DEFAULT / page)
    nb = nbformat.from_dict(page_to_notebook((DOCS / DEFAULT / page).read_text(encoding="utf-8"), ROOT, DEFAULT))
    nb = run_as_notebook(nb, snippets)
    drift.wait_for_records()  # make drift runs the snippets (which write the records) alongside
    cells = [c for c in nb.cells if c.cell_type == "code"]
    assert len(cells) == len(snippets)
    problems = [p for cell, snippet in zip(cells, snippets) for p in check_cell(cell, snippet)]
    assert not problems, f"docs/{DEFAULT}/{page.as_posix()}:\n" + "\n".join(problems)


# ---------------------------------------------------------------- the checkers, on broken input
def test_a_page_becomes_prose_and_code_cells_in_order(tmp_path):
    from hooks.downloads import page_to_notebook

    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "a.py").write_text("x = 1  # (1)!\nprint(x)\n")
    page = ('# Title {#t}\n\nSome prose.\n\n```python title="snippets/a.py"\n--8<-- "snippets/a.py"\n```\n\n'
            '``` { .text .no-copy title="Output" }\n--8<-- "snippets/a.out"\n```\n\n'
            '!!! note "Careful"\n    Indented note.\n')
    nb = nbformat.from_dict(page_to_notebook(page, tmp_path, "en"))
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown"]
    assert nb.cells[0].source == "# Title\n\nSome prose."
    assert nb.cells[1].source == "x = 1\nprint(x)"
    assert nb.cells[2].source == "**Careful**\nIndented note."


ZH_PAGE = """# 标题 {#t}

第一段。

```python title="snippets/c/a.py"
--8<-- "snippets/c/a.py"
```

``` { .text .no-copy title="输出" }
--8<-- "snippets/c/a.out"
```

第二段。

```python title="snippets/c/b.py"
--8<-- "snippets/c/b.py"
```

``` { .text .no-copy title="输出" }
--8<-- "snippets/c/b.out"
```
"""


def _notebook(tmp_path: Path, lang: str = "zh") -> nbformat.NotebookNode:
    """A page with two snippets (one annotated) and its notebook, as the hook makes it."""
    from hooks.downloads import page_to_notebook

    (tmp_path / "snippets" / "c").mkdir(parents=True)
    (tmp_path / "snippets" / "c" / "a.py").write_text("x = 1  # (1)!\nprint(x)\n")
    (tmp_path / "snippets" / "c" / "a.out").write_text("1\n")
    (tmp_path / "snippets" / "c" / "b.py").write_text("print(2)\n")
    (tmp_path / "snippets" / "c" / "b.out").write_text("2\n")
    (tmp_path / "docs" / lang / "c").mkdir(parents=True)
    (tmp_path / "docs" / lang / "c" / "p.md").write_text(ZH_PAGE, encoding="utf-8")
    return nbformat.from_dict(page_to_notebook(ZH_PAGE, tmp_path, lang))


def test_a_notebook_made_from_its_page_has_no_problems(tmp_path):
    assert check_notebook(_notebook(tmp_path), tmp_path, "zh", Path("c/p.md")) == []


def test_a_code_cell_that_differs_from_its_snippet_is_reported_with_page_and_snippet(tmp_path):
    nb = _notebook(tmp_path)
    nb.cells[3].source = "print(3)"  # the second code cell
    assert check_notebook(nb, tmp_path, "zh", Path("c/p.md")) == [
        "docs/zh/c/p.md: code cell 2 is not snippets/c/b.py, the snippet the page shows there\n"
        "--- snippets/c/b.py\n+++ code cell 2\n@@ -1 +1 @@\n-print(2)\n+print(3)"]


def test_a_missing_code_cell_is_reported_and_the_cells_after_it_differ(tmp_path):
    nb = _notebook(tmp_path)
    del nb.cells[1]  # the first code cell
    problems = check_notebook(nb, tmp_path, "zh", Path("c/p.md"))
    assert problems[0] == "docs/zh/c/p.md: the notebook has 1 code cells, the page shows 2 snippets"
    assert problems[1].startswith("docs/zh/c/p.md: code cell 1 is not snippets/c/a.py, the snippet the page shows there")


def test_prose_that_is_empty_untitled_or_in_another_language_is_reported(tmp_path):
    nb = _notebook(tmp_path)
    nb.cells[0].source = "# Title\n\nThe first paragraph."
    nb.cells[2].source = "  "
    assert check_notebook(nb, tmp_path, "zh", Path("c/p.md")) == [
        "docs/zh/c/p.md: the notebook does not open with the page's title '# 标题'",
        "docs/zh/c/p.md: markdown cell 1 is not in the page's language (zh): '# Title\\n\\nThe first paragraph.'",
        "docs/zh/c/p.md: markdown cell 2 is empty"]
    # The Chinese page served as an English notebook: every prose cell is in the wrong language.
    (tmp_path / "docs" / "en" / "c").mkdir(parents=True)
    (tmp_path / "docs" / "en" / "c" / "p.md").write_text(ZH_PAGE, encoding="utf-8")
    assert check_notebook(_notebook(tmp_path / "again"), tmp_path, "en", Path("c/p.md")) == [
        "docs/en/c/p.md: markdown cell 1 is not in the page's language (en): '# 标题\\n\\n第一段。'",
        "docs/en/c/p.md: markdown cell 2 is not in the page's language (en): '第二段。'"]


def test_a_notebook_cell_that_prints_something_else_is_reported_with_its_snippet():
    page = least_code_chapter()
    snippet = shown_snippets(DOCS / DEFAULT / page)[0]
    cell = nbformat.v4.new_code_cell(shown_code(ROOT / snippet), outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="something else\n")])
    [problem] = check_cell(cell, snippet)
    assert problem.startswith(f"{snippet}: notebook output differs (")

"""The notebook download of every page holds what the page shows, outputs included.

hooks/downloads.py writes <page>.ipynb next to each chapter page at build time
(engine/notebook.py): a first cell that names the PyTorch that made the outputs, the
page's prose as markdown cells, and each snippet it shows as a code cell carrying the
output the page shows under it (its tested .out: stdout, warnings, an expected
exception as an error output with the cell tagged raises-exception, a drawn figure as
an image). `check_notebook` checks that for every chapter page of every language
without running anything, along with the prose: non-empty cells, in the page's
language, starting with the page's title.

One notebook also runs here as a reader runs it (a fresh kernel, an empty folder, Run
all with default settings: engine/kernel.py) and is compared with its page; `make
test-notebooks` (run by .ci/run) does that for every notebook of the built site, labs
included.

Under `make drift` (a newer torch), every chapter notebook runs: its cells in order in one
namespace, with the harness, compared with the outputs the page shows (a release's
record where it has one): `test_every_chapter_notebook_prints_what_its_page_shows`.
"""
from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import nbformat
import pytest

from engine import compare as outputs, kernel, notebook, settings
from engine.page import Page, snippet_code
from tests.harness import drift
from tests.harness.pages import HEADING_ID, languages, pages, parse
from tests.harness.runner import normalize_lines

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DEFAULT = "zh"
WARNING_LINE = re.compile(r"^snippets/\S+:\d+: \w*Warning: ")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
CJK_LANGUAGES = {"zh", "ja", "ko"}
MADE = notebook.Provenance("2.13.0")


def notebook_path(site: Path, lang: str, page: Path) -> Path:
    base = site if lang == DEFAULT else site / lang
    if page.stem == "index":
        return base / page.parent / "index.ipynb"
    return base / page.with_suffix("") / f"{page.stem}.ipynb"


def shown_snippets(page_file: Path) -> list[str]:
    """The snippets (code, not outputs) a page shows, in order."""
    return [s.code for s in Page.read(page_file).snippets]


def chapter_pages(lang: str, docs: Path = DOCS) -> list[Path]:
    return [p for p in pages(docs, lang) if shown_snippets(docs / lang / p)]


def shown_code(path: Path) -> str:
    return snippet_code(path.read_text(encoding="utf-8"))


def page_notebook(text: str, root: Path, lang: str) -> dict:
    """A page's notebook, as the build writes it."""
    from hooks import downloads
    from hooks.translation import text as words

    return downloads.page_notebook(Page(text), root, lang, words(lang), MADE)


def _figures(cell) -> int:
    return sum("image/svg+xml" in o.get("data", {}) for o in cell.get("outputs", []))


def check_notebook(nb, root: Path, lang: str, page: Path) -> list[str]:
    """Problems of a page's notebook: a first cell that names the PyTorch that made the
    outputs; then code cells that are the snippets the page shows, in order, each with
    the output the page shows under it (an expected exception tagged raises-exception,
    a figure it draws as an image); markdown cells of non-empty prose in the page's
    language, the first one opening with the page's title."""
    name = f"docs/{lang}/{page.as_posix()}"
    page_file = root / "docs" / lang / page
    shown = Page.read(page_file).snippets
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    problems = []
    if not cells or "import torch" not in cells[0]["source"] or "torch.__version__" not in cells[0]["source"]:
        problems.append(f"{name}: the notebook's first cell does not say which PyTorch made its outputs")
    code = cells[1:]
    if len(code) != len(shown):
        problems.append(f"{name}: the notebook has {len(code)} code cells, the page shows {len(shown)} snippets")
    for n, (cell, snippet) in enumerate(zip(code, shown), 1):
        want = shown_code(root / snippet.code)
        if cell["source"] != want:
            diff = "\n".join(difflib.unified_diff(want.splitlines(), cell["source"].splitlines(), fromfile=snippet.code,
                                                  tofile=f"code cell {n}", lineterm=""))
            problems.append(f"{name}: code cell {n} is not {snippet.code}, the snippet the page shows there\n{diff}")
            continue
        raises = settings.for_snippet(root / snippet.code).raises is not None
        expected = notebook.outputs_of((root / snippet.output).read_text(encoding="utf-8"), raises) if snippet.output else []
        got = [o for o in cell["outputs"] if "image/svg+xml" not in o.get("data", {})]
        if got != expected:
            problems.append(f"{name}: code cell {n} ({snippet.code}) does not carry the output the page shows "
                            f"under it ({snippet.output})")
        if raises != ("raises-exception" in cell["metadata"].get("tags", [])):
            problems.append(f"{name}: code cell {n} ({snippet.code}) "
                            + ("raises on purpose but is not tagged raises-exception" if raises
                               else "is tagged raises-exception but does not raise"))
        drawn = notebook.figures_drawn(want)
        if _figures(cell) != len(drawn):
            problems.append(f"{name}: code cell {n} ({snippet.code}) draws {len(drawn)} figure(s), "
                            f"the cell shows {_figures(cell)}")
    prose = [c["source"] for c in nb["cells"] if c["cell_type"] == "markdown"]
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
    nb = json.loads(notebook_path(built_site.path, lang, page).read_text(encoding="utf-8"))
    problems = check_notebook(nb, ROOT, lang, page)
    assert not problems, "\n".join(problems)


@pytest.mark.sitebuild
@pytest.mark.parametrize("lang", [l for l in languages(DOCS) if l != DEFAULT])
def test_every_language_offers_the_same_code_in_its_notebooks(built_site, lang):
    for page in chapter_pages(DEFAULT):
        mine, ref = (json.loads(notebook_path(built_site.path, lang_, page).read_text(encoding="utf-8"))
                     for lang_ in (lang, DEFAULT))
        code = [[(c["source"], [o for o in c["outputs"] if "data" not in o]) for c in nb["cells"][1:]
                 if c["cell_type"] == "code"] for nb in (mine, ref)]
        assert code[0] == code[1], f"{lang}/{page}: notebook code cells or outputs differ from {DEFAULT}/{page}"
        prose = [c["source"] for c in mine["cells"] if c["cell_type"] == "markdown"]
        assert prose, f"{lang}/{page}: the notebook has no prose"


# ---------------------------------------------------------------- one notebook, executed
# ---------------------------------------------------------------- one notebook, run as a reader runs it
def least_code_chapter() -> Path:
    """The chapter page of the default language whose snippets are the shortest."""
    return min(chapter_pages(DEFAULT),
               key=lambda p: sum((ROOT / s).stat().st_size for s in shown_snippets(DOCS / DEFAULT / p)))


@pytest.mark.sitebuild
def test_a_chapter_notebook_runs_to_the_end_as_a_reader_runs_it_and_prints_what_its_page_shows(built_site):
    """A fresh kernel, an empty folder, Run all with default settings (no allow-errors);
    `make test-notebooks` does it for every notebook of the site."""
    page = least_code_chapter()
    result = kernel.check_notebook(notebook_path(built_site.path, DEFAULT, page), built_site.path, ROOT)
    assert not result.problems, "\n".join(result.problems)


# ---------------------------------------------------------------- every notebook, under make drift
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


def run_as_notebook(nb: nbformat.NotebookNode, snippets: list[str]) -> nbformat.NotebookNode:
    """Execute a download's snippet cells in order in one namespace, as one kernel does, with
    the harness (runner.run_notebook: the starting state once, then each cell where the
    last one left off), and store each cell's output as a kernel would: the printed text
    as a stdout stream, an exception as an error output."""
    from tests.harness import runner

    cells = [c for c in nb.cells if c.cell_type == "code"][1:]  # the first one names the PyTorch
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
    holds the same code cells: test_every_language_offers_the_same_code_in_its_notebooks.)"""
    snippets = shown_snippets(DOCS / DEFAULT / page)
    nb = nbformat.from_dict(page_notebook((DOCS / DEFAULT / page).read_text(encoding="utf-8"), ROOT, DEFAULT))
    nb = run_as_notebook(nb, snippets)
    drift.wait_for_records()  # make drift runs the snippets (which write the records) alongside
    cells = [c for c in nb.cells if c.cell_type == "code"][1:]
    assert len(cells) == len(snippets)
    problems = [p for cell, snippet in zip(cells, snippets) for p in check_cell(cell, snippet)]
    assert not problems, f"docs/{DEFAULT}/{page.as_posix()}:\n" + "\n".join(problems)


# ---------------------------------------------------------------- the checkers, on broken input
PAGE = """# Title {#t}

Some prose.

```python title="snippets/c/a.py"
--8<-- "snippets/c/a.py"
```

1.  The annotation of line 1.

``` { .text .no-copy title="Output" }
--8<-- "snippets/c/a.out"
```

!!! note "Careful"
    Indented note.

    ```python title="snippets/c/b.py"
    --8<-- "snippets/c/b.py"
    ```

    ``` { .text .no-copy title="Output" }
    --8<-- "snippets/c/b.out"
    ```

![A straight line](../figures/c/line.svg)
"""

B_OUT = """before
Traceback (most recent call last):
  File "snippets/c/b.py", line 3, in <module>
    raise ValueError(message)
ValueError: two
lines
"""


def _tree(tmp_path: Path, lang: str = "en", page: str = PAGE) -> dict:
    """A page with two snippets: one annotated, one that raises on purpose and draws a
    figure; and its notebook, as the build makes it."""
    c = tmp_path / "snippets" / "c"
    c.mkdir(parents=True)
    (c / "a.py").write_text("x = 1  # (1)!\nprint(x)\n")
    (c / "a.out").write_text("1\nsnippets/c/a.py:2: UserWarning: careful\n  print(x)\n2\n")
    (c / "b.py").write_text('plt.savefig("build/figures/c/line.svg")\nprint("before")\nraise ValueError(message)\n')
    (c / "b.out").write_text(B_OUT)
    (c / "harness.toml").write_text('["b.py"]\nraises = "ValueError"\n')
    (tmp_path / "build" / "figures" / "c").mkdir(parents=True)
    (tmp_path / "build" / "figures" / "c" / "line.svg").write_text("<svg><text>x</text></svg>")
    (tmp_path / "docs" / lang / "c").mkdir(parents=True)
    (tmp_path / "docs" / lang / "c" / "p.md").write_text(page, encoding="utf-8")
    return page_notebook(page, tmp_path, lang)


def test_a_page_becomes_a_version_cell_then_prose_and_code_cells_with_their_outputs_in_order(tmp_path):
    nb = _tree(tmp_path)
    assert [c["cell_type"] for c in nb["cells"]] == ["code", "markdown", "code", "markdown", "code"]
    first, title, a, middle, b = nb["cells"]
    assert "2.13.0" in first["source"] and first["outputs"] == []
    assert title["source"] == "# Title\n\nSome prose."
    assert a["source"] == "x = 1\nprint(x)" and a["metadata"] == {"snippet": "snippets/c/a.py"}
    assert a["outputs"] == [notebook.stream("stdout", "1\n"),
                            notebook.stream("stderr", "snippets/c/a.py:2: UserWarning: careful\n  print(x)\n"),
                            notebook.stream("stdout", "2\n")]
    assert middle["source"] == "1.  The annotation of line 1.\n\n**Careful**\nIndented note."
    assert b["metadata"]["tags"] == ["raises-exception"]
    assert b["outputs"][0] == notebook.stream("stdout", "before\n")
    error = b["outputs"][1]
    assert (error["ename"], error["evalue"]) == ("ValueError", "two\nlines")
    assert error["traceback"] == B_OUT.splitlines()[1:]
    figure = b["outputs"][2]["data"]
    assert figure == {"image/svg+xml": "<svg><text>x</text></svg>", "text/plain": "A straight line"}
    assert "line.svg" not in json.dumps([c["source"] for c in nb["cells"] if c["cell_type"] == "markdown"])


def test_a_notebook_made_from_its_page_has_no_problems(tmp_path):
    assert check_notebook(_tree(tmp_path), tmp_path, "en", Path("c/p.md")) == []


def test_a_notebook_without_outputs_tags_figures_or_version_cell_is_reported(tmp_path):
    nb = _tree(tmp_path)
    version, _, a, _, b = nb["cells"]
    a["outputs"] = []
    b["metadata"] = {}
    b["outputs"] = b["outputs"][:2]
    version["source"] = "print(1)"
    assert check_notebook(nb, tmp_path, "en", Path("c/p.md")) == [
        "docs/en/c/p.md: the notebook's first cell does not say which PyTorch made its outputs",
        "docs/en/c/p.md: code cell 1 (snippets/c/a.py) does not carry the output the page shows under it "
        "(snippets/c/a.out)",
        "docs/en/c/p.md: code cell 2 (snippets/c/b.py) raises on purpose but is not tagged raises-exception",
        "docs/en/c/p.md: code cell 2 (snippets/c/b.py) draws 1 figure(s), the cell shows 0"]


def test_a_code_cell_that_differs_from_its_snippet_is_reported_with_page_and_snippet(tmp_path):
    nb = _tree(tmp_path)
    nb["cells"][4]["source"] = "print(3)"  # the second snippet's cell
    [problem] = check_notebook(nb, tmp_path, "en", Path("c/p.md"))
    assert problem.startswith("docs/en/c/p.md: code cell 2 is not snippets/c/b.py, the snippet the page shows "
                              "there\n--- snippets/c/b.py\n+++ code cell 2\n")


def test_a_missing_code_cell_is_reported_and_the_cells_after_it_differ(tmp_path):
    nb = _tree(tmp_path)
    del nb["cells"][2]  # the first snippet's cell
    problems = check_notebook(nb, tmp_path, "en", Path("c/p.md"))
    assert problems[0] == "docs/en/c/p.md: the notebook has 1 code cells, the page shows 2 snippets"
    assert problems[1].startswith("docs/en/c/p.md: code cell 1 is not snippets/c/a.py, the snippet the page shows there")


def test_prose_that_is_empty_untitled_or_in_another_language_is_reported(tmp_path):
    nb = _tree(tmp_path)
    nb["cells"][1]["source"] = "# 标题\n\n第一段。"
    nb["cells"][3]["source"] = "  "
    assert check_notebook(nb, tmp_path, "en", Path("c/p.md")) == [
        "docs/en/c/p.md: the notebook does not open with the page's title '# Title'",
        "docs/en/c/p.md: markdown cell 1 is not in the page's language (en): '# 标题\\n\\n第一段。'",
        "docs/en/c/p.md: markdown cell 2 is empty"]


def _ran(nb: dict) -> dict:
    return json.loads(json.dumps(nb))


def test_an_executed_notebook_that_prints_warns_raises_or_draws_something_else_is_reported(tmp_path):
    shown = _tree(tmp_path)
    tol = kernel.tolerance(tmp_path)
    assert notebook.notebook_problems(_ran(shown), shown, tol, "c/p.ipynb") == []
    ran = _ran(shown)
    a, b = ran["cells"][2], ran["cells"][4]
    a["outputs"][0]["text"] = "1.5\n"  # a wrong number
    a["outputs"][1]["text"] = "/tmp/ipykernel_1/2.py:2: UserWarning: careful\n"  # the kernel's own file: fine
    b["outputs"][1].update(ename="TypeError")
    b["outputs"].pop()  # no figure
    problems = notebook.notebook_problems(ran, shown, tol, "c/p.ipynb")
    assert problems[0].startswith("c/p.ipynb: code cell 2 (snippets/c/a.py): printed something else than the page "
                                  "shows (")
    assert problems[1:] == ["c/p.ipynb: code cell 3 (snippets/c/b.py): raised TypeError: two\nlines; the page "
                            "shows ValueError",
                            "c/p.ipynb: code cell 3 (snippets/c/b.py): drew 0 figure(s), the page shows 1"]


def test_a_number_within_the_snippets_tolerance_is_not_reported(tmp_path):
    shown = _tree(tmp_path)
    ran = _ran(shown)
    ran["cells"][2]["outputs"][0]["text"] = "1.000001\n"
    shown["cells"][2]["outputs"][0]["text"] = "1.0\n"
    assert notebook.notebook_problems(ran, shown, kernel.tolerance(tmp_path), "c/p.ipynb") == []


def test_a_notebook_that_stops_at_an_untagged_error_is_reported_with_its_cell():
    nb = notebook.notebook([notebook.cell("code", "print(1)"), notebook.cell("code", "1 / 0"),
                            notebook.cell("code", "print(2)")], dict(notebook.KERNEL))
    with pytest.raises(kernel.StoppedAt, match=r"Run all stopped at cell 1: ZeroDivisionError"):
        kernel.run_as_reader(nb)
    nb["cells"][1]["metadata"]["tags"] = ["raises-exception"]
    ran = kernel.run_as_reader(nb)
    assert ran["cells"][2]["outputs"][0]["text"] == "2\n"

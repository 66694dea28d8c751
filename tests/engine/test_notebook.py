"""The notebook download of a page (engine/notebook.py): a first cell that names the
PyTorch that made the outputs, the page's prose as markdown cells, and each snippet it
shows as a code cell carrying the output the page shows under it (its tested .out:
stdout, warnings, an expected exception as an error output with the cell tagged
raises-exception, a drawn figure as an image). `check_notebook` finds what a notebook
lacks; the comparison of a run notebook with its page (``notebook_problems``) and a
run as a reader runs it (engine/kernel.py) must report what differs. The built site's
notebooks are checked in tests/site/test_notebooks.py.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine import kernel, notebook
from engine.words import table
from tests.support import ROOT

MADE = notebook.Provenance("2.13.0")


def page_notebook(text: str, root: Path, lang: str) -> dict:
    """A page's notebook, as the build writes it."""
    from engine.page import Page

    return notebook.for_page(Page(text), root, lang, table(ROOT, lang), MADE)


check_notebook = notebook.download_problems


# ---------------------------------------------------------------- the checkers, on broken input
PAGE = """# Title {#t}

Some prose.

{* snippets/c/a.py *}

1.  The annotation of line 1.

!!! note "Careful"
    Indented note.

    {* snippets/c/b.py *}

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


def test_prose_links_to_other_pages_point_at_the_hosted_site_and_a_source_link_is_reported(tmp_path):
    page = PAGE.replace("Some prose.", "See [the basics](../autograd/basics.md#leaf) and [below](#t).")
    nb = _tree(tmp_path, page=page)
    assert check_notebook(nb, tmp_path, "en", Path("c/p.md")) == [
        "docs/en/c/p.md: markdown cell 1 links to ../autograd/basics.md#leaf, a source file that is not in the "
        "notebook's folder (link the hosted page)"]
    notebook.with_site_links(nb, "c/p.md", "https://example.org/site/en/")
    assert "[the basics](https://example.org/site/en/autograd/basics/#leaf) and [below](#t)" in nb["cells"][1]["source"]
    assert check_notebook(nb, tmp_path, "en", Path("c/p.md")) == []


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

"""The records of newer PyTorch releases (engine/drift.py) stay true without the second torch,
each broken case named at file:line; readers see them; the --drift mode runs on a tiny tree."""
from __future__ import annotations

from pathlib import Path

import pytest
import torch

from engine import drift, numbers, pagerules, settings
from engine.page import Page
from engine.words import table
from tests.support import ROOT, two_languages

RUN, REC, SUMMARY = "run `make drift TORCH=9.9.0`", "snippets/c/p_a.torch-9.9.0.out", "snippets/drift/torch-9.9.0.json"
STALE = f"{REC}:1: stale: {{}} changed since the record was made; {RUN}"
PRINTS = "grad 0.0\nloss 0.5000001\nnew line\n"  # on 9.9.0: line 1 differs, line 2 only within tolerance, 3 is new


def _record(root: Path, release: str, text: str) -> None:
    """p_a's record of a release, with its summary, as make drift writes them."""
    (root / f"snippets/c/p_a.torch-{release}.out").write_text(text)
    entry = drift.entry_for(root / "snippets/c/p_a.py", text, "grad 1.0\nloss 0.5\n", settings.Settings(), "differs")
    drift.write_summary(root, {"release": release, "torch": release, "base": "2.13.0+cpu",
                               "records": {"snippets/c/p_a.py": entry}, "checked": {}})


def _tree(root: Path) -> Path:
    """Snippet p_a prints something else on torch 9.9.0, recorded; p_b does not."""
    (root / "snippets" / "c").mkdir(parents=True)
    for name, text in {"p_a.py": "print('grad', 1.0)\nprint('loss', 0.5)\n", "p_a.out": "grad 1.0\nloss 0.5\n",
                       "p_b.py": "print(2)\n", "p_b.out": "2\n"}.items():
        (root / "snippets/c" / name).write_text(text)
    _record(root, "9.9.0", PRINTS)
    return two_languages(root)


@pytest.mark.parametrize("name, text, problem", [
    ("p_a.py", "print('grad', 1.0)  # edited\n", STALE.format("snippets/c/p_a.py")),
    ("p_a.out", "grad 2.0\nloss 0.5\n", STALE.format("snippets/c/p_a.out")),
    ("p_a.torch-9.9.0.out", "grad 0.5\n", STALE.format(f"{REC} itself (edited by hand?)")),
    ("9.9.0", "grad 1.000001\nloss 0.5\n",  # recorded again, but rtol 1e-5: the same number
     f"{REC}:1: equals snippets/c/p_a.out within its tolerance (rtol 1e-05, atol 1e-08): a record exists only "
     f"for an output that differs; delete it and its entry ({RUN} does)"),
    ("p_b.torch-9.9.0.out", "3\n",
     f"snippets/c/p_b.torch-9.9.0.out:1: a record of torch 9.9.0, but it is not listed in {SUMMARY}; {RUN}"),
    ("p_b.torch-9.10.0.out", "4\n", "snippets/c/p_b.torch-9.10.0.out:1: a record of torch 9.10.0, but there is "
     "no summary snippets/drift/torch-9.10.0.json; run `make drift TORCH=9.10.0`"),
    ("p_a.torch-9.9.0.out", None, f"{SUMMARY}:5: lists a record {REC}, which does not exist; {RUN}"),
    ("p_a.py", None, f"{SUMMARY}:5: lists snippets/c/p_a.py, which does not exist; {RUN}"),
])
def test_each_stale_needless_or_unlisted_record_is_reported_at_its_file_and_line(tmp_path, name, text, problem):
    root = _tree(tmp_path)
    if name[0].isdigit():
        _record(root, name, text)
    elif text is None:
        (root / "snippets/c" / name).unlink()
    else:
        (root / "snippets/c" / name).write_text(text)
    assert drift.check(root) == [problem]


def test_readers_see_a_note_per_distinct_record_the_version_notes_and_prose_quoting_a_record(tmp_path):
    root, page = _tree(tmp_path), "# T {#t}\n\n    {* snippets/c/p_a.py *}\n\nProse.\n"
    (root / "docs/zh/c").mkdir(parents=True)
    (root / "docs/zh/c/p.md").write_text(page, encoding="utf-8")
    def md(lang: str = "en") -> str:  # the page as the build expands it
        words = table(ROOT, lang)
        return Page(page).expand(words["output"], lambda out: True,
                                 lambda out, indent: drift.notes(root, out, indent, "c/p.md", words))
    note = md().split('    --8<-- "snippets/c/p_a.out"\n    ```\n', 1)[1]
    assert note.startswith('\n    <span id="drift-p_a-9-9-0"></span>\n\n'
                           '    ??? info drift-note "PyTorch 9.9.0: a different output"\n\n')
    assert "from PyTorch 2.13.0. On PyTorch 9.9.0" in note and "(../versions.md#torch-9-9-0)" in note
    assert f'        ``` {{ .text .no-copy hl_lines="1 3" }}\n        --8<-- "{REC}"\n' in note
    assert note.endswith("\nProse.\n")
    notes = drift.version_notes(root, "zh", table(ROOT, "zh"))
    row = "| [T](c/p.md#drift-p_a-9-9-0) | <code>p_a.py</code> | 1, 3 | <code>grad 1.0</code> | <code>grad 0.0</code> |"
    assert notes.startswith("## PyTorch 9.9.0 {#torch-9-9-0}") and row in notes
    _record(root, "9.10.0", PRINTS)  # what 9.9.0 prints too: one note
    assert md().count("??? info drift-note") == 1 and '"PyTorch 9.9.0 and 9.10.0: a different output"' in md()
    assert '<span id="drift-p_a-9-10-0"></span>\n    <span id="drift-p_a-9-9-0"></span>' in md()  # newest first
    assert '"PyTorch 9.9.0 和 9.10.0：输出不同"' in md("zh") and drift.check(root) == []
    _record(root, "9.10.0", "grad 2.0\nloss 0.5\n")  # something else again: a note each
    assert md().count("??? info drift-note") == 2
    assert '"PyTorch 9.10.0: a different output"' in md() and '"PyTorch 9.9.0: a different output"' in md()
    notes = drift.version_notes(root, "en", table(ROOT, "en"))
    assert notes.index("## PyTorch 9.10.0") < notes.index("## PyTorch 9.9.0")  # every release, newest first
    assert drift.notes(tmp_path / "no-records", "snippets/c/p_a.out", "    ", "c/p.md", {}) == []
    (root / REC).write_text("grad 0.0\nValueError: gone\n")  # the prose may quote what only a record prints
    (root / "docs/en").mkdir(parents=True)
    (root / "docs/en/p.md").write_text("# T {#t}\n\n{* snippets/c/p_a.py *}\n\n{* snippets/c/p_b.py *}\n\n"
                                       "On 9.9.0: `ValueError: gone`; the grad is 0.0, not 1.0; never 0.25.\n")
    states = lambda: [p.split(",")[0] for p in numbers.check(root)]
    assert pagerules.page_problems(root, "en", Path("p.md")) == [] and states() == ["docs/en/p.md:7: states 0.25"]
    (root / REC).unlink()
    assert pagerules.page_problems(root, "en", Path("p.md")) == [
        "docs/en/p.md:7: quotes `ValueError: gone`, which no output on the page printed (messages in prose "
        "must be copied from a tested output)"]
    assert states() == ["docs/en/p.md:7: states 0.0", "docs/en/p.md:7: states 0.25"]


def test_a_drift_run_writes_the_record_and_summary_and_deletes_a_needless_record(project):
    """--drift on a tiny tree, with this torch as the 'newer' one."""
    release, report = drift.release_of(torch.__version__), f"--drift-report={project.root / 'report'}"
    for name, text in {"p_a.py": "print('grad', 0.0)\n", "p_a.out": "grad 1.0\n",  # the "pinned torch" printed 1.0
                       "p_b.py": "print(2)\n", "p_b.out": "2\n", f"p_b.torch-{release}.out": "3\n"}.items():
        (project.demo / name).write_text(text)
    (project.root / "snippets" / "provenance.json").write_text('{"torch": "2.13.0+cpu"}')
    check = project.run("--drift=check", report)
    check.assert_outcomes(failed=2)  # p_a differs unrecorded; p_b's record is needless
    assert f"snippets/demo/p_a.py:1: torch {torch.__version__} prints something else" in check.text
    assert f"snippets/demo/p_a.torch-{release}.out does not record it; run `make drift TORCH={release}`" in check.text
    assert f"snippets/demo/p_b.torch-{release}.out: this release prints what snippets/demo/p_b.out holds" in check.text
    assert (project.root / f"report/records/snippets/demo/p_a.torch-{release}.out").exists()
    assert not (project.demo / f"p_a.torch-{release}.out").exists()  # check mode writes nothing under snippets/
    write = project.run("--drift=write", report)
    write.assert_outcomes(passed=2)
    assert (project.demo / f"p_a.torch-{release}.out").read_text() == "grad 0.0\n"
    assert not (project.demo / f"p_b.torch-{release}.out").exists()
    assert "1 differ" in write.text and "snippets/demo/p_a.py" in write.text and drift.check(project.root) == []
    assert "1 differ" in (project.root / f"report/torch-{release}.md").read_text()

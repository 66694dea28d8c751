"""The records of newer PyTorch releases (engine/drift.py) stay true without the second
torch, and readers see them. Each broken case names file:line and says to run
`make drift TORCH=…`; the --drift mode itself runs on a tiny tree (tests/plugin/drift.py)."""
from __future__ import annotations

import json
from pathlib import Path

from engine import drift, numbers, pagerules, settings
from engine.page import Page
from engine.words import table
from tests.support import ROOT, two_languages

RUN = "run `make drift TORCH=9.9.0`"
PAGE = "# T {#t}\n\n    {* snippets/c/p_a.py *}\n\nProse.\n"


def _tree(tmp_path: Path) -> Path:
    """A snippet whose output differs on torch 9.9.0, recorded as make drift records it."""
    folder = tmp_path / "snippets" / "c"
    folder.mkdir(parents=True)
    (folder / "p_a.py").write_text("print('grad', 1.0)\nprint('done')\n")
    (folder / "p_a.out").write_text("grad 1.0\ndone\n")
    (folder / "p_a.torch-9.9.0.out").write_text("grad 0.0\ndone\n")
    (folder / "p_b.py").write_text("print(2)\n")
    (folder / "p_b.out").write_text("2\n")
    entry = drift.entry_for(folder / "p_a.py", "grad 0.0\ndone\n", "grad 1.0\ndone\n", settings.Settings(), "differs")
    drift.write_summary(tmp_path, {"release": "9.9.0", "torch": "9.9.0+cpu", "base": "2.13.0+cpu",
                                   "records": {"snippets/c/p_a.py": entry},
                                   "checked": {"snippets/c/p_a.py": "x", "snippets/c/p_b.py": "y"}})
    return two_languages(tmp_path)


def _record(root: Path, release: str, text: str) -> None:
    """Another release records p_a too."""
    (root / f"snippets/c/p_a.torch-{release}.out").write_text(text)
    entry = drift.entry_for(root / "snippets/c/p_a.py", text, "grad 1.0\ndone\n", settings.Settings(), "differs")
    drift.write_summary(root, {"release": release, "torch": release, "base": "2.13.0+cpu",
                               "records": {"snippets/c/p_a.py": entry}, "checked": {}})


def test_the_committed_records_are_fresh_listed_and_real_differences():
    assert drift.check(ROOT) == []


def test_a_fresh_record_has_no_problems_and_names_the_line_that_differs(tmp_path):
    root = _tree(tmp_path)
    assert drift.check(root) == []
    entry = drift.summaries(root)["9.9.0"]["records"]["snippets/c/p_a.py"]
    assert (entry["lines"], entry["was"], entry["now"]) == ([1], "grad 1.0", "grad 0.0")


def test_a_record_whose_snippet_output_or_own_text_changed_is_stale(tmp_path):
    root = _tree(tmp_path)
    for path, text, what in (("p_a.py", "print('grad', 1.0)  # edited\n", "snippets/c/p_a.py"),
                             ("p_a.out", "grad 2.0\ndone\n", "snippets/c/p_a.out"),
                             ("p_a.torch-9.9.0.out", "grad 0.5\n", "snippets/c/p_a.torch-9.9.0.out itself (edited by hand?)")):
        old = (root / "snippets/c" / path).read_text()
        (root / "snippets/c" / path).write_text(text)
        assert drift.check(root) == [f"snippets/c/p_a.torch-9.9.0.out:1: stale: {what} changed since the record "
                                     f"was made; {RUN}"]
        (root / "snippets/c" / path).write_text(old)


def test_a_record_equal_to_the_main_output_within_tolerance_must_not_exist(tmp_path):
    root = _tree(tmp_path)
    _record(root, "9.9.0", "grad 1.000001\ndone\n")  # rtol 1e-5: the same number
    assert drift.check(root) == [
        "snippets/c/p_a.torch-9.9.0.out:1: equals snippets/c/p_a.out within its tolerance (rtol 1e-05, "
        f"atol 1e-08): a record exists only for an output that differs; delete it and its entry ({RUN} does)"]


def test_a_record_missing_from_its_summary_or_without_a_summary_is_reported(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets/c/p_b.torch-9.9.0.out").write_text("3\n")
    (root / "snippets/c/p_b.torch-9.10.0.out").write_text("4\n")
    assert drift.check(root) == [
        "snippets/c/p_b.torch-9.10.0.out:1: a record of torch 9.10.0, but there is no summary "
        "snippets/drift/torch-9.10.0.json; run `make drift TORCH=9.10.0`",
        "snippets/c/p_b.torch-9.9.0.out:1: a record of torch 9.9.0, but it is not listed in "
        f"snippets/drift/torch-9.9.0.json; {RUN}"]


def test_a_summary_entry_without_its_record_names_the_summary_line(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets/c/p_a.torch-9.9.0.out").unlink()
    line = next(n for n, l in enumerate((root / "snippets/drift/torch-9.9.0.json").read_text().splitlines(), 1)
                if '"snippets/c/p_a.py": {' in l)
    assert drift.check(root) == [f"snippets/drift/torch-9.9.0.json:{line}: lists a record "
                                 f"snippets/c/p_a.torch-9.9.0.out, which does not exist; {RUN}"]


def test_differing_lines_skip_noise_and_mark_added_lines():
    assert list(drift.differing_lines("a 1.0000001\nb tensor([1.0000, 2.5000])\nc\nnew line\n",
                                 "a 1.0\nb tensor([1.0000, 2.0000])\nc\n")) == [2, 4]


def test_the_prose_may_quote_a_message_or_a_number_only_the_newer_release_prints(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets/c/p_a.torch-9.9.0.out").write_text("grad 0.0\nValueError: gone\n")
    for lang in ("zh", "en"):
        (root / "docs" / lang).mkdir(parents=True)
        (root / "docs" / lang / "p.md").write_text(
            "# T {#t}\n\n{* snippets/c/p_a.py *}\n\n{* snippets/c/p_b.py *}\n\n"
            "On 9.9.0: `ValueError: gone`; the grad is 0.0, not 1.0; never 0.25.\n", encoding="utf-8")
    assert pagerules.page_problems(root, "en", Path("p.md")) == []
    assert [p.split(",")[0] for p in numbers.check(root)] == ["docs/zh/p.md:7: states 0.25", "docs/en/p.md:7: states 0.25"]
    (root / "snippets/c/p_a.torch-9.9.0.out").unlink()
    assert pagerules.page_problems(root, "en", Path("p.md")) == [
        "docs/en/p.md:7: quotes `ValueError: gone`, which no output on the page printed (messages in prose "
        "must be copied from a tested output)"]
    assert [p.split(",")[0] for p in numbers.check(root)][:2] == ["docs/zh/p.md:7: states 0.0", "docs/zh/p.md:7: states 0.25"]


def _expanded(root: Path, lang: str = "en") -> str:
    words = table(ROOT, lang)
    return Page(PAGE).expand(words["output"], lambda out: True,
                             lambda out, indent: drift.notes(root, out, indent, "c/p.md", words))


def test_the_build_puts_a_note_with_the_record_under_the_output_and_lists_it_on_the_version_notes(tmp_path):
    root = _tree(tmp_path)
    (root / "docs/zh/c").mkdir(parents=True)
    (root / "docs/zh/c/p.md").write_text(PAGE, encoding="utf-8")
    note = _expanded(root).split('    --8<-- "snippets/c/p_a.out"\n    ```\n', 1)[1]
    assert note.startswith('\n    <span id="drift-p_a-9-9-0"></span>\n\n'
                           '    ??? info drift-note "PyTorch 9.9.0: a different output"\n\n')
    assert "from PyTorch 2.13.0. On PyTorch 9.9.0" in note and "(../versions.md#torch-9-9-0)" in note
    assert '        ``` { .text .no-copy hl_lines="1" }\n        --8<-- "snippets/c/p_a.torch-9.9.0.out"\n' in note
    assert note.endswith("\nProse.\n")
    table_ = drift.version_notes(root, "zh", table(ROOT, "zh"))
    assert table_.startswith("## PyTorch 9.9.0 {#torch-9-9-0}")
    assert "| [T](c/p.md#drift-p_a-9-9-0) | <code>p_a.py</code> | 1 | <code>grad 1.0</code> | <code>grad 0.0</code> |" in table_
    (root / "snippets/c/p_a.torch-9.9.0.out").unlink()
    (root / "snippets/drift/torch-9.9.0.json").unlink()
    assert "drift-note" not in _expanded(root)


def test_releases_that_print_the_same_share_one_note_and_others_get_their_own(tmp_path):
    root = _tree(tmp_path)
    _record(root, "9.10.0", "grad 0.0\ndone\n")  # what 9.9.0 prints too
    md = _expanded(root)
    assert md.count("??? info drift-note") == 1 and '"PyTorch 9.9.0 and 9.10.0: a different output"' in md
    assert '<span id="drift-p_a-9-10-0"></span>' in md and '<span id="drift-p_a-9-9-0"></span>' in md
    assert '"PyTorch 9.9.0 和 9.10.0：输出不同"' in _expanded(root, "zh")
    assert drift.check(root) == []
    _record(root, "9.10.0", "grad 2.0\ndone\n")  # something else again
    md = _expanded(root)
    assert md.count("??? info drift-note") == 2
    assert '"PyTorch 9.10.0: a different output"' in md and '"PyTorch 9.9.0: a different output"' in md
    notes = drift.version_notes(root, "en", table(ROOT, "en"))
    assert notes.index("## PyTorch 9.10.0") < notes.index("## PyTorch 9.9.0")  # every release, newest first


def test_a_drift_run_writes_the_record_and_summary_and_deletes_a_needless_record(project):
    """--drift on a tiny tree, with this torch as the 'newer' one."""
    import torch

    release = drift.release_of(torch.__version__)
    folder = project.demo
    (folder / "p_a.py").write_text("print('grad', 0.0)\n")
    (folder / "p_a.out").write_text("grad 1.0\n")  # the "pinned torch" printed 1.0
    (folder / "p_b.py").write_text("print(2)\n")
    (folder / "p_b.out").write_text("2\n")
    (folder / f"p_b.torch-{release}.out").write_text("3\n")  # no longer differs: deleted
    (project.root / "snippets" / "provenance.json").write_text(json.dumps({"torch": "2.13.0+cpu"}))
    report = f"--drift-report={project.root / 'report'}"
    check = project.run("--drift=check", report)
    check.assert_outcomes(failed=2)  # p_a differs unrecorded; p_b has a needless record
    assert f"snippets/demo/p_a.py:1: torch {torch.__version__} prints something else" in check.text
    assert f"snippets/demo/p_a.torch-{release}.out does not record it; run `make drift TORCH={release}`" in check.text
    assert (project.root / "report" / "records" / "snippets" / "demo" / f"p_a.torch-{release}.out").exists()
    assert not (folder / f"p_a.torch-{release}.out").exists()  # check mode writes nothing under snippets/
    write = project.run("--drift=write", report)
    write.assert_outcomes(passed=2)
    assert (folder / f"p_a.torch-{release}.out").read_text() == "grad 0.0\n"
    assert not (folder / f"p_b.torch-{release}.out").exists()
    assert "1 differ" in write.text and "snippets/demo/p_a.py" in write.text
    assert drift.check(project.root) == []

"""The records of newer PyTorch releases stay true without the second torch (tests/harness/drift.py).

`make drift TORCH=<version>` writes them (scripts/drift.py); `make test` checks that every
record is fresh (its snippet, its main output and the record itself unchanged since it
was made), listed in its release's summary, and really different from the main output.
Each broken case below names file:line and says to run `make drift TORCH=…`.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine import settings
from tests.harness import drift, numbers, pages

ROOT = Path(__file__).resolve().parents[1]
RUN = "run `make drift TORCH=9.9.0`"


def test_the_committed_records_are_fresh_listed_and_real_differences():
    problems = drift.check(ROOT)
    assert not problems, "\n".join(problems)


def _tree(tmp_path: Path) -> Path:
    """A snippet whose output differs on torch 9.9.0, recorded as make drift records it."""
    folder = tmp_path / "snippets" / "c"
    folder.mkdir(parents=True)
    snippet = folder / "p_a.py"
    snippet.write_text("print('grad', 1.0)\nprint('done')\n")
    main = "grad 1.0\ndone\n"
    record = "grad 0.0\ndone\n"
    (folder / "p_a.out").write_text(main)
    (folder / "p_a.torch-9.9.0.out").write_text(record)
    (folder / "p_b.py").write_text("print(2)\n")
    (folder / "p_b.out").write_text("2\n")
    entry = drift.entry_for(tmp_path, snippet, record, main, settings.Settings(), "value 0.0 != expected 1.0")
    drift.write_summary(tmp_path, {"release": "9.9.0", "torch": "9.9.0+cpu", "base": "2.13.0+cpu",
                                   "records": {"snippets/c/p_a.py": entry},
                                   "checked": {"snippets/c/p_a.py": "x", "snippets/c/p_b.py": "y"}})
    return tmp_path


def test_a_fresh_record_has_no_problems(tmp_path):
    root = _tree(tmp_path)
    assert drift.check(root) == []
    summary = json.loads((root / "snippets/drift/torch-9.9.0.json").read_text())
    assert summary["records"]["snippets/c/p_a.py"]["lines"] == [1]
    assert summary["records"]["snippets/c/p_a.py"]["was"] == "grad 1.0"
    assert summary["records"]["snippets/c/p_a.py"]["now"] == "grad 0.0"


def test_a_record_whose_snippet_changed_is_stale(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets/c/p_a.py").write_text("print('grad', 1.0)  # edited\nprint('done')\n")
    assert drift.check(root) == [
        f"snippets/c/p_a.torch-9.9.0.out:1: stale: snippets/c/p_a.py changed since the record was made; {RUN}"]


def test_a_record_whose_main_output_changed_is_stale(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets/c/p_a.out").write_text("grad 2.0\ndone\n")
    assert drift.check(root) == [
        f"snippets/c/p_a.torch-9.9.0.out:1: stale: snippets/c/p_a.out changed since the record was made; {RUN}"]


def test_a_record_edited_by_hand_is_stale(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets/c/p_a.torch-9.9.0.out").write_text("grad 0.5\ndone\n")
    assert drift.check(root) == [
        "snippets/c/p_a.torch-9.9.0.out:1: stale: snippets/c/p_a.torch-9.9.0.out itself (edited by hand?) "
        f"changed since the record was made; {RUN}"]


def test_a_record_equal_to_the_main_output_within_tolerance_must_not_exist(tmp_path):
    root = _tree(tmp_path)
    record = "grad 1.000001\ndone\n"  # rtol 1e-5: the same number
    (root / "snippets/c/p_a.torch-9.9.0.out").write_text(record)
    entry = drift.entry_for(root, root / "snippets/c/p_a.py", record, "grad 1.0\ndone\n", settings.Settings(), "")
    summary = json.loads((root / "snippets/drift/torch-9.9.0.json").read_text())
    summary["records"]["snippets/c/p_a.py"] = entry
    drift.write_summary(root, summary)
    assert entry["lines"] == []
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
        f"snippets/c/p_b.torch-9.9.0.out:1: not listed in snippets/drift/torch-9.9.0.json; {RUN}"]


def test_a_summary_entry_without_its_record_or_snippet_names_the_summary_line(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets/c/p_a.torch-9.9.0.out").unlink()
    line = next(n for n, l in enumerate((root / "snippets/drift/torch-9.9.0.json").read_text().splitlines(), 1)
                if '"snippets/c/p_a.py": {' in l)
    assert drift.check(root) == [
        f"snippets/drift/torch-9.9.0.json:{line}: lists a record snippets/c/p_a.torch-9.9.0.out that "
        f"does not exist; {RUN}"]


def test_a_message_quoted_from_the_newer_release_counts_as_shown(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets/c/p_a.torch-9.9.0.out").write_text("grad 0.0\nValueError: gone\n")
    for lang in ("zh", "en"):
        (root / "docs" / lang).mkdir(parents=True)
        (root / "docs" / lang / "p.md").write_text(
            '# T {#t}\n\n```python\n--8<-- "snippets/c/p_a.py"\n```\n\n```text\n--8<-- "snippets/c/p_a.out"\n```\n\n'
            "```python\n--8<-- \"snippets/c/p_b.py\"\n```\n\n```text\n--8<-- \"snippets/c/p_b.out\"\n```\n\n"
            "On 9.9.0: `ValueError: gone`.\n", encoding="utf-8")
    assert pages.check_parity(root) == []
    (root / "snippets/c/p_a.torch-9.9.0.out").unlink()
    assert pages.check_parity(root)[0] == ("docs/en/p.md: quotes `ValueError: gone`, which no output on the page "
                                           "printed (messages in prose must be copied from a tested output)")


def test_differing_lines_skip_noise_and_mark_added_lines():
    main = "a 1.0\nb tensor([1.0000, 2.0000])\nc\n"
    record = "a 1.0000001\nb tensor([1.0000, 2.5000])\nc\nnew line\n"
    assert drift.differing_lines(record, main) == [2, 4]


def test_the_prose_may_state_a_number_only_the_newer_release_prints(tmp_path):
    root = _tree(tmp_path)
    for lang in ("zh", "en"):
        (root / "docs" / lang).mkdir(parents=True)
        (root / "docs" / lang / "p.md").write_text(
            '# T {#t}\n\n```python\n--8<-- "snippets/c/p_a.py"\n```\n\n```text\n--8<-- "snippets/c/p_a.out"\n```\n\n'
            "On 9.9.0 the grad is 0.0, not 1.0; never 0.25.\n", encoding="utf-8")
    problems = numbers.check(root)
    assert [p.split(",")[0] for p in problems] == ["docs/en/p.md:11: states 0.25", "docs/zh/p.md:11: states 0.25"]
    (root / "snippets/c/p_a.torch-9.9.0.out").unlink()
    # without the record, nothing on the page prints 0.0
    assert [p.split(",")[0] for p in numbers.check(root)][:2] == ["docs/en/p.md:11: states 0.0",
                                                                 "docs/en/p.md:11: states 0.25"]


def test_a_drift_run_writes_the_record_and_summary_and_deletes_a_needless_record(tmp_path):
    """The harness's --drift mode on a tiny tree, with this torch as the 'newer' one."""
    import torch

    from tests.test_harness import Project

    release = drift.release_of(torch.__version__)
    project = Project(tmp_path)  # the harness plugin, run in this process (torch is imported)
    folder = project.demo
    (folder / "p_a.py").write_text("print('grad', 0.0)\n")
    (folder / "p_a.out").write_text("grad 1.0\n")  # the "pinned torch" printed 1.0
    (folder / "p_b.py").write_text("print(2)\n")
    (folder / "p_b.out").write_text("2\n")
    (folder / f"p_b.torch-{release}.out").write_text("3\n")  # no longer differs: deleted
    report = f"--drift-report={tmp_path / 'report'}"
    check = project.run("--drift=check", report)
    check.assert_outcomes(failed=2)  # p_a differs unrecorded; p_b has a needless record
    assert f"snippets/demo/p_a.py:1: torch {torch.__version__} prints something else" in check.text
    assert f"snippets/demo/p_a.torch-{release}.out does not record it; run `make drift TORCH={release}`" in check.text
    assert (tmp_path / "report" / "records" / "snippets" / "demo" / f"p_a.torch-{release}.out").exists()
    assert not (folder / f"p_a.torch-{release}.out").exists()  # check mode writes nothing under snippets/
    write = project.run("--drift=write", report)
    write.assert_outcomes(passed=2)
    assert (folder / f"p_a.torch-{release}.out").read_text() == "grad 0.0\n"
    assert not (folder / f"p_b.torch-{release}.out").exists()
    assert "1 differ" in write.text and "snippets/demo/p_a.py" in write.text
    assert drift.check(tmp_path) == []


PAGE = ('# T {#t}\n\n```python\n--8<-- "snippets/c/p_a.py"\n```\n\n'
        '    ``` { .text .no-copy title="Output" }\n    --8<-- "snippets/c/p_a.out"\n    ```\n\nProse.\n')


def test_the_build_puts_a_note_with_the_record_under_the_output_and_lists_it_on_the_version_notes(tmp_path):
    from hooks import drift as hook

    root = _tree(tmp_path)
    for lang in ("zh", "en"):
        (root / "docs" / lang / "c").mkdir(parents=True)
        (root / "docs" / lang / "c" / "p.md").write_text(PAGE, encoding="utf-8")
    md = hook.notes_under_outputs(PAGE, root, "c/p.md", hook.TEXT["en"])
    note = md.split('    --8<-- "snippets/c/p_a.out"\n    ```\n', 1)[1]
    assert note.startswith('\n    <span id="drift-p_a-9-9-0"></span>\n\n'
                           '    ??? info drift-note "PyTorch 9.9.0: a different output"\n\n')
    assert "from PyTorch 2.13.0. On PyTorch 9.9.0" in note and "(../versions.md#torch-9-9-0)" in note
    assert ('        ``` { .text .no-copy hl_lines="1" }\n        --8<-- "snippets/c/p_a.torch-9.9.0.out"\n'
            '        ```\n') in note
    assert note.endswith("\nProse.\n")
    table = hook.version_notes(root, "zh", hook.TEXT["zh"])
    assert table.startswith("## PyTorch 9.9.0 {#torch-9-9-0}")
    assert "| [T](c/p.md#drift-p_a-9-9-0) | <code>p_a.py</code> | 1 | <code>grad 1.0</code> | <code>grad 0.0</code> |" in table
    (root / "snippets/c/p_a.torch-9.9.0.out").unlink()
    (root / "snippets/drift/torch-9.9.0.json").unlink()
    assert hook.notes_under_outputs(PAGE, root, "c/p.md", hook.TEXT["en"]) == PAGE
    assert hook.version_notes(root, "en", hook.TEXT["en"]) == hook.TEXT["en"]["empty"]


def _second_release(root: Path, record: str) -> None:
    """Release 9.10.0 records a difference for p_a too (record as given)."""
    snippet, main = root / "snippets/c/p_a.py", "grad 1.0\ndone\n"
    (root / "snippets/c/p_a.torch-9.10.0.out").write_text(record)
    entry = drift.entry_for(root, snippet, record, main, settings.Settings(), "differs")
    drift.write_summary(root, {"release": "9.10.0", "torch": "9.10.0", "base": "2.13.0+cpu",
                               "records": {"snippets/c/p_a.py": entry}, "checked": {}})


def test_releases_that_print_the_same_share_one_note_and_others_get_their_own(tmp_path):
    from hooks import drift as hook

    root = _tree(tmp_path)
    _second_release(root, "grad 0.0\ndone\n")  # what 9.9.0 prints too
    md = hook.notes_under_outputs(PAGE, root, "c/p.md", hook.TEXT["en"])
    assert md.count("??? info drift-note") == 1
    assert '??? info drift-note "PyTorch 9.9.0 and 9.10.0: a different output"' in md
    assert '<span id="drift-p_a-9-10-0"></span>' in md and '<span id="drift-p_a-9-9-0"></span>' in md
    assert drift.check(root) == []
    zh = hook.notes_under_outputs(PAGE, root, "c/p.md", hook.TEXT["zh"])
    assert '"PyTorch 9.9.0 和 9.10.0：输出不同"' in zh
    _second_release(root, "grad 2.0\ndone\n")  # something else again
    md = hook.notes_under_outputs(PAGE, root, "c/p.md", hook.TEXT["en"])
    assert md.count("??? info drift-note") == 2
    assert '"PyTorch 9.10.0: a different output"' in md and '"PyTorch 9.9.0: a different output"' in md
    table = hook.version_notes(root, "en", hook.TEXT["en"])
    assert table.index("## PyTorch 9.10.0") < table.index("## PyTorch 9.9.0")  # every release, newest first

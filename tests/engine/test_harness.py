"""The snippet harness must fail loudly on every kind of wrong output.

Each test builds a throw-away project (snippets/demo/ + docs/zh, docs/en) from the
fixtures in tests/fixtures/harness/ and runs pytest with the snippet plugin
(tests/plugin/snippets.py) on it: the `project` fixture (tests/support.py).
"""
from __future__ import annotations

import json
from pathlib import Path

import torch

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "harness"


def test_a_snippet_whose_output_matches_passes_and_its_test_id_is_its_path(project):
    project.add("gradient", out="gradient")
    result = project.run("-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*snippets/demo/gradient.py::output PASSED*"])


def test_a_wrong_digit_in_a_gradient_fails_and_says_where_it_was_printed(project):
    project.add("gradient", out="gradient_wrong_digit")
    project.pages()
    result = project.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "snippets/demo/gradient.py:8: output differs from snippets/demo/gradient.out",
        "  first mismatch: output line 3, printed by line 8:  print(x.grad)",
        "  why: value 4.5000 != expected 4.5001*",
        "  largest error in compared numbers: abs 0.0001, rel 2.22e-05 (rtol 1e-05, atol 1e-08)",
        "  shown on: docs/en/demo.md, docs/zh/demo.md",
        "--- snippets/demo/gradient.out (expected)",
        "+++ snippets/demo/gradient.out (this run)",
        "If the new output is right, run `make update-outputs`*",
    ])
    assert "\n-        [4.5001, 4.5000]])\n+        [4.5000, 4.5000]])\n" in result.text


def test_two_is_not_three_however_few_digits_are_printed(project):
    project.add("double", out="double_off_by_one")
    result = project.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["  why: value 2. != expected 3.*", "*abs 1, rel 0.333*"])


def test_a_number_in_text_within_tolerance_passes(project):
    project.add("text_numbers", out="text_numbers_within_tolerance")
    project.run().assert_outcomes(passed=1)


def test_a_number_in_text_beyond_tolerance_fails_and_names_its_line(project):
    project.add("text_numbers", out="text_numbers_beyond_tolerance")
    project.pages()
    result = project.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "snippets/demo/text_numbers.py:6: output differs from snippets/demo/text_numbers.out",
        "  first mismatch: output line 2, printed by line 6:  print(f\"loss *",
        "  why: value 0.3000 != expected 0.3001 (|diff| 0.0001 > atol 1e-08 + rtol 1e-05 * 0.3001)",
        "  largest error in compared numbers: abs 0.0001, rel 0.000333 (rtol 1e-05, atol 1e-08)",
        "-loss 0.3001 after 3 steps, max diff 1.5e-08",
        "+loss 0.3000 after 3 steps, max diff 1.5e-08",
    ])


def test_a_changed_word_beside_equal_numbers_fails(project):
    project.add("text_numbers", out="text_numbers_changed_word")
    result = project.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["snippets/demo/text_numbers.py:6: output differs*", "  why: text differs"])


def test_an_integer_in_text_is_not_a_float_however_close(project):
    project.add("text_numbers", out="text_numbers_int_vs_float")
    result = project.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["  why: literal '3' != expected '3.' (a different kind of number)"])


def test_numbers_in_text_are_numbers_but_words_versions_and_kinds_stay_text():
    from engine.compare import compare

    assert compare("v 0.15063589811325073\n", "v 0.1506359875202179\n").ok
    assert compare("loss is 0.43.\n", "loss is 0.4300001.\n").ok
    assert not compare("loss is 0.44.\n", "loss is 0.43.\n").ok
    assert not compare("torch 2.13.1\n", "torch 2.13.0\n").ok  # a version is text
    assert not compare("AddBackward1\n", "AddBackward0\n").ok  # so is a name
    assert not compare("equal: True\n", "equal: 1\n").ok
    assert not compare("[1, 2, 3]\n", "[1, 2]\n").ok
    assert not compare("steps 41\n", "steps 42\n").ok
    bad = compare("a 1.0 b 2.5\n", "a 1.1 b 2.0\n")
    assert (bad.reason.startswith("value 1.0 != expected 1.1"), bad.first_mismatch) == (True, 2)
    assert bad.max_abs == 0.5  # the largest error covers every number, not just the first


def test_a_renamed_grad_fn_fails(project):
    project.add("add", out="add_old_grad_fn")
    result = project.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["  why: keywords ['grad_fn=<AddBackward0>'] != expected ['grad_fn=<AddBackward>']"])


def test_a_different_tolerance_can_be_set_per_snippet(project):
    project.add("gradient", out="gradient_wrong_digit")
    project.settings('["gradient.py"]\nrtol = 1e-4\n')
    project.run().assert_outcomes(passed=1)


def test_an_unexpected_exception_fails_with_its_traceback(project):
    project.add("raises", out="raises")
    result = project.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "snippets/demo/raises.py: raised RuntimeError unexpectedly.",
        '  raises = "RuntimeError"',
        "RuntimeError: grad can be implicitly created only for scalar outputs",
    ])


def test_a_declared_exception_passes_and_its_text_is_the_expected_output(project):
    project.add("raises", out="raises")
    project.settings('["raises.py"]\nraises = "RuntimeError"\nmatch = "only for scalar outputs"\n')
    project.run().assert_outcomes(passed=1)


def test_a_missing_expected_error_fails(project):
    project.add("gradient", out="gradient")
    project.settings('["gradient.py"]\nraises = "RuntimeError"\n')
    result = project.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["snippets/demo/gradient.py: expected it to raise RuntimeError, but it raised nothing."])


def test_a_different_exception_or_message_fails(project):
    project.add("raises", out="raises", name="wrong_type")
    project.add("raises", out="raises", name="wrong_message")
    project.settings('["wrong_type.py"]\nraises = "ValueError"\n\n'
                     '["wrong_message.py"]\nraises = "RuntimeError"\nmatch = "freed"\n')
    result = project.run()
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines_random([
        "snippets/demo/wrong_type.py: expected ValueError, but it raised RuntimeError: grad can*",
        "snippets/demo/wrong_message.py: raised RuntimeError as expected, but its message does not match 'freed':",
    ])


def test_a_hang_fails_with_a_clear_message_and_the_line_it_was_at(project):
    project.add("hang", out="gradient")
    project.settings('["hang.py"]\ntimeout = 0.5\n')
    result = project.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "snippets/demo/hang.py: did not finish within its time limit of 0.5 s*It was at line [56].",
        "If it really needs longer, set `timeout` for it in snippets/demo/harness.toml.",
        "start",
    ])


def test_a_typo_in_the_settings_fails_instead_of_switching_a_check_off(project):
    project.add("gradient", out="gradient")
    project.settings('["gradient.py"]\nrais = "RuntimeError"\n\n["gone.py"]\ntimeout = 1\n')
    result = project.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "snippets/demo/harness.toml: ?\"gradient.py\"? has unknown keys ?'rais'?; known: *",
        "snippets/demo/harness.toml: ?\"gone.py\"? names no snippet in this folder",
    ])


def test_a_missing_expected_output_file_fails_with_what_to_run(project):
    project.add("gradient")
    result = project.run()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "snippets/demo/gradient.py: no expected output file snippets/demo/gradient.out.",
        "Run `make update-outputs` to create it, then review and commit it.",
    ])


def test_no_snippet_can_change_the_next_ones_output(project):
    project.add("leaky", name="a_leaky")
    project.add("state_probe", out="state_probe", name="b_state_probe")
    (project.demo / "a_leaky.out").write_text("changed everything\n")
    project.run().assert_outcomes(passed=2)


def test_update_writes_new_outputs_and_names_the_files_it_changed(project):
    project.add("gradient", name="new")
    project.add("double", out="double_off_by_one", name="changed")
    result = project.run("--update-outputs")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines([
        "*updated 2 expected output file(s)*",
        "  wrote snippets/demo/changed.out",
        "  wrote snippets/demo/new.out",
    ])
    assert (project.demo / "changed.out").read_text() == "tensor([2., 4., 6.])\n"
    project.run().assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["  wrote snippets/provenance.json"])
    provenance = json.loads((project.root / "snippets" / "provenance.json").read_text())
    assert provenance["torch"] == torch.__version__ and provenance["threads"] == 1


def test_update_leaves_a_file_alone_when_the_new_output_is_within_tolerance(project):
    project.add("gradient", out="gradient_within_tolerance")
    project.settings('["gradient.py"]\nrtol = 1e-4\n')
    before = (project.demo / "gradient.out").read_text()
    result = project.run("--update-outputs")
    result.stdout.fnmatch_lines(["*no expected output changed*"])
    assert (project.demo / "gradient.out").read_text() == before


def test_update_leaves_a_moved_last_digit_alone_but_writes_a_new_format(project):
    project.add("text_numbers", out="text_numbers_within_tolerance", name="noise")
    project.add("text_numbers", out="text_numbers_within_tolerance", name="reformatted")
    (project.demo / "noise.out").write_text("start\nloss 0.3001 after 3 steps, max diff 1.6e-08\n")
    (project.demo / "reformatted.out").write_text("start\nloss 0.300000 after 3 steps, max diff 1.5e-08\n")
    project.settings('["noise.py"]\nrtol = 1e-3\n')
    result = project.run("--update-outputs")
    result.stdout.fnmatch_lines(["*updated 1 expected output file(s)*", "  wrote snippets/demo/reformatted.out"])
    assert (project.demo / "noise.out").read_text() == "start\nloss 0.3001 after 3 steps, max diff 1.6e-08\n"
    assert (project.demo / "reformatted.out").read_text() == (FIXTURES / "text_numbers.out").read_text()


def test_update_refuses_output_that_differs_between_two_runs(project):
    project.add("random_output", name="random")
    result = project.run("--update-outputs")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "snippets/demo/random.py: refusing to write snippets/demo/random.out: "
        "two runs printed different output.*"])
    assert not (project.demo / "random.out").exists()


def test_update_does_not_write_when_a_declared_error_is_missing(project):
    project.add("gradient", name="quiet")
    project.settings('["quiet.py"]\nraises = "RuntimeError"\n')
    project.run("--update-outputs").assert_outcomes(failed=1)
    assert not (project.demo / "quiet.out").exists()


def test_standalone_mode_runs_fresh_processes_and_checks_the_same_files(project):
    project.add("raises", out="raises")
    project.add("double", out="double_off_by_one")
    project.settings('["raises.py"]\nraises = "RuntimeError"\n')
    result = project.run("--standalone")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "snippets/demo/double.py: output differs from snippets/demo/double.out",
        "  first mismatch: output line 1, the snippet line that printed it is not known in this mode",
    ])


def test_a_warning_is_part_of_the_output_in_process_as_in_a_fresh_process(project):
    project.add("warns")
    project.run("--update-outputs").assert_outcomes(passed=1)
    written = (project.demo / "warns.out").read_text()
    assert written.startswith("snippets/demo/warns.py:6: UserWarning: The .grad attribute of a Tensor")
    assert written.endswith("  print(y.grad)\nNone\n")
    assert written.count("(Triggered internally at …)") == 1 and "/__w/" not in written
    project.run("--standalone").assert_outcomes(passed=1)


def test_the_cpp_location_of_a_pytorch_warning_is_masked_as_an_address_is(tmp_path):
    from engine.run import normalize_lines

    snippet = tmp_path / "snippets" / "a.py"
    raw = ("snippets/a.py:3: UserWarning: careful. (Triggered internally at "
           "/__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:493.)\n"
           "<object at 0x7f3a2b1c>\n")
    lines = normalize_lines([(raw, 3)], snippet, tmp_path)
    assert "".join(t for t, _ in lines) == (
        "snippets/a.py:3: UserWarning: careful. (Triggered internally at …)\n<object at 0x…>\n")

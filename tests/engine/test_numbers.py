"""Every number a page states comes from an output, in both languages (engine/numbers.py).

The fixture tree tests/fixtures/numbers/ is a correct page and lab in zh and en; each
test below breaks one number and expects the failure to name page:line.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine import numbers
from tests.support import FIXTURES, edit, two_languages


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "numbers", tmp_path, dirs_exist_ok=True)
    return two_languages(tmp_path)


def test_rounded_outputs_quoted_inputs_and_listed_exemptions_pass(tree):
    assert numbers.check(tree) == []


def test_a_changed_digit_in_prose_fails_with_page_and_line(tree):
    edit(tree / "docs/en/c/p.md", "about 3.2 after", "about 3.3 after")
    problems = numbers.check(tree)
    assert problems[0] == (
        "docs/en/c/p.md:3: states 3.3, which no output on the page prints and its code does not "
        "contain (the nearest its outputs print: 3.1981, 2.5403, 20); print it from a snippet, "
        "or list it in docs/numbers.yml with the reason")
    assert problems[1] == ("paragraph 1 with numbers differs between languages: "
                           "docs/zh/c/p.md:3 states 20, 3.2; docs/en/c/p.md:3 states 3.3, 20")


def test_a_changed_digit_in_inline_math_fails(tree):
    edit(tree / "docs/zh/c/p.md", r"$\cos 1 \approx 0.5403$", r"$\cos 1 \approx 0.5413$")
    assert any(p.startswith("docs/zh/c/p.md:8: states 0.5413") for p in numbers.check(tree))


def test_a_changed_digit_in_display_math_fails(tree):
    edit(tree / "docs/en/c/p.md", "f'(1) = 2.5403", "f'(1) = 2.5430")
    assert any(p.startswith("docs/en/c/p.md:11: states 2.5430") for p in numbers.check(tree))


def test_a_changed_number_in_a_lab_markdown_cell_fails(tree):
    edit(tree / "docs/zh/c/l_lab.md", "停在 205 附近", "停在 250 附近")
    assert any(p.startswith("docs/zh/c/l_lab.md:5: states 250, which no output") for p in numbers.check(tree))


def test_a_number_changed_in_one_language_only_fails_the_parity_check(tree):
    edit(tree / "docs/en/c/p.md", "that is 2.54:", "that is 2.5:")
    assert numbers.check(tree) == [
        "paragraph 2 with numbers differs between languages: docs/zh/c/p.md:8 states 0.5403, 2.54; "
        "docs/en/c/p.md:8 states 0.5403, 2.5"]


def test_an_input_must_be_quoted_exactly_and_a_rounding_must_be_right(tree):
    edit(tree / "docs/en/c/p.md", "With `lr = 0.1` the", "With lr = 0.15 the")
    edit(tree / "docs/zh/c/p.md", "`lr = 0.1` 时", "lr = 0.15 时")
    assert [p.split(",")[0] for p in numbers.check(tree)] == [
        "docs/zh/c/p.md:3: states 0.15", "docs/en/c/p.md:3: states 0.15"]
    assert numbers.matches(numbers.stated_numbers("3.2")[0], 3.1981)
    assert not numbers.matches(numbers.stated_numbers("3.3")[0], 3.1981)
    assert numbers.matches(numbers.stated_numbers(r"$1.5 \times 10^{-8}$")[0], 1.49e-8)
    assert numbers.matches(numbers.stated_numbers("43%")[0], 0.43)


def test_names_versions_subscripts_and_small_integers_are_not_stated_numbers():
    text = "float32 L2 x86 AVX-512 `0.777` [a](b_0.5.md) {#id-12} PyTorch 2.13 $x_1 + w_{12}$ 3 steps in 2024"
    assert numbers.stated_numbers(text) == [] or all(numbers._exempt(s) for s in numbers.stated_numbers(text))


def test_a_tiny_number_must_match_a_printed_one_of_its_own_size():
    assert not numbers.matches(numbers.stated_numbers("1.2e-33")[0], 0.0)
    assert not numbers.matches(numbers.stated_numbers("1.2e-33")[0], 4.6e-29)
    assert numbers.matches(numbers.stated_numbers("1.2e-33")[0], 1.24e-33)

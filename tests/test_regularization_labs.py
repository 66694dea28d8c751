"""The regularization labs run once, and the numbers their prose states are what they compute.

Each lab's code is written once (labs/regularization/*_lab.py); its zh and en prose
pages place its cells (hooks/labs.py). Each lab is executed exactly once per test run,
in a fresh kernel (the session fixture ``lab_values`` in tests/conftest.py); the executed
cells they leave in build/labs/ are what the site build renders, so the build never
runs lab code.
"""
from pathlib import Path

import pytest

from hooks import labs

ROOT = Path(__file__).resolve().parents[1]
LABS = ("weight_decay_lab", "choosing_lambda_lab")


def code(name):
    return ROOT / "labs" / "regularization" / f"{name}.py"


@pytest.fixture(scope="module")
def weight_decay(lab_values):
    return lab_values["labs/regularization/weight_decay_lab.py"]


@pytest.fixture(scope="module")
def choosing(lab_values):
    return lab_values["labs/regularization/choosing_lambda_lab.py"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", LABS)
def test_every_language_places_every_code_cell_once_in_order(name, lang):
    page = ROOT / "docs" / lang / "regularization" / f"{name}.md"
    assert labs.check(ROOT, page) == []


@pytest.mark.parametrize("name", LABS)
def test_each_lab_opens_with_a_title_and_seeds_its_first_code_cell(name):
    for lang in ("zh", "en"):
        parts = labs.prose_parts(ROOT / "docs" / lang / "regularization" / f"{name}.md")
        assert parts[0][0] == "markdown" and parts[0][1].startswith("# ")
    first = labs.code_cells(code(name))[0][1]
    assert "torch.manual_seed(0)" in first and "torch.set_num_threads(1)" in first


LAB_CODE = "# header\n\n# %% setup\nimport torch\n\n# %% train\nx = 1\n\n# %% plot\nprint(x)\n"


def _lab_tree(tmp_path, prose):
    (tmp_path / "labs" / "c").mkdir(parents=True)
    (tmp_path / "labs" / "c" / "a_lab.py").write_text(LAB_CODE)
    page = tmp_path / "docs" / "en" / "c" / "a_lab.md"
    page.parent.mkdir(parents=True)
    page.write_text(prose)
    return page


def place(cell):
    return f'--8<-- "labs/c/a_lab.py:{cell}"\n'


def test_a_lab_page_that_places_its_cells_in_order_has_no_problems(tmp_path):
    page = _lab_tree(tmp_path, "# T {#t}\n\n" + place("setup") + "Prose.\n\n" + place("train") + place("plot"))
    assert labs.check(tmp_path, page) == []
    assert [k for k, _ in labs.prose_parts(page)] == ["markdown", "code", "markdown", "code", "code"]


def test_a_cell_placed_out_of_order_missing_or_unknown_is_reported_with_its_line(tmp_path):
    swapped = _lab_tree(tmp_path, "# T {#t}\n\n" + place("setup") + place("plot") + place("train"))
    assert labs.check(tmp_path, swapped) == [
        "docs/en/c/a_lab.md:4: places cell 'plot', where the code has cell 'train' (place every cell "
        "of labs/c/a_lab.py once, in its order: setup, train, plot)"]
    swapped.write_text("# T {#t}\n\n" + place("setup") + place("train"))
    assert labs.check(tmp_path, swapped) == ["docs/en/c/a_lab.md: does not place cell(s) plot of labs/c/a_lab.py"]
    swapped.write_text("# T {#t}\n\n" + place("setup") + place("trian") + place("plot"))
    assert labs.check(tmp_path, swapped)[0].startswith(
        "docs/en/c/a_lab.md:4: places cell 'trian', which the code does not have")


def test_weight_decay_in_the_optimizer_gives_the_weights_of_the_penalty_in_the_loss(weight_decay):
    assert weight_decay["steps"] == 400
    assert weight_decay["max_diff_equiv"] < 1e-6


def test_one_sgd_step_shrinks_the_weight_by_one_minus_lr_times_wd(weight_decay):
    assert weight_decay["max_diff_step"] < 1e-6


def test_without_decay_the_model_interpolates_and_the_test_loss_stays_near_200(weight_decay):
    assert weight_decay["train_wd0"] < 1e-8
    assert weight_decay["test_wd0"] == pytest.approx(200, rel=0.1)
    assert weight_decay["norm_wd0"] == pytest.approx(14, rel=0.05)


def test_with_lambda_3_the_test_loss_is_about_0_7_and_the_weight_norm_about_0_43(weight_decay):
    assert weight_decay["train_wd3"] == pytest.approx(0.01, rel=0.5)
    assert weight_decay["test_wd3"] == pytest.approx(0.7, abs=0.1)
    assert weight_decay["test_wd3"] < 1
    assert weight_decay["norm_wd3"] == pytest.approx(0.43, abs=0.01)


def test_most_of_the_remaining_weight_norm_is_the_decayed_random_start(weight_decay):
    assert weight_decay["factor"] == pytest.approx(0.027, abs=0.001)
    assert weight_decay["norm_init"] == pytest.approx(14.6, abs=0.1)
    assert weight_decay["factor"] * weight_decay["norm_init"] == pytest.approx(0.39, abs=0.01)
    assert weight_decay["untouched"] == 180
    assert weight_decay["share_init"] == pytest.approx(0.95, abs=0.005)
    assert weight_decay["leftover_trained"] == pytest.approx(weight_decay["leftover_predicted"], rel=1e-4)
    assert weight_decay["leftover_trained"] == pytest.approx(0.38, abs=0.005)


def test_on_the_notes_problem_the_test_loss_falls_at_every_lambda_of_the_grid(choosing):
    rows = choosing["rows"]
    assert choosing["lambdas"][-1] == 300
    assert choosing["test_decreasing"] is True
    assert all(a[1] > b[1] for a, b in zip(rows, rows[1:])), "validation loss should fall too"
    assert rows[0][0] < 1e-8 and rows[0][2] == pytest.approx(200, rel=0.1)
    assert rows[-1][0] == pytest.approx(0.02, rel=0.4)
    assert all(a[3] > b[3] for a, b in zip(rows, rows[1:]))
    assert rows[0][3] == pytest.approx(14, rel=0.05) and rows[-1][3] < 0.01


def test_the_validation_set_picks_the_largest_lambda_and_the_mean_predictor_still_wins(choosing):
    assert choosing["chosen_lambda"] == 300
    assert choosing["test_at_chosen"] == pytest.approx(0.03, abs=0.005)
    assert choosing["test_mean_only"] == pytest.approx(0.02, abs=0.003)
    assert choosing["test_mean_only"] < choosing["test_at_chosen"]
    assert choosing["bias_at_chosen"] == pytest.approx(0.15, abs=0.01)
    assert choosing["untouched"] == 180


def test_with_a_larger_signal_and_20_examples_the_u_is_shallow(choosing):
    rows = choosing["results"]["20"]
    best = min(r[2] for r in rows)
    assert rows[-1][2] > best
    assert rows[-1][2] / best == pytest.approx(1.02, abs=0.01)


def test_with_a_larger_signal_and_100_examples_the_test_loss_is_u_shaped(choosing):
    test = choosing["test_u"]
    assert choosing["chosen_lambda_u"] == 1
    assert choosing["test_at_chosen_u"] == pytest.approx(1.2, abs=0.05)
    assert choosing["test_at_largest_u"] == pytest.approx(2.2, abs=0.05)
    assert test[0] > 100
    k = test.index(min(test))
    assert all(a > b for a, b in zip(test[:k], test[1:k + 1]))
    assert all(a < b for a, b in zip(test[k:], test[k + 1:]))
    train = choosing["train_u"]
    assert train[0] < 0.01 and train[-1] == pytest.approx(1.8, abs=0.1)
    assert all(a < b for a, b in zip(train, train[1:]))

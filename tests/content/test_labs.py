"""The regularization labs run once, and the numbers their prose states are what they compute.

Each lab's code is written once (labs/regularization/*_lab.py); its zh and en prose
pages place its cells (engine/labs.py). Each lab is executed once, in a fresh kernel,
when its code changed (`make test` does it before these tests: `python -m engine labs`);
``lab_values`` (tests/plugin/site.py) reads its plain-data globals from the executed cells
in build/labs/, which the site build renders too, so the build never runs lab code.
"""
import pytest

from engine import labs
from tests.support import ROOT

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


def test_weight_decay_in_the_optimizer_gives_the_weights_of_the_penalty_in_the_loss(weight_decay):
    assert weight_decay["steps"] == 400
    assert weight_decay["max_diff_equiv"] < 1e-6
    assert weight_decay["max_diff_equiv_b"] < 1e-6


def test_one_sgd_step_shrinks_the_weight_by_one_minus_lr_times_wd(weight_decay):
    assert weight_decay["max_diff_step"] < 1e-6
    assert weight_decay["max_diff_b"] < 1e-6


def test_without_decay_the_model_interpolates_and_the_test_loss_stays_near_200(weight_decay):
    assert weight_decay["train_wd0"] < 1e-8
    assert weight_decay["test_wd0"] == pytest.approx(200, rel=0.1)
    assert weight_decay["norm_wd0"] == pytest.approx(14, rel=0.05)


def test_with_lambda_3_the_run_is_still_falling_at_epoch_100_and_the_bias_is_far_off(weight_decay):
    assert weight_decay["train_wd3"] == pytest.approx(0.01, rel=0.5)
    assert weight_decay["test_wd3"] == pytest.approx(0.73, abs=0.005)
    assert weight_decay["test_wd3_half"] == pytest.approx(6.4, abs=0.05)
    assert weight_decay["test_wd3_half"] > 5 * weight_decay["test_wd3"]
    assert weight_decay["norm_wd3"] == pytest.approx(0.43, abs=0.01)
    assert weight_decay["b_start"] == pytest.approx(1.16, abs=0.005)
    assert weight_decay["b_wd3"] == pytest.approx(0.763, abs=0.0005)


def test_most_of_the_remaining_weight_norm_is_the_decayed_random_start(weight_decay):
    assert weight_decay["factor"] == pytest.approx(0.027, abs=0.001)
    assert weight_decay["norm_init"] == pytest.approx(14.6, abs=0.1)
    assert weight_decay["factor"] * weight_decay["norm_init"] == pytest.approx(0.39, abs=0.01)
    assert weight_decay["untouched"] == 180
    assert weight_decay["share_init"] == pytest.approx(0.95, abs=0.005)
    assert weight_decay["leftover_trained"] == pytest.approx(weight_decay["leftover_predicted"], rel=1e-4)
    assert weight_decay["leftover_trained"] == pytest.approx(0.38, abs=0.005)


# the starts of the table, in its order: (w, b) from N(0,1) or 0
NOTES, W_ONLY, B_ONLY, ZERO = range(4)


def starts_column(weight_decay, start, lam):
    """The test loss after 100 epochs of one start and lambda (0 or 3), draws 0 to 4."""
    return [d[start][lam] for d in weight_decay["test_starts_list"]]


def test_draw_0_of_the_batched_runs_is_the_runs_above(weight_decay):
    assert weight_decay["same_as_above"] < 1e-4


def test_without_decay_a_random_start_of_w_costs_over_100_in_every_draw_and_a_zero_start_does_not(weight_decay):
    random_w = starts_column(weight_decay, NOTES, 0) + starts_column(weight_decay, W_ONLY, 0)
    assert min(random_w) == pytest.approx(139, abs=0.5) and max(random_w) == pytest.approx(210, abs=0.5)
    zero = starts_column(weight_decay, ZERO, 0)
    assert min(zero) == pytest.approx(0.0167, abs=5e-5) and max(zero) == pytest.approx(0.0245, abs=5e-5)
    b_only = starts_column(weight_decay, B_ONLY, 0)
    assert min(b_only) == pytest.approx(0.0189, abs=5e-5) and max(b_only) == pytest.approx(1.13, abs=0.005)
    assert all(b > z for b, z in zip(b_only, zero)), "the bias's start should cost something in every draw"


def test_with_lambda_3_the_leftovers_of_w_and_of_b_cost_and_which_costs_more_depends_on_the_draw(weight_decay):
    notes, w_only, b_only, zero = (starts_column(weight_decay, k, 1) for k in range(4))
    assert (min(notes), max(notes)) == (pytest.approx(0.227, abs=5e-4), pytest.approx(0.911, abs=5e-4))
    assert (min(zero), max(zero)) == (pytest.approx(0.0159, abs=5e-5), pytest.approx(0.0228, abs=5e-5))
    assert (min(w_only), max(w_only)) == (pytest.approx(0.145, abs=5e-4), pytest.approx(0.322, abs=5e-4))
    assert (min(b_only), max(b_only)) == (pytest.approx(0.016, abs=5e-4), pytest.approx(0.637, abs=5e-4))
    assert all(z < min(n, w) for n, w, z in zip(notes, w_only, zero)), "the leftover of w costs in every draw"
    assert b_only[2] < zero[2], "in draw 2 the bias's start costs nothing"
    assert any(w > b for w, b in zip(w_only, b_only)) and any(w < b for w, b in zip(w_only, b_only)), \
        "which leftover is larger should depend on the draw"
    assert b_only[0] == pytest.approx(0.631, abs=5e-4) and w_only[0] == pytest.approx(0.206, abs=5e-4)
    assert weight_decay["b_notes_start"][0] == pytest.approx(0.763, abs=5e-4)


def test_at_lambda_0_the_runs_have_converged_and_at_lambda_3_every_start_ends_at_the_ridge_solution(weight_decay):
    assert weight_decay["change_wd0"] < 1e-3
    ridge = weight_decay["test_ridge_list"]
    assert min(ridge) == pytest.approx(0.0178, abs=5e-5) and max(ridge) == pytest.approx(0.024, abs=5e-4)
    b = weight_decay["b_ridge_list"]
    assert min(b) == pytest.approx(-0.0117, abs=5e-4) and max(b) == pytest.approx(0.0958, abs=5e-4)


def test_converged_the_penalty_itself_does_next_to_nothing_and_the_zero_starts_bias_decides(weight_decay):
    penalty = weight_decay["penalty_b_free"] + weight_decay["penalty_b_too"]
    assert max(abs(p) for p in penalty) == pytest.approx(0.014, abs=5e-4)
    assert max(abs(p) for p in weight_decay["penalty_b_free"]) < 0.0095
    b_free, b_zero = weight_decay["b_free0_list"], weight_decay["b_zero_list"]
    assert (min(b_zero), max(b_zero)) == (pytest.approx(-0.0011, abs=5e-5), pytest.approx(0.01, abs=5e-4))
    assert (min(b_free), max(b_free)) == (pytest.approx(-0.0119, abs=5e-5), pytest.approx(0.0962, abs=5e-5))
    ratio = weight_decay["bias_ratio"]
    assert ratio == pytest.approx([0.90, 1.22, 1.07, 0.88, 0.98], abs=0.005)
    nearer = [abs(f - m) < abs(z - m) for f, z, m in zip(b_free, b_zero, weight_decay["y_test_mean"])]
    assert nearer == [r < 1 for r in ratio] == [True, False, False, True, True], \
        "the better of the two should be the one whose bias is nearer the mean of the test targets"
    notes_vs_zero = weight_decay["notes_vs_zero"]
    assert round(min(notes_vs_zero)) == 9 and round(max(notes_vs_zero)) == 45


def test_the_module_recipe_decays_the_weight_matrix_and_not_the_bias(weight_decay):
    assert weight_decay["decay_per_group"] == [3, 0]


DRAWS = 5


def test_the_batched_sgd_is_the_previous_labs_optimizer_and_the_grid_is_inside_the_stability_bound(choosing):
    assert choosing["same_sgd"] < 1e-5
    assert choosing["h_max"] == pytest.approx(133, abs=0.5)
    assert choosing["lambdas"][-1] < 2 / choosing["lr"] - choosing["h_max"]


def test_the_test_set_is_read_only_after_the_choice_in_every_cell():
    for cell_id, source in labs.code_cells(code("choosing_lambda_lab")):
        lines = source.splitlines()
        reads = [i for i, line in enumerate(lines) if "mse(" in line and ("test_set" in line or "u_test" in line)]
        if not reads:
            continue
        marker = lines.index("# only now the test set")
        assert min(reads) > marker, f"cell {cell_id}: the test set is read before the choice"
        assert any("choose(" in line for line in lines[:marker]), f"cell {cell_id}: no choice before the test set"


def test_the_notes_way_the_validation_loss_falls_and_picks_the_largest_lambda_in_4_draws(choosing):
    assert len(choosing["chosen"]) == DRAWS
    assert choosing["chosen"] == [300, 300, 30, 300, 300]
    assert choosing["val_falls"] == [True, True, False, True, True]
    val2 = choosing["val_100"][2]
    k = val2.index(min(val2))
    assert choosing["lambdas"][k] == 30 and all(a < b for a, b in zip(val2[k:], val2[k + 1:]))
    train0, norm0 = choosing["train_100"][0], choosing["norm_100"][0]
    assert train0[0] < 1e-8 and train0[-1] == pytest.approx(0.02, rel=0.4)
    assert norm0[0] == pytest.approx(14, rel=0.05) and norm0[-1] < 0.01
    assert all(a > b for norm in choosing["norm_100"] for a, b in zip(norm, norm[1:]))


def test_the_notes_way_the_mean_predictor_beats_the_choice_in_3_draws_because_of_the_bias(choosing):
    test, mean = choosing["test_at_chosen"], choosing["test_mean_only"]
    assert (min(test), max(test)) == (pytest.approx(0.0171, abs=5e-5), pytest.approx(0.0313, abs=5e-5))
    assert (min(mean), max(mean)) == (pytest.approx(0.0193, abs=5e-5), pytest.approx(0.0254, abs=5e-5))
    assert [m < t for m, t in zip(mean, test)] == [True, False, False, True, True]
    assert choosing["bias_at_chosen"] == pytest.approx(0.147, abs=5e-4)
    assert choosing["test_100"][0][0] == pytest.approx(205, abs=0.5)


def test_trained_longer_the_choice_moves_in_and_the_large_lambdas_reach_the_exact_solution(choosing):
    assert choosing["chosen_long"] == [10, 3, 3, 10, 1]
    assert [choosing["lambdas"][t.index(min(t))] for t in choosing["test_long"]] == [10, 3, 3, 10, 3]
    assert choosing["gap_long"] < 0.025
    assert choosing["test_long"][0][1] == pytest.approx(19.5, abs=0.05)
    assert choosing["test_long"][0][0] == pytest.approx(205, abs=0.5)


def test_converged_the_curve_is_flat_then_rising_and_the_largest_lambda_is_the_worst_in_every_draw(choosing):
    assert choosing["chosen_cf"] == [3, 1, 10, 0.1, 100]
    for curve in choosing["test_cf"]:
        assert curve.index(max(curve)) == len(curve) - 1
        assert all(a < b for a, b in zip(curve[3:], curve[4:])), "rising from lambda = 3 on"
    assert max(choosing["above_flat"]) < 0.0025
    assert (min(choosing["above_300"]), max(choosing["above_300"])) == (
        pytest.approx(0.06, abs=0.005), pytest.approx(0.14, abs=0.005))
    at_choice, mean = choosing["test_at_cf"], choosing["test_mean_only"]
    assert all(t < m for t, m in zip(at_choice, mean))
    assert all(max(curve) < m for curve, m in zip(choosing["test_cf"], mean)), "below 1 in the figure"
    assert (min(at_choice), max(at_choice)) == (pytest.approx(0.0178, abs=5e-5), pytest.approx(0.025, abs=5e-4))


def test_with_noise_and_signal_the_converged_curve_is_u_shaped_in_every_draw(choosing):
    for curve in choosing["test_ucf"]:
        k = curve.index(min(curve))
        assert 0 < k < len(curve) - 1
        assert all(a > b for a, b in zip(curve[:k], curve[1:k + 1]))
        assert all(a < b for a, b in zip(curve[k:], curve[k + 1:]))
    assert choosing["best_ucf"] == [1, 3, 1, 3, 10]
    assert choosing["chosen_ucf"] == [3, 3, 3, 1, 1]
    beats_ends = [t < c[0] and t < c[-1] for t, c in zip(choosing["u_at_choice"], choosing["test_ucf"])]
    assert beats_ends == [True, True, True, True, False]
    low = [c[0] / min(c) - 1 for c in choosing["test_ucf"]]
    high = [c[-1] / min(c) - 1 for c in choosing["test_ucf"]]
    assert (round(min(low), 2), round(max(low), 2)) == (0.09, 0.25)
    assert (round(min(high), 2), round(max(high), 2)) == (0.05, 0.44)
    assert choosing["chosen_u"] == [3] * DRAWS
    at0 = [t[0] for t in choosing["test_u"]]
    assert min(at0) == pytest.approx(82.9, abs=0.05) and max(at0) == pytest.approx(131, abs=0.5)
    assert all(t < m for t, m in zip(choosing["u_at_choice"], choosing["u_mean_only"]))



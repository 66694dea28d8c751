"""Labs (engine/labs.py): a prose page places each code cell of its lab once, in the
code's order; a page that does not is reported with its line."""
from __future__ import annotations

from engine import labs

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




def test_a_lab_pages_links_to_other_pages_become_the_sites_urls_relative_to_the_page():
    from engine.page import link_url

    here = "regularization/weight_decay_lab.md"
    assert [link_url(t, here) for t in ("overfitting.md#early-stopping", "../autograd/basics.md", "../index.md",
                                        "weight_decay_lab.md#setup", "#setup", "https://x.org/a.md")] == [
        "../overfitting/#early-stopping", "../../autograd/basics/", "../../", "#setup", "#setup", "https://x.org/a.md"]

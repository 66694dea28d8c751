from pathlib import Path

from tests.harness.rules import check_rules

ROOT = Path(__file__).resolve().parents[1]


def test_every_snippet_follows_the_house_rules():
    problems = check_rules(ROOT)
    assert not problems, "\n".join(problems)


def test_a_snippet_that_uses_torch_without_a_seed_is_reported(tmp_path):
    (tmp_path / "snippets" / "c").mkdir(parents=True)
    (tmp_path / "snippets" / "c" / "x.py").write_text("import torch\nprint(torch.rand(1))\n")
    (tmp_path / "snippets" / "c" / "y.py").write_text("import torch\n\ntorch.manual_seed(0)\n")
    assert check_rules(tmp_path) == [
        "snippets/c/x.py: imports torch but never calls torch.manual_seed(...) at the top level "
        "(a fresh process starts from a random seed)"]


def test_an_output_file_without_its_snippet_is_reported(tmp_path):
    (tmp_path / "snippets" / "c").mkdir(parents=True)
    (tmp_path / "snippets" / "c" / "gone.out").write_text("1\n")
    assert check_rules(tmp_path) == [
        "snippets/c/gone.out: expected output of a snippet that does not exist "
        "(delete it, or restore the snippet)"]


def test_the_outputs_were_produced_by_the_pinned_torch():
    import json

    import torch

    provenance = json.loads((ROOT / "snippets" / "provenance.json").read_text())
    assert provenance["torch"] == torch.__version__, (
        "snippets/provenance.json says the outputs come from another torch: run `make update-outputs`")

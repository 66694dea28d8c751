
from engine.rules import check_rules


def write(root, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_a_snippet_that_uses_torch_without_a_seed_is_reported(tmp_path):
    write(tmp_path, {"snippets/c/x.py": "import torch\nprint(torch.rand(1))\n",
                     "snippets/c/y.py": "import torch\n\ntorch.manual_seed(0)\n"})
    assert check_rules(tmp_path) == [
        "snippets/c/x.py: imports torch but never calls torch.manual_seed(...) at the top level "
        "(a fresh process starts from a random seed)"]


def test_an_output_file_without_its_snippet_is_reported(tmp_path):
    write(tmp_path, {"snippets/c/gone.out": "1\n"})
    assert check_rules(tmp_path) == [
        "snippets/c/gone.out: expected output of a snippet that does not exist "
        "(delete it, or restore the snippet)"]


def test_a_float_printed_with_all_its_digits_is_reported_with_file_and_line(tmp_path):
    write(tmp_path, {"snippets/c/x.py": "print(1)\n",
                     "snippets/c/x.out": "rounded 0.1506 count 123456789 tensor([0.1506359875])\nraw 0.1506359875202179\n"})
    problems = check_rules(tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith("snippets/c/x.out:2: prints 0.1506359875202179 (16 significant digits")
    assert "round it with a format spec" in problems[0]

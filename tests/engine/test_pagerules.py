"""Page rules (engine/pagerules.py) on a small tree broken one way at a time; a different
order of snippets or heading ids between languages is the structure check's
(tests/engine/test_translation.py), a missing twin the language check's."""
from __future__ import annotations

from pathlib import Path

from engine import pagerules
from tests.support import edit, two_languages


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "snippets" / "c").mkdir(parents=True)
    (tmp_path / "snippets" / "c" / "a.py").write_text("x = 1  # (1)!\nprint(x)\n")
    (tmp_path / "snippets" / "c" / "a.out").write_text("1\n")
    (tmp_path / "snippets" / "c" / "b.py").write_text("print(2)\n")
    (tmp_path / "snippets" / "c" / "b.out").write_text("2\n")
    for lang, title in (("zh", "标题"), ("en", "Title")):
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "p.md").write_text(
            f"# {title} {{#top}}\n\n## {title} A {{#a}}\n\n{{* snippets/c/a.py *}}\n\n1.  x.\n\n"
            f"## {title} B {{#b}}\n\n{{* snippets/c/b.py *}}\n", encoding="utf-8")
    return two_languages(tmp_path)


def test_a_well_formed_tree_has_no_problems(tmp_path):
    assert pagerules.check(_tree(tmp_path)) == []


def test_a_heading_without_an_explicit_id_is_reported_with_its_line(tmp_path):
    root = _tree(tmp_path)
    edit(root / "docs" / "zh" / "p.md", "## 标题 B {#b}", "## 标题 B")
    assert pagerules.check(root) == ["docs/zh/p.md:9: heading without an explicit id (add {#some-id}, the same "
                                     "in every language): ## 标题 B"]


def test_a_snippet_no_page_shows_and_a_page_showing_a_missing_snippet_are_reported(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets" / "c" / "lonely.py").write_text("print(3)\n")
    edit(root / "docs" / "en" / "p.md", "snippets/c/b.py", "snippets/c/gone.py")
    assert pagerules.check(root) == [
        "docs/en/p.md:11: shows snippets/c/gone.py, which does not exist",
        "snippets/c/lonely.py is not shown on any page in docs/zh/",
        "snippets/c/b.py is not shown on any page in docs/en/",
        "snippets/c/lonely.py is not shown on any page in docs/en/"]


def test_an_annotation_list_that_does_not_match_the_markers_is_reported(tmp_path):
    root = _tree(tmp_path)
    edit(root / "docs" / "en" / "p.md", "1.  x.\n", "")
    assert pagerules.check(root) == [
        "docs/en/p.md:5: snippets/c/a.py has 1 annotation marker(s) `# (N)!`, the list after it 0 item(s) "
        "(one item per marker, right after the snippet line)"]


def test_an_error_message_quoted_in_prose_must_come_from_an_output_on_the_page(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets" / "c" / "a.out").write_text("RuntimeError: grad can be implicitly created\n")
    for lang in ("zh", "en"):
        edit(root / "docs" / lang / "p.md", "{#a}\n", "{#a}\n\n`RuntimeError: grad can be implicitly created`\n")
    assert pagerules.check(root) == []
    edit(root / "docs" / "en" / "p.md", "grad can be implicitly", "grad can be explicitly")
    assert pagerules.check(root) == [
        "docs/en/p.md:5: quotes `RuntimeError: grad can be explicitly created`, which no output on the page "
        "printed (messages in prose must be copied from a tested output)"]

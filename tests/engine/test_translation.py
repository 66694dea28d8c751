"""Translations (engine/translation.py, engine/languages.py): freshness and stamps,
structure, glossary, partial languages. Each checker runs on a small tree broken in one
way and must name the page and the first difference (tests/content/ runs them on the
real pages)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from engine import i18nstatus, languages, newlanguage, translation
from engine.page import split_front_matter
from tests.support import ROOT, edit

CONFIG = """site_name: t
extra:
  i18n:
    languages:
      - {code: zh, name: 中文, dir: ""}
      - {code: en, name: English, dir: en/}
"""
GLOSSARY = """terms:
  - term: {zh: 梯度, en: gradient}
    note: {zh: 偏导数组成的向量。, en: The vector of partial derivatives.}
  - term: {zh: 反向传播, en: back-propagation}
    avoid: {zh: [反传], en: [backprop, backpropagation]}
"""
ZH = """# 标题 {#top}

梯度由反向传播得到，见[基础](other.md)。

!!! note "注意"
    一段提示。

$$
f(x) = x^2
$$

{* snippets/c/a.py *}

![图](../figures/c/a.svg)

## 小结 {#summary}
"""
EN = """# Title {#top}

The gradient comes from back-propagation, see [basics](other.md).

!!! note "Careful"
    A note.

$$
f(x) = x^2
$$

{* snippets/c/a.py *}

![Plot](../figures/c/a.svg)

## Summary {#summary}
"""


def _tree(tmp_path: Path) -> Path:
    """A two-language site with one page, its translation stamped as up to date."""
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "snippets" / "c").mkdir(parents=True)
    (tmp_path / "snippets" / "c" / "a.py").write_text("print(1)\n")
    (tmp_path / "snippets" / "c" / "a.out").write_text("1\n")
    for lang, text in (("zh", ZH), ("en", EN)):
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "p.md").write_text(text, encoding="utf-8")
    (tmp_path / "docs" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    translation.stamp(tmp_path, "en/p.md")
    return tmp_path


def _states(root: Path) -> dict[str, tuple[str, str]]:
    [en] = translation.status(root)
    return {p.page: (p.state, p.detail) for p in en.pages}


# ---------------------------------------------------------------- freshness
def test_a_stamped_translation_is_up_to_date_and_records_its_source(tmp_path):
    root = _tree(tmp_path)
    assert _states(root) == {"p.md": (translation.UP_TO_DATE, "")}
    meta, body = split_front_matter((root / "docs" / "en" / "p.md").read_text(encoding="utf-8"))
    assert meta["translation"] == {"source": "zh/p.md", "hash": translation.source_hash(root, "zh/p.md")}
    assert body.lstrip("\n").startswith("# Title {#top}")


def test_a_changed_source_page_makes_its_translation_stale(tmp_path):
    root = _tree(tmp_path)
    old = translation.source_hash(root, "zh/p.md")
    edit(root / "docs" / "zh" / "p.md", "一段提示。", "一段新的提示。")
    new = translation.source_hash(root, "zh/p.md")
    assert _states(root) == {"p.md": (translation.STALE, f"zh/p.md changed (stamped {old}, now {new})")}
    translation.stamp(root, "en/p.md")
    assert _states(root)["p.md"][0] == translation.UP_TO_DATE


@pytest.mark.parametrize("changed", ["snippets/c/a.py", "snippets/c/a.out"])
def test_a_changed_snippet_or_output_makes_the_translations_that_show_it_stale(tmp_path, changed):
    root = _tree(tmp_path)
    (root / changed).write_text("print(2)\n" if changed.endswith(".py") else "2\n")
    assert _states(root)["p.md"][0] == translation.STALE


def test_an_unstamped_translation_is_stale_and_a_missing_one_is_missing(tmp_path):
    root = _tree(tmp_path)
    (root / "docs" / "en" / "p.md").write_text(EN, encoding="utf-8")
    (root / "docs" / "zh" / "q.md").write_text("# 新页 {#new}\n", encoding="utf-8")
    assert _states(root) == {"p.md": (translation.STALE, "never stamped (no translation: front matter)"),
                             "q.md": (translation.MISSING, "")}


def test_stamping_keeps_the_rest_of_the_front_matter_and_the_text(tmp_path):
    root = _tree(tmp_path)
    page = root / "docs" / "en" / "p.md"
    page.write_text("---\nhide:\n  - toc\n---\n\n" + EN, encoding="utf-8")
    translation.stamp(root, "en/p.md")
    meta, body = split_front_matter(page.read_text(encoding="utf-8"))
    assert meta["hide"] == ["toc"] and meta["translation"]["source"] == "zh/p.md"
    assert body.lstrip("\n") == EN


def test_stamping_a_source_page_or_a_page_without_a_source_is_refused(tmp_path):
    root = _tree(tmp_path)
    with pytest.raises(ValueError, match="zh/p.md is a source page"):
        translation.stamp(root, "zh/p.md")
    (root / "docs" / "en" / "orphan.md").write_text("# Orphan {#o}\n")
    with pytest.raises(FileNotFoundError, match="docs/en/orphan.md has no source page docs/zh/orphan.md"):
        translation.stamp(root, "en/orphan.md")


def test_i18n_status_prints_a_table_per_language_and_check_fails_on_a_stale_page(tmp_path, capsys):
    root = _tree(tmp_path)
    assert i18nstatus.main([], root=root) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "English (en, complete): 1/1 up to date, 0 stale, 0 missing (100%)"
    assert re.search(r"^  p\.md\s+up to date$", out, re.M)
    edit(root / "docs" / "zh" / "p.md", "一段提示。", "改过的提示。")
    assert i18nstatus.main(["--check"], root=root) == 1
    captured = capsys.readouterr()
    assert "English (en, complete): 0/1 up to date, 1 stale, 0 missing (0%)" in captured.out
    assert re.search(r"^  p\.md\s+stale  \(zh/p\.md changed \(stamped \w+, now \w+\)\)$", captured.out, re.M)
    assert "not up to date: en" in captured.err
    assert i18nstatus.main(["--stamp", "en"], root=root) == 0
    assert "stamped docs/en/p.md" in capsys.readouterr().out
    assert i18nstatus.main(["--check"], root=root) == 0


# ---------------------------------------------------------------- structure
def test_a_well_formed_translation_has_no_structure_problems(tmp_path):
    assert translation.check_structure(_tree(tmp_path)) == []


STRUCTURE_BREAKS = [
    ("a missing admonition", '!!! note "Careful"\n    A note.\n\n', "",
     "item 3: source has line 5: admonition !!! note, translation has line 11: math block $$"),
    ("another admonition type", '!!! note "Careful"', '!!! warning "Careful"',
     "item 3: source has line 5: admonition !!! note, translation has line 11: admonition !!! warning"),
    ("a math block turned inline", "$$\nf(x) = x^2\n$$\n", "$f(x) = x^2$\n",
     "item 4: source has line 8: math block $$, translation has line 16: snippet snippets/c/a.py"),
    ("a different figure", "../figures/c/a.svg", "../figures/c/b.svg",
     "item 6: source has line 14: figure ../figures/c/a.svg, translation has line 20: figure ../figures/c/b.svg"),
    ("a different link", "[basics](other.md)", "[basics](other.md#top)",
     "item 2: source has line 3: link other.md, translation has line 9: link other.md#top"),
    ("a different heading id", "{#summary}", "{#wrap-up}",
     "item 7: source has line 16: heading h2 #summary, translation has line 22: heading h2 #wrap-up"),
    ("a lost heading", "## Summary {#summary}\n", "",
     "item 7: source has line 16: heading h2 #summary, translation has nothing (after line 20)"),
]


@pytest.mark.parametrize("what,old,new,message", STRUCTURE_BREAKS, ids=[b[0] for b in STRUCTURE_BREAKS])
def test_a_structurally_different_translation_is_reported_with_the_first_difference(tmp_path, what, old, new, message):
    # Line numbers are the files' own: the translation's count its front matter (6 lines).
    root = _tree(tmp_path)
    edit(root / "docs" / "en" / "p.md", old, new)
    assert translation.check_structure(root) == [
        f"docs/en/p.md differs in structure from docs/zh/p.md: {message}"]


def test_links_and_math_inside_code_do_not_count_as_structure():
    from engine.page import Page

    page = "# T {#t}\n\n```python\n# [not a link](x.md)\n$$\n```\n\nSee `[x](y.md)`.\n"
    assert Page(page).skeleton() == [(1, "heading", "h1 #t")]


# ---------------------------------------------------------------- glossary
def test_a_term_the_glossary_avoids_is_reported_with_page_and_line(tmp_path):
    root = _tree(tmp_path)
    edit(root / "docs" / "en" / "p.md", "from back-propagation", "from backprop")
    edit(root / "docs" / "zh" / "p.md", "由反向传播得到", "由反传得到")
    assert translation.check_glossary(root) == [
        "docs/zh/p.md:3: uses '反传'; the glossary term for 反向传播 / back-propagation is '反向传播'",
        "docs/en/p.md:9: uses 'backprop'; the glossary term for 反向传播 / back-propagation is 'back-propagation'",
    ]


def test_an_avoided_term_in_code_or_a_link_target_is_not_reported(tmp_path):
    root = _tree(tmp_path)
    edit(root / "docs" / "en" / "p.md", "see [basics](other.md)", "see `backprop()` and [basics](backprop.md)")
    assert translation.check_glossary(root) == []


def test_a_glossary_with_two_translations_for_one_word_is_reported(tmp_path):
    root = _tree(tmp_path)
    (root / "docs" / "glossary.yml").write_text(
        GLOSSARY + "  - term: {zh: 斜率, en: gradient}\n", encoding="utf-8")
    assert translation.check_glossary(root) == [
        "docs/glossary.yml: 'gradient' (en) translates two terms (梯度 and 斜率)"]


def test_a_glossary_tooltip_names_the_term_in_the_other_language():
    term = translation.Term(words={"zh": "梯度", "en": "gradient"},
                            notes={"zh": "偏导数组成的向量。", "en": "The vector of partial derivatives."}, avoid={})
    assert translation.tooltip(term, "zh", "zh") == "梯度 · gradient：偏导数组成的向量。"
    assert translation.tooltip(term, "en", "zh") == "gradient · 梯度: The vector of partial derivatives."


# ---------------------------------------------------------------- the status page and banners
def test_a_page_without_its_twin_is_reported_unless_its_language_is_partial(tmp_path):
    root = _tree(tmp_path)
    (root / "docs" / "ja").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG + '      - {code: ja, name: 日本語, dir: ja/}\n', encoding="utf-8")
    assert languages.twin_problems(root, "en") == ["docs/en/p.md has no twin docs/ja/p.md"]
    (root / "mkdocs.yml").write_text(CONFIG + '      - {code: ja, name: 日本語, dir: ja/, partial: true}\n',
                                     encoding="utf-8")
    assert languages.twin_problems(root, "en") == [] and languages.twin_problems(root, "ja") == []
    assert languages.fallback_pages(root, "ja") == [Path("p.md")]
    (root / "docs" / "ja" / "extra.md").write_text("# Extra {#extra}\n", encoding="utf-8")
    assert languages.twin_problems(root, "zh") == ["docs/ja/extra.md has no twin docs/zh/extra.md"]


def test_new_language_refuses_a_language_twice_or_one_the_theme_does_not_know(tmp_path):
    site = tmp_path
    shutil.copy(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    (site / "docs").mkdir()
    with pytest.raises(SystemExit, match="'en' is already in extra.i18n.languages"):
        newlanguage.scaffold(site, "en")
    with pytest.raises(SystemExit, match="the theme has no language 'xx'"):
        newlanguage.scaffold(site, "xx")
    with pytest.raises(SystemExit, match="'Japanese' is not a language code"):
        newlanguage.scaffold(site, "Japanese")
    assert (site / "mkdocs.yml").read_text() == (ROOT / "mkdocs.yml").read_text()



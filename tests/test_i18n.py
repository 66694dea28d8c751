"""Translations: freshness, structure, glossary, partial languages, the contributor guide.

The rules live in hooks/translation.py (shared by the site's hook and
scripts/i18n_status.py). Each checker runs on the real docs/ and on a small tree
broken in one way, and must name the page and the first difference.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hooks import translation
from scripts import i18n_status, new_language
from tests.harness.pages import check_parity
from tests.test_site import PAGE, _build, _edit, tiny_site

ROOT = Path(__file__).resolve().parents[1]

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

```python title="snippets/c/a.py"
--8<-- "snippets/c/a.py"
```

``` { .text .no-copy title="输出" }
--8<-- "snippets/c/a.out"
```

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

```python title="snippets/c/a.py"
--8<-- "snippets/c/a.py"
```

``` { .text .no-copy title="Output" }
--8<-- "snippets/c/a.out"
```

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
def test_every_translated_page_is_up_to_date_with_its_source():
    stale = [f"docs/{ls.code}/{p.page}: {p.state}" + (f" ({p.detail})" if p.detail else "")
             for ls in translation.status(ROOT) if not ls.partial
             for p in ls.pages if p.state != translation.UP_TO_DATE]
    assert not stale, ("translations behind their source; update them, then "
                       "`make i18n-stamp PAGE=<lang>/<page>`:\n" + "\n".join(stale))


def test_a_stamped_translation_is_up_to_date_and_records_its_source(tmp_path):
    root = _tree(tmp_path)
    assert _states(root) == {"p.md": (translation.UP_TO_DATE, "")}
    meta, body = translation.split_front_matter((root / "docs" / "en" / "p.md").read_text(encoding="utf-8"))
    assert meta["translation"] == {"source": "zh/p.md", "hash": translation.source_hash(root, "zh/p.md")}
    assert body.lstrip("\n").startswith("# Title {#top}")


def test_a_changed_source_page_makes_its_translation_stale(tmp_path):
    root = _tree(tmp_path)
    old = translation.source_hash(root, "zh/p.md")
    _edit(root / "docs" / "zh" / "p.md", "一段提示。", "一段新的提示。")
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
    meta, body = translation.split_front_matter(page.read_text(encoding="utf-8"))
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
    assert i18n_status.main([], root=root) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "English (en, complete): 1/1 up to date, 0 stale, 0 missing (100%)"
    assert re.search(r"^  p\.md\s+up to date$", out, re.M)
    _edit(root / "docs" / "zh" / "p.md", "一段提示。", "改过的提示。")
    assert i18n_status.main(["--check"], root=root) == 1
    captured = capsys.readouterr()
    assert "English (en, complete): 0/1 up to date, 1 stale, 0 missing (0%)" in captured.out
    assert re.search(r"^  p\.md\s+stale  \(zh/p\.md changed \(stamped \w+, now \w+\)\)$", captured.out, re.M)
    assert "not up to date: en" in captured.err
    assert i18n_status.main(["--stamp", "en"], root=root) == 0
    assert "stamped docs/en/p.md" in capsys.readouterr().out
    assert i18n_status.main(["--check"], root=root) == 0


# ---------------------------------------------------------------- structure
def test_every_translation_has_the_structure_of_its_source():
    problems = translation.check_structure(ROOT)
    assert not problems, "\n".join(problems)


def test_a_well_formed_translation_has_no_structure_problems(tmp_path):
    assert translation.check_structure(_tree(tmp_path)) == []


STRUCTURE_BREAKS = [
    ("a missing admonition", '!!! note "Careful"\n    A note.\n\n', "",
     "item 3: source has line 5: admonition !!! note, translation has line 11: math block $$"),
    ("another admonition type", '!!! note "Careful"', '!!! warning "Careful"',
     "item 3: source has line 5: admonition !!! note, translation has line 11: admonition !!! warning"),
    ("a math block turned inline", "$$\nf(x) = x^2\n$$\n", "$f(x) = x^2$\n",
     "item 4: source has line 8: math block $$, translation has line 17: include snippets/c/a.py"),
    ("a different figure", "../figures/c/a.svg", "../figures/c/b.svg",
     "item 7: source has line 20: figure ../figures/c/a.svg, translation has line 26: figure ../figures/c/b.svg"),
    ("a different link", "[basics](other.md)", "[basics](other.md#top)",
     "item 2: source has line 3: link other.md, translation has line 9: link other.md#top"),
    ("a different heading id", "{#summary}", "{#wrap-up}",
     "item 8: source has line 22: heading h2 #summary, translation has line 28: heading h2 #wrap-up"),
    ("a lost heading", "## Summary {#summary}\n", "",
     "item 8: source has line 22: heading h2 #summary, translation has nothing (after line 26)"),
]


@pytest.mark.parametrize("what,old,new,message", STRUCTURE_BREAKS, ids=[b[0] for b in STRUCTURE_BREAKS])
def test_a_structurally_different_translation_is_reported_with_the_first_difference(tmp_path, what, old, new, message):
    # Line numbers are the files' own: the translation's count its front matter (6 lines).
    root = _tree(tmp_path)
    _edit(root / "docs" / "en" / "p.md", old, new)
    assert translation.check_structure(root) == [
        f"docs/en/p.md differs in structure from docs/zh/p.md: {message}"]


def test_links_and_math_inside_code_do_not_count_as_structure():
    page = "# T {#t}\n\n```python\n# [not a link](x.md)\n$$\n```\n\nSee `[x](y.md)`.\n"
    assert translation.structure(page) == [(1, "heading", "h1 #t")]


# ---------------------------------------------------------------- glossary
def test_pages_use_the_glossary_terms_and_the_glossary_has_one_translation_per_term():
    problems = translation.check_glossary(ROOT)
    assert not problems, "\n".join(problems)


def test_a_term_the_glossary_avoids_is_reported_with_page_and_line(tmp_path):
    root = _tree(tmp_path)
    _edit(root / "docs" / "en" / "p.md", "from back-propagation", "from backprop")
    _edit(root / "docs" / "zh" / "p.md", "由反向传播得到", "由反传得到")
    assert translation.check_glossary(root) == [
        "docs/zh/p.md:3: uses '反传'; the glossary term for 反向传播 / back-propagation is '反向传播'",
        "docs/en/p.md:9: uses 'backprop'; the glossary term for 反向传播 / back-propagation is 'back-propagation'",
    ]


def test_an_avoided_term_in_code_or_a_link_target_is_not_reported(tmp_path):
    root = _tree(tmp_path)
    _edit(root / "docs" / "en" / "p.md", "see [basics](other.md)", "see `backprop()` and [basics](backprop.md)")
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


@pytest.mark.sitebuild
def test_the_first_use_of_a_glossary_term_gets_a_tooltip_in_both_languages(built_site):
    for lang, path, word in (("zh", "autograd/basics/index.html", "梯度"),
                             ("en", "en/autograd/basics/index.html", "gradient")):
        html = (built_site.path / path).read_text(encoding="utf-8")
        tips = re.findall(r'<abbr class="glossary" title="([^"]*)">([^<]*)</abbr>', html)
        words = [w.lower() for _, w in tips]
        assert word in words, f"{lang}: no tooltip for {word}: {tips}"
        assert len(words) == len(set(words)), f"{lang}: a term has more than one tooltip: {words}"
        from bs4 import BeautifulSoup

        for abbr in BeautifulSoup(html, "html.parser").select("abbr.glossary"):
            inside = {p.name for p in abbr.parents}
            assert not inside & {"code", "pre", "a", "h1", "h2", "h3", "h4"}, f"{lang}: tooltip inside {inside}"


# ---------------------------------------------------------------- the status page and banners
@pytest.mark.sitebuild
def test_the_translation_status_page_is_in_the_nav_and_shows_every_language(built_site):
    zh = (built_site.path / "translations" / "index.html").read_text(encoding="utf-8")
    en = (built_site.path / "en" / "translations" / "index.html").read_text(encoding="utf-8")
    assert 'id="status-en"' in zh and 'id="status-en"' in en
    total = len(translation.pages(ROOT, "zh"))
    assert f"{total} 页中 {total} 页是最新的" in zh
    assert f"{total} of {total} pages up to date" in en
    assert 'href="translations/"' in (built_site.path / "index.html").read_text(encoding="utf-8")
    assert "i18n-banner" not in (built_site.path / "en" / "autograd" / "basics" / "index.html").read_text()


def test_a_partial_language_may_lack_pages_in_the_parity_check(tmp_path):
    root = _tree(tmp_path)
    (root / "docs" / "ja").mkdir()
    assert "docs/en/p.md has no twin docs/ja/p.md" in check_parity(root)
    (root / "mkdocs.yml").write_text(CONFIG + '      - {code: ja, name: 日本語, dir: ja/, partial: true}\n',
                                     encoding="utf-8")
    assert not [p for p in check_parity(root) if "docs/ja" in p]


@pytest.mark.sitebuild
def test_a_new_language_builds_partly_translated_with_fallback_and_stale_banners(tmp_path):
    """`make new-language` in the tiny site (tests/fixtures/tiny_site/, with the real config
    and hooks, a lab among its pages), one page translated, one source page changed; the
    strict build passes and every banner and the status page say so."""
    site = tiny_site(tmp_path)
    new_language.main(["ja", "--name", "日本語", "--root", str(site)])
    config = (site / "mkdocs.ja.yml").read_text(encoding="utf-8")
    assert "INHERIT: mkdocs.yml" in config and "docs_dir: docs/ja" in config and "language: ja" in config
    assert "partial: true" in (site / "mkdocs.yml").read_text(encoding="utf-8")
    # Translate the home page (here: the English text stands in), stamp it.
    shutil.copy(site / "docs" / "en" / "index.md", site / "docs" / "ja" / "index.md")
    translation.stamp(site, "ja/index.md")
    # Change a source page: its English translation is now stale.
    _edit(site / "docs" / "zh" / PAGE, "本页用一个小例子", "本页用一个很小的例子")
    proc = _build(site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = site / "site"
    ja_home = (out / "ja" / "index.html").read_text(encoding="utf-8")
    ja_page = (out / "ja" / "demo" / "gradient" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in ja_page and "i18n-banner" not in ja_home
    assert ('<p class="admonition-title">Not translated yet</p><p>This page has no 日本語 translation yet, '
            'so it is shown in 中文. See the <a href="../../translations/">translation status</a>.</p>') in ja_page
    assert "本页用一个很小的例子" in ja_page  # the source text, as it is now
    assert "/edit/main/docs/zh/demo/gradient.md" in ja_page  # edit the file shown
    en_page = (out / "en" / "demo" / "gradient" / "index.html").read_text(encoding="utf-8")
    assert ('<p class="admonition-title">This translation may be out of date</p><p>The 中文 original of this '
            'page has changed since it was translated. For the latest version, read the '
            '<a href="../../../demo/gradient/">中文 original</a>.</p>') in en_page
    # The lab, untranslated, is the source language's lab, with the banner and its download.
    ja_lab = (out / "ja" / "demo" / "tiny_lab" / "index.html").read_text(encoding="utf-8")
    assert 'data-i18n="fallback"' in ja_lab and "dy/dx at 3: 6.0" in ja_lab and "一个只有两个单元格的实验" in ja_lab
    assert (out / "ja" / "demo" / "tiny_lab" / "tiny_lab.ipynb").exists()
    total = len(translation.pages(site, "zh"))
    assert total == 4  # index.md, demo/gradient.md, demo/tiny_lab.md, translations.md
    status_zh = (out / "translations" / "index.html").read_text(encoding="utf-8")
    assert f"{total} 页中 {total - 1} 页是最新的，1 页已过时，0 页尚未翻译" in status_zh
    assert f"{total} 页中 1 页是最新的，0 页已过时，{total - 1} 页尚未翻译" in status_zh
    status_ja = (out / "ja" / "translations" / "index.html").read_text(encoding="utf-8")
    assert f"1 of {total} pages up to date, 0 stale, {total - 1} not translated" in status_ja
    # The language selector of a source page leads to the Japanese page.
    assert 'href="../../ja/demo/gradient/" hreflang="ja"' in (out / "demo" / "gradient" / "index.html").read_text()


@pytest.mark.sitebuild
def test_a_partial_language_still_fails_on_a_page_the_source_does_not_have(tmp_path):
    site = tiny_site(tmp_path)
    new_language.main(["ja", "--root", str(site)])
    (site / "docs" / "ja" / "extra.md").write_text("# Extra {#extra}\n", encoding="utf-8")
    proc = _build(site)
    assert proc.returncode != 0
    assert "docs/ja/extra.md has no twin docs/zh/extra.md" in proc.stdout


def test_new_language_refuses_a_language_twice_or_one_the_theme_does_not_know(tmp_path):
    site = tmp_path
    shutil.copy(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    (site / "docs").mkdir()
    with pytest.raises(SystemExit, match="'en' is already in extra.i18n.languages"):
        new_language.scaffold(site, "en")
    with pytest.raises(SystemExit, match="the theme has no language 'xx'"):
        new_language.scaffold(site, "xx")
    with pytest.raises(SystemExit, match="'Japanese' is not a language code"):
        new_language.scaffold(site, "Japanese")
    assert (site / "mkdocs.yml").read_text() == (ROOT / "mkdocs.yml").read_text()


# ---------------------------------------------------------------- guide and commands
def test_the_contributor_guide_exists_in_both_languages_with_the_same_structure():
    en = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    zh = (ROOT / "CONTRIBUTING.zh.md").read_text(encoding="utf-8")
    assert translation.first_structure_difference(zh, en) is None
    for text in (en, zh):
        for command in ("make update-outputs", "make i18n-status", "make i18n-stamp PAGE=",
                        "make new-language LANG_CODE=", "make test", "docs/glossary.yml"):
            assert command in text
    assert "CONTRIBUTING.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_translation_commands_are_listed_by_make_help():
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    for target in ("i18n-status", "i18n-stamp", "new-language"):
        assert re.search(rf"^  make {target}\s+\S", out, re.M), out

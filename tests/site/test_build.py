"""The site build: the real site builds strictly in every language, and a build fails on
broken input. The checks that a build fails copy the tiny site (tests/fixtures/tiny_site/,
the `tiny` fixture) with the real config, engine, hooks and theme into a temporary
folder, break it and build that, in seconds."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from engine import newlanguage, translation
from engine.page import pages
from tests.support import build, build_log, edit, tiny_site

PAGE = "demo/gradient.md"  # the tiny site's chapter page; it shows one snippet and its output
SNIPPET = "snippets/demo/gradient_backward.py"


def test_the_real_site_builds_strictly_in_both_languages(built_site):
    out = built_site.path
    assert not re.search(r"^WARNING\s+-", built_site.log, re.M), built_site.log  # (a --site build: make's own)
    zh, en = out / "autograd" / "basics" / "index.html", out / "en" / "autograd" / "basics" / "index.html"
    assert '<html lang="zh"' in zh.read_text() and '<html lang="en"' in en.read_text()
    # The language selector leads to the same page in the other language.
    assert 'href="../../en/autograd/basics/" hreflang="en"' in zh.read_text()
    assert 'href="../../../autograd/basics/" hreflang="zh"' in en.read_text()
    # Every page that shows outputs says where they come from, in its language.
    assert "本页的输出由 PyTorch 2.13.0" in zh.read_text()
    assert "produced by running the code with PyTorch 2.13.0" in en.read_text()
    # Edit links point at the page's own language.
    assert "/edit/main/docs/zh/autograd/basics.md" in zh.read_text()
    assert "/edit/main/docs/en/autograd/basics.md" in en.read_text()
    # Math is rendered when the site is built; KaTeX's stylesheet is served by the site itself.
    assert '<span class="katex">' in zh.read_text() and "katex.min.js" not in zh.read_text()
    assert (out / "assets" / "vendor" / "katex" / "katex.min.css").exists()
    assert (out / "en" / "assets" / "vendor" / "katex" / "katex.min.css").exists()
    assert "cdn" not in zh.read_text().lower()
    # Each language has its own search index; Chinese is segmented into words.
    zh_index = json.loads((out / "search" / "search_index.json").read_text())
    en_index = json.loads((out / "en" / "search" / "search_index.json").read_text())
    assert any("\u200b梯度\u200b" in doc["text"] for doc in zh_index["docs"])
    assert not any("梯度" in doc["text"] for doc in en_index["docs"])


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    """One build of the tiny site with four defects: strict mode prints every warning of
    a build before it aborts, so the Chinese build reports a broken link, a broken anchor
    and a figure no snippet drew together; a missing include stops the English build.
    (Unbroken, the tiny site builds: the new-language test below builds it.)"""
    site = tiny_site(tmp_path_factory.mktemp("broken"))
    edit(site / "docs" / "en" / PAGE, f"{{* {SNIPPET} *}}", "{* snippets/demo/gradient_backwards.py *}")
    edit(site / "docs" / "zh" / "index.md", "(demo/gradient.md)", "(demo/gradients.md)")
    edit(site / "docs" / "zh" / "index.md", "(translations.md)", "(demo/gradient.md#no-such-anchor)")
    page = site / "docs" / "zh" / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\n![A missing plot](../figures/demo/never_drawn.svg)\n",
                    encoding="utf-8")
    return site, build(site)


def test_the_build_fails_on_a_missing_include(broken_build):
    site, proc = broken_build
    assert proc.returncode != 0
    assert "FAILED: properdocs build --strict -f mkdocs.en.yml" in proc.stdout
    assert "snippets/demo/gradient_backwards.py" in build_log(proc, "mkdocs.en.yml")
    assert not (site / "site").exists(), "a failed build must not leave a site behind"


def test_the_build_fails_on_a_broken_link_or_anchor(broken_build):
    _, proc = broken_build
    assert proc.returncode != 0
    assert "FAILED: properdocs build --strict -f mkdocs.yml" in proc.stdout
    assert "demo/gradients.md" in build_log(proc, "mkdocs.yml")
    assert "no-such-anchor" in build_log(proc, "mkdocs.yml")


def test_the_build_fails_on_a_figure_that_no_snippet_drew(broken_build):
    _, proc = broken_build
    assert proc.returncode != 0
    assert "figures/demo/never_drawn.svg" in build_log(proc, "mkdocs.yml")


def test_the_build_fails_on_a_page_without_its_twin(tmp_path):
    # The twin check stops a build at once (PluginError), so it gets a build of its own.
    site = tiny_site(tmp_path)
    (site / "docs" / "en" / PAGE).unlink()
    proc = build(site)
    assert proc.returncode != 0
    assert "docs/zh/demo/gradient.md has no twin docs/en/demo/gradient.md" in proc.stdout
    assert not (site / "site").exists(), "a failed build must not leave a site behind"


def test_a_new_language_builds_partly_translated_with_fallback_and_stale_banners(tmp_path):
    """`make new-language` in the tiny site (with the real config and hooks, a lab among its
    pages), one page translated, one source page changed; the strict build passes and
    every banner and the status page say so."""
    site = tiny_site(tmp_path)
    newlanguage.main(["ja", "--name", "日本語", "--root", str(site)])
    config = (site / "mkdocs.ja.yml").read_text(encoding="utf-8")
    assert "INHERIT: mkdocs.yml" in config and "docs_dir: docs/ja" in config and "language: ja" in config
    assert "nav" not in config and (site / "docs" / "words" / "ja.yml").exists()  # the words to translate
    assert "partial: true" in (site / "mkdocs.yml").read_text(encoding="utf-8")
    # Translate the home page (here: the English text stands in), stamp it.
    shutil.copy(site / "docs" / "en" / "index.md", site / "docs" / "ja" / "index.md")
    translation.stamp(site, "ja/index.md")
    # Change a source page: its English translation is now stale.
    edit(site / "docs" / "zh" / PAGE, "本页用一个小例子", "本页用一个很小的例子")
    proc = build(site)
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
    total = len(pages(site / "docs", "zh"))
    assert total == 4  # index.md, demo/gradient.md, demo/tiny_lab.md, translations.md
    status_zh = (out / "translations" / "index.html").read_text(encoding="utf-8")
    assert f"{total} 页中 {total - 1} 页是最新的，1 页已过时，0 页尚未翻译" in status_zh
    assert f"{total} 页中 1 页是最新的，0 页已过时，{total - 1} 页尚未翻译" in status_zh
    status_ja = (out / "ja" / "translations" / "index.html").read_text(encoding="utf-8")
    assert f"1 of {total} pages up to date, 0 stale, {total - 1} not translated" in status_ja
    # The language selector of a source page leads to the Japanese page.
    assert 'href="../../ja/demo/gradient/" hreflang="ja"' in (out / "demo" / "gradient" / "index.html").read_text()


def test_a_partial_language_still_fails_on_a_page_the_source_does_not_have(tmp_path):
    site = tiny_site(tmp_path)
    newlanguage.main(["ja", "--root", str(site)])
    (site / "docs" / "ja" / "extra.md").write_text("# Extra {#extra}\n", encoding="utf-8")
    proc = build(site)
    assert proc.returncode != 0
    assert "docs/ja/extra.md has no twin docs/zh/extra.md" in proc.stdout



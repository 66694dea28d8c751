"""The built pages, read as files: glossary tooltips, the translation status page, no
Chinese line break shown as a space, and search indexes without markup, TeX or dead
anchors."""
from __future__ import annotations

import json
import re

import pytest

from engine.cjk import stray_breaks
from engine.languages import languages
from engine.page import pages
from tests.support import ROOT


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




def test_the_translation_status_page_is_in_the_nav_and_shows_every_language(built_site):
    zh = (built_site.path / "translations" / "index.html").read_text(encoding="utf-8")
    en = (built_site.path / "en" / "translations" / "index.html").read_text(encoding="utf-8")
    assert 'id="status-en"' in zh and 'id="status-en"' in en
    total = len(pages(ROOT / "docs", "zh"))
    assert f"{total} 页中 {total} 页是最新的" in zh
    assert f"{total} of {total} pages up to date" in en
    assert 'href="translations/"' in (built_site.path / "index.html").read_text(encoding="utf-8")
    assert "i18n-banner" not in (built_site.path / "en" / "autograd" / "basics" / "index.html").read_text()






def test_no_chinese_page_shows_a_line_break_as_a_space(built_site):
    chinese = [l.dir for l in languages(ROOT) if l.code.startswith("zh")]
    found = [p for p in built_site.path.rglob("index.html")
             if any(p.relative_to(built_site.path).as_posix().startswith(d) for d in chinese)
             and not any(p.relative_to(built_site.path).as_posix().startswith(l.dir) for l in languages(ROOT) if l.dir)]
    problems = [p for page in found for p in stray_breaks(page, built_site.path)]
    assert found and not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", [lang.code for lang in languages(ROOT)])
def test_the_search_index_has_no_markup_no_tex_and_no_dead_anchors(built_site, lang):
    """Every entry of a language's search index: a title without the permalink sign or
    markup, a text without TeX source, and a location whose anchor exists."""
    base = built_site.path / ("" if lang == languages(ROOT)[0].code else lang)
    index = json.loads((base / "search" / "search_index.json").read_text(encoding="utf-8"))
    problems, ids = [], {}
    for doc in index["docs"]:
        path, _, anchor = doc["location"].partition("#")
        if path not in ids:
            page = base / path / "index.html"
            ids[path] = set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8"))) if page.exists() else None
        if ids[path] is None:
            problems.append(f"{doc['location']}: no such page")
        elif anchor and anchor not in ids[path]:
            problems.append(f"{doc['location']}: no element with id {anchor!r} ({doc['title'][:40]!r})")
        if "¶" in doc["title"] or re.search(r"&lt;|<(?!/?code>)", doc["title"]):
            problems.append(f"{doc['location']}: title shows {doc['title']!r}")
        if re.search(r"\\\(|\\\[|\$\$|\\(?:frac|lambda|mathcal|nabla|sum)\b", doc["text"]):
            problems.append(f"{doc['location']}: text shows TeX source: {doc['text'][:80]!r}")
    assert not problems, "\n".join(problems)

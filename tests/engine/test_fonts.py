"""KaTeX's fonts are cut to the characters the formulas use (engine/fonts.py), and the check
of a built site reports a character a page shows that its subset font dropped."""
from __future__ import annotations

from engine import fonts
from tests.support import ROOT

ORIGINALS = ROOT / "docs" / "assets" / "vendor" / "katex" / "fonts"
FORMULA = ('<span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>{c}</mi></mrow>'
           '<annotation encoding="application/x-tex">\\mathrm{{{c}}}</annotation></semantics></math></span>'
           '<span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">{c}</span>'
           '</span></span></span>')


def test_a_subset_font_keeps_the_formulas_characters_and_the_stylesheets_and_drops_the_rest():
    original = (ORIGINALS / "KaTeX_Main-Regular.woff2").read_bytes()
    small = fonts.subset(original, {"x", "="})
    kept = fonts.cmap(small)
    assert {"x", "=", "(", ")", "7"} <= kept and "y" not in kept and "y" in fonts.cmap(original)
    assert len(small) < len(original) / 3


def test_the_characters_of_a_formula_leave_out_its_tex_source():
    assert fonts.formula_chars(FORMULA.format(c="y")) == {"y"}
    assert fonts.page_formula_chars("<p>\\alpha</p>\n" + FORMULA.format(c="y")) == {"y": 2}


def test_a_character_a_subset_font_dropped_is_reported_with_its_page_and_line(tmp_path):
    site = tmp_path / "site"
    for lang_root, kept in ((site, {"x", "y"}), (site / "en", {"x"})):
        folder = lang_root / fonts.FONTS
        folder.mkdir(parents=True)
        (folder / "KaTeX_Main-Regular.woff2").write_bytes(
            fonts.subset((ORIGINALS / "KaTeX_Main-Regular.woff2").read_bytes(), kept))
        (lang_root / "index.html").write_text("<p>\n" + FORMULA.format(c="y") + "</p>\n", encoding="utf-8")
    assert fonts.glyph_problems(site, ORIGINALS) == [
        "en/index.html:2: a formula shows 'y' (U+0079), which the subset KaTeX_Main-Regular.woff2 no longer holds"]



def test_builds_cutting_the_same_font_at_once_share_the_cache_without_a_clash(tmp_path, monkeypatch):
    """The languages build in parallel processes; with the same characters they write the
    same cached subsets, and no build may fail on another's file. Here four builds meet
    before writing each font (the cutting itself is left out), so they clash if they can."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    sites = [tmp_path / str(n) for n in range(4)]
    meet = ctx.Barrier(len(sites), timeout=20)

    def cut(font: bytes, chars: set[str]) -> bytes:
        meet.wait()
        return font[:100]

    monkeypatch.setattr(fonts, "subset", cut)
    for site in sites:
        (site / fonts.FONTS).mkdir(parents=True)
        for font in sorted(ORIGINALS.glob("KaTeX_*.woff2")):
            (site / fonts.FONTS / font.name).write_bytes(font.read_bytes())
    cache = tmp_path / "cache"
    with ctx.Pool(len(sites)) as pool:
        pool.starmap(fonts.subset_site, [(site, {"x"}, cache) for site in sites])
    assert not list(cache.glob("*.tmp"))
    assert {f.read_bytes() for site in sites for f in (site / fonts.FONTS).glob("*.woff2")} == \
        {f.read_bytes()[:100] for f in ORIGINALS.glob("KaTeX_*.woff2")}

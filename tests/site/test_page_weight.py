"""Light pages on the built site: what a first visit transfers (gzip, as GitHub Pages serves
it) stays within its targets (engine/bench.py counts it from the built files: the HTML and
every stylesheet, script, image, font and search file a first visit fetches; `make bench`
measures the same in Chromium), and the search index waits for the reader."""
from __future__ import annotations

from engine import bench, fonts
from engine.languages import languages
from tests.support import ROOT


def test_the_home_pages_and_the_heaviest_page_are_within_their_first_visit_targets(built_site):
    weights = bench.static_first_visits(built_site.path)
    homes = bench.home_pages(built_site.path)
    assert homes == ["/"] + [lang.dir for lang in languages(ROOT)[1:]]
    misses = bench.weight_misses(weights, homes, heaviest_kb=bench.HEAVIEST_BOUND_KB)
    assert misses == [], "\n".join(misses)


def test_a_first_visit_fetches_the_search_index_and_worker_only_once_the_reader_opens_the_search(browser, site_url):
    ctx = browser.new_context()
    try:
        p = ctx.new_page()
        requested = []
        p.on("request", lambda r: requested.append(r.url))
        p.goto(site_url + "en/autograd/basics/")
        p.wait_for_load_state("networkidle")
        assert not [u for u in requested if u.endswith("/search/search_index.json") or "/workers/search." in u]
        with p.expect_request(lambda r: r.url == site_url + "en/search/search_index.json"):
            p.locator("input.md-search__input").focus()
        p.locator("input.md-search__input").fill("backward")
        p.wait_for_selector(".md-search-result__item", timeout=10000)  # the worker started and searched
    finally:
        ctx.close()




def test_no_page_loads_a_script_to_render_math_and_every_image_loads_lazily(built_site):
    """Formulas are rendered when the site is built (engine/math.py); images wait for the
    reader to scroll near them."""
    import re

    problems = []
    for page in sorted(built_site.path.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(built_site.path).as_posix()
        problems += [f"{where}: loads {src}" for src in re.findall(r'<script[^>]+src="([^"]*(?:katex|auto-render)[^"]*)"', html)]
        problems += [f"{where}: an image without loading=lazy: {tag[:80]}"
                     for tag in re.findall(r"<img\b[^>]*>", html) if 'loading="lazy"' not in tag and 'src="data:' not in tag]
    assert not problems, "\n".join(problems)


def test_the_katex_that_renders_the_formulas_is_the_one_whose_stylesheet_pages_load():
    import json

    rendering = json.loads((ROOT / "node_modules" / "katex" / "package.json").read_text())["version"]
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["katex"]
    served = (ROOT / "docs" / "assets" / "vendor" / "katex" / "VERSION").read_text().strip()
    assert rendering == pinned == served, (f"KaTeX {rendering} renders, {pinned} is pinned, {served} is served: "
                                           "npm ci, then bash scripts/vendor_katex.sh")


def test_every_character_a_formula_shows_is_still_in_the_cut_down_fonts(built_site):
    """engine/fonts.py cuts KaTeX's fonts to the formulas' characters when the site is built."""
    assert fonts.glyph_problems(built_site.path, ROOT / "docs" / "assets" / "vendor" / "katex" / "fonts") == []

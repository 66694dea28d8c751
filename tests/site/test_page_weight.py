"""Light pages on the built site: what a first visit transfers (gzip, as GitHub Pages serves
it) stays within its targets (engine/bench.py counts it from the built files: the HTML and
every stylesheet, script, image, font and search file a first visit fetches; `make bench`
measures the same in Chromium), and the search index waits for the reader."""
from __future__ import annotations

from engine import bench
from engine.languages import languages
from tests.support import ROOT


def test_the_home_pages_and_the_heaviest_page_are_within_their_first_visit_targets(built_site):
    weights = bench.static_first_visits(built_site.path)
    homes = bench.home_pages(built_site.path)
    assert homes == ["/"] + [lang.dir for lang in languages(ROOT)[1:]]
    misses = bench.weight_misses(weights, homes)
    assert misses == [], "\n".join(misses)


def test_a_first_visit_fetches_the_search_index_only_once_the_reader_opens_the_search(browser, site_url):
    ctx = browser.new_context()
    try:
        p = ctx.new_page()
        requested = []
        p.on("request", lambda r: requested.append(r.url))
        p.goto(site_url + "en/autograd/basics/")
        p.wait_for_load_state("networkidle")
        assert not [u for u in requested if u.endswith("/search/search_index.json")]
        with p.expect_request(lambda r: r.url == site_url + "en/search/search_index.json"):
            p.locator("input.md-search__input").focus()
    finally:
        ctx.close()



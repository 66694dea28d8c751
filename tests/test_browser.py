"""The reader's experience in a real browser (Debian's Chromium via Playwright), offline.

Every page of every language is opened from a local server with every request to
another host blocked and counted. Screenshots land in test-artifacts/.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.harness.pages import languages, pages

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LANGS = languages(DOCS)
DEFAULT = "zh"
ARTIFACTS = ROOT / "test-artifacts"
ANNOTATION = re.compile(r"\s*# \(\d+\)!")

pytestmark = pytest.mark.browser


def url_path(lang: str, page: Path) -> str:
    """Site path of a page, e.g. ('en', autograd/basics.md) -> 'en/autograd/basics/'."""
    stem = page.with_suffix("").as_posix()  # a lab's .py becomes a page like a .md
    path = "" if stem == "index" else (stem[:-len("index")] if stem.endswith("/index") else stem + "/")
    return ("" if lang == DEFAULT else f"{lang}/") + path


PAGES = [(lang, page) for lang in LANGS for page in pages(DOCS, lang)]  # labs are *_lab.md pages too
UNRENDERED_MATH = re.compile(r"\$[^$\s][^$]*\$")
# Counts for the record (test-artifacts/browser-summary.json).
SUMMARY = {"pages": 0, "formulas": 0, "figures": 0, "copy_buttons": 0, "searches": 0,
           "requests": 0, "blocked_off_host": 0}


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield SUMMARY
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "browser-summary.json").write_text(json.dumps(SUMMARY, indent=1) + "\n")


class Traffic:
    """Every request the browser makes: off-host ones are blocked and counted."""

    def __init__(self, context, site_url: str):
        self.site_url, self.blocked, self.failed = site_url, [], []
        context.route("**/*", self._route)

    def _route(self, route):
        SUMMARY["requests"] += 1
        if route.request.url.startswith(self.site_url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            SUMMARY["blocked_off_host"] += 1
            route.abort()


@pytest.fixture(scope="module")
def context(browser, site_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    ctx.traffic = Traffic(ctx, site_url)
    yield ctx
    ctx.close()


def open_page(context, url: str):
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("requestfailed", lambda r: context.traffic.failed.append(f"{r.url} ({r.failure})")
            if r.url.startswith(context.traffic.site_url) else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


REVEAL = """(el) => {
  // Open the collapsed admonitions and select the content tabs that hide el.
  for (let n = el; n; n = n.parentElement) {
    if (n.tagName === "DETAILS") n.open = true;
    if (n.classList && n.classList.contains("tabbed-block")) {
      const i = Array.from(n.parentElement.children).indexOf(n);
      n.closest(".tabbed-set").querySelectorAll(":scope > input")[i].checked = true;
    }
  }
}"""


def snippet_text(path: str) -> str:
    """What the copy button should copy: the file, without annotation markers."""
    text = (ROOT / path).read_text(encoding="utf-8")
    return "\n".join(ANNOTATION.sub("", line).rstrip() for line in text.splitlines()).strip("\n")


@pytest.mark.parametrize("lang,page", PAGES, ids=[f"{l}/{p.as_posix()}" for l, p in PAGES])
def test_every_page_renders_offline_with_math_figures_and_copyable_code(context, site_url, lang, page):
    blocked_before = len(context.traffic.blocked)
    failed_before = len(context.traffic.failed)
    p = open_page(context, site_url + url_path(lang, page))
    try:
        assert p.evaluate("document.documentElement.lang") == lang
        assert p.errors == [], f"console errors: {p.errors}; blocked: {context.traffic.blocked[blocked_before:]}"
        assert context.traffic.failed[failed_before:] == [], "failed requests"
        assert context.traffic.blocked[blocked_before:] == [], "requests to other hosts"
        # Math: every arithmatex element rendered by KaTeX, none in error.
        math = p.locator("article .arithmatex")
        rendered = p.locator("article .arithmatex .katex")
        assert rendered.count() == math.count(), f"{math.count() - rendered.count()} formulas not rendered"
        assert p.locator("article .katex-error").count() == 0
        SUMMARY["formulas"] += rendered.count()
        # Notebook pages: their $ … $ math is rendered too.
        for cell in p.locator(".jupyter-wrapper .jp-MarkdownOutput").all():
            text = cell.inner_text()
            assert not UNRENDERED_MATH.search(text), f"unrendered math in a notebook cell: {text[:200]}"
        SUMMARY["formulas"] += p.locator(".jupyter-wrapper .jp-MarkdownOutput .katex").count()
        # Figures: loaded and described.
        for img in p.locator("article img").all():
            src = img.get_attribute("src")
            assert p.evaluate("(el) => el.complete && el.naturalWidth > 0", img.element_handle()), f"{src} did not load"
            assert (img.get_attribute("alt") or "").strip(), f"{src} has no alt text"
            SUMMARY["figures"] += 1
        # Code: the copy button copies exactly the snippet; outputs have no copy button.
        for block in p.locator("article div.highlight:has(> span.filename)").all():
            name = block.locator("> span.filename").inner_text().strip()
            if not name.startswith("snippets/"):
                continue
            p.evaluate(REVEAL, block.element_handle())
            block.locator("button.md-code__button[data-md-type=copy]").click()
            copied = p.evaluate("navigator.clipboard.readText()")
            got = "\n".join(line.rstrip() for line in copied.splitlines()).strip("\n")
            assert got == snippet_text(name), f"the copy button of {name} copies something else"
            SUMMARY["copy_buttons"] += 1
        assert p.locator("article div.no-copy button[data-md-type=copy]").count() == 0
        # The language selector points at the same page in every language.
        for other in LANGS:
            href = p.locator(f"a.md-select__link[hreflang={other}]").get_attribute("href")
            target = p.evaluate("(h) => new URL(h, location.href).href", href)
            assert target == site_url + url_path(other, page)
        SUMMARY["pages"] += 1
    finally:
        p.close()


@pytest.mark.parametrize("source,target", [("en", "zh"), ("zh", "en")])
def test_switching_language_keeps_the_page_and_the_section(context, site_url, source, target):
    page = Path("autograd/basics.md")
    p = open_page(context, site_url + url_path(source, page) + "#derivation")
    try:
        p.locator(".md-header__option .md-select > button").hover()
        p.locator(f"a.md-select__link[hreflang={target}]").click()
        p.wait_for_load_state("networkidle")
        assert p.url == site_url + url_path(target, page) + "#derivation"
        assert p.evaluate("document.documentElement.lang") == target
    finally:
        p.close()


def search(p, query: str) -> None:
    """Enter a query the way a reader's input method does and wait for results.

    An input method commits a whole word (梯度) at once and then a key is released;
    the theme searches on that key event. It also drops queries made before its
    search worker has built the index, so enter it again until results show (~10 s).
    """
    box = p.locator("input.md-search__input")
    for _ in range(20):
        box.focus()
        box.fill(query)
        box.press("End")
        try:
            p.locator(".md-search-result__item").first.wait_for(timeout=500)
            return
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError; try again
            continue
    raise AssertionError(f"no search results for {query!r}")


SEARCHES = [
    ("zh", "梯度", "descent/derivatives/"),
    ("zh", "反向传播", "autograd/backprop/"),
    ("zh", "权重衰减", "regularization/exercises/"),
    ("zh", "Trying to backward through the graph a second time", "autograd/pitfalls/"),
    ("en", "gradient", "en/descent/derivatives/"),
    ("en", "backward", "en/autograd/grad_vs_backward/"),
    ("en", "weight decay", "en/regularization/exercises/"),
]


@pytest.mark.parametrize("lang,query,expected", SEARCHES, ids=[f"{l}:{q}" for l, q, _ in SEARCHES])
def test_site_search_finds_the_right_pages_in_the_readers_language(context, site_url, lang, query, expected):
    home = site_url + ("" if lang == DEFAULT else f"{lang}/")
    p = open_page(context, home)
    try:
        search(p, query)
        hrefs = [p.evaluate("(a) => a.href", a.element_handle())
                 for a in p.locator(".md-search-result__item > a.md-search-result__link").all()]
        pages_found = {h.split("#")[0].split("?")[0] for h in hrefs}
        assert site_url + expected in pages_found, f"{query!r} found {sorted(pages_found)}"
        for h in pages_found:
            in_en = h.startswith(site_url + "en/")
            assert in_en == (lang == "en"), f"{query!r} in {lang} returned a page of another language: {h}"
        SUMMARY["searches"] += 1
    finally:
        p.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_chapter_screenshot_is_saved_as_an_artifact(context, site_url, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    p = open_page(context, site_url + url_path(lang, Path("autograd/basics.md")))
    try:
        shot = ARTIFACTS / f"{lang}-autograd-basics.png"
        p.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
    finally:
        p.close()

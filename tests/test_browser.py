"""The reader's experience in a real browser (Debian's Chromium via Playwright), offline.

Every page of every language is opened from a local server, in one browser tab that
goes from page to page. Every request to another host is blocked and counted. One
call into the page (`PAGE_FACTS`) gathers what the checks need; `page_problems`
turns it into a list of problems, empty for a good page. Screenshots land in
test-artifacts/.
"""
from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import _QuietHandler, serve_directory
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
    """Every request of a browser context, and what became of it.

    The context sends everything but its own site to a proxy that refuses
    connections, so a request to another host never leaves the machine; it is
    counted here as blocked. The HTTP cache stays on (Playwright's request
    interception would turn it off), so pages after the first load fast.
    """

    def __init__(self, context, site_url: str):
        self.site_url, self.requests, self.blocked, self.failed, self.pending = site_url, 0, [], [], set()
        context.on("request", self._request)
        context.on("requestfinished", self._finished)
        context.on("requestfailed", self._failed)

    def _request(self, request):
        self.requests += 1
        if request.url.startswith(self.site_url):
            self.pending.add(request)
        elif not request.url.startswith(("data:", "blob:")):
            self.blocked.append(request.url)

    def _finished(self, request):
        self.pending.discard(request)

    def _failed(self, request):
        if request in self.pending:
            self.pending.discard(request)
            self.failed.append(f"{request.url} ({request.failure})")

    def settle(self, tab, timeout: float = 10.0) -> None:
        """Wait until every request to the site has finished or failed."""
        deadline = time.monotonic() + timeout
        while self.pending and time.monotonic() < deadline:
            tab.wait_for_timeout(10)  # lets Playwright deliver the request events
        assert not self.pending, f"requests still pending after {timeout} s: {[r.url for r in self.pending]}"


def open_context(browser, site_url: str, dead_port: int):
    """A context that may read the clipboard and reaches nothing but site_url."""
    host = site_url.split("/")[2]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900},
                              proxy={"server": f"http://127.0.0.1:{dead_port}", "bypass": host})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    ctx.traffic = Traffic(ctx, site_url)
    return ctx


def open_tab(context):
    """The one tab the tests share; it records console errors and uncaught exceptions."""
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    return tab


@pytest.fixture(scope="module")
def context(browser, site_url, dead_port):
    ctx = open_context(browser, site_url, dead_port)
    yield ctx
    ctx.close()
    SUMMARY["requests"], SUMMARY["blocked_off_host"] = ctx.traffic.requests, len(ctx.traffic.blocked)


@pytest.fixture(scope="module")
def tab(context):
    return open_tab(context)


def visit(tab, url: str) -> None:
    """Open url in the shared tab and wait until it is loaded (the theme and site.js
    render on DOMContentLoaded; images are in) and every request has finished."""
    tab.goto(url, wait_until="load")
    tab.context.traffic.settle(tab)


# Everything the checks need from a loaded page, in one call. Each snippet's copy
# button is clicked (after opening the admonition or tab that hides it): the theme's
# own handler runs and the copy event tells what went to the clipboard.
PAGE_FACTS = """async () => {
  await document.fonts.ready;  // the math fonts are in
  const all = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const reveal = (el) => {
    for (let n = el; n; n = n.parentElement) {
      if (n.tagName === "DETAILS") n.open = true;
      if (n.classList && n.classList.contains("tabbed-block")) {
        const i = Array.from(n.parentElement.children).indexOf(n);
        n.closest(".tabbed-set").querySelectorAll(":scope > input")[i].checked = true;
      }
    }
  };
  // Counted before any click: what the reader sees on arrival. The theme fills
  // code annotation tooltips lazily, some time after loading, so their formulas
  // are left out: counting them would depend on timing.
  const math = all("article .arithmatex").filter((m) => !m.closest(".md-tooltip__inner"));
  const facts = {
    lang: document.documentElement.lang,
    formulas: math.length,
    rendered: math.filter((m) => m.querySelector(".katex")).length,
    unrendered: math.filter((m) => !m.querySelector(".katex")).map((m) => m.textContent.slice(0, 80)),
    katexErrors: all("article .katex-error").length,
    notebookCells: all(".jupyter-wrapper .jp-MarkdownOutput").map((c) => c.innerText),
    notebookFormulas: all(".jupyter-wrapper .jp-MarkdownOutput .katex").length,
    images: all("article img").map((img) => ({
      src: img.getAttribute("src"), loaded: img.complete && img.naturalWidth > 0,
      alt: (img.getAttribute("alt") || "").trim()})),
    outputCopyButtons: all("article div.no-copy button[data-md-type=copy]").length,
    languageLinks: Object.fromEntries(all("a.md-select__link[hreflang]").map(
      (a) => [a.getAttribute("hreflang"), new URL(a.getAttribute("href"), location.href).href])),
  };
  let copied = null;
  const onCopy = () => { copied = document.getSelection().toString(); };
  document.addEventListener("copy", onCopy, true);
  const copies = [];
  let first = null;  // the first snippet's block and button, for a real click below
  for (const block of all("article div.highlight:has(> span.filename)")) {
    const name = block.querySelector(":scope > span.filename").textContent.trim();
    if (!name.startsWith("snippets/")) continue;
    reveal(block);
    const button = block.querySelector("button.md-code__button[data-md-type=copy]");
    copied = null;
    if (button) button.click();
    copies.push({name, button: !!button, copied});
    if (button && !first) first = {block, button, name};
  }
  document.removeEventListener("copy", onCopy, true);
  let firstCopy = null;
  if (first) {
    reveal(first.block);
    first.button.scrollIntoView({block: "center", behavior: "instant"});
    const box = first.button.getBoundingClientRect();
    firstCopy = {name: first.name, x: box.x + box.width / 2, y: box.y + box.height / 2};
  }
  await navigator.clipboard.writeText("");  // so that the real click below must fill it
  return {...facts, copies, firstCopy};
}"""


def normalized(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def snippet_text(path: str) -> str:
    """What the copy button should copy: the file, without annotation markers."""
    text = (ROOT / path).read_text(encoding="utf-8")
    return "\n".join(ANNOTATION.sub("", line).rstrip() for line in text.splitlines()).strip("\n")


def page_problems(tab, url: str, lang: str, language_links: dict[str, str]) -> list[str]:
    """Open url and list what is wrong with it (an empty list for a good page).

    language_links: the URL the language selector must lead to, per language.
    """
    traffic = tab.context.traffic
    traffic.settle(tab)  # what the previous page asked for is not this page's business
    errors_before, blocked_before, failed_before = len(tab.errors), len(traffic.blocked), len(traffic.failed)
    visit(tab, url)
    facts = tab.evaluate(PAGE_FACTS)
    problems = []
    # The real mechanism once per page: a trusted click, then read the clipboard.
    if facts["firstCopy"]:
        first = facts["firstCopy"]
        tab.mouse.click(first["x"], first["y"])
        if normalized(tab.evaluate("navigator.clipboard.readText()")) != snippet_text(first["name"]):
            problems.append(f"a click on the copy button of {first['name']} puts something else on the clipboard")
    traffic.settle(tab)
    if facts["lang"] != lang:
        problems.append(f"<html lang> is {facts['lang']!r}, not {lang!r}")
    if tab.errors[errors_before:]:
        problems.append(f"console errors: {tab.errors[errors_before:]}")
    if traffic.failed[failed_before:]:
        problems.append(f"failed requests: {traffic.failed[failed_before:]}")
    if traffic.blocked[blocked_before:]:
        problems.append(f"requests to other hosts: {traffic.blocked[blocked_before:]}")
    # Math: every arithmatex element rendered by KaTeX, none in error.
    if facts["rendered"] != facts["formulas"]:
        problems.append(f"{facts['formulas'] - facts['rendered']} formulas not rendered: {facts['unrendered']}")
    if facts["katexErrors"]:
        problems.append(f"{facts['katexErrors']} formulas in error (.katex-error)")
    # Notebook pages: their $ … $ math is rendered too.
    for text in facts["notebookCells"]:
        if UNRENDERED_MATH.search(text):
            problems.append(f"unrendered math in a notebook cell: {text[:200]}")
    # Figures: loaded and described.
    for img in facts["images"]:
        if not img["loaded"]:
            problems.append(f"{img['src']} did not load")
        if not img["alt"]:
            problems.append(f"{img['src']} has no alt text")
    # Code: the copy button copies exactly the snippet; outputs have no copy button.
    for copy in facts["copies"]:
        if not copy["button"]:
            problems.append(f"{copy['name']} has no copy button")
        elif copy["copied"] is None:
            problems.append(f"the copy button of {copy['name']} copies nothing")
        elif normalized(copy["copied"]) != snippet_text(copy["name"]):
            problems.append(f"the copy button of {copy['name']} copies something else")
    if facts["outputCopyButtons"]:
        problems.append(f"{facts['outputCopyButtons']} output blocks have a copy button")
    # The language selector points at the same page in every language.
    for other, target in language_links.items():
        if facts["languageLinks"].get(other) != target:
            problems.append(f"the language selector leads to {facts['languageLinks'].get(other)} for "
                            f"{other}, not {target}")
    if not problems:
        SUMMARY["pages"] += 1
        SUMMARY["formulas"] += facts["rendered"] + facts["notebookFormulas"]
        SUMMARY["figures"] += len(facts["images"])
        SUMMARY["copy_buttons"] += len(facts["copies"])
    return problems


@pytest.mark.parametrize("lang,page", PAGES, ids=[f"{l}/{p.as_posix()}" for l, p in PAGES])
def test_every_page_renders_offline_with_math_figures_and_copyable_code(tab, site_url, lang, page):
    links = {other: site_url + url_path(other, page) for other in LANGS}
    assert page_problems(tab, site_url + url_path(lang, page), lang, links) == []


def test_the_page_checker_reports_every_kind_of_broken_page(browser, built_site, dead_port, tmp_path):
    """A copy of the built site with one page broken in every way the checker looks for."""
    site = tmp_path / "site"
    shutil.copytree(built_site.path, site)
    page = site / "descent" / "derivatives" / "index.html"
    html = page.read_text(encoding="utf-8")
    first_snippet = re.search(r'<span class="filename">(snippets/[^<]+)</span>', html).group(1)
    figure = re.search(r'<img alt="[^"]*" src="([^"]+)"', html).group(1)
    breakages = [
        ('<html lang="zh"', '<html lang="fr"'),  # wrong language
        ('<span class="arithmatex">\\(', '<span class="arithmatex">'),  # a formula KaTeX cannot see
        ('<span class="arithmatex">\\(', '<span class="arithmatex">\\(x^1^2 '),  # a formula in error
        ('<img alt="', '<img data-alt="'),  # a figure without alt text
        ('class="language-text no-copy highlight"', 'class="language-text no-copy copy highlight"'),
        ("</article>", '<img alt="off-host" src="http://example.com/x.png">'
                       '<img alt="missing" src="missing.png">'
                       '<img alt="dropped" src="dropped.png">'
                       '<div class="jupyter-wrapper"><div class="jp-MarkdownOutput"><pre>$x^2$</pre></div></div>'
                       "<script>throw new Error('broken on purpose')</script></article>"),
    ]
    for old, new in breakages:
        assert old in html, old
        html = html.replace(old, new, 1)
    html = re.sub(r'<a href="[^"]*"(?= hreflang="en")', '<a href="../../en/"', html, count=1)  # wrong page
    code = html.index(f'<span class="filename">{first_snippet}</span>')
    html = html[:code] + html[code:].replace("torch", "numpy", 1)  # the code differs from its file
    page.write_text(html, encoding="utf-8")
    (page.parent / figure).unlink()  # a figure that does not load

    class DroppingHandler(_QuietHandler):
        def do_GET(self):
            if not self.path.endswith("/dropped.png"):
                super().do_GET()  # else: the connection closes with no answer at all

    with serve_directory(site, DroppingHandler) as url:
        ctx = open_context(browser, url, dead_port)
        try:
            problems = page_problems(open_tab(ctx), url + "descent/derivatives/", "zh",
                                     {"zh": url + "descent/derivatives/", "en": url + "en/descent/derivatives/"})
        finally:
            ctx.close()
    report = "\n".join(problems)
    for expected in ["<html lang> is 'fr', not 'zh'",
                     "console errors:", "broken on purpose",
                     "requests to other hosts: ['http://example.com/x.png']",
                     f"failed requests: ['{url}descent/derivatives/dropped.png (net::ERR_EMPTY_RESPONSE)']",
                     "formulas not rendered",
                     "formulas in error (.katex-error)",
                     "unrendered math in a notebook cell: $x^2$",
                     f"{figure} did not load", "missing.png did not load",
                     f"{figure} has no alt text",
                     f"the copy button of {first_snippet} copies something else",
                     f"a click on the copy button of {first_snippet} puts something else on the clipboard",
                     "1 output blocks have a copy button",
                     f"the language selector leads to {url}en/ for en, not {url}en/descent/derivatives/"]:
        assert expected in report, f"{expected!r} not reported; got:\n{report}"


@pytest.mark.parametrize("source,target", [("en", "zh"), ("zh", "en")])
def test_switching_language_keeps_the_page_and_the_section(tab, site_url, source, target):
    page = Path("autograd/basics.md")
    visit(tab, site_url + url_path(source, page) + "#derivation")
    tab.locator(".md-header__option .md-select > button").hover()
    with tab.expect_navigation(wait_until="load"):
        tab.locator(f"a.md-select__link[hreflang={target}]").click()
    assert tab.url == site_url + url_path(target, page) + "#derivation"
    assert tab.evaluate("document.documentElement.lang") == target


def search(tab, query: str) -> list[str]:
    """Enter a query the way a reader's input method does; the result links.

    An input method commits a whole word (梯度) at once and then a key is released;
    the theme searches on that key event. It also drops queries made before its
    search worker has built the index, so enter it again until results show (~10 s).
    The box is emptied first, so that no result of an earlier query is taken.
    """
    box = tab.locator("input.md-search__input")
    items = tab.locator(".md-search-result__item")
    box.focus()
    box.fill("")
    box.press("End")
    items.first.wait_for(state="detached")
    for _ in range(20):
        box.focus()
        box.fill(query)
        box.press("End")
        try:
            items.first.wait_for(timeout=500)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError; try again
            continue
    else:
        raise AssertionError(f"no search results for {query!r}")
    return tab.evaluate("""() => Array.from(
        document.querySelectorAll('.md-search-result__item > a.md-search-result__link'), (a) => a.href)""")


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
def test_site_search_finds_the_right_pages_in_the_readers_language(tab, site_url, lang, query, expected):
    home = site_url + ("" if lang == DEFAULT else f"{lang}/")
    if tab.url.split("#")[0].split("?")[0] != home:  # the searches of a language share its index
        visit(tab, home)
    pages_found = {h.split("#")[0].split("?")[0] for h in search(tab, query)}
    assert site_url + expected in pages_found, f"{query!r} found {sorted(pages_found)}"
    for h in pages_found:
        in_en = h.startswith(site_url + "en/")
        assert in_en == (lang == "en"), f"{query!r} in {lang} returned a page of another language: {h}"
    SUMMARY["searches"] += 1


@pytest.mark.parametrize("lang", LANGS)
def test_a_chapter_screenshot_is_saved_as_an_artifact(tab, site_url, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    visit(tab, site_url + url_path(lang, Path("autograd/basics.md")))
    tab.evaluate("document.fonts.ready.then(() => true)")
    shot = ARTIFACTS / f"{lang}-autograd-basics.png"
    tab.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000

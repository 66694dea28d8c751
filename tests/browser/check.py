"""The reader's experience in a real browser (Debian's Chromium via Playwright), offline:
a library of checks with a command line, run by `make test` on the built site.

    python -m tests.browser.check SITE          (BROWSER_FULL=1: every check on every page)

Every page of every language is opened from a local server, on a desktop (1280 x 900)
and, by resizing the same tab, on a phone (390 x 844). Every request to another host is
blocked and counted. One call into the page (`PAGE_FACTS`, then `PHONE_FACTS` at phone
size) gathers what the checks need; `page_problems` turns it into a list of problems,
empty for a good page. Beside that per-page pass: figures in the dark scheme, the
language switch (from a section's address and after plain scrolling), search ranks and
result texts, and axe-core (vendored, tests/vendor/axe-core). `make test` checks phone
layout, dark figures, scrolling and axe-core on sample pages, `make test-browser`
(``BROWSER_FULL=1``) on every page. Screenshots and counts land in test-artifacts/.
The checks themselves are tested on broken pages in tests/browser/test_check.py.
"""
from __future__ import annotations

import io
import json
import os
import re
import sys
import time
from pathlib import Path

from engine import chromium
from engine.languages import languages, shown_pages
from engine.page import snippet_code

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGS = [lang.code for lang in languages(ROOT)]
DEFAULT = "zh"
ARTIFACTS = ROOT / "test-artifacts"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
MIN_FIGURE_TEXT = 10  # CSS px: the smallest tick label a figure may show, desktop and phone
MIN_LAB_SHARE = 0.9  # on a phone, lab code and plots use at least this share of the content width
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"


def url_path(lang: str, page: Path) -> str:
    """Site path of a page, e.g. ('en', autograd/basics.md) -> 'en/autograd/basics/'."""
    stem = page.with_suffix("").as_posix()  # a lab's .py becomes a page like a .md
    path = "" if stem == "index" else (stem[:-len("index")] if stem.endswith("/index") else stem + "/")
    return ("" if lang == DEFAULT else f"{lang}/") + path


PAGES = [(lang, page) for lang in LANGS for page in shown_pages(ROOT, lang)]  # labs are *_lab.md pages too
# `make test` runs the per-page desktop checks on every page and the costly ones on
# samples: phone layout and figure text at phone size on one page of each kind in every
# language; figures in both schemes and axe-core on one page per language, the
# languages taking turns with the sample pages; one language switch after scrolling.
# `make test-browser` (BROWSER_FULL=1, run by CI) runs all of them on every page.
FULL = os.environ.get("BROWSER_FULL") == "1"  # or --full
SAMPLE = {Path("index.md"), Path("descent/difficulties.md"), Path("autograd/extending.md"),
          Path("regularization/weight_decay_lab.md"), Path("versions.md")}


# axe-core takes 2-4 s a page: in `make test`, one dense page per colour scheme (a chapter
# page with math, figures, tabs, annotations and admonitions; a lab), each in one language.
AXE_SAMPLE = {"light": Path("descent/difficulties.md"), "dark": Path("regularization/weight_decay_lab.md")}


def taking_turns(items: list, full: bool = FULL) -> list[tuple[str, object]]:
    """(language, item) pairs: every language with every item in the full run; else the
    languages take turns, so each item is checked once and each language at least once
    (while there are as many items as languages)."""
    if full:
        return [(lang, item) for lang in LANGS for item in items]
    return [(LANGS[i % len(LANGS)], item) for i, item in enumerate(items)]


def sampled(items: list, page_of=lambda item: item[1]) -> list:
    """Every item in the full run; else the items of the sample pages."""
    return items if FULL else [item for item in items if page_of(item) in SAMPLE]

UNRENDERED_MATH = re.compile(r"\$[^$\s][^$]*\$")
# Counts for the record (test-artifacts/browser-summary.json).
SUMMARY = {"pages": 0, "formulas": 0, "figures": 0, "copy_buttons": 0, "searches": 0,
           "requests": 0, "blocked_off_host": 0}


def write_summary() -> None:
    """test-artifacts/browser-summary.json; tests/conftest.py calls it at the end of a
    session with browser tests, once the background checks have sent their counts."""
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
        if request in self.pending and "ERR_ABORTED" in (request.failure or ""):
            self.pending.discard(request)  # cut short by the next navigation (the favicon), not missing
        elif request in self.pending:
            self.pending.discard(request)
            self.failed.append(f"{request.url} ({request.failure})")

    def settle(self, tab, timeout: float = 10.0) -> None:
        """Wait until every request to the site has finished or failed."""
        deadline = time.monotonic() + timeout
        while self.pending and time.monotonic() < deadline:
            tab.wait_for_timeout(10)  # lets Playwright deliver the request events
        assert not self.pending, f"requests still pending after {timeout} s: {[r.url for r in self.pending]}"


def open_context(browser, site_url: str, dead_port: int, color_scheme: str = "light"):
    """A context that may read the clipboard and reaches nothing but site_url; its
    system is in light mode, or in color_scheme."""
    host = site_url.split("/")[2]
    ctx = browser.new_context(viewport=DESKTOP, color_scheme=color_scheme,
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


def close_context(ctx) -> None:
    """Close a context of open_context and count its requests in the summary."""
    ctx.close()
    SUMMARY["requests"] += ctx.traffic.requests
    SUMMARY["blocked_off_host"] += len(ctx.traffic.blocked)


def visit(tab, url: str) -> None:
    """Open url in the shared tab and wait until it is loaded (the theme and site.js
    render on DOMContentLoaded; images are in) and every request has finished."""
    tab.goto(url, wait_until="load")
    tab.context.traffic.settle(tab)


# The smallest tick label of every figure on the page, in CSS px as rendered: the
# figure's SVG (a file or a data: URL) is read for its tick labels' font size, in SVG
# units, scaled by the width the image is shown at.
FIGURE_TEXT = """async () => {
  const out = [];
  for (const img of document.querySelectorAll("article img")) {
    const shown = img.getBoundingClientRect().width;
    const src = img.currentSrc || img.src;
    if (!shown || !/\\.svg($|[?#])|^data:image\\/svg/.test(src)) continue;
    const svg = new DOMParser().parseFromString(await (await fetch(src)).text(), "image/svg+xml").documentElement;
    const viewBox = (svg.getAttribute("viewBox") || "").trim().split(/[\\s,]+/).map(Number);
    const sizes = [];
    for (const t of svg.querySelectorAll("g[id^=xtick] text, g[id^=ytick] text")) {
      // a label's size: the largest of its parts (10^-1 is a 10 and a smaller exponent)
      const parts = [t, ...t.querySelectorAll("tspan")].map((e) => /font-size:\\s*([\\d.]+)px/.exec(e.getAttribute("style") || ""));
      const size = Math.max(0, ...parts.filter(Boolean).map((m) => parseFloat(m[1])));
      if (size) sizes.push(size);
    }
    for (const g of svg.querySelectorAll("g[id^=xtick] g[transform*=scale], g[id^=ytick] g[transform*=scale]")) {
      const m = /scale\\(([\\d.]+)/.exec(g.getAttribute("transform"));  // text drawn as outlines
      if (m) sizes.push(parseFloat(m[1]) * 100);
    }
    const name = src.startsWith("data:") ? "a notebook figure" : new URL(src).pathname.split("/").pop();
    out.push({name, px: sizes.length && viewBox[2] ? Math.min(...sizes) * shown / viewBox[2] : null});
  }
  return out;
}"""

# At phone size: does the page scroll sideways (and what sticks out), and how much of
# the content width do a lab's code cells and plots use.
PHONE_FACTS = """() => {
  const root = document.documentElement;
  const article = document.querySelector("article.md-content__inner");  // missing on a broken page
  const content = article ? article.getBoundingClientRect().width : root.clientWidth;
  const widths = (selector) => Array.from(document.querySelectorAll(selector), (e) => e.getBoundingClientRect().width);
  const wide = Array.from(document.querySelectorAll("article *")).filter(
    (e) => e.getBoundingClientRect().right > root.clientWidth + 1 && !e.closest("pre, .katex-display, .highlight-ipynb, table, .md-typeset__table"))
    .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.split(" ")[0] : ""));
  return {sideways: root.scrollWidth - root.clientWidth, wide, content,
          labCode: widths(".jupyter-wrapper .jp-CodeCell .jp-InputArea-editor"),
          labProse: widths(".jupyter-wrapper .jp-MarkdownCell .jp-InputArea"),
          labPlots: widths(".jupyter-wrapper .jp-OutputArea img, .jupyter-wrapper .jp-OutputArea svg")};
}"""


# Everything the checks need from a loaded page, in one call. Each snippet's copy
# button is clicked (after opening the admonition or tab that hides it): the theme's
# own handler runs and the copy event tells what went to the clipboard.
PAGE_FACTS = """async (copyAll) => {
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
  // Images load lazily: each is brought into view (as a reader scrolls to it) and decoded.
  for (const img of all("article img")) {
    img.scrollIntoView({block: "center", behavior: "instant"});
    await img.decode().catch(() => null);  // a missing or broken image: reported below
  }
  window.scrollTo(0, 0);
  const math = all("article .arithmatex").filter((m) => !m.closest(".md-tooltip__inner"));
  const facts = {
    lang: document.documentElement.lang,
    formulas: math.length,
    rendered: math.filter((m) => m.querySelector(".katex")).length,
    unrendered: math.filter((m) => !m.querySelector(".katex")).map((m) => m.textContent.slice(0, 80)),
    katexErrors: all("article .katex-error").length,
    mathScripts: all("script[src]").map((s) => s.getAttribute("src")).filter((src) => /katex|mathjax|auto-render/i.test(src)),
    notebookCells: all(".jupyter-wrapper .jp-MarkdownOutput").map((c) => c.innerText),
    notebookFormulas: all(".jupyter-wrapper .jp-MarkdownOutput .katex").length,
    images: all("article img").map((img) => ({
      src: img.getAttribute("src"), loaded: img.complete && img.naturalWidth > 0,
      alt: (img.getAttribute("alt") || "").trim()})),
    languageLinks: Object.fromEntries(all("a.md-select__link[hreflang]").map(
      (a) => [a.getAttribute("hreflang"), new URL(a.getAttribute("href"), location.href).href])),
  };
  // The theme mounts a code block (its copy button, its annotations) when the block first
  // comes into view (content.lazy): each block is brought into view, as a reader scrolls
  // to it, and given a few frames. A mounted block's <pre> has the theme's id.
  const mounted = (block) => !!block.querySelector(":scope > pre[id^='__code_']");
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  for (const block of all("article div.highlight")) {
    if (mounted(block)) continue;
    reveal(block);
    block.scrollIntoView({block: "center", behavior: "instant"});
    for (let i = 0; i < 30 && !mounted(block); i++) await frame();
  }
  window.scrollTo(0, 0);
  facts.unmounted = all("article div.highlight").filter((block) => !mounted(block)).length;
  facts.outputCopyButtons = all("article div.no-copy button[data-md-type=copy]").length;
  let copied = null;
  const onCopy = () => { copied = document.getSelection().toString(); };
  document.addEventListener("copy", onCopy, true);
  const copies = [];
  let first = null;  // the first snippet's block and button, for a real click below
  for (const block of all("article div.highlight:has(> span.filename)")) {
    const name = block.querySelector(":scope > span.filename").textContent.trim();
    if (!name.startsWith("snippets/")) continue;
    const button = block.querySelector("button.md-code__button[data-md-type=copy]");
    const click = !!button && (copyAll || !first);  // else only the first snippet's
    copied = null;
    if (click) {
      reveal(block);
      button.click();
    }
    copies.push({name, button: !!button, copied, clicked: click});
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
    return snippet_code((ROOT / path).read_text(encoding="utf-8"))


def page_problems(tab, url: str, lang: str, language_links: dict[str, str], phone_too: bool = True,
                  copy_all: bool = True) -> list[str]:
    """Open url and list what is wrong with it (an empty list for a good page).

    language_links: the URL the language selector must lead to, per language;
    phone_too: also check the page at phone size; copy_all: click every snippet's copy
    button (else the first one's only; every page gets a real click on that one).
    """
    traffic = tab.context.traffic
    traffic.settle(tab)  # what the previous page asked for is not this page's business
    errors_before, blocked_before, failed_before = len(tab.errors), len(traffic.blocked), len(traffic.failed)
    visit(tab, url)
    facts = tab.evaluate(PAGE_FACTS, copy_all)
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
    if facts["mathScripts"]:
        problems.append(f"loads a script to render math (formulas are rendered when the site is built): {facts['mathScripts']}")
    # Notebook pages: their $ … $ math is rendered too.
    for text in facts["notebookCells"]:
        if UNRENDERED_MATH.search(text):
            problems.append(f"unrendered math in a notebook cell: {text[:200]}")
    # Figures: loaded and described.
    for img in facts["images"]:
        if not img["loaded"]:
            problems.append(f"{img['src'][:80]} did not load")
        if not img["alt"] or img["alt"].startswith("No description has been provided"):  # nbconvert's stand-in
            problems.append(f"{img['src'][:60]} has no alt text")
    # Code: the copy button copies exactly the snippet; outputs have no copy button.
    for copy in facts["copies"]:
        if not copy["button"]:
            problems.append(f"{copy['name']} has no copy button")
        elif not copy["clicked"]:
            continue
        elif copy["copied"] is None:
            problems.append(f"the copy button of {copy['name']} copies nothing")
        elif normalized(copy["copied"]) != snippet_text(copy["name"]):
            problems.append(f"the copy button of {copy['name']} copies something else")
    if facts["unmounted"]:
        problems.append(f"{facts['unmounted']} code blocks never got the theme's buttons when scrolled into view")
    if facts["outputCopyButtons"]:
        problems.append(f"{facts['outputCopyButtons']} output blocks have a copy button")
    # Figure text: tick labels readable, on a desktop and on a phone.
    problems += figure_text_problems(tab.evaluate(FIGURE_TEXT), "desktop")
    phone = {"sideways": 0, "wide": [], "content": 1, "labCode": [], "labProse": [], "labPlots": []}
    phone_figures = []
    if phone_too:  # the same tab at phone size
        tab.set_viewport_size(PHONE)
        try:
            tab.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
            phone = tab.evaluate(PHONE_FACTS)
            phone_figures = tab.evaluate(FIGURE_TEXT)
            problems += figure_text_problems(phone_figures, "phone")
        finally:
            tab.set_viewport_size(DESKTOP)
    if phone["sideways"] > 0:
        problems.append(f"on a phone the page scrolls sideways by {phone['sideways']} px "
                        f"(sticking out: {', '.join(phone['wide']) or 'a block that scrolls itself'})")
    for kind, widths in (("code cell", phone["labCode"]), ("plot", phone["labPlots"]), ("prose cell", phone["labProse"])):
        narrow = [round(w) for w in widths if w < MIN_LAB_SHARE * phone["content"]]
        if narrow:
            problems.append(f"on a phone {len(narrow)} lab {kind}s use less than {MIN_LAB_SHARE:.0%} of the "
                            f"{round(phone['content'])} px content width: {narrow[:5]} px")
    # The language selector points at the same page in every language.
    for other, target in language_links.items():
        if facts["languageLinks"].get(other) != target:
            problems.append(f"the language selector leads to {facts['languageLinks'].get(other)} for "
                            f"{other}, not {target}")
    if not problems:
        sizes = [f["px"] for f in phone_figures if f["px"]]
        if sizes:
            SUMMARY["smallest_figure_text_px"] = round(min([SUMMARY.get("smallest_figure_text_px", 99), *sizes]), 1)
        SUMMARY["pages"] += 1
        SUMMARY["lab_cells_on_a_phone"] = SUMMARY.get("lab_cells_on_a_phone", 0) + len(phone["labCode"])
        SUMMARY["formulas"] += facts["rendered"] + facts["notebookFormulas"]
        SUMMARY["figures"] += len(facts["images"])
        SUMMARY["copy_buttons"] += sum(copy["clicked"] for copy in facts["copies"])
    return problems


def figure_text_problems(figures: list[dict], where: str) -> list[str]:
    problems = []
    for fig in figures:
        if fig["px"] is None:
            problems.append(f"{fig['name']}: no tick labels found (draw figures as SVG with matplotlib)")
        elif fig["px"] < MIN_FIGURE_TEXT:
            problems.append(f"{fig['name']}: tick labels {fig['px']:.1f} px high on a {where}, "
                            f"below {MIN_FIGURE_TEXT} px")
    return problems


# After plain scrolling (no #hash in the address), the language selector leads to the
# same section: the theme's navigation.tracking keeps the address on the section read,
# and both languages give a section the same id (labs too: hooks/labs.py).
SCROLLS = [("zh", "en", Path("autograd/basics.md")), ("en", "zh", Path("autograd/basics.md")),
           ("zh", "en", Path("regularization/weight_decay_lab.md")),
           ("en", "zh", Path("regularization/choosing_lambda_lab.md"))]


def switch_problems(tab, site_url: str, source: str, target: str, page: Path, section: str = "derivation") -> list[str]:
    """From a section's address, the language selector leads to the same page and section."""
    visit(tab, site_url + url_path(source, page) + "#" + section)
    tab.locator(".md-header__option .md-select > button").hover()
    with tab.expect_navigation(wait_until="load"):
        tab.locator(f"a.md-select__link[hreflang={target}]").click()
    want = site_url + url_path(target, page) + "#" + section
    problems = [] if tab.url == want else [f"{source} -> {target}: the selector led to {tab.url}, not {want}"]
    if tab.evaluate("document.documentElement.lang") != target:
        problems.append(f"{source} -> {target}: the page it led to is not in {target}")
    return problems


def scroll_switch_problems(tab, site_url: str, source: str, target: str, page: Path) -> list[str]:
    """After plain scrolling into a section (no #hash typed), the language switch lands in it."""
    where = f"{url_path(source, page)} -> {target}"
    visit(tab, site_url + url_path(source, page))
    section = tab.evaluate("""() => {
      const heads = Array.from(document.querySelectorAll("article h2[id]"));
      const i = Math.floor(heads.length / 2), h = heads[i];
      window.scrollTo(0, h.getBoundingClientRect().top + scrollY - 400);  // still in the section before
      return h.id;
    }""")
    # The theme takes the first stop after a jump as the start (it skips it); the code blocks
    # that came into view mount first, so the stop is long enough to count as one.
    tab.wait_for_timeout(800)
    for _ in range(50):  # a reader's scrolling into the section, until its heading is near the top
        top = tab.evaluate("(id) => { scrollBy(0, 20); return document.getElementById(id).getBoundingClientRect().top; }",
                           section)
        tab.wait_for_timeout(30)
        if top < 100:
            break
    for _ in range(40):  # the theme puts a section into the address shortly after the scrolling stops
        if tab.evaluate("location.hash"):
            break
        tab.wait_for_timeout(50)
    section = tab.evaluate("decodeURIComponent(location.hash.slice(1))")  # the section read (or a subsection)
    top_of = "(id) => { const e = document.getElementById(id); return e && e.getBoundingClientRect().top; }"
    reading = tab.evaluate(top_of, section)
    if not section or reading is None or reading >= 200:
        return [f"{where}: the address does not follow the section read: {tab.url} (section top at {reading})"]
    tab.locator(".md-header__option .md-select > button").hover()
    with tab.expect_navigation(wait_until="load"):
        tab.locator(f"a.md-select__link[hreflang={target}]").click()
    if tab.url != site_url + url_path(target, page) + "#" + section:
        return [f"{where}: the switch led to {tab.url}, not section #{section}"]
    top = tab.evaluate(top_of, section)
    if top is None or not 0 <= top < 200:
        return [f"{where}: section #{section} is {top} px from the top of the window"]
    return []


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
        except Exception:
            continue
    else:
        raise AssertionError(f"no search results for {query!r}")
    tab.wait_for_timeout(200)  # the theme renders the results in batches
    return tab.evaluate("""() => Array.from(
        document.querySelectorAll('.md-search-result__item > a.md-search-result__link'), (a) => a.href)""")


# What a result shows: no TeX source, no permalink sign, no markup as text.
RESULT_TEXT = re.compile(r"\\[a-zA-Z]+|\$\$|\\\(|¶|<\/?[a-z]+>|&[a-z]+;")
RESULTS = """() => Array.from(document.querySelectorAll('.md-search-result__item'), (li) => ({
  text: li.innerText, links: Array.from(li.querySelectorAll('a'), (a) => a.href)}))"""
MISSING_ANCHOR = """async (links) => {
  const pages = window.parsedPages = window.parsedPages || {}, missing = [];  // kept for the next query
  for (const link of links) {
    const url = new URL(link), id = decodeURIComponent(url.hash.slice(1));
    if (!id) continue;
    const page = url.origin + url.pathname;
    pages[page] = pages[page] || new DOMParser().parseFromString(await (await fetch(page)).text(), "text/html");
    if (!pages[page].getElementById(id)) missing.push(link);
  }
  return missing;
}"""


def result_problems(tab, query: str) -> list[str]:
    """What is wrong with the shown results of a query (an empty list when nothing is)."""
    results = tab.evaluate(RESULTS)
    problems = [f"{query!r}: result {i} shows {m.group(0)!r}: {r['text'][:120]!r}"
                for i, r in enumerate(results, 1) for m in [RESULT_TEXT.search(r["text"])]
                if m]
    missing = tab.evaluate(MISSING_ANCHOR, [link for r in results for link in r["links"]])
    problems += [f"{query!r}: result link {link} leads to no such anchor" for link in missing]
    return problems


SEARCHES = [  # by language: the search worker builds a language's index once, on its first query
    ("zh", "leaf tensor", "autograd/basics/"),
    ("zh", "叶子节点", "autograd/basics/"),
    ("zh", "梯度", "descent/derivatives/"),
    ("zh", "反向传播", "autograd/backprop/"),
    ("zh", "权重衰减", "regularization/exercises/"),
    ("zh", "Trying to backward through the graph a second time", "autograd/pitfalls/"),
    ("en", "leaf tensor", "en/autograd/basics/"),
    ("en", "gradient", "en/descent/derivatives/"),
    ("en", "backward", "en/autograd/grad_vs_backward/"),
    ("en", "weight decay", "en/regularization/exercises/"),
]


FIRST = {"leaf tensor", "叶子节点", "反向传播"}  # these must put the expected page first


def search_problems(tab, site_url: str) -> list[str]:
    """Each query of SEARCHES finds its page in the reader's language only (FIRST: first)."""
    problems = []
    for lang, query, expected in SEARCHES:
        home = site_url + ("" if lang == DEFAULT else f"{lang}/")
        if tab.url.split("#")[0].split("?")[0] != home:  # the searches of a language share its index
            visit(tab, home)
        try:
            found = [h.split("#")[0].split("?")[0] for h in search(tab, query)]
        except AssertionError as exc:
            problems.append(f"{lang}: {exc}")
            continue
        if site_url + expected not in found:
            problems.append(f"{lang}: {query!r} found {sorted(set(found))}, not {expected}")
        elif query in FIRST and found[0] != site_url + expected:
            problems.append(f"{lang}: {query!r}: first result {found[0]}, not {site_url + expected}")
        problems += result_problems(tab, query)
        problems += [f"{lang}: {query!r} returned a page of another language: {h}" for h in set(found)
                     if h.startswith(site_url + "en/") != (lang == "en")]
        SUMMARY["searches"] += 1
    return problems


def screenshots(tab, site_url: str) -> list[str]:
    """A chapter page per language, as an artifact (test-artifacts/<lang>-autograd-basics.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    problems = []
    for lang in LANGS:
        visit(tab, site_url + url_path(lang, Path("autograd/basics.md")))
        tab.evaluate("document.fonts.ready.then(() => true)")
        shot = ARTIFACTS / f"{lang}-autograd-basics.png"
        tab.screenshot(path=str(shot), full_page=False)
        if shot.stat().st_size <= 10_000:
            problems.append(f"{shot.name}: an empty screenshot")
    return problems


def in_scheme(tab, url: str, scheme: str) -> None:
    """Open url and check that the theme shows the scheme of the reader's system: no
    colour scheme was chosen on the site, so the theme follows the system's mode."""
    visit(tab, url)
    want = "slate" if scheme == "dark" else "default"
    shown = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == want, f"{url}: the theme shows {shown!r} in a system in {scheme} mode, not {want!r}"


def luminance(png: bytes) -> float:
    from PIL import Image, ImageStat

    return ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).mean[0] / 255


_WITH_FIGURES = [page for page in dict.fromkeys(page for _, page in PAGES)
                 if "figures/" in (DOCS / LANGS[0] / page).read_text(encoding="utf-8") or page.name.endswith("_lab.md")]
FIGURE_PAGES = [(lang, page) for lang, page in PAGES if page in _WITH_FIGURES] if FULL else \
    taking_turns([page for page in _WITH_FIGURES if page in SAMPLE])


def dark_figure_problems(light, dark, site_url: str, lang: str, pages: list[Path] | None = None) -> list[str]:
    """With the reader's system in dark mode the theme shows its dark (slate) scheme;
    every figure there is dark on average, not a bright box (light: bright).
    light, dark: tabs of contexts in light and in dark mode (light None: dark only);
    pages: the language's FIGURE_PAGES unless given."""
    problems, seen = [], 0
    pages = [page for other, page in FIGURE_PAGES if other == lang] if pages is None else pages
    for scheme, scheme_tab in (("dark", dark), ("light", light)) if light else (("dark", dark),):
        for page in pages:
            in_scheme(scheme_tab, site_url + url_path(lang, page), scheme)
            for i, img in enumerate(scheme_tab.locator("article img").all()):
                img.scroll_into_view_if_needed()
                shade = luminance(img.screenshot())
                seen += 1
                if (scheme == "dark") != (shade < 0.4):
                    problems.append(f"{url_path(lang, page)} figure {i + 1}: mean brightness {shade:.2f} "
                                    f"in the {scheme} scheme")
    if not seen:
        problems.append(f"no figure on the figure pages of {lang}")
    SUMMARY["dark_figures"] = SUMMARY.get("dark_figures", 0) + seen // 2
    return problems


# axe-core's rules that the theme itself breaks and this site leaves alone, with why.
AXE_KNOWN = {
    # Material's code blocks each hold a <nav> (copy button) without a unique name (moderate).
    "landmark-unique": "the theme's code-block <nav>s",
}
# axe-core sees the whole page at once. A block the browser has not laid out yet (off
# screen: content-visibility, site.css) has a stand-in height, so its content seems to
# overflow it, and a formula box that scrolls sideways is made a keyboard stop only once it
# is laid out (math.js). So every block is laid out first, as it is when the reader reaches
# it, and axe runs a frame later, once those boxes have been measured.
AXE_RUN = """async () => {
  const shown = document.createElement("style");
  shown.textContent = "* { content-visibility: visible !important; }";
  document.head.append(shown);
  for (let i = 0; i < 3; i++) await new Promise((done) => requestAnimationFrame(() => done()));
  const result = await axe.run(document, {resultTypes: ["violations"]});
  shown.remove();
  return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}));
}"""


def axe_problems(scheme_tab, site_url: str, lang: str, scheme: str) -> list[str]:
    """axe-core 4.14.1 (tests/vendor/axe-core, injected from disk: no network) on the
    sample pages of a language (every page with BROWSER_FULL=1), in a tab whose system
    is in the scheme's mode: its serious and critical violations."""
    script = AXE.read_text(encoding="utf-8")
    problems, counts = [], {}
    for _, page in [p for p in PAGES if p[0] == lang and (FULL or p[1] == AXE_SAMPLE[scheme])]:
        in_scheme(scheme_tab, site_url + url_path(lang, page), scheme)
        scheme_tab.evaluate("() => document.fonts.ready")
        scheme_tab.add_script_tag(content=script)
        for v in scheme_tab.evaluate(AXE_RUN):
            counts[v["impact"]] = counts.get(v["impact"], 0) + 1
            if v["impact"] in ("serious", "critical") and v["id"] not in AXE_KNOWN:
                problems.append(f"{url_path(lang, page)}: {v['impact']} {v['id']} ({v['help']}): {v['targets']}")
    SUMMARY[f"axe_{lang}_{scheme}"] = counts
    return problems




# ---------------------------------------------------------------- the whole site
def jobs(full: bool = FULL) -> list[tuple[str, tuple]]:
    """Every check of a site, as (name, arguments): the per-page pass on every page, then the
    checks of the whole site (dark figures, language switches, search, axe-core, screenshots)."""
    found = [("page", (lang, page)) for lang, page in PAGES]
    found += [("dark figures", (lang,)) for lang in LANGS]
    found += [("language switch", (s, t, Path("autograd/basics.md"))) for s, t in (("en", "zh"), ("zh", "en"))]
    found += [("switch after scrolling", item) for item in (SCROLLS if full else SCROLLS[::3])]
    found += [("search", ()), ("screenshots", ())]
    found += [("axe-core", pair) for pair in taking_turns(["light", "dark"], full)]
    return found


def _where(name: str, args: tuple) -> str:
    if name == "page":
        return url_path(args[0], args[1]) or "/"
    return " ".join(str(a) for a in args)


def check_site(site: Path, full: bool = FULL, report=print, only: list[str] | None = None) -> int:
    """Run every job (or those whose "name: where" starts with one of only) on a built
    site in one Chromium (a light and a dark tab); report each problem as it is found;
    the number of problems."""
    from playwright.sync_api import sync_playwright

    count = 0
    with chromium.serve(site) as url, chromium.refusing_port() as port, sync_playwright() as p:
        browser = chromium.launch(p)
        contexts = [open_context(browser, url, port), open_context(browser, url, port, color_scheme="dark")]
        tab, dark = open_tab(contexts[0]), open_tab(contexts[1])
        for name, args in jobs(full):
            if only and not any(f"{name}: {_where(name, args)}".startswith(o) for o in only):
                continue
            started = time.perf_counter()
            try:
                if name == "page":
                    lang, page = args
                    links = {other: url + url_path(other, page) for other in LANGS}
                    # every copy button on the source language's pages (the others include the same
                    # files), all of them with --full; every page gets a real click on its first one
                    problems = page_problems(tab, url + url_path(lang, page), lang, links,
                                             full or page in SAMPLE, full or lang == DEFAULT)
                    where = url_path(lang, page) or "/"
                elif name == "dark figures":
                    problems, where = dark_figure_problems(tab, dark, url, args[0]), args[0]
                elif name == "language switch":
                    problems, where = switch_problems(tab, url, *args), f"{args[0]} -> {args[1]}"
                elif name == "switch after scrolling":
                    problems, where = scroll_switch_problems(tab, url, *args), f"{args[0]} -> {args[1]} {args[2]}"
                elif name == "search":
                    problems, where = search_problems(tab, url), "both languages"
                elif name == "screenshots":
                    problems, where = screenshots(tab, url), "test-artifacts"
                else:
                    problems = axe_problems(dark if args[1] == "dark" else tab, url, *args)
                    where = f"{args[0]}, {args[1]} scheme"
            except Exception as exc:
                problems, where = [f"the check stopped: {type(exc).__name__}: {str(exc).splitlines()[0]}"], str(args)
            count += len(problems)
            report(f"{'ok  ' if not problems else 'FAIL'} {time.perf_counter() - started:5.1f} s  {name}: {where}")
            for problem in problems:
                report(f"       {problem}")
        for ctx in contexts:
            close_context(ctx)
        browser.close()
    return count


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tests.browser.check", description=__doc__.split("\n")[0])
    parser.add_argument("site", help="a built site (make test builds site/)")
    parser.add_argument("--only", action="append", metavar="JOB",
                        help='only the checks whose "name: where" starts with this, e.g. "page: en/"')
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        count = check_site(Path(args.site), FULL, lambda line: print(line, flush=True), args.only)
    except chromium.NoBrowser as exc:
        print(f"browser checks: {exc}", flush=True)
        return 2
    write_summary()
    print(f"browser checks: {len(jobs(FULL))} checks, {count} problem(s), "
          f"{time.perf_counter() - started:.0f} s; counts in {ARTIFACTS.relative_to(ROOT)}/browser-summary.json")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The reader's experience in a real browser (Debian's Chromium via Playwright), offline.

Every page of every language is opened from a local server, on a desktop (1280 x 900)
and, by resizing the same tab, on a phone (390 x 844), by `check_pages`, in a process
of its own that runs beside the rest of the tests; each page's test reads its verdict.
Every request to another host is blocked and counted. One call into the page
(`PAGE_FACTS`, then `PHONE_FACTS` at phone size) gathers what the checks need;
`page_problems` turns it into a list of problems, empty for a good page. Apart from
that per-page pass: figures in the dark scheme (in that process too), the language switch after plain
scrolling, search ranks and result texts, and axe-core (vendored, tests/vendor/axe-core).
`make test` checks phone layout, dark figures and axe-core on sample pages, `make
test-browser` on every page. Screenshots land in test-artifacts/.
"""
from __future__ import annotations

import io
import os
import json
import re
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import _QuietHandler, serve_directory
from engine.languages import languages, shown_pages

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LANGS = [lang.code for lang in languages(ROOT)]
DEFAULT = "zh"
ARTIFACTS = ROOT / "test-artifacts"
ANNOTATION = re.compile(r"\s*# \(\d+\)!")
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
MIN_FIGURE_TEXT = 10  # CSS px: the smallest tick label a figure may show, desktop and phone
MIN_LAB_SHARE = 0.9  # on a phone, lab code and plots use at least this share of the content width
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.browser


def url_path(lang: str, page: Path) -> str:
    """Site path of a page, e.g. ('en', autograd/basics.md) -> 'en/autograd/basics/'."""
    stem = page.with_suffix("").as_posix()  # a lab's .py becomes a page like a .md
    path = "" if stem == "index" else (stem[:-len("index")] if stem.endswith("/index") else stem + "/")
    return ("" if lang == DEFAULT else f"{lang}/") + path


PAGES = [(lang, page) for lang in LANGS for page in shown_pages(ROOT, lang)]  # labs are *_lab.md pages too
# `make test` runs the per-page desktop checks on every page and the costly ones (phone
# layout and figure text at phone size, figures in the dark scheme, axe-core in both
# schemes, every language switch after scrolling) on one page of each kind, in every
# language; `make test-browser` (BROWSER_FULL=1, run by CI) runs those on every page.
FULL = os.environ.get("BROWSER_FULL") == "1"
SAMPLE = {Path("index.md"), Path("descent/difficulties.md"), Path("autograd/extending.md"),
          Path("regularization/weight_decay_lab.md"), Path("versions.md")}


# axe-core takes 2-4 s a page: in `make test`, one dense page per colour scheme (a chapter
# page with math, figures, tabs, annotations and admonitions; a lab), in every language.
AXE_SAMPLE = {"light": Path("descent/difficulties.md"), "dark": Path("regularization/weight_decay_lab.md")}


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


@pytest.fixture(scope="module")
def context(browser, site_url, dead_port):
    ctx = open_context(browser, site_url, dead_port)
    yield ctx
    close_context(ctx)


def close_context(ctx) -> None:
    """Close a context of open_context and count its requests in the summary."""
    ctx.close()
    SUMMARY["requests"] += ctx.traffic.requests
    SUMMARY["blocked_off_host"] += len(ctx.traffic.blocked)


@pytest.fixture(scope="module")
def tab(context):
    return open_tab(context)


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
    text = (ROOT / path).read_text(encoding="utf-8")
    return "\n".join(ANNOTATION.sub("", line).rstrip() for line in text.splitlines()).strip("\n")


class Verdicts:
    """The problems found on each page by check_pages, as it finds them."""

    def __init__(self):
        self.found, self.error, self.changed = {}, None, threading.Condition()

    def put(self, key, problems: list[str]) -> None:
        with self.changed:
            self.found[key] = problems
            self.changed.notify_all()

    def fail(self, error: str) -> None:
        with self.changed:
            self.error = error
            self.changed.notify_all()

    def get(self, key, timeout: float = 600.0) -> list[str]:
        with self.changed:
            if not self.changed.wait_for(lambda: key in self.found or self.error, timeout):
                self.error = f"the browser's background checks did not reach {key} in {timeout:.0f} s"
                raise AssertionError(self.error)  # and the tests after this one fail at once
            if key not in self.found:
                raise AssertionError(self.error)
            return self.found[key]


def job_of(item) -> tuple | None:
    """The background job whose verdict a collected test reads, or None: ("page", lang,
    page) or ("dark figures", lang). (axe-core runs in pytest's process: so both
    finish at about the same time.)"""
    function = getattr(item, "function", None)
    if function is test_every_page_renders_offline_with_math_figures_and_copyable_code:
        return ("page", item.callspec.params["lang"], item.callspec.params["page"].as_posix())
    if function is test_figures_have_a_dark_rendering_in_the_dark_scheme:
        return ("dark figures", item.callspec.params["lang"])
    return None


def check_pages(site: Path, jobs: list[tuple], verdicts: Verdicts) -> None:
    """Run the jobs (see job_of) on a built site, in order, into verdicts, with a
    Playwright, browser, server and tab of its own (and a tab in the dark scheme).
    A second tab that loads the next page while one is checked gains nothing here: this
    runs beside pytest, the two cores are busy, and it costs a tenth more work."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import NoBrowser, launch, refusing_port

    try:
        with serve_directory(site) as url, refusing_port() as port, sync_playwright() as p:
            browser = launch(p)
            contexts = [open_context(browser, url, port), open_context(browser, url, port, color_scheme="dark")]
            tab, dark = open_tab(contexts[0]), open_tab(contexts[1])
            for job in jobs:
                try:
                    if job[0] == "page":
                        lang, page = job[1], Path(job[2])
                        links = {other: url + url_path(other, page) for other in LANGS}
                        # `make test` clicks every copy button on the source language's pages
                        # (the other languages include the same files); all of them with FULL
                        problems = page_problems(tab, url + url_path(lang, page), lang, links,
                                                 FULL or page in SAMPLE, FULL or lang == DEFAULT)
                    else:
                        problems = dark_figure_problems(tab, dark, url, job[1])
                except Exception as exc:  # noqa: BLE001 - a page that breaks the checker fails its own test
                    problems = [f"the check stopped: {type(exc).__name__}: {str(exc).splitlines()[0]}"]
                verdicts.put(tuple(job), problems)
            for ctx in contexts:
                close_context(ctx)
            browser.close()
    except NoBrowser as exc:
        verdicts.fail(str(exc))
    except BaseException as exc:  # noqa: BLE001 - reported by every test still waiting
        verdicts.fail(f"the browser's background checks stopped: {type(exc).__name__}: {exc}")


RUNNING: list = []  # the processes check_pages_in_a_process started (a stopped session ends them)
STOPPED = threading.Event()  # set by a session that stops early (tests/conftest.py)


def check_pages_in_a_process(site: Path, jobs: list[tuple], verdicts: Verdicts) -> None:
    """check_pages in a process of its own (`python -m tests.test_browser SITE [JOBS]`),
    while pytest goes on with other tests: tests/conftest.py starts it once the site is
    built, and each test reads its verdict. A process, not a thread, so that its Python
    (Playwright's events, the server) never waits for pytest's."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, "-m", "tests.test_browser", str(site), json.dumps(jobs)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=err, text=True, encoding="utf-8")
        RUNNING.append(proc)
        if STOPPED.is_set():  # the session stopped while this was starting
            proc.kill()
        for line in proc.stdout:
            message = json.loads(line)
            if "job" in message:
                verdicts.put(tuple(message["job"]), message["problems"])
            elif "summary" in message:
                for key, value in message["summary"].items():
                    if key == "smallest_figure_text_px":
                        SUMMARY[key] = min(SUMMARY.get(key, value), value)
                    elif isinstance(value, int):
                        SUMMARY[key] = SUMMARY.get(key, 0) + value
            elif "error" in message:
                verdicts.fail(message["error"])
        if proc.wait() != 0:
            err.seek(0)
            verdicts.fail(f"the browser's background checks exited with status {proc.returncode}:\n{err.read()[-3000:]}")


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
    # Notebook pages: their $ … $ math is rendered too.
    for text in facts["notebookCells"]:
        if UNRENDERED_MATH.search(text):
            problems.append(f"unrendered math in a notebook cell: {text[:200]}")
    # Figures: loaded and described.
    for img in facts["images"]:
        if not img["loaded"]:
            problems.append(f"{img['src']} did not load")
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


@pytest.mark.parametrize("lang,page", PAGES, ids=[f"{l}/{p.as_posix()}" for l, p in PAGES])
def test_every_page_renders_offline_with_math_figures_and_copyable_code(verdicts, lang, page):
    """Its page's verdict from check_pages, which ran in the background (conftest.py)."""
    assert verdicts.get(("page", lang, page.as_posix())) == []


def test_a_page_checked_in_the_background_process_gets_its_problems_as_its_verdict(tmp_path, monkeypatch):
    """check_pages_in_a_process hands each page's problems to its test; when the pass
    cannot run (here: no browser starts), every test still waiting fails and says why."""
    page = tmp_path / "autograd" / "basics" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html lang="fr"><body><article><img alt="gone" src="gone.png"></article></body></html>',
                    encoding="utf-8")
    found = Verdicts()
    check_pages_in_a_process(tmp_path, [("page", "zh", "autograd/basics.md")], found)
    report = "\n".join(found.get(("page", "zh", "autograd/basics.md"), timeout=60))
    for expected in ["<html lang> is 'fr', not 'zh'", "gone.png did not load", "the language selector leads to None"]:
        assert expected in report, f"{expected!r} not reported; got:\n{report}"
    monkeypatch.setenv("CHROMIUM", "/bin/false")
    stopped = Verdicts()
    check_pages_in_a_process(tmp_path, [("page", "zh", "autograd/basics.md")], stopped)
    with pytest.raises(AssertionError, match="Chromium at /bin/false did not start"):
        stopped.get(("page", "zh", "autograd/basics.md"), timeout=60)


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
        ("</article>", '<div style="width: 900px">too wide for a phone</div>'
                       '<img alt="off-host" src="http://example.com/x.png">'
                       '<img alt="missing" src="missing.png">'
                       '<img alt="dropped" src="dropped.png">'
                       '<div class="jupyter-wrapper"><div class="jp-MarkdownOutput"><pre>$x^2$</pre></div></div>'
                       "<script>throw new Error('broken on purpose')</script></article>"),
    ]
    for old, new in breakages:
        assert old in html, old
        html = html.replace(old, new, 1)
    html = re.sub(r'<a href="[^"]*"(?= hreflang="en")', '<a href="../../en/"', html, count=1)  # wrong page
    small = "../../figures/descent/activations_curves.svg"  # another page's figure, shown too small
    html = html.replace("</article>", f'<img alt="small" src="{small}" style="width: 150px"></article>', 1)
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
                     f"the language selector leads to {url}en/ for en, not {url}en/descent/derivatives/",
                     "on a phone the page scrolls sideways by",
                     f"{Path(small).name}: tick labels", "px high on a desktop, below 10 px"]:
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


# After plain scrolling (no #hash in the address), the language selector leads to the
# same section: the theme's navigation.tracking keeps the address on the section read,
# and both languages give a section the same id (labs too: hooks/labs.py).
SCROLLS = [("zh", "en", Path("autograd/basics.md")), ("en", "zh", Path("autograd/basics.md")),
           ("zh", "en", Path("regularization/weight_decay_lab.md")),
           ("en", "zh", Path("regularization/choosing_lambda_lab.md"))]


@pytest.mark.parametrize("source,target,page", SCROLLS if FULL else SCROLLS[::3],  # a page and a lab, both ways
                         ids=[f"{s}->{t}:{p.stem}" for s, t, p in (SCROLLS if FULL else SCROLLS[::3])])
def test_switching_language_after_scrolling_lands_in_the_same_section(tab, site_url, source, target, page):
    visit(tab, site_url + url_path(source, page))
    section = tab.evaluate("""() => {
      const heads = Array.from(document.querySelectorAll("article h2[id]"));
      const i = Math.floor(heads.length / 2), h = heads[i];
      window.scrollTo(0, h.getBoundingClientRect().top + scrollY - 400);  // still in the section before
      return h.id;
    }""")
    tab.wait_for_timeout(300)
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
    reading = tab.evaluate("(id) => { const e = document.getElementById(id); return e && e.getBoundingClientRect().top; }",
                           section)
    assert section and reading is not None and reading < 200, \
        f"the address does not follow the section read: {tab.url} (section top at {reading})"
    tab.locator(".md-header__option .md-select > button").hover()
    with tab.expect_navigation(wait_until="load"):
        tab.locator(f"a.md-select__link[hreflang={target}]").click()
    assert tab.url == site_url + url_path(target, page) + "#" + section
    top = tab.evaluate("(id) => { const e = document.getElementById(id); return e && e.getBoundingClientRect().top; }",
                       section)
    assert top is not None, f"{tab.url}: no section #{section}"
    assert 0 <= top < 200, f"{tab.url}: section #{section} is {top:.0f} px from the top of the window"


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


@pytest.mark.parametrize("lang,query,expected", SEARCHES, ids=[f"{l}:{q}" for l, q, _ in SEARCHES])
def test_site_search_finds_the_right_pages_in_the_readers_language(tab, site_url, lang, query, expected):
    home = site_url + ("" if lang == DEFAULT else f"{lang}/")
    if tab.url.split("#")[0].split("?")[0] != home:  # the searches of a language share its index
        visit(tab, home)
    found = [h.split("#")[0].split("?")[0] for h in search(tab, query)]
    pages_found = set(found)
    assert site_url + expected in pages_found, f"{query!r} found {sorted(pages_found)}"
    if query in FIRST:
        assert found[0] == site_url + expected, f"{query!r}: first result {found[0]}, not {site_url + expected}"
    assert result_problems(tab, query) == []
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


def test_the_result_checker_reports_latex_markup_and_dead_anchors(tab, site_url):
    visit(tab, site_url)
    tab.evaluate("""(url) => {
      document.querySelector('.md-search-result__list').innerHTML =
        '<li class="md-search-result__item"><a href="' + url + 'autograd/basics/#no-such-id">' +
        '<article>Leaf \\\\(x\\\\) ¶ &lt;mark&gt;</article></a></li>';
    }""", site_url)
    report = "\n".join(result_problems(tab, "q"))
    for expected in ["'q': result 1 shows '\\\\('", f"{site_url}autograd/basics/#no-such-id leads to no such anchor"]:
        assert expected in report, f"{expected!r} not reported; got:\n{report}"


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


FIGURE_PAGES = sampled([(lang, page) for lang, page in PAGES
                        if "figures/" in ((DOCS / lang / page) if (DOCS / lang / page).exists()
                                          else DOCS / LANGS[0] / page).read_text(encoding="utf-8")
                        or page.name.endswith("_lab.md")])


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


@pytest.mark.parametrize("lang", LANGS)
def test_figures_have_a_dark_rendering_in_the_dark_scheme(verdicts, lang):
    """dark_figure_problems, run in the background (check_pages)."""
    assert verdicts.get(("dark figures", lang)) == []


def test_a_figure_that_stays_bright_in_the_dark_scheme_is_reported(browser, built_site, dead_port):
    """The built site served with the dark rendering of figures taken out of site.css."""
    css = (built_site.path / "assets" / "stylesheets" / "site.css").read_bytes()
    dark_rule = b"filter: invert(0.88) hue-rotate(180deg);"
    assert dark_rule in css

    class NoDarkFigures(_QuietHandler):
        def do_GET(self):
            if not self.path.split("?")[0].endswith("/assets/stylesheets/site.css"):
                return super().do_GET()
            body = css.replace(dark_rule, b"")
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serve_directory(built_site.path, NoDarkFigures) as url:
        dark = open_context(browser, url, dead_port, color_scheme="dark")
        try:
            problems = dark_figure_problems(None, open_tab(dark), url, "zh", [Path("descent/difficulties.md")])
        finally:
            dark.close()
    report = "\n".join(problems)
    assert "descent/difficulties/ figure 1: mean brightness" in report and "in the dark scheme" in report, report


# axe-core's rules that the theme itself breaks and this site leaves alone, with why.
AXE_KNOWN = {
    # Material's code blocks each hold a <nav> (copy button) without a unique name (moderate).
    "landmark-unique": "the theme's code-block <nav>s",
}
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
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


@pytest.fixture(scope="module")
def dark_tab(browser, site_url, dead_port):
    """A tab of a context of its own whose system is in dark mode (the shared tab's is
    light). Nothing is stored in it, so the theme follows the system (see in_scheme)."""
    ctx = open_context(browser, site_url, dead_port, color_scheme="dark")
    yield open_tab(ctx)
    close_context(ctx)


@pytest.mark.parametrize("lang,scheme", [(l, s) for l in LANGS for s in ("light", "dark")])
def test_axe_core_finds_no_serious_or_critical_violations(tab, dark_tab, site_url, lang, scheme):
    assert axe_problems(dark_tab if scheme == "dark" else tab, site_url, lang, scheme) == []


def test_axe_core_is_run_and_reports_a_serious_violation(tab, site_url):
    visit(tab, site_url)
    tab.evaluate("""() => { const a = document.createElement("a"); a.href = "#x";
                          document.querySelector("article").append(a); }""")  # a link with no name
    tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    assert "link-name" in [v["id"] for v in tab.evaluate(AXE_RUN) if v["impact"] == "serious"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_search_index_has_no_markup_no_tex_and_no_dead_anchors(built_site, lang):
    """Every entry of a language's search index: a title without the permalink sign or
    markup, a text without TeX source, and a location whose anchor exists."""
    base = built_site.path / ("" if lang == DEFAULT else lang)
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


class _Printed(Verdicts):
    """Verdicts as JSON lines on stdout, for check_pages_in_a_process."""

    def put(self, key, problems: list[str]) -> None:
        print(json.dumps({"job": key, "problems": problems}), flush=True)

    def fail(self, error: str) -> None:
        print(json.dumps({"error": error}), flush=True)


if __name__ == "__main__":  # python -m tests.test_browser SITE ['[["page", "zh", "index.md"], ...]']
    import sys

    everything = [["page", lang, page.as_posix()] for lang, page in PAGES] + [["dark figures", lang] for lang in LANGS]
    check_pages(Path(sys.argv[1]), json.loads(sys.argv[2]) if len(sys.argv) > 2 else everything, _Printed())
    print(json.dumps({"summary": SUMMARY}), flush=True)

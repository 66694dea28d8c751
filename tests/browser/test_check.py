"""The browser checks (tests/browser/check.py) are fed broken pages, one kind of defect at a
time, and must report each; the command fails and says why when it cannot start a browser."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.chromium import QuietHandler, serve
from tests.browser.check import (
    AXE,
    AXE_RUN,
    dark_figure_problems,
    open_context,
    open_tab,
    page_problems,
    result_problems,
    visit,
)
from tests.support import ROOT

pytestmark = pytest.mark.browser


def test_the_page_checker_reports_every_kind_of_broken_page(browser, built_site, dead_port, tmp_path):
    """A copy of the built site with one page broken in every way the checker looks for."""
    site = tmp_path / "site"
    shutil.copytree(built_site.path, site)
    page = site / "descent" / "derivatives" / "index.html"
    html = page.read_text(encoding="utf-8")
    first_snippet = re.search(r'<span class="filename">(snippets/[^<]+)</span>', html).group(1)
    figure = re.search(r'<img [^>]*alt="[^"]*" src="([^"]+)"', html).group(1)
    breakages = [
        ('<html lang="zh"', '<html lang="fr"'),  # wrong language
        ("</article>", '<p><span class="arithmatex">\\(x\\)</span> left unrendered</p>'  # a formula not rendered
                       '<span class="katex-error">x^1^2</span>'  # a formula in error
                       '<script src="../../assets/katex.min.js"></script></article>'),  # math rendered in the browser
        ('decoding="async" alt="', 'decoding="async" data-alt="'),  # a figure without alt text
        ('class="language-text no-copy highlight"', 'class="language-text no-copy copy highlight"'),
        ("</article>", '<div style="width: 900px">too wide for a phone</div>'
                       '<img alt="off-host" src="http://example.com/x.png">'
                       '<img alt="missing" src="missing.png">'
                       '<img alt="dropped" src="dropped.png">'
                       '<div class="jupyter-wrapper"><div class="jp-MarkdownOutput"><pre>$x^2$</pre></div></div>'
                       '<div class="highlight"><pre>a code block the theme cannot mount: no code</pre></div>'
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

    class DroppingHandler(QuietHandler):
        def do_GET(self):
            if not self.path.endswith("/dropped.png"):
                super().do_GET()  # else: the connection closes with no answer at all

    with serve(site, DroppingHandler) as url:
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
                     "1 code blocks never got the theme's buttons when scrolled into view",
                     "formulas in error (.katex-error)",
                     "loads a script to render math (formulas are rendered when the site is built): ['../../assets/katex.min.js']",
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


def test_a_figure_that_stays_bright_in_the_dark_scheme_is_reported(browser, built_site, dead_port):
    """The built site served with the dark rendering of figures taken out of site.css."""
    css = (built_site.path / "assets" / "stylesheets" / "site.css").read_bytes()
    dark_rule = b"filter: invert(0.88) hue-rotate(180deg);"
    assert dark_rule in css

    class NoDarkFigures(QuietHandler):
        def do_GET(self):
            if not self.path.split("?")[0].endswith("/assets/stylesheets/site.css"):
                return super().do_GET()
            body = css.replace(dark_rule, b"")
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serve(built_site.path, NoDarkFigures) as url:
        dark = open_context(browser, url, dead_port, color_scheme="dark")
        try:
            problems = dark_figure_problems(None, open_tab(dark), url, "zh", [Path("descent/difficulties.md")])
        finally:
            dark.close()
    report = "\n".join(problems)
    assert "descent/difficulties/ figure 1: mean brightness" in report and "in the dark scheme" in report, report


def test_axe_core_is_run_and_reports_a_serious_violation(tab, site_url):
    visit(tab, site_url)
    tab.evaluate("""() => { const a = document.createElement("a"); a.href = "#x";
                          document.querySelector("article").append(a); }""")  # a link with no name
    tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    assert "link-name" in [v["id"] for v in tab.evaluate(AXE_RUN) if v["impact"] == "serious"]




def test_the_command_checks_the_pages_it_is_given_and_fails_with_their_problems(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site.path, site)
    page = site / "en" / "autograd" / "basics" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('<html lang="en"', '<html lang="fr"', 1), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "tests.browser.check", str(site), "--only", "page: en/autograd/basics/"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAIL" in proc.stdout and "page: en/autograd/basics/" in proc.stdout
    assert "<html lang> is 'fr', not 'en'" in proc.stdout and "1 problem(s)" in proc.stdout


def test_the_command_says_why_when_no_browser_starts(built_site):
    proc = subprocess.run([sys.executable, "-m", "tests.browser.check", str(built_site.path), "--only", "page: /"],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "CHROMIUM": "/bin/false"})
    assert proc.returncode == 2 and "Chromium at /bin/false did not start" in proc.stdout, proc.stdout + proc.stderr

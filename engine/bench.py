"""`make bench`: how fast the test suite and the build are, measured in one run.

Prints the number of snippets, the whole `make test` time, the snippet suite alone,
one `import torch`, the summed compute time inside the snippets, the harness overhead
per snippet (median; target <= 10 ms), what comparing an output costs (target <= 1 ms
per snippet, also when every number differs within tolerance), the standalone mode's
time, the build time of both languages, and the bytes a first visit transfers (each
home page and the heaviest page, gzip-compressed as GitHub Pages serves them, against
their targets; `python -m engine bench --page-weight SITE` measures a built site alone;
tests/test_page_weight.py holds the same targets from the built files).
It also builds the site with MkDocs 1.6.1 (the last MkDocs 1.x) and compares it with the
ProperDocs build as a reader sees it (`python -m engine sitediff`). Speed targets live
here, not in timed tests.
"""
from __future__ import annotations

import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
OVERHEAD_TARGET_MS = 10.0
COMPARE_TARGET_MS = 1.0
TEST_TARGET_S = 60.0  # `make test` on a 2-core machine
SUITE_RATIO = 1.3  # snippet suite <= 1.3 x (one import torch + the snippets' own compute)
BUILD_RATIO = 1.2  # site build <= 1.2 x a plain mkdocs-material build of the same Markdown
BUILD_RUNS = 3  # each build is timed this often; the best run counts


def timed(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    return time.perf_counter() - started, proc


def check(proc: subprocess.CompletedProcess, what: str) -> None:
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout[-4000:] + proc.stderr[-2000:])
        raise SystemExit(f"bench: {what} failed (exit {proc.returncode})")


# Page weight: what a first visit (empty cache) transfers, compressed as GitHub Pages
# serves it (gzip; images and fonts go as they are). Targets per page, in KB (1000 B).
HOME_TARGET_KB = 200      # each language's home page
HEAVIEST_TARGET_KB = 200  # every page, as Chromium fetches it (make bench)
# From the built files (the test) a page counts every image and every KaTeX font its TeX
# could use, also those of formulas and figures a first visit never lays out: an upper
# bound, held to the same target since the fonts are cut to the site's characters
# (engine/fonts.py; before, 250 KB).
HEAVIEST_BOUND_KB = 200
GZIP_LEVEL = 6
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ipynb", ".py"}
# A browser fetches a font only for the glyphs it lays out. From the files, a page that
# loads KaTeX counts each KaTeX font whose TeX (a regex on the page's HTML) it contains
# ("" = every formula). On the safe side: all four delimiter sizes for any big one, and
# formulas in closed <details> count too (a browser loads no font for those).
BIG = r"\\(sum|prod|int|oint|left|right|[bB]igg?[lr]?|sqrt|[dt]?frac|binom|begin)(?![a-zA-Z])"
MATH_FONTS = {
    "KaTeX_Main-Regular": "", "KaTeX_Math-Italic": "",
    "KaTeX_Size1-Regular": BIG, "KaTeX_Size2-Regular": BIG, "KaTeX_Size3-Regular": BIG, "KaTeX_Size4-Regular": BIG,
    "KaTeX_AMS-Regular": r"\\(mathbb|lesssim|gtrsim|leqslant|geqslant|checkmark|square|varnothing|nexists)(?![a-zA-Z])",
    "KaTeX_Caligraphic-Regular": r"\\mathcal(?![a-zA-Z])",
    "KaTeX_Main-Bold": r"\\(mathbf|boldsymbol|bm|textbf)(?![a-zA-Z])",
    "KaTeX_Main-Italic": r"\\(textit|mathit)(?![a-zA-Z])",
    "KaTeX_SansSerif-Regular": r"\\(mathsf|textsf)(?![a-zA-Z])",
    "KaTeX_Typewriter-Regular": r"\\(mathtt|texttt)(?![a-zA-Z])",
    "KaTeX_Script-Regular": r"\\mathscr(?![a-zA-Z])",
    "KaTeX_Fraktur-Regular": r"\\mathfrak(?![a-zA-Z])",
}


def served_bytes(name: str, body: bytes) -> int:
    """Bytes on the wire: gzip (level 6) for text types, as is for images and fonts."""
    import gzip

    suffix = Path(name.split("?")[0].split("#")[0].rstrip("/") or "index.html").suffix
    if suffix in COMPRESSED or not suffix:  # a directory URL is an HTML page
        return len(gzip.compress(body, GZIP_LEVEL))
    return len(body)


def first_visit_bytes(site: Path) -> dict[str, tuple[int, int]]:
    """(raw, served) bytes a browser transfers for a first visit (empty cache) of every
    page of the site; served = gzip-compressed as GitHub Pages sends it."""
    from playwright.sync_api import sync_playwright

    from . import chromium

    pages = sorted(str(p.parent.relative_to(site)) for p in site.rglob("index.html"))
    sizes = {}
    with chromium.serve(site) as base, sync_playwright() as p:
        browser = chromium.launch(p)
        for page_path in pages:
            ctx = browser.new_context()
            page = ctx.new_page()
            finished = []
            page.on("requestfinished", lambda request, finished=finished: finished.append(request))
            url = base + ("" if page_path == "." else page_path + "/")
            page.goto(url)
            page.wait_for_load_state("networkidle")
            raw = served = 0
            for request in finished:
                body = request.response().body()
                raw += len(body)
                served += served_bytes(request.url[len(base):], body)
            sizes[url[len(base):] or "/"] = (raw, served)
            ctx.close()
        browser.close()
    return sizes


def first_visit_files(site: Path, page_dir: Path, cache: dict[Path, int] | None = None) -> dict[Path, int]:
    """Served bytes of each file a first visit of one built page fetches, read from the
    built site: the HTML, the stylesheets, scripts, images and icon it references, the
    search worker the theme starts (its __config) and the search index it loads (unless
    the page holds that until the reader opens the search), and the fonts its
    stylesheets declare that its formulas need (MATH_FONTS)."""
    import re
    from urllib.parse import unquote, urlsplit

    html_path = page_dir / "index.html"
    html = html_path.read_text(encoding="utf-8")

    def local(ref: str, against: Path) -> Path | None:
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or not parts.path or ref.startswith("data:"):
            return None
        path = (against / unquote(parts.path)).resolve()
        return path if path.is_file() and path.is_relative_to(site.resolve()) else None

    refs = re.findall(r'<link\b[^>]*\brel="(?:stylesheet|icon|shortcut icon)"[^>]*\bhref="([^"]+)"', html)
    refs += re.findall(r'<(?:script|img)\b[^>]*\bsrc="([^"]+)"', html)
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    if config:
        data = json.loads(config.group(1))
        if data.get("search") and 'data-search-index="on-demand"' not in html:  # overrides/partials/search-on-demand.html
            refs.append(data["search"])  # the worker and the index wait for the reader there
            refs.append(data.get("base", ".").rstrip("/") + "/search/search_index.json")
    files = {html_path.resolve()}
    for ref in refs:
        path = local(ref, page_dir)
        if path:
            files.add(path)
    for css in [f for f in files if f.suffix == ".css"]:
        for face in re.findall(r"@font-face\s*{[^}]*}", css.read_text(encoding="utf-8")):
            for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", face):
                path = local(ref, css.parent)
                if path and path.stem in MATH_FONTS and re.search(MATH_FONTS[path.stem], html):
                    files.add(path)
    cache = {} if cache is None else cache  # shared assets: compressed once per site
    for f in files - cache.keys():
        cache[f] = served_bytes(f.name, f.read_bytes())
    return {f: cache[f] for f in sorted(files)}


def static_first_visits(site: Path) -> dict[str, int]:
    """Served bytes of the first visit of every page of a built site, from its files."""
    cache: dict[Path, int] = {}
    return {(str(p.parent.relative_to(site)) + "/").removeprefix("./") or "/":
            sum(first_visit_files(site, p.parent, cache).values()) for p in sorted(site.rglob("index.html"))}


def home_pages(site: Path) -> list[str]:
    """Each language's home page: a folder with its own search index ('/', 'en/')."""
    homes = [(str(p.parent.parent.relative_to(site)) + "/").removeprefix("./") or "/"
             for p in site.rglob("search/search_index.json")]
    return sorted(homes, key=lambda home: (home != "/", home))


def weight_misses(weights: dict[str, int], homes: list[str], heaviest_kb: int = HEAVIEST_TARGET_KB) -> list[str]:
    """What misses the page-weight targets, one line each (served bytes per page)."""
    misses = []
    for page in homes:
        if weights.get(page, 0) > HOME_TARGET_KB * 1000:
            misses.append(f"first visit of the home page {page}: {weights[page] / 1000:.0f} KB, "
                          f"over the {HOME_TARGET_KB} KB target")
    heaviest = max(weights, key=weights.get, default=None)
    if heaviest is not None and weights[heaviest] > heaviest_kb * 1000:
        over = sorted(p for p, w in weights.items() if w > heaviest_kb * 1000)
        misses.append(f"heaviest first visit {heaviest}: {weights[heaviest] / 1000:.0f} KB, over the "
                      f"{heaviest_kb} KB target ({len(over)} page(s) over: {', '.join(over)})")
    return misses


def page_weight(site: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """Rows for the report (each figure next to its target) and the targets missed,
    from a browser's first visit of every page of the built site."""
    weights = first_visit_bytes(site)
    served = {page: gz for page, (_, gz) in weights.items()}
    homes = home_pages(site)

    def figure(page: str, target: int) -> str:
        raw, gz = weights.get(page, (0, 0))
        missed = "  MISSED" if gz > target * 1000 else ""
        return f"{gz / 1000:.0f} KB gzip ({raw / 1024:.0f} KiB raw; target <= {target} KB){missed}"

    rows = [(f"first visit of the home page {page}", figure(page, HOME_TARGET_KB)) for page in homes]
    heaviest = max(served, key=served.get)
    rows.append((f"heaviest first visit ({heaviest})", figure(heaviest, HEAVIEST_TARGET_KB)))
    for page in homes:
        index = site / page.strip("/") / "search" / "search_index.json"
        rows.append((f"search index of {page}", f"{served_bytes(index.name, index.read_bytes()) / 1000:.0f} KB gzip "
                     f"({index.stat().st_size / 1024:.0f} KiB raw)"))
    return rows, weight_misses(served, homes)


# A phone: what a first visit costs on a mid-range one (Chromium's own measures, the
# CPU slowed 4x as Lighthouse's mobile profile does). One page of each kind.
PHONE_PAGES = {"home": "en/", "math page": "autograd/backprop/", "lab": "en/regularization/weight_decay_lab/",
               "pitfalls": "autograd/pitfalls/"}
LONG_TASK_TARGET_MS = 200  # no task while a page loads may block the main thread longer
PHONE_RUNS = 3  # the median of three cold visits
OBSERVE = """() => {
  window.__tasks = []; window.__lcp = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(e.duration); })
    .observe({type: "longtask", buffered: true});
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = e.startTime; })
    .observe({type: "largest-contentful-paint", buffered: true});
}"""


def phone_visits(site: Path, pages: dict[str, str] = PHONE_PAGES) -> dict[str, dict]:
    """Per page kind: the longest task and the total blocking time (the time past 50 ms of
    every long task) while the page loads, and when its largest content was painted, on
    a 390 x 844 phone with the CPU 4x slower (the median of PHONE_RUNS cold visits)."""
    from playwright.sync_api import sync_playwright

    from . import chromium

    found = {}
    with chromium.serve(site) as base, sync_playwright() as p:
        browser = chromium.launch(p)
        for kind, path in pages.items():
            runs = []
            for _ in range(PHONE_RUNS):
                ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                          is_mobile=True, has_touch=True)
                page = ctx.new_page()
                ctx.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
                page.add_init_script(f"({OBSERVE})()")
                page.goto(base + path, wait_until="load")
                page.wait_for_timeout(1500)  # the tasks after load: the theme's own start-up
                tasks, lcp = page.evaluate("[window.__tasks, window.__lcp]")
                runs.append({"longest_ms": max(tasks, default=0), "tbt_ms": sum(max(0, t - 50) for t in tasks),
                             "lcp_ms": lcp})
                ctx.close()
            found[kind] = {k: statistics.median(r[k] for r in runs) for k in runs[0]} | {"path": path}
        browser.close()
    return found


def phone_rows(site: Path) -> tuple[list[tuple[str, str]], list[str]]:
    rows, missed = [], []
    for kind, f in phone_visits(site).items():
        over = f["longest_ms"] > LONG_TASK_TARGET_MS
        rows.append((f"phone, {kind} ({f['path']})",
                     f"longest task {f['longest_ms']:.0f} ms (target <= {LONG_TASK_TARGET_MS} ms), total blocking "
                     f"{f['tbt_ms']:.0f} ms, largest paint {f['lcp_ms'] / 1000:.1f} s" + ("  MISSED" if over else "")))
        if over:
            missed.append(f"phone, {kind}: a task of {f['longest_ms']:.0f} ms while the page loads (4x slower CPU)")
    return rows, missed


def worst_case_compare_ms() -> list[float]:
    """ms to compare each expected output with a copy whose every number is nudged.

    A passing run compares equal texts, which costs next to nothing; this is the cost
    when every number, in tensors and in text, differs from the file within tolerance.
    """
    import re

    sys.path.insert(0, str(ROOT))
    from engine import compare as outputs

    nudge = re.compile(r"(?<![\w.])(\d+\.\d+)(?![\w]|\.\d)")
    times = []
    for out in sorted((ROOT / "snippets").rglob("*.out")):
        expected = out.read_text(encoding="utf-8")
        actual = nudge.sub(lambda m: m.group(1) + "0001", expected)
        best = math.inf
        for _ in range(5):  # the best of 5 rounds: other processes only add time
            started = time.perf_counter()
            for _ in range(10):
                outputs.compare(actual, expected)
            best = min(best, (time.perf_counter() - started) / 10)
        times.append(1000 * best)
    return times


def plain_build_seconds(out: Path) -> float:
    """A plain mkdocs-material build of the same Markdown (by the same generator), both languages in parallel:
    the same theme, Markdown extensions and search, without our hooks, notebooks or
    strict checks. The site build's target is at most BUILD_RATIO times this.

    The same Markdown is what the reader sees: each page with its snippet lines
    expanded into their code and output blocks (engine/page.py, as hooks/pages.py does
    before the build), written to a copy of the language's docs folder. Built from the
    pages as written, the plain build would highlight no code at all (it does not know
    the snippet lines), and the ratio would count the theme's code highlighting as ours."""
    import shutil

    import yaml

    from .page import Page, prints_something
    from .words import table

    def merge(base: dict, over: dict) -> dict:
        merged = dict(base)
        for k, v in over.items():
            merged[k] = merge(base[k], v) if isinstance(v, dict) and isinstance(base.get(k), dict) else v
        return merged

    base = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cmds = []
    for cfg in [ROOT / "mkdocs.yml", *sorted(ROOT.glob("mkdocs.*.yml"))]:
        data = yaml.safe_load(cfg.read_text(encoding="utf-8"))
        data = merge(base, {k: v for k, v in data.items() if k != "INHERIT"}) if "INHERIT" in data else data
        data.pop("extra", None)  # our language selector is filled by hooks/languages.py
        for key in ("hooks", "validation", "nav", "strict", "extra_css", "extra_javascript"):
            data.pop(key, None)
        data["plugins"] = ["search"]
        docs = out / f"{cfg.stem}.docs"
        shutil.copytree(ROOT / data["docs_dir"], docs)
        output_title = table(ROOT, data["theme"]["language"])["output"]
        for md in docs.rglob("*.md"):
            md.write_text(Page(md.read_text(encoding="utf-8")).expand(
                output_title, lambda out: prints_something(ROOT, out)), encoding="utf-8")
        data["docs_dir"] = str(docs)
        data["theme"].pop("custom_dir", None)
        data["markdown_extensions"] = [
            {"pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": False}}
            if isinstance(e, dict) and "pymdownx.snippets" in e else e for e in data["markdown_extensions"]]
        plain = out / f"{cfg.stem}.plain.yml"
        plain.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        cmds.append([PY, "-m", "properdocs", "build", "-q", "-f", str(plain), "-d", str(out / cfg.stem)])
    started = time.perf_counter()
    procs = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}) for c in cmds]
    for proc in procs:
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"bench: the plain build failed:\n{err[-3000:]}")
    return time.perf_counter() - started


def run_all() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "timings.json"
        t_make, proc = timed(["make", "test"], env={**os.environ, "PYTEST_ADDOPTS": "--durations=10"})
        check(proc, "make test")
        slowest = slowest_steps(proc.stdout)
        t_test, proc = timed([PY, "-m", "pytest", "-q", f"--harness-report={report}"])
        check(proc, "pytest (every test in one process)")
        timings = json.loads(report.read_text())
        t_suite, proc = timed([PY, "-m", "pytest", "-q", "snippets"])
        check(proc, "the snippet suite")
        t_import, proc = timed([PY, "-c", "import torch"])
        t_python, _ = timed([PY, "-c", "pass"])
        t_alone, proc = timed([PY, "-m", "pytest", "-q", "snippets", "--standalone"])
        check(proc, "make test-standalone")
        # The build and the plain build, taking turns, the best of BUILD_RUNS each: on a
        # loaded machine one run of either varies by a quarter.
        builds, plains = [], []
        for n in range(BUILD_RUNS):
            t_build, proc = timed([PY, "-m", "engine", "build", "--quiet", "--out", str(Path(tmp) / "site")])
            check(proc, "the site build")
            builds.append(t_build)
            plains.append(plain_build_seconds(Path(tmp) / f"plain-{n}"))
        t_build, t_plain = min(builds), min(plains)
        weight_rows, weight_missed = page_weight(Path(tmp) / "site")
        phone, phone_missed = phone_rows(Path(tmp) / "site")
        # The generator: ProperDocs builds what MkDocs 1.6.1 built (the text of every page,
        # the search indexes, the notebooks).
        t_mkdocs, proc = timed([PY, "-m", "engine", "build", "--quiet", "--generator", "mkdocs",
                                "--out", str(Path(tmp) / "site-mkdocs")])
        check(proc, "the site build with MkDocs")
        from engine import sitediff

        compared, generator_diffs = sitediff.summary(Path(tmp) / "site-mkdocs", Path(tmp) / "site")

    compute = sum(t["compute"] for t in timings)
    overhead_ms = [1000 * (t["total"] - t["compute"]) for t in timings]
    median = statistics.median(overhead_ms) if overhead_ms else 0.0
    compare_ms = [1000 * t.get("compare", 0.0) for t in timings]
    worst_ms = worst_case_compare_ms()
    import_s = t_import - t_python
    suite_limit = SUITE_RATIO * (import_s + compute)
    build_limit = BUILD_RATIO * t_plain
    rows = [
        ("snippets", f"{len(timings)}"),
        ("make test",
         f"{t_make:.1f} s (target <= {TEST_TARGET_S:.0f} s){'  MISSED' if t_make > TEST_TARGET_S else ''}"),
        ("every test in one pytest process", f"{t_test:.1f} s"),
        ("snippet suite alone (pytest snippets)",
         f"{t_suite:.1f} s (target <= {SUITE_RATIO} x (import + compute) = {suite_limit:.1f} s)"
         f"{'  MISSED' if t_suite > suite_limit else ''}"),
        ("one `import torch` (fresh process)", f"{t_import - t_python:.2f} s"),
        ("compute inside the snippets (sum)", f"{compute:.2f} s"),
        ("harness overhead per snippet (median)",
         f"{median:.1f} ms (max {max(overhead_ms, default=0):.1f} ms; target <= {OVERHEAD_TARGET_MS:.0f} ms)"),
        ("output comparison per snippet, as run (median)",
         f"{statistics.median(compare_ms):.3f} ms (max {max(compare_ms):.3f} ms; target <= {COMPARE_TARGET_MS:g} ms)"),
        ("output comparison, every number nudged (median)",
         f"{statistics.median(worst_ms):.3f} ms (max {max(worst_ms):.3f} ms; target <= {COMPARE_TARGET_MS:g} ms)"),
        (f"standalone mode ({os.cpu_count()} processes at a time)", f"{t_alone:.1f} s"),
        ("site build, both languages",
         f"{t_build:.1f} s, best of {BUILD_RUNS} (target <= {BUILD_RATIO} x a plain build = {build_limit:.1f} s)"
         f"{'  MISSED' if t_build > build_limit else ''}"),
        ("plain mkdocs-material build of the same Markdown", f"{t_plain:.1f} s, best of {BUILD_RUNS}"),
        ("the same build with MkDocs 1.6.1 instead of ProperDocs",
         f"{t_mkdocs:.1f} s; {compared} pages, search indexes and notebooks compared: "
         + ("the same text" if not generator_diffs else f"{len(generator_diffs)} differ  MISSED")),
    ]
    rows += weight_rows + phone
    rows += [(f"slowest step {n} of make test", step) for n, step in enumerate(slowest, 1)]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    missed = []
    if median > OVERHEAD_TARGET_MS:
        missed.append(f"harness overhead {median:.1f} ms is over the {OVERHEAD_TARGET_MS:.0f} ms target")
    if max(compare_ms + worst_ms) > COMPARE_TARGET_MS:
        missed.append(f"an output comparison took {max(compare_ms + worst_ms):.2f} ms, over the "
                      f"{COMPARE_TARGET_MS:g} ms target")
    if t_make > TEST_TARGET_S:
        missed.append(f"make test took {t_make:.0f} s, over the {TEST_TARGET_S:.0f} s target")
    if t_suite > suite_limit:
        missed.append(f"the snippet suite took {t_suite:.1f} s, over {SUITE_RATIO} x (import + compute) "
                      f"= {suite_limit:.1f} s")
    if t_build > build_limit:
        missed.append(f"the site build took {t_build:.1f} s, over {BUILD_RATIO} x the plain build "
                      f"= {build_limit:.1f} s")
    missed += weight_missed + phone_missed
    missed += [f"ProperDocs and MkDocs build different text: {d}" for d in generator_diffs]
    for line in missed:
        print(f"bench: {line}")
    return 1 if missed else 0


STEP = re.compile(r"^\s*(?P<s>[\d.]+)s (?P<when>call|setup|teardown)\s+(?P<name>\S+)")  # pytest --durations
CHECK = re.compile(r"^(?:ok|FAIL)\s+(?P<s>[\d.]+) s\s+(?P<name>.+)$")  # a browser check (tests/browser/check.py)


def slowest_steps(log: str, n: int = 10) -> list[str]:
    """The n slowest steps in `make test`'s output: pytest's slowest tests (of each pytest
    run) and the browser checks, each with its seconds."""
    steps = []
    for line in log.splitlines():
        if m := STEP.match(line):
            steps.append((float(m["s"]), f"{m['name']} ({m['when']})"))
        elif m := CHECK.match(line):
            steps.append((float(m["s"]), f"browser check: {m['name']}"))
    return [f"{s:.1f} s  {name}" for s, name in sorted(steps, reverse=True)[:n]]


def print_page_weight(site: Path, phone: bool = False) -> int:
    rows, missed = page_weight(site)
    if phone:
        more_rows, more_missed = phone_rows(site)
        rows, missed = rows + more_rows, missed + more_missed
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    for line in missed:
        print(f"bench: {line}")
    return 1 if missed else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--page-weight"]:  # the page weight of a built site only: --page-weight SITE
        return print_page_weight(Path(argv[1]))
    if argv[:1] == ["--phone"]:  # the page weight and the phone figures of a built site: --phone SITE
        return print_page_weight(Path(argv[1]), phone=True)
    return run_all()

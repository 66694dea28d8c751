"""pytest plugin: every ``snippets/**/*.py`` is a test whose id is its path; it runs the
snippet (engine/run.py) and compares what it printed with its ``.out`` (engine/compare.py).

Options:
  --update-outputs  rewrite expected outputs: each snippet runs twice and nothing is
                    written unless both runs print the same; a file whose new output is
                    within tolerance and laid out the same (only digits moved) stays.
  --standalone      run every snippet as a fresh ``python <file>`` process, in parallel.
  --threads N|all   intra-op threads for in-process runs (default 1).
  --harness-report  write per-snippet timings as JSON (make bench).
  --drift write|check
                    make drift: this torch is a newer release; tests/plugin/drift.py.
"""
from __future__ import annotations

import json
import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from engine import compare, provenance, run, settings
from engine.languages import languages
from engine.page import pages_showing

CHANGED = pytest.StashKey[list]()  # outputs --update-outputs wrote
TIMINGS = pytest.StashKey[list]()  # per-snippet timings (--harness-report)
STANDALONE = pytest.StashKey[dict]()  # node id -> Future of its fresh-process run


def pytest_addoption(parser):
    group = parser.getgroup("snippets", "snippet harness")
    group.addoption("--update-outputs", action="store_true", help="rewrite the expected outputs that changed")
    group.addoption("--standalone", action="store_true", help="run each snippet in a fresh python, in parallel")
    group.addoption("--threads", default="1", metavar="N|all", help="intra-op threads in-process (default 1)")
    group.addoption("--harness-report", metavar="PATH", help="write per-snippet timings as JSON")
    group.addoption("--drift", choices=("write", "check"), help="make drift: write or check this release's records")
    group.addoption("--drift-report", metavar="DIR", default="test-artifacts/drift", help="where --drift reports")


def pytest_configure(config):
    if config.getoption("update_outputs") and (config.getoption("standalone") or config.getoption("drift")):
        raise pytest.UsageError("--update-outputs runs alone (in-process, the pinned torch)")
    try:
        run.set_threads(config.getoption("threads"))
    except ValueError as exc:
        raise pytest.UsageError(f"--threads: {exc}") from None
    run.warm_up()
    config.stash[CHANGED], config.stash[TIMINGS] = [], []
    config.addinivalue_line("markers", "snippet: a snippet under snippets/ run by the harness")
    if config.getoption("drift"):
        from tests.plugin.drift import DriftMode

        config.pluginmanager.register(DriftMode(config), "drift-mode")


def pytest_report_header(config):
    import torch

    return (f"snippets: torch {torch.__version__}, CPU capability {torch.backends.cpu.get_cpu_capability()}, "
            f"{run.THREADS} thread(s) in-process")


def pytest_collect_file(file_path: Path, parent):
    snippets = parent.config.rootpath / "snippets"
    if file_path.suffix == ".py" and snippets in file_path.parents and file_path.name not in ("conftest.py", "__init__.py"):
        return SnippetFile.from_parent(parent, path=file_path)
    return None


class SnippetFile(pytest.File):
    def collect(self):
        item = SnippetItem.from_parent(self, name="output")
        item.add_marker("snippet")
        yield item


class SnippetFailure(Exception):
    pass


class SnippetItem(pytest.Item):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.root = self.config.rootpath
        self.rel = self._rel(self.path)
        self.expected_path = self.path.with_suffix(".out")

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def run(self, cfg: settings.Settings) -> run.RunResult:
        if self.config.getoption("standalone"):
            return _standalone(self).result()
        return run.run_inprocess(self.path, cfg.timeout, self.root)

    def runtest(self):
        started = time.perf_counter()
        try:
            cfg = settings.for_snippet(self.path, self._rel(self.path.parent / settings.SETTINGS_FILE))
        except settings.SettingsError as exc:
            raise SnippetFailure(str(exc)) from None
        result = self.run(cfg)
        try:
            drift = self.config.pluginmanager.get_plugin("drift-mode")
            if drift is not None:
                return drift.check(self, result, cfg)
            outcome = run.outcome_problem(result, cfg, self.rel, self._rel(self.path.parent / settings.SETTINGS_FILE))
            if outcome:
                raise SnippetFailure(outcome)
            if self.config.getoption("update_outputs"):
                return self.update(result, cfg)
            if not self.expected_path.exists():
                raise SnippetFailure(f"{self.rel}: no expected output file {self._rel(self.expected_path)}.\n"
                                     f"Run `make update-outputs` to create it, then review and commit it.")
            expected = self.expected_path.read_text(encoding="utf-8")
            cmp = compare.compare(result.output, expected, cfg.rtol, cfg.atol)
            if not cmp.ok:
                raise SnippetFailure(self.mismatch(result, expected, cmp, cfg))
        finally:
            self.config.stash[TIMINGS].append({"snippet": self.rel, "compute": result.compute,
                                               "total": time.perf_counter() - started})

    def update(self, first: run.RunResult, cfg: settings.Settings) -> None:
        second = self.run(cfg)
        out = self._rel(self.expected_path)
        if first.output != second.output:
            raise SnippetFailure(f"{self.rel}: refusing to write {out}: two runs printed different output. Seed "
                                 f"everything, avoid printing addresses, times or unordered sets.\n"
                                 + compare.unified_diff(second.output, first.output, out))
        if self.expected_path.exists():
            old = self.expected_path.read_text(encoding="utf-8")
            if compare.compare(first.output, old, cfg.rtol, cfg.atol).ok and compare.same_layout(first.output, old):
                return  # only last digits moved: noise, the committed file stays
        self.expected_path.write_text(first.output, encoding="utf-8")
        self.config.stash[CHANGED].append(out)

    def mismatch(self, result: run.RunResult, expected: str, cmp: compare.Comparison, cfg: settings.Settings) -> str:
        out_line = compare.line_of(result.output, cmp.first_mismatch)
        src = result.sources[out_line] if out_line < len(result.sources) else None
        code = self.path.read_text(encoding="utf-8").splitlines()
        shown = [f"docs/{lang.code}/{p.as_posix()}" for lang in _languages(self.root)
                 for p in pages_showing(self.root / "docs", lang.code, self.rel)]
        return "\n".join([
            f"{self.rel}{f':{src}' if src else ''}: output differs from {self._rel(self.expected_path)}",
            f"  first mismatch: output line {out_line + 1}, "
            + (f"printed by line {src}:  {code[src - 1].strip()}" if src else
               "the snippet line that printed it is not known in this mode"),
            f"  why: {cmp.reason}",
            f"  largest error in compared numbers: abs {cmp.max_abs:.3g}, rel {cmp.max_rel:.3g} "
            f"(rtol {cfg.rtol:g}, atol {cfg.atol:g})",
            f"  shown on: {', '.join(sorted(shown)) or '(no page shows this snippet)'}", "",
            compare.unified_diff(result.output, expected, self._rel(self.expected_path)),
            "If the new output is right, run `make update-outputs` and commit the changed file."])

    def repr_failure(self, excinfo):
        return str(excinfo.value) if isinstance(excinfo.value, SnippetFailure) else super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, self.rel


def _languages(root: Path):
    return languages(root) if (root / "mkdocs.yml").exists() else []


def _standalone(item: SnippetItem) -> Future:
    """Every snippet's fresh-process run, submitted at the first one (as many at a time as cores)."""
    futures = item.config.stash.get(STANDALONE, None)
    if futures is None:
        pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
        futures = item.config.stash[STANDALONE] = {}
        for other in (i for i in item.session.items if isinstance(i, SnippetItem)):
            try:
                timeout = settings.for_snippet(other.path).timeout
            except settings.SettingsError:
                timeout = settings.Settings().timeout
            futures[other.nodeid] = pool.submit(run.run_standalone, other.path, timeout, other.root)
        pool.shutdown(wait=False)
    return futures[item.nodeid]


def pytest_terminal_summary(terminalreporter, config):
    if not config.getoption("update_outputs"):
        return
    changed, root = config.stash[CHANGED], config.rootpath
    if (changed or not (root / provenance.FILE).exists()) and not terminalreporter.stats.get("failed"):
        terminalreporter.write_line(f"  wrote {run.write_provenance(root).relative_to(root)}")
    terminalreporter.write_sep("-", f"updated {len(changed)} expected output file(s)" if changed
                               else "no expected output changed")
    for path in changed:
        terminalreporter.write_line(f"  wrote {path}")


def pytest_sessionfinish(session):
    for future in (session.config.stash.get(STANDALONE, None) or {}).values():
        future.cancel()
    report = session.config.getoption("harness_report")
    if report:
        Path(report).write_text(json.dumps(session.config.stash[TIMINGS], indent=1))


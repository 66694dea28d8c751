"""pytest plugin: every ``snippets/**/*.py`` is a test item whose id is its path.

Options:
  --update-outputs  rewrite expected outputs (``<snippet>.out``): each snippet runs
                    twice and nothing is written unless both runs print the same;
                    a file whose new output is within tolerance and laid out the
                    same (only digits moved) is left untouched, so a last digit
                    that moves on another machine never rewrites it; a new format
                    (``2.257914`` now printed as ``2.2579``) is written.
  --standalone      run every snippet as a fresh ``python <file>`` process, in
                    parallel, and check the same expected outputs.
  --threads N|all   intra-op threads for in-process runs (default 1); ``make
                    test-portable`` runs the suite once with ``all``.
  --harness-report  write per-snippet timings as JSON (used by ``make bench``).

The header of a run names the torch version, the CPU kernel level that torch chose
(``ATEN_CPU_CAPABILITY`` forces one) and the thread count, so a failure on another
machine says where it happened.
"""
from __future__ import annotations

import json
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from . import outputs, pages, runner, settings

OUT_SUFFIX = ".out"
_CHANGED = pytest.StashKey[list]()
_TIMINGS = pytest.StashKey[list]()
_POOL = pytest.StashKey[dict]()


def pytest_addoption(parser):
    group = parser.getgroup("snippets", "snippet harness")
    group.addoption("--update-outputs", action="store_true",
                    help="rewrite the expected output files of snippets whose output changed")
    group.addoption("--standalone", action="store_true",
                    help="run each snippet in its own fresh python process, in parallel")
    group.addoption("--threads", default="1", metavar="N|all",
                    help="intra-op threads for in-process snippet runs (default 1; 'all' = every core)")
    group.addoption("--harness-report", metavar="PATH",
                    help="write per-snippet timings as JSON")


def pytest_configure(config):
    if config.getoption("update_outputs") and config.getoption("standalone"):
        raise pytest.UsageError("--update-outputs runs in-process; do not combine it with --standalone")
    try:
        runner.set_threads(config.getoption("threads"))
    except ValueError as exc:
        raise pytest.UsageError(f"--threads: {exc}") from None
    runner.warm_up()
    config.stash[_CHANGED] = []
    config.stash[_TIMINGS] = []
    config.addinivalue_line("markers", "snippet: a snippet under snippets/ run by the harness")


def pytest_report_header(config):
    import torch

    return (f"snippets: torch {torch.__version__}, CPU capability "
            f"{torch.backends.cpu.get_cpu_capability()}, {runner.THREADS} thread(s) in-process")


def pytest_collect_file(file_path: Path, parent):
    root = parent.config.rootpath
    snippets = root / "snippets"
    if (file_path.suffix == ".py" and snippets in file_path.parents
            and file_path.name not in ("conftest.py", "__init__.py")):
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
        self.rel = self.path.relative_to(self.root).as_posix()
        self.expected_path = self.path.with_suffix(OUT_SUFFIX)

    # ------------------------------------------------------------ running
    def _run(self, cfg: settings.Settings) -> runner.RunResult:
        if self.config.getoption("standalone"):
            return _standalone_future(self).result()
        return runner.run_inprocess(self.path, cfg.timeout, self.root)

    def runtest(self):
        started = time.perf_counter()
        try:
            cfg = settings.for_snippet(self.path, self._rel(self.path.parent / settings.SETTINGS_FILE))
        except settings.SettingsError as exc:
            raise SnippetFailure(str(exc)) from None
        result = self._run(cfg)
        self._compare_seconds = 0.0
        try:
            self._check(result, cfg)
        finally:
            self.config.stash[_TIMINGS].append({
                "snippet": self.rel, "compute": result.compute,
                "total": time.perf_counter() - started, "compare": self._compare_seconds,
                "standalone": bool(self.config.getoption("standalone"))})

    def _check(self, result: runner.RunResult, cfg: settings.Settings) -> None:
        self._check_outcome(result, cfg)
        if self.config.getoption("update_outputs"):
            self._update(result, cfg)
            return
        if not self.expected_path.exists():
            raise SnippetFailure(
                f"{self.rel}: no expected output file {self._rel(self.expected_path)}.\n"
                f"Run `make update-outputs` to create it, then review and commit it.")
        expected = self.expected_path.read_text(encoding="utf-8")
        compare_start = time.perf_counter()
        cmp = outputs.compare(result.output, expected, cfg.rtol, cfg.atol)
        self._compare_seconds = time.perf_counter() - compare_start
        if not cmp.ok:
            raise SnippetFailure(self._mismatch_message(result, expected, cmp, cfg))

    def _check_outcome(self, result: runner.RunResult, cfg: settings.Settings) -> None:
        where = f"{self.rel}"
        if result.timed_out:
            at = f" It was at line {result.timeout_line}." if result.timeout_line else ""
            raise SnippetFailure(
                f"{where}: did not finish within its time limit of {cfg.timeout:g} s "
                f"(a hang, or too much work for a snippet).{at}\n"
                f"If it really needs longer, set `timeout` for it in "
                f"{self._rel(self.path.parent / settings.SETTINGS_FILE)}.\n"
                f"Output so far:\n{result.output}")
        if cfg.raises is None:
            if result.exception is not None:
                raise SnippetFailure(
                    f"{where}: raised {result.exception} unexpectedly.\n"
                    f"A snippet that demonstrates an error declares it in "
                    f"{self._rel(self.path.parent / settings.SETTINGS_FILE)}:\n"
                    f'  ["{self.path.name}"]\n  raises = "{result.exception}"\n'
                    f'  match = "<part of the message>"\n\n{result.output}')
            return
        expected = f"{cfg.raises}" + (f" matching {cfg.match!r}" if cfg.match else "")
        if result.exception is None:
            raise SnippetFailure(f"{where}: expected it to raise {expected}, but it raised nothing.\n"
                                 f"Output:\n{result.output}")
        if result.exception != cfg.raises:
            raise SnippetFailure(f"{where}: expected {expected}, but it raised "
                                 f"{result.exception}: {result.message}")
        if cfg.match and not re.search(cfg.match, result.message or ""):
            raise SnippetFailure(f"{where}: raised {result.exception} as expected, but its message "
                                 f"does not match {cfg.match!r}:\n  {result.message}")

    def _update(self, first: runner.RunResult, cfg: settings.Settings) -> None:
        second = self._run(cfg)
        if first.output != second.output:
            raise SnippetFailure(
                f"{self.rel}: refusing to write {self._rel(self.expected_path)}: two runs printed "
                f"different output. Seed everything, avoid printing addresses, times or "
                f"unordered sets.\n"
                + outputs.unified_diff(second.output, first.output, self._rel(self.expected_path)))
        if self.expected_path.exists():
            old = self.expected_path.read_text(encoding="utf-8")
            if (outputs.compare(first.output, old, cfg.rtol, cfg.atol).ok
                    and outputs.same_layout(first.output, old)):
                return  # only last digits moved: noise, the committed file stays
        self.expected_path.write_text(first.output, encoding="utf-8")
        self.config.stash[_CHANGED].append(self._rel(self.expected_path))

    # ------------------------------------------------------------ reporting
    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _mismatch_message(self, result, expected, cmp, cfg) -> str:
        out_line = outputs.line_of(result.output, cmp.first_mismatch)
        src_line = result.sources[out_line] if out_line < len(result.sources) else None
        lines = self.path.read_text(encoding="utf-8").splitlines()
        if src_line:
            head = f"{self.rel}:{src_line}: output differs from {self._rel(self.expected_path)}"
            printed_by = f"printed by line {src_line}:  {lines[src_line - 1].strip()}"
        else:
            head = f"{self.rel}: output differs from {self._rel(self.expected_path)}"
            printed_by = "the snippet line that printed it is not known in this mode"
        shown_on = pages.pages_including(self.root, self.rel) or ["(no page includes this snippet)"]
        msg = [
            head,
            f"  first mismatch: output line {out_line + 1}, {printed_by}",
            f"  why: {cmp.reason}",
            f"  largest error in compared numbers: abs {cmp.max_abs:.3g}, rel {cmp.max_rel:.3g} "
            f"(rtol {cfg.rtol:g}, atol {cfg.atol:g})",
            f"  shown on: {', '.join(shown_on)}",
            "",
            outputs.unified_diff(result.output, expected, self._rel(self.expected_path)),
            "If the new output is right, run `make update-outputs` and commit the changed file.",
        ]
        return "\n".join(msg)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, SnippetFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, self.rel


# ---------------------------------------------------------------- standalone pool
def _standalone_future(item: SnippetItem):
    state = item.config.stash.get(_POOL, None)
    if state is None:
        state = {"pool": ThreadPoolExecutor(max_workers=os.cpu_count() or 2), "futures": {}}
        item.config.stash[_POOL] = state
        for other in item.session.items:
            if isinstance(other, SnippetItem):
                cfg = _settings_or_default(other.path)
                state["futures"][other.nodeid] = state["pool"].submit(
                    runner.run_standalone, other.path, cfg.timeout, other.root)
    return state["futures"][item.nodeid]


def _settings_or_default(path: Path) -> settings.Settings:
    try:
        return settings.for_snippet(path)
    except settings.SettingsError:
        return settings.Settings()


# ---------------------------------------------------------------- session end
PROVENANCE = "snippets/provenance.json"


def write_provenance(root: Path) -> Path:
    """Record where the outputs come from; the site shows it on every chapter page."""
    import datetime
    import platform

    import torch

    path = root / PROVENANCE
    data = {
        "torch": torch.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "device": "cpu",
        "threads": runner.THREADS,
        "seed": runner.SEED,
        "updated": datetime.date.today().isoformat(),
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return path


def pytest_terminal_summary(terminalreporter, config):
    if config.getoption("update_outputs"):
        changed = config.stash[_CHANGED]
        failed = terminalreporter.stats.get("failed")
        if (changed or not (config.rootpath / PROVENANCE).exists()) and not failed:
            terminalreporter.write_line(f"  wrote {write_provenance(config.rootpath).relative_to(config.rootpath)}")
        if changed:
            terminalreporter.write_sep("-", f"updated {len(changed)} expected output file(s)")
            for path in changed:
                terminalreporter.write_line(f"  wrote {path}")
        else:
            terminalreporter.write_sep("-", "no expected output changed")


def pytest_sessionfinish(session):
    state = session.config.stash.get(_POOL, None)
    if state is not None:
        state["pool"].shutdown(wait=False, cancel_futures=True)
    report = session.config.getoption("harness_report")
    if report:
        Path(report).write_text(json.dumps(session.config.stash[_TIMINGS], indent=1))

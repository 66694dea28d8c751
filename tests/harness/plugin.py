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
  --drift write|check
                    ``make drift``: this torch is a newer release than the one that made
                    the outputs. Each snippet is compared with its ``.out`` (same
                    tolerances); an output that differs is a record of this release,
                    ``<page>_<step>.torch-<release>.out`` beside it, listed in
                    ``snippets/drift/torch-<release>.json`` (tests/harness/drift.py).
                    ``write`` writes, refreshes or deletes records (each differing
                    snippet runs twice, like --update-outputs); ``check`` writes
                    nothing and fails on a difference not recorded yet (the weekly CI
                    job). Tests marked ``drift`` (every chapter notebook in a kernel)
                    run only in this mode.
  --drift-report DIR
                    where ``--drift`` writes its report (default test-artifacts/drift).

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

from engine import compare as outputs, settings

from . import drift, pages, runner

OUT_SUFFIX = ".out"
_CHANGED = pytest.StashKey[list]()
_TIMINGS = pytest.StashKey[list]()
_POOL = pytest.StashKey[dict]()
_DRIFT = pytest.StashKey[dict]()


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
    group.addoption("--drift", choices=("write", "check"),
                    help="make drift: compare with the outputs of the pinned torch and write (or "
                         "check) the records of this newer release")
    group.addoption("--drift-report", metavar="DIR", default="test-artifacts/drift",
                    help="where --drift writes its report")
    group.addoption("--keep-site", metavar="DIR",
                    help="build the site that the tests check into DIR and keep it (make site)")


def pytest_configure(config):
    if config.getoption("update_outputs") and config.getoption("standalone"):
        raise pytest.UsageError("--update-outputs runs in-process; do not combine it with --standalone")
    if config.getoption("drift") and config.getoption("update_outputs"):
        raise pytest.UsageError("--drift records a newer torch's differences; --update-outputs rewrites "
                                "the outputs of the pinned one: use one at a time")
    try:
        runner.set_threads(config.getoption("threads"))
    except ValueError as exc:
        raise pytest.UsageError(f"--threads: {exc}") from None
    runner.warm_up()
    config.stash[_CHANGED] = []
    config.stash[_TIMINGS] = []
    config.addinivalue_line("markers", "snippet: a snippet under snippets/ run by the harness")
    config.addinivalue_line("markers", "drift: runs only under `make drift` (pytest --drift)")
    if config.getoption("drift"):
        import torch

        config.stash[_DRIFT] = {"mode": config.getoption("drift"), "torch": torch.__version__,
                                "release": drift.release_of(torch.__version__), "snippets": {},
                                "tests": {}, "previous": drift.load_summary(config.rootpath,
                                                                            drift.release_of(torch.__version__))}


def pytest_report_header(config):
    import torch

    return (f"snippets: torch {torch.__version__}, CPU capability "
            f"{torch.backends.cpu.get_cpu_capability()}, {runner.THREADS} thread(s) in-process")


def pytest_collection_modifyitems(config, items):
    """Tests marked `drift` run only under --drift; the others are deselected quietly."""
    if config.getoption("drift"):
        return
    keep = [i for i in items if i.get_closest_marker("drift") is None]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i.get_closest_marker("drift")])
        items[:] = keep


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
            if _DRIFT in self.config.stash:
                self._drift(result, cfg)
                return
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

    # ------------------------------------------------------------ make drift
    def _drift(self, result: runner.RunResult, cfg: settings.Settings) -> None:
        """Compare with the pinned torch's output; keep this release's record in step.

        An exception, or no exception, is part of the output (its traceback is printed),
        so a snippet that stops raising on the newer release is a difference like any.
        """
        state = self.config.stash[_DRIFT]
        release, mode = state["release"], state["mode"]
        record = drift.record_path(self.path, release)
        rec_rel = self._rel(record)
        info = state["snippets"][self.rel] = {"record": rec_rel, "status": "same",
                                              "checked": drift.checked_fingerprint(self.path)}
        if result.timed_out:
            info["status"] = "failed"
            raise SnippetFailure(f"{self.rel}: did not finish within {cfg.timeout:g} s on torch {state['torch']}")
        if not self.expected_path.exists():
            info["status"] = "failed"
            raise SnippetFailure(f"{self.rel}: no expected output {self._rel(self.expected_path)}: "
                                 f"run `make update-outputs` with the pinned torch first")
        main = self.expected_path.read_text(encoding="utf-8")
        cmp = outputs.compare(result.output, main, cfg.rtol, cfg.atol)
        if cmp.ok:
            if record.exists():
                if mode == "check":
                    info["status"] = "stale"
                    raise SnippetFailure(f"{rec_rel}: torch {state['torch']} now prints what "
                                         f"{self._rel(self.expected_path)} holds; run `make drift "
                                         f"TORCH={release}` to delete the record")
                record.unlink()
                info["status"] = "removed"
            return
        info.update(reason=cmp.reason, max_abs=cmp.max_abs, max_rel=cmp.max_rel)
        old = record.read_text(encoding="utf-8") if record.exists() else None
        summary = state["previous"].get("records", {}).get(self.rel)
        fresh = (summary is not None and old is not None
                 and summary.get("snippet_sha") == drift.file_fingerprint(self.path)
                 and summary.get("out_sha") == drift.fingerprint(main)
                 and summary.get("record_sha") == drift.fingerprint(old))
        if old is not None and outputs.compare(result.output, old, cfg.rtol, cfg.atol).ok \
                and outputs.same_layout(result.output, old):
            info["status"] = "recorded" if fresh else "refreshed"
            info["entry"] = drift.entry_for(self.root, self.path, old, main, cfg, cmp.reason)
            if mode == "check" and not fresh:
                raise SnippetFailure(f"{rec_rel}: stale (its snippet or {self._rel(self.expected_path)} "
                                     f"changed since it was made); run `make drift TORCH={release}`")
            return
        info["entry"] = drift.entry_for(self.root, self.path, result.output, main, cfg, cmp.reason)
        diff = outputs.unified_diff(result.output, main, self._rel(self.expected_path))
        if mode == "check":
            info["status"] = "unrecorded"
            report = Path(self.config.getoption("drift_report"))
            report = report if report.is_absolute() else self.root / report
            would = report / "records" / rec_rel
            would.parent.mkdir(parents=True, exist_ok=True)
            would.write_text(result.output, encoding="utf-8")
            out_line = outputs.line_of(result.output, cmp.first_mismatch)
            src = result.sources[out_line] if out_line < len(result.sources) else None
            raise SnippetFailure(f"{self.rel}{f':{src}' if src else ''}: torch {state['torch']} prints something else "
                                 f"({cmp.reason}), and {rec_rel} does not record it; run `make drift "
                                 f"TORCH={release}`, review and commit the record\n{diff}")
        second = self._run(cfg)
        if second.output != result.output:
            info["status"] = "failed"
            raise SnippetFailure(f"{self.rel}: refusing to write {rec_rel}: two runs on torch "
                                 f"{state['torch']} printed different output\n"
                                 + outputs.unified_diff(second.output, result.output, rec_rel))
        record.write_text(result.output, encoding="utf-8")
        info["status"] = "changed" if old is not None else "new"
        info["diff"] = diff

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


def pytest_runtest_setup(item):
    """Under make drift, the prose-number check reads the records: wait until they are written."""
    if _DRIFT in item.config.stash and "test_numbers" in item.nodeid:
        drift.wait_for_records()


def pytest_runtest_makereport(item, call):
    state = item.config.stash.get(_DRIFT, None)
    if state is None or isinstance(item, SnippetItem):
        return
    if call.when == "call" or (call.when == "setup" and call.excinfo is not None):
        kind = "labs" if "labs" in item.nodeid else "notebooks" if "downloads" in item.nodeid else "other"
        ok = call.excinfo is None or call.excinfo.errisinstance(pytest.skip.Exception)
        state["tests"][item.nodeid] = {"kind": kind, "ok": ok}


def _drift_summary(config) -> dict:
    """This run's summary of the release, merged with the last one for snippets not run."""
    import datetime
    import platform

    import torch

    root = config.rootpath
    state = config.stash[_DRIFT]
    previous = state["previous"]
    base = json.loads((root / PROVENANCE).read_text(encoding="utf-8")) if (root / PROVENANCE).exists() else {}
    exists = lambda rel: (root / rel).exists()  # noqa: E731
    checked = {k: v for k, v in previous.get("checked", {}).items() if exists(k)}
    records = {k: v for k, v in previous.get("records", {}).items() if exists(k)}
    for rel, info in state["snippets"].items():
        checked.pop(rel, None)
        records.pop(rel, None)
        if info["status"] != "failed":
            checked[rel] = info["checked"]
        if "entry" in info and info["status"] not in ("failed", "unrecorded"):
            records[rel] = info["entry"]
    tests = {}
    for nodeid, t in state["tests"].items():
        group = tests.setdefault(t["kind"], {"run": 0, "failed": []})
        group["run"] += 1
        if not t["ok"]:
            group["failed"].append(nodeid)
    summary = {
        "release": state["release"],
        "torch": state["torch"],
        "base": base.get("torch"),
        "date": datetime.date.today().isoformat(),
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "threads": runner.THREADS,
        "python": platform.python_version(),
        "checked": dict(sorted(checked.items())),
        "records": dict(sorted(records.items())),
        "tests": tests,
    }
    if {k: v for k, v in summary.items() if k != "date"} == {k: v for k, v in previous.items() if k != "date"}:
        summary["date"] = previous.get("date", summary["date"])  # nothing new: the file stays as it is
    return summary


def _drift_table(config, summary: dict) -> list[str]:
    state = config.stash[_DRIFT]
    rows = []
    for rel, info in sorted(state["snippets"].items()):
        if info["status"] == "same":
            continue
        entry = info.get("entry", {})
        lines = ",".join(str(n) for n in entry.get("lines", [])) or "-"
        rows.append((rel, info["status"], lines, entry.get("was", ""), entry.get("now", "")))
    for nodeid, t in sorted(state["tests"].items()):
        if not t["ok"]:
            rows.append((nodeid, "failed", "-", "", ""))
    if not rows:
        return [f"torch {state['torch']}: no difference from the outputs of torch {summary['base']} "
                f"({len(state['snippets'])} snippets)"]
    clip = lambda text, n=38: text if len(text) <= n else text[: n - 1] + "…"  # noqa: E731
    head = ("snippet", "status", "lines", f"torch {summary['base']}", f"torch {state['torch']}")
    widths = [max(len(clip(str(r[i]), 60 if i == 0 else 38)) for r in rows + [head]) for i in range(5)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*head), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*(clip(str(c), 60 if i == 0 else 38) for i, c in enumerate(r))) for r in rows]
    return out


def _drift_finish(config, terminalreporter) -> None:
    state = config.stash[_DRIFT]
    root = config.rootpath
    summary = _drift_summary(config)
    report = Path(config.getoption("drift_report"))
    report = report if report.is_absolute() else root / report
    report.mkdir(parents=True, exist_ok=True)
    table = _drift_table(config, summary)
    counts = {}
    for info in state["snippets"].values():
        counts[info["status"]] = counts.get(info["status"], 0) + 1
    differ = sum(counts.get(k, 0) for k in ("recorded", "refreshed", "new", "changed", "unrecorded"))
    headline = (f"torch {state['torch']} ({summary['cpu_capability']}, {summary['threads']} thread(s)): "
                f"{len(state['snippets'])} snippets run, {differ} differ from torch {summary['base']}; "
                + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    if state["mode"] == "write" and state["snippets"]:
        path = drift.write_summary(root, {k: v for k, v in summary.items() if k != "tests"})
        headline += f"; wrote {path.relative_to(root).as_posix()}"
    # The labs and notebooks run in a process of their own (scripts/drift.py): their report apart.
    stem = f"torch-{state['release']}" + ("" if state["snippets"] else ".labs-notebooks")
    (report / f"{stem}.json").write_text(
        json.dumps({"summary": summary, "snippets": state["snippets"], "mode": state["mode"]},
                   indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    (report / f"{stem}.md").write_text(
        f"# make drift: torch {state['torch']}\n\n{headline}\n\n```\n" + "\n".join(table) + "\n```\n"
        + "".join(f"\n## {rel}\n\n```diff\n{info['diff']}```\n"
                  for rel, info in sorted(state["snippets"].items()) if info.get("diff")),
        encoding="utf-8")
    terminalreporter.write_sep("-", f"make drift: torch {state['release']}")
    terminalreporter.write_line(headline)
    for line in table:
        terminalreporter.write_line("  " + line)
    terminalreporter.write_line(f"  report: {report.relative_to(root).as_posix() if report.is_relative_to(root) else report}"
                                f"/{stem}.md")


def pytest_terminal_summary(terminalreporter, config):
    if _DRIFT in config.stash:
        _drift_finish(config, terminalreporter)
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

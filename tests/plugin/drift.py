"""``--drift write|check`` (make drift; registered by tests/plugin/snippets.py): the snippets on a
newer torch against the pinned one's outputs. ``write`` writes, refreshes or deletes this release's
records and summary (engine/drift.py; a new record only when two runs agree); ``check`` writes nothing
under snippets/ and fails on a difference not recorded yet, leaving the record it would write in the report."""
from __future__ import annotations

import collections
import datetime
import platform

import torch

from engine import compare, drift, provenance, run
from tests.plugin.snippets import SnippetFailure  # already imported: it registers this plugin


class DriftMode:
    def __init__(self, config):
        self.root, self.mode = config.rootpath, config.getoption("drift")
        self.release = drift.release_of(torch.__version__)
        self.report = self.root / config.getoption("drift_report")  # an absolute option stays as it is
        self.previous = drift.summaries(self.root).get(self.release, {})
        self.seen: dict[str, dict] = {}  # snippet -> status, checked fingerprint, entry, diff

    def check(self, item, result: run.RunResult, cfg) -> None:
        """Compare one snippet's run with its main output; keep this release's record in step."""
        record, again = drift.record_path(item.path, self.release), f"run `make drift TORCH={self.release}`"
        rec, out = item._rel(record), item._rel(item.expected_path)
        info = self.seen[item.rel] = {"status": "failed", "checked": drift.checked_fingerprint(item.path), "entry": {}}
        if result.timed_out or not item.expected_path.exists():
            raise SnippetFailure(f"{item.rel}: did not finish within {cfg.timeout:g} s" if result.timed_out else
                                 f"{item.rel}: no {out}: run `make update-outputs` first")
        main, old = item.expected_path.read_text(encoding="utf-8"), drift.read(record)
        cmp = compare.compare(result.output, main, cfg.rtol, cfg.atol)
        if cmp.ok:
            if old is not None and self.mode == "check":
                info["status"] = "stale"
                raise SnippetFailure(f"{rec}: this release prints what {out} holds; {again}")
            info["status"] = "same" if old is None else "removed"
            record.unlink(missing_ok=True)
            return
        if old is not None and compare.compare(result.output, old, cfg.rtol, cfg.atol).ok \
                and compare.same_layout(result.output, old):
            info["entry"] = drift.entry_for(item.path, old, main, cfg, cmp.reason)
            entry = self.previous.get("records", {}).get(item.rel, {})
            fresh = entry == {**info["entry"], "reason": entry.get("reason", "")}
            info["status"] = "recorded" if fresh else "refreshed"
            if self.mode == "check" and not fresh:
                raise SnippetFailure(f"{rec}: stale (its snippet or {out} changed); {again}")
            return
        info.update(entry=drift.entry_for(item.path, result.output, main, cfg, cmp.reason),
                    diff=compare.unified_diff(result.output, main, out))
        if self.mode == "check":
            info["status"] = "unrecorded"
            (self.report / "records" / rec).parent.mkdir(parents=True, exist_ok=True)
            (self.report / "records" / rec).write_text(result.output, encoding="utf-8")
            line = compare.line_of(result.output, cmp.first_mismatch)
            src = f":{result.sources[line]}" if line < len(result.sources) and result.sources[line] else ""
            raise SnippetFailure(f"{item.rel}{src}: torch {torch.__version__} prints something else ({cmp.reason}), "
                                 f"and {rec} does not record it; {again}, review and commit the record\n{info['diff']}")
        if item.run(cfg).output != result.output:
            raise SnippetFailure(f"{item.rel}: refusing to write {rec}: two runs on torch {torch.__version__} "
                                 f"printed different output")
        record.write_text(result.output, encoding="utf-8")
        info["status"] = "changed" if old is not None else "new"

    def summary(self) -> dict:
        """This run's summary of the release, merged with the last one for snippets not run."""
        kept = lambda table: {k: v for k, v in self.previous.get(table, {}).items()
                              if (self.root / k).exists() and k not in self.seen}
        checked = {**kept("checked"), **{rel: i["checked"] for rel, i in self.seen.items() if i["status"] != "failed"}}
        records = {**kept("records"), **{rel: i["entry"] for rel, i in self.seen.items()
                                         if i["entry"] and i["status"] not in ("failed", "unrecorded")}}
        data = {"release": self.release, "torch": torch.__version__, "base": provenance.made_by(self.root).get("torch"),
                "date": datetime.date.today().isoformat(), "cpu_capability": torch.backends.cpu.get_cpu_capability(),
                "threads": run.THREADS, "python": platform.python_version(),
                "checked": dict(sorted(checked.items())), "records": dict(sorted(records.items()))}
        if {**data, "date": None} == {**self.previous, "date": None}:
            data["date"] = self.previous.get("date", data["date"])  # nothing new: the file stays as it is
        return data

    def pytest_terminal_summary(self, terminalreporter):
        data, counts = self.summary(), collections.Counter(info["status"] for info in self.seen.values())
        differ = sum(bool(info["entry"]) and info["status"] != "failed" for info in self.seen.values())
        head = (f"torch {torch.__version__} ({data['cpu_capability']}, {data['threads']} thread(s)): "
                f"{len(self.seen)} snippets run, {differ} differ from torch {data['base']}; "
                + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
        if self.mode == "write" and self.seen:
            head += f"; wrote {drift.write_summary(self.root, data).relative_to(self.root).as_posix()}"
        rows = [f"  {rel}  {info['status']}  lines {','.join(map(str, info['entry'].get('lines', [])))}  "
                f"{info['entry'].get('was', '')!r} -> {info['entry'].get('now', '')!r}"
                for rel, info in sorted(self.seen.items()) if info["status"] != "same"]
        self.report.mkdir(parents=True, exist_ok=True)
        path = self.report / f"torch-{self.release}.md"
        diffs = "".join(f"\n## {rel}\n\n```diff\n{info['diff']}```\n"
                        for rel, info in sorted(self.seen.items()) if info.get("diff"))
        path.write_text(f"# make drift: torch {torch.__version__}\n\n{head}\n\n```\n" + "\n".join(rows) + "\n```\n"
                        + diffs, encoding="utf-8")
        terminalreporter.write_sep("-", f"make drift: torch {self.release}")
        terminalreporter.write_line("\n".join([head, *rows, f"  report: {path}"]))

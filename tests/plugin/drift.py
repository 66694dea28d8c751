"""``--drift write|check`` (make drift): the snippets run on a newer torch and are compared
with the outputs of the pinned one (same tolerances). An output that differs is a record
of this release, kept beside the snippet and listed in its summary (engine/drift.py):
``write`` writes, refreshes or deletes records (a differing snippet runs twice, as
--update-outputs does); ``check`` writes nothing under snippets/ and fails on a
difference not recorded yet (the weekly CI job), leaving the record it would write in
the report folder. A plugin object, registered by tests/plugin/snippets.py."""
from __future__ import annotations

import datetime
import json
import platform
from pathlib import Path

import torch

from engine import compare, drift, run

DIFFER = ("recorded", "refreshed", "new", "changed", "unrecorded")


class DriftMode:
    def __init__(self, config):
        self.config, self.root = config, config.rootpath
        self.mode, self.release = config.getoption("drift"), drift.release_of(torch.__version__)
        self.report = Path(config.getoption("drift_report"))
        self.report = self.report if self.report.is_absolute() else self.root / self.report
        self.previous = drift.summaries(self.root).get(self.release, {})
        self.seen: dict[str, dict] = {}  # snippet -> status, checked fingerprint, entry, diff

    def check(self, item, result: run.RunResult, cfg) -> None:
        """Compare one snippet's run with its main output; keep this release's record in step."""
        from tests.plugin.snippets import SnippetFailure

        record, main_path = drift.record_path(item.path, self.release), item.expected_path
        rec = item._rel(record)
        info = self.seen[item.rel] = {"status": "failed", "checked": drift.checked_fingerprint(item.path)}
        if result.timed_out or not main_path.exists():
            raise SnippetFailure(f"{item.rel}: did not finish within {cfg.timeout:g} s" if result.timed_out else
                                 f"{item.rel}: no {item._rel(main_path)}: run `make update-outputs` first")
        main = main_path.read_text(encoding="utf-8")
        cmp = compare.compare(result.output, main, cfg.rtol, cfg.atol)
        run_again = f"run `make drift TORCH={self.release}`"
        if cmp.ok:
            info["status"] = "same"
            if record.exists() and self.mode == "check":
                info["status"] = "stale"
                raise SnippetFailure(f"{rec}: this release prints what {item._rel(main_path)} holds; {run_again}")
            if record.exists():
                record.unlink()
                info["status"] = "removed"
            return
        old = record.read_text(encoding="utf-8") if record.exists() else None
        if old is not None and compare.compare(result.output, old, cfg.rtol, cfg.atol).ok \
                and compare.same_layout(result.output, old):
            entry = self.previous.get("records", {}).get(item.rel, {})
            fresh = entry == drift.entry_for(item.path, old, main, cfg, entry.get("reason", ""))
            info.update(status="recorded" if fresh else "refreshed", entry=drift.entry_for(item.path, old, main, cfg, cmp.reason))
            if self.mode == "check" and not fresh:
                raise SnippetFailure(f"{rec}: stale (its snippet or {item._rel(main_path)} changed); {run_again}")
            return
        info["entry"] = drift.entry_for(item.path, result.output, main, cfg, cmp.reason)
        info["diff"] = compare.unified_diff(result.output, main, item._rel(main_path))
        if self.mode == "check":
            info["status"] = "unrecorded"
            would = self.report / "records" / rec
            would.parent.mkdir(parents=True, exist_ok=True)
            would.write_text(result.output, encoding="utf-8")
            line = compare.line_of(result.output, cmp.first_mismatch)
            src = result.sources[line] if line < len(result.sources) else None
            raise SnippetFailure(f"{item.rel}{f':{src}' if src else ''}: torch {torch.__version__} prints something "
                                 f"else ({cmp.reason}), and {rec} does not record it; {run_again}, review and "
                                 f"commit the record\n{info['diff']}")
        if item.run(cfg).output != result.output:
            raise SnippetFailure(f"{item.rel}: refusing to write {rec}: two runs on torch {torch.__version__} "
                                 f"printed different output")
        record.write_text(result.output, encoding="utf-8")
        info["status"] = "changed" if old is not None else "new"

    def summary(self) -> dict:
        """This run's summary of the release, merged with the last one for snippets not run."""
        keep = lambda table: {k: v for k, v in table.items() if (self.root / k).exists()}
        checked, records = keep(self.previous.get("checked", {})), keep(self.previous.get("records", {}))
        for rel, info in self.seen.items():
            checked.pop(rel, None)
            records.pop(rel, None)
            if info["status"] != "failed":
                checked[rel] = info["checked"]
            if "entry" in info and info["status"] not in ("failed", "unrecorded"):
                records[rel] = info["entry"]
        data = {"release": self.release, "torch": torch.__version__,
                "base": json.loads((self.root / "snippets/provenance.json").read_text()).get("torch"),
                "date": datetime.date.today().isoformat(), "cpu_capability": torch.backends.cpu.get_cpu_capability(),
                "threads": run.THREADS, "python": platform.python_version(),
                "checked": dict(sorted(checked.items())), "records": dict(sorted(records.items()))}
        if {k: v for k, v in data.items() if k != "date"} == {k: v for k, v in self.previous.items() if k != "date"}:
            data["date"] = self.previous.get("date", data["date"])  # nothing new: the file stays as it is
        return data

    def pytest_terminal_summary(self, terminalreporter):
        data = self.summary()
        counts: dict[str, int] = {}
        for info in self.seen.values():
            counts[info["status"]] = counts.get(info["status"], 0) + 1
        head = (f"torch {torch.__version__} ({data['cpu_capability']}, {data['threads']} thread(s)): "
                f"{len(self.seen)} snippets run, {sum(counts.get(k, 0) for k in DIFFER)} differ from torch "
                f"{data['base']}; " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
        if self.mode == "write" and self.seen:
            head += f"; wrote {drift.write_summary(self.root, data).relative_to(self.root).as_posix()}"
        rows = [f"  {rel}  {info['status']}  lines {','.join(map(str, info.get('entry', {}).get('lines', [])))}  "
                f"{info.get('entry', {}).get('was', '')!r} -> {info.get('entry', {}).get('now', '')!r}"
                for rel, info in sorted(self.seen.items()) if info["status"] != "same"]
        self.report.mkdir(parents=True, exist_ok=True)
        stem = self.report / f"torch-{self.release}"
        json_path, md_path = stem.parent / f"{stem.name}.json", stem.parent / f"{stem.name}.md"
        json_path.write_text(json.dumps({"summary": data, "snippets": self.seen}, indent=1,
                                                        sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        md_path.write_text(
            f"# make drift: torch {torch.__version__}\n\n{head}\n\n```\n" + "\n".join(rows) + "\n```\n"
            + "".join(f"\n## {rel}\n\n```diff\n{i['diff']}```\n" for rel, i in sorted(self.seen.items()) if i.get("diff")),
            encoding="utf-8")
        terminalreporter.write_sep("-", f"make drift: torch {self.release}")
        for line in [head, *rows, f"  report: {md_path}"]:
            terminalreporter.write_line(line)

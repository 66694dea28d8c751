"""What newer PyTorch releases print differently: records, their check, what readers see.

The outputs under ``snippets/`` come from the pinned torch (``snippets/provenance.json``).
``make drift TORCH=<version>`` (engine/driftrun.py) runs every snippet again on a newer
release. Where one prints something else beyond its tolerance, it writes a **record**
beside it, ``snippets/<chapter>/<page>_<step>.torch-<release>.out``, and every release
has one **summary**, ``snippets/drift/torch-<release>.json``: the release, date, CPU
level, threads, a fingerprint of every snippet checked, and per record the fingerprints
of the snippet, its main output and the record when it was made, the record's lines that
differ, and the first of them before and after.

``check`` is what ``make test`` runs without the second torch: a record is stale when
its snippet or main output changed since (or it was edited by hand), it must be listed
in its summary, and it must really differ from the main output. Readers see, under
every output a newer release prints differently, one note per distinct record naming
the releases that print it (``notes``), and the Version notes page (``version_notes``).
"""
from __future__ import annotations

import difflib
import hashlib
import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from . import compare, settings
from .page import Page, pages_showing
from .words import join

RECORD = re.compile(r"^(?P<stem>.+)\.torch-(?P<release>\d+(?:\.\d+)+[\w.]*)\.out$")
SUMMARY_DIR = "snippets/drift"
SUMMARY = re.compile(r"^torch-(?P<release>\d+(?:\.\d+)+[\w.]*)\.json$")
VERSIONS_PAGE = "versions.md"
MARKER = "<!-- drift-notes -->"  # in docs/<lang>/versions.md: the tables go there


def release_of(version: str) -> str:
    """The release a torch build belongs to: ``2.14.1+cu130`` -> ``2.14.1``."""
    return version.split("+", 1)[0]


def version_key(release: str) -> tuple:
    return tuple(int(p) if p.isdigit() else -1 for p in release.split("."))


def record_path(snippet: Path, release: str) -> Path:
    return Path(snippet).with_name(f"{Path(snippet).stem}.torch-{release}.out")


def fingerprint(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def file_fingerprint(path: Path) -> str | None:
    return fingerprint(path.read_text(encoding="utf-8")) if path.exists() else None


def checked_fingerprint(snippet: Path) -> str:
    """What 'checked on release X' covers for one snippet: its code and its main output."""
    out = snippet.with_suffix(".out")
    return fingerprint(snippet.read_text(encoding="utf-8") + "\0" + (out.read_text(encoding="utf-8") if out.exists() else ""))


@dataclass
class Summary:
    path: Path
    data: dict

    @property
    def release(self) -> str:
        return self.data.get("release", "")

    @property
    def records(self) -> dict[str, dict]:
        return self.data.get("records", {})

    @property
    def base(self) -> str:
        return release_of(self.data.get("base") or "?")


def summaries(root: Path) -> list[Summary]:
    """Every release's summary, newest release first."""
    folder = root / SUMMARY_DIR
    found = [Summary(p, json.loads(p.read_text(encoding="utf-8")))
             for p in (folder.iterdir() if folder.is_dir() else []) if SUMMARY.match(p.name)]
    return sorted(found, key=lambda s: version_key(s.release), reverse=True)


def load_summary(root: Path, release: str) -> dict:
    path = root / SUMMARY_DIR / f"torch-{release}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_summary(root: Path, data: dict) -> Path:
    path = root / SUMMARY_DIR / f"torch-{data['release']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- making a record
def differing_lines(record: str, main: str, rtol: float = compare.DEFAULT_RTOL,
                    atol: float = compare.DEFAULT_ATOL) -> list[int]:
    """1-based lines of ``record`` that differ from ``main`` beyond tolerance (lines paired
    with difflib; a changed line whose numbers are within tolerance is not marked)."""
    a, b = record.splitlines(), main.splitlines()
    marked = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        for k in range(i1, i2) if tag != "equal" else ():
            other = j1 + (k - i1)
            if not (tag == "replace" and other < j2 and compare.compare(a[k], b[other], rtol, atol).ok):
                marked.append(k + 1)
    return marked


def entry_for(snippet: Path, record: str, main: str, cfg: settings.Settings, reason: str) -> dict:
    """What a summary stores about one record."""
    lines = differing_lines(record, main, cfg.rtol, cfg.atol)
    was = now = ""
    if lines:
        a, b, k = record.splitlines(), main.splitlines(), lines[0] - 1
        now = a[k]
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if i1 <= k < i2 and tag == "replace" and j1 + (k - i1) < j2:
                was = b[j1 + (k - i1)]
    return {"snippet_sha": file_fingerprint(snippet), "out_sha": fingerprint(main), "record_sha": fingerprint(record),
            "lines": lines, "reason": reason, "was": was, "now": now}


# ---------------------------------------------------------------- the check, without the newer torch
def check(root: Path) -> list[str]:
    """Problems of the committed records and summaries; each names file:line."""
    problems = []
    by_release = {s.release: s for s in summaries(root)}
    for s in by_release.values():
        where, run = s.path.relative_to(root).as_posix(), f"run `make drift TORCH={s.release}`"
        lines = s.path.read_text(encoding="utf-8").splitlines()
        for rel, entry in sorted(s.records.items()):
            line = next((n for n, text in enumerate(lines, 1) if json.dumps(rel) + ": {" in text), 1)
            snippet, record = root / rel, record_path(root / rel, s.release)
            rec = record.relative_to(root).as_posix()
            main = snippet.with_suffix(".out")
            if not snippet.exists() or not record.exists():
                missing = rel if not snippet.exists() else f"a record {rec}"
                problems.append(f"{where}:{line}: lists {missing}, which does not exist; {run}")
                continue
            changed = [what for what, now, then in (
                (rel, file_fingerprint(snippet), entry.get("snippet_sha")),
                (main.relative_to(root).as_posix(), file_fingerprint(main), entry.get("out_sha")),
                (f"{rec} itself (edited by hand?)", file_fingerprint(record), entry.get("record_sha"))) if now != then]
            cfg = settings.for_snippet(snippet)
            if changed:
                problems.append(f"{rec}:1: stale: {' and '.join(changed)} changed since the record was made; {run}")
            elif main.exists() and compare.compare(record.read_text(encoding="utf-8"),
                                                   main.read_text(encoding="utf-8"), cfg.rtol, cfg.atol).ok:
                problems.append(f"{rec}:1: equals {main.relative_to(root).as_posix()} within its tolerance "
                                f"(rtol {cfg.rtol:g}, atol {cfg.atol:g}): a record exists only for an output that "
                                f"differs; delete it and its entry ({run} does)")
    for record in sorted((root / "snippets").rglob("*.out")) if (root / "snippets").is_dir() else []:
        m = RECORD.match(record.name)
        if not m:
            continue
        rec, release = record.relative_to(root).as_posix(), m.group("release")
        snippet = record.with_name(m.group("stem") + ".py").relative_to(root).as_posix()
        s = by_release.get(release)
        if s is None or snippet not in s.records:
            listed = f"there is no summary {SUMMARY_DIR}/torch-{release}.json" if s is None else \
                f"it is not listed in {s.path.relative_to(root).as_posix()}"
            problems.append(f"{rec}:1: a record of torch {release}, but {listed}; run `make drift TORCH={release}`")
    return problems


# ---------------------------------------------------------------- what readers see
def _records_of(root: Path, snippet: str) -> list[list[tuple[Summary, str, dict]]]:
    """The releases that recorded a difference for a snippet, grouped by what they print
    (newest release first in each group): one note per distinct record."""
    groups: dict[str, list] = {}
    for s in summaries(root):
        if snippet in s.records:
            record = record_path(Path(snippet), s.release).as_posix()
            text = (root / record).read_text(encoding="utf-8") if (root / record).exists() else record
            groups.setdefault(text, []).append((s, record, s.records[snippet]))
    return list(groups.values())


def anchor(snippet: str, release: str) -> str:
    """The id of a release's note under a snippet's output: drift-<stem>-2-14-1."""
    return "drift-" + Path(snippet).stem + "-" + re.sub(r"\W", "-", release)


def anchor_release(release: str) -> str:
    return "torch-" + re.sub(r"\W", "-", release)


def notes(root: Path, out: str, indent: str, page_uri: str, words: dict) -> list[str]:
    """Markdown lines under a snippet's output block: a collapsed note per distinct record
    of newer releases, titled with them, the record inside with the differing lines marked."""
    snippet = out[: -len(".out")] + ".py"
    link = posixpath.relpath(VERSIONS_PAGE, posixpath.dirname(page_uri) or ".")
    lines = []
    for group in _records_of(root, snippet):
        summary, record, entry = group[0]
        releases = sorted((s.release for s, _, _ in group), key=version_key)
        title = words["drift_title"].format(release=join(releases, words))
        body = words["drift_body"].format(base=summary.base, release=join(releases, words),
                                          date=summary.data.get("date", "?"),
                                          link=f"{link}#{anchor_release(releases[-1])}")
        marked = " ".join(str(n) for n in entry.get("lines", []))
        lines += ["", *(f'{indent}<span id="{anchor(snippet, r)}"></span>' for r in reversed(releases)), "",
                  f'{indent}??? info drift-note "{title}"', "", f"{indent}    {body}", "",
                  f"{indent}    ``` {{ .text .no-copy" + (f' hl_lines="{marked}"' if marked else "") + " }",
                  f'{indent}    --8<-- "{record}"', f"{indent}    ```"]
    return lines


def version_notes(root: Path, lang: str, words: dict) -> str:
    """Every release's differences, newest first: the Version notes page's tables."""
    found, parts, docs = summaries(root), [], root / "docs"
    for s in found:
        parts.append("## " + words["drift_release"].format(release=s.release, anchor=anchor_release(s.release)))
        parts.append(words["drift_summary"].format(
            date=s.data.get("date", "?"), torch=s.data.get("torch", s.release), checked=len(s.data.get("checked", {})),
            cpu=s.data.get("cpu_capability", "?"), threads=s.data.get("threads", "?"), base=s.base, count=len(s.records)))
        if not s.records:
            parts.append(words["drift_none"])
            continue
        head = [h.format(base=s.base, release=s.release) for h in words["drift_head"]]
        rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        for snippet, entry in sorted(s.records.items()):
            links = [f"[{Page.read(docs / lang / p).title or p.stem}]({p.as_posix()}#{anchor(snippet, s.release)})"
                     for p in pages_showing(docs, lang, snippet)]
            cells = [f"<code>{html.escape(entry[k])}</code>" if entry.get(k) else "" for k in ("was", "now")]
            rows.append(f"| {'<br>'.join(links) or '-'} | <code>{Path(snippet).name}</code> | "
                        f"{', '.join(map(str, entry.get('lines', [])))} | {cells[0]} | {cells[1]} |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts) if found else words["drift_empty"]


def newest_check(root: Path, shown: list[str]) -> dict | None:
    """For the provenance line: the newest release the outputs were checked on, and of
    the snippets a page shows, how many that check covered and how many differ."""
    found = summaries(root)
    if not found:
        return None
    s = found[0]
    shown = [p for p in shown if (root / p).exists()]
    checked = [p for p in shown if s.data.get("checked", {}).get(p) == checked_fingerprint(root / p)]
    return {"release": s.release, "date": s.data.get("date", "?"), "total": len(shown), "checked": len(checked),
            "differ": sum(p in s.records for p in checked), "anchor": anchor_release(s.release)}


"""What newer PyTorch releases print differently: records, their check, what readers see.

``make drift TORCH=<version>`` (engine/driftrun.py) runs the snippets on a release newer than
the pinned one. An output that differs beyond tolerance gets a **record** beside it,
``snippets/<chapter>/<page>_<step>.torch-<release>.out``, and each release a **summary**,
``snippets/drift/torch-<release>.json``: torch, date, CPU, threads, a fingerprint of every
snippet checked and, per record, the fingerprints it was made from, its differing lines and
the first of them before and after. ``check`` keeps both true without that torch (``make
test``); readers see ``notes`` under the outputs and the Version notes page (``version_notes``).
"""
from __future__ import annotations

import difflib
import hashlib
import html
import json
import posixpath
import re
from pathlib import Path

from . import compare, settings
from .page import Page, pages_showing
from .words import join

RELEASE = r"(?P<release>\d+(?:\.\d+)+[\w.]*)"
RECORD = re.compile(rf"^(?P<stem>.+)\.torch-{RELEASE}\.out$")
SUMMARY = re.compile(rf"^torch-{RELEASE}\.json$")
SUMMARY_DIR = "snippets/drift"
VERSIONS_PAGE = "versions.md"
MARKER = "<!-- drift-notes -->"  # in docs/<lang>/versions.md: the tables go there


def release_of(version: str) -> str:
    """The release a torch build belongs to: ``2.14.1+cu130`` -> ``2.14.1``."""
    return version.split("+", 1)[0]


def version_key(release: str) -> tuple:
    return tuple(int(p) if p.isdigit() else -1 for p in release.split("."))


def record_path(snippet: Path, release: str) -> Path:
    return Path(snippet).with_name(f"{Path(snippet).stem}.torch-{release}.out")


def read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def fingerprint(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def checked_fingerprint(snippet: Path) -> str:
    """What 'checked on release X' covers for one snippet: its code and its main output."""
    return fingerprint(snippet.read_text(encoding="utf-8") + "\0" + (read(snippet.with_suffix(".out")) or ""))


def summaries(root: Path) -> dict[str, dict]:
    """Every release's summary, ``release -> data``, newest release first."""
    found = {m["release"]: json.loads(p.read_text(encoding="utf-8"))
             for p in (root / SUMMARY_DIR).glob("torch-*.json") if (m := SUMMARY.match(p.name))}
    return dict(sorted(found.items(), key=lambda item: version_key(item[0]), reverse=True))


def write_summary(root: Path, data: dict) -> Path:
    path = root / SUMMARY_DIR / f"torch-{data['release']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def differing_lines(record: str, main: str, rtol: float = compare.DEFAULT_RTOL,
                    atol: float = compare.DEFAULT_ATOL) -> dict[int, str]:
    """The 1-based lines of ``record`` that differ from ``main`` beyond tolerance, each with
    the line of ``main`` it replaces ('' for an added one); lines are paired by difflib."""
    a, b = record.splitlines(), main.splitlines()
    marked = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        for k in range(i1, i2) if tag != "equal" else ():
            was = b[j1 + k - i1] if tag == "replace" and j1 + k - i1 < j2 else None
            if was is None or not compare.compare(a[k], was, rtol, atol).ok:
                marked[k + 1] = was or ""
    return marked


def entry_for(snippet: Path, record: str, main: str, cfg: settings.Settings, reason: str) -> dict:
    """What a summary stores about one record."""
    lines = differing_lines(record, main, cfg.rtol, cfg.atol)
    first = next(iter(lines), 0)
    return {"snippet_sha": fingerprint(read(snippet)), "out_sha": fingerprint(main), "record_sha": fingerprint(record),
            "lines": list(lines), "reason": reason, "was": lines.get(first, ""),
            "now": record.splitlines()[first - 1] if first else ""}


def check(root: Path) -> list[str]:
    """Problems of the committed records and summaries, each naming file:line."""
    problems, found = [], summaries(root)
    for release, data in found.items():
        where, run = f"{SUMMARY_DIR}/torch-{release}.json", f"run `make drift TORCH={release}`"
        lines = (root / where).read_text(encoding="utf-8").splitlines()
        for rel, entry in sorted(data.get("records", {}).items()):
            out, rec = Path(rel).with_suffix(".out").as_posix(), record_path(Path(rel), release).as_posix()
            if not (root / rel).exists() or not (root / rec).exists():
                line = next((n for n, text in enumerate(lines, 1) if json.dumps(rel) + ": {" in text), 1)
                missing = rel if not (root / rel).exists() else f"a record {rec}"
                problems.append(f"{where}:{line}: lists {missing}, which does not exist; {run}")
                continue
            changed = [f"{path} itself (edited by hand?)" if path == rec else path
                       for path, key in ((rel, "snippet_sha"), (out, "out_sha"), (rec, "record_sha"))
                       if fingerprint(read(root / path)) != entry.get(key)]
            cfg, main = settings.for_snippet(root / rel), read(root / out)
            if changed:
                problems.append(f"{rec}:1: stale: {' and '.join(changed)} changed since the record was made; {run}")
            elif main is not None and compare.compare(read(root / rec), main, cfg.rtol, cfg.atol).ok:
                problems.append(f"{rec}:1: equals {out} within its tolerance (rtol {cfg.rtol:g}, atol "
                                f"{cfg.atol:g}): a record exists only for an output that differs; delete it and its "
                                f"entry ({run} does)")
    for record in sorted(root.glob("snippets/**/*.torch-*.out")):
        if not (m := RECORD.match(record.name)):
            continue
        release, summary = m["release"], f"{SUMMARY_DIR}/torch-{m['release']}.json"
        snippet = record.with_name(m["stem"] + ".py").relative_to(root).as_posix()
        if snippet not in found.get(release, {}).get("records", {}):
            why = f"it is not listed in {summary}" if release in found else f"there is no summary {summary}"
            problems.append(f"{record.relative_to(root).as_posix()}:1: a record of torch {release}, but {why}; "
                            f"run `make drift TORCH={release}`")
    return problems


def anchor(snippet: str, release: str) -> str:
    """The id of a release's note under a snippet's output: drift-<stem>-2-14-1."""
    return "drift-" + Path(snippet).stem + "-" + re.sub(r"\W", "-", release)


def anchor_release(release: str) -> str:
    return "torch-" + re.sub(r"\W", "-", release)


def notes(root: Path, out: str, indent: str, page_uri: str, words: dict) -> list[str]:
    """Markdown lines under a snippet's output block: a collapsed note per distinct record of
    newer releases, titled with the releases that print it, the record inside, its differing
    lines marked."""
    snippet, found = out[: -len(".out")] + ".py", summaries(root)
    rec = lambda release: record_path(Path(snippet), release).as_posix()
    link = posixpath.relpath(VERSIONS_PAGE, posixpath.dirname(page_uri) or ".")
    groups: dict[str, list[str]] = {}  # what a record prints -> the releases printing it, newest first
    for release in (r for r, data in found.items() if snippet in data.get("records", {})):
        text = read(root / rec(release))
        groups.setdefault(rec(release) if text is None else text, []).append(release)
    lines = []
    for releases in groups.values():
        newest, names = found[releases[0]], join(releases[::-1], words)
        body = words["drift_body"].format(base=release_of(newest.get("base") or "?"), release=names,
                                          date=newest.get("date", "?"), link=f"{link}#{anchor_release(releases[0])}")
        marked = " ".join(map(str, newest["records"][snippet].get("lines", [])))
        hl = f' hl_lines="{marked}"' if marked else ""
        lines += ["", *(f'{indent}<span id="{anchor(snippet, r)}"></span>' for r in releases), "",
                  f'{indent}??? info drift-note "{words["drift_title"].format(release=names)}"', "",
                  f"{indent}    {body}", "", f"{indent}    ``` {{ .text .no-copy{hl} }}",
                  f'{indent}    --8<-- "{rec(releases[0])}"', f"{indent}    ```"]
    return lines


def version_notes(root: Path, lang: str, words: dict) -> str:
    """Every release's differences, newest first: the Version notes page's tables."""
    parts, docs = [], root / "docs"
    for release, s in summaries(root).items():
        records, base = s.get("records", {}), release_of(s.get("base") or "?")
        parts += ["## " + words["drift_release"].format(release=release, anchor=anchor_release(release)),
                  words["drift_summary"].format(date=s.get("date", "?"), torch=s.get("torch", release),
                                                checked=len(s.get("checked", {})), cpu=s.get("cpu_capability", "?"),
                                                threads=s.get("threads", "?"), base=base, count=len(records))]
        if not records:
            parts.append(words["drift_none"])
            continue
        head = [h.format(base=base, release=release) for h in words["drift_head"]]
        rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        for snippet, entry in sorted(records.items()):
            links = [f"[{Page.read(docs / lang / p).title or p.stem}]({p.as_posix()}#{anchor(snippet, release)})"
                     for p in pages_showing(docs, lang, snippet)]
            cells = [f"<code>{html.escape(entry[k])}</code>" if entry.get(k) else "" for k in ("was", "now")]
            rows.append(f"| {'<br>'.join(links) or '-'} | <code>{Path(snippet).name}</code> | "
                        f"{', '.join(map(str, entry.get('lines', [])))} | {cells[0]} | {cells[1]} |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts) or words["drift_empty"]


def newest_check(root: Path, shown: list[str]) -> dict | None:
    """For the provenance line: the newest release the outputs were checked on, and of the
    snippets a page shows, how many that check covered and how many differ."""
    found = summaries(root)
    if not found:
        return None
    release, s = next(iter(found.items()))
    shown = [p for p in shown if (root / p).exists()]
    checked = [p for p in shown if s.get("checked", {}).get(p) == checked_fingerprint(root / p)]
    return {"release": release, "date": s.get("date", "?"), "total": len(shown), "checked": len(checked),
            "differ": sum(p in s.get("records", {}) for p in checked), "anchor": anchor_release(release)}

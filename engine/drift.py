"""What newer PyTorch releases print differently (``make drift``, engine/driftrun.py): a **record**
``<page>_<step>.torch-<release>.out`` beside each snippet whose output differs on that release, and per
release a **summary** ``snippets/drift/torch-<release>.json`` (torch, date, CPU, threads, the snippets
checked; per record the fingerprints it was made from and its differing lines). ``check`` keeps them
true without that torch; ``notes`` and ``version_notes`` are what readers see."""
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

RECORD = re.compile(r"^(?P<stem>.+)\.torch-(?P<release>\d+(?:\.\d+)+[\w.]*)\.out$")
SUMMARY_FILE = "snippets/drift/torch-{release}.json"
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
    found = {p.stem.removeprefix("torch-"): json.loads(p.read_text(encoding="utf-8"))
             for p in root.glob(SUMMARY_FILE.format(release="*"))}
    return dict(sorted(found.items(), key=lambda item: version_key(item[0]), reverse=True))


def write_summary(root: Path, data: dict) -> Path:
    path = root / SUMMARY_FILE.format(release=data["release"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def entry_for(snippet: Path, record: str, main: str, cfg: settings.Settings, reason: str) -> dict:
    """What a summary stores about one record: fingerprints, the lines that differ from ``main``
    beyond tolerance (paired by difflib; added lines too), the first of them before and after."""
    a, b = record.splitlines(), main.splitlines()
    lines, was = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        for k in range(i1, i2) if tag != "equal" else ():
            other = b[j1 + k - i1] if tag == "replace" and j1 + k - i1 < j2 else None
            if other is None or not compare.compare(a[k], other, cfg.rtol, cfg.atol).ok:
                lines.append(k + 1)
                was.append(other or "")
    return {"snippet_sha": fingerprint(read(snippet)), "out_sha": fingerprint(main), "record_sha": fingerprint(record),
            "lines": lines, "reason": reason, "was": was[0] if was else "", "now": a[lines[0] - 1] if lines else ""}


def check(root: Path) -> list[str]:
    """Problems of the committed records and summaries, each naming file:line."""
    problems, found = [], summaries(root)
    for release, data in found.items():
        where, run = SUMMARY_FILE.format(release=release), f"run `make drift TORCH={release}`"
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
    for path in sorted(root.glob("snippets/**/*.torch-*.out")):  # every record, listed or not
        m = RECORD.match(path.relative_to(root).as_posix())
        release = m["release"] if m else None
        if m and m["stem"] + ".py" not in found.get(release, {}).get("records", {}):
            summary = SUMMARY_FILE.format(release=release)
            why = f"it is not listed in {summary}" if release in found else f"there is no summary {summary}"
            problems.append(f"{m[0]}:1: a record of torch {release}, but {why}; run `make drift TORCH={release}`")
    return problems


def anchor(release: str, snippet: str | None = None) -> str:
    """The id of a release on the Version notes (torch-2-14-1) or of its note under a snippet (drift-<stem>-2-14-1)."""
    return (f"drift-{Path(snippet).stem}-" if snippet else "torch-") + re.sub(r"\W", "-", release)


def notes(root: Path, out: str, indent: str, page_uri: str, words: dict) -> list[str]:
    """Markdown lines under a snippet's output: a collapsed note per distinct record of newer
    releases, titled with the releases that print it, the record inside, its differing lines marked."""
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
                                          date=newest.get("date", "?"), link=f"{link}#{anchor(releases[0])}")
        marked = " ".join(map(str, newest["records"][snippet].get("lines", [])))
        hl = f' hl_lines="{marked}"' if marked else ""
        lines += ["", *(f'{indent}<span id="{anchor(r, snippet)}"></span>' for r in releases), "",
                  f'{indent}??? info drift-note "{words["drift_title"].format(release=names)}"', "",
                  f"{indent}    {body}", "", f"{indent}    ``` {{ .text .no-copy{hl} }}",
                  f'{indent}    --8<-- "{rec(releases[0])}"', f"{indent}    ```"]
    return lines


def version_notes(root: Path, lang: str, words: dict) -> str:
    """Every release's differences, newest first: the Version notes page's tables."""
    parts, docs = [], root / "docs"
    for release, s in summaries(root).items():
        records, base = s.get("records", {}), release_of(s.get("base") or "?")
        parts += ["## " + words["drift_release"].format(release=release, anchor=anchor(release)),
                  words["drift_summary"].format(date=s.get("date", "?"), torch=s.get("torch", release),
                                                checked=len(s.get("checked", {})), cpu=s.get("cpu_capability", "?"),
                                                threads=s.get("threads", "?"), base=base, count=len(records))]
        head = [h.format(base=base, release=release) for h in words["drift_head"]]
        rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        for snippet, entry in sorted(records.items()):
            links = [f"[{Page.read(docs / lang / p).title or p.stem}]({p.as_posix()}#{anchor(release, snippet)})"
                     for p in pages_showing(docs, lang, snippet)]
            cells = [f"<code>{html.escape(entry[k])}</code>" if entry.get(k) else "" for k in ("was", "now")]
            rows.append(f"| {'<br>'.join(links) or '-'} | <code>{Path(snippet).name}</code> | "
                        f"{', '.join(map(str, entry.get('lines', [])))} | {cells[0]} | {cells[1]} |")
        parts.append("\n".join(rows) if records else words["drift_none"])
    return "\n\n".join(parts) or words["drift_empty"]


def newest_check(root: Path, shown: list[str]) -> dict | None:
    """For the provenance line: the newest release the outputs were checked on, and of the
    snippets a page shows, how many that check covered and how many differ."""
    release, s = next(iter(summaries(root).items()), (None, {}))
    if release is None:
        return None
    shown = [p for p in shown if (root / p).exists()]
    checked = [p for p in shown if s.get("checked", {}).get(p) == checked_fingerprint(root / p)]
    return {"release": release, "date": s.get("date", "?"), "total": len(shown), "checked": len(checked),
            "differ": sum(p in s.get("records", {}) for p in checked), "anchor": anchor(release)}

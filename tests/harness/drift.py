"""Records of what a newer PyTorch prints differently (``make drift TORCH=<version>``).

The outputs under ``snippets/`` come from the pinned torch (``snippets/provenance.json``).
``make drift`` runs every snippet again on a newer release, in ``.venv-torch-<version>``,
with the same harness and tolerances (``pytest --drift=write``). Where a snippet prints
something else beyond its tolerance, it writes a **record** beside it::

    snippets/<chapter>/<page>_<step>.torch-<release>.out

and, for every release, one **summary**, ``snippets/drift/torch-<release>.json``: the
release, the date, the CPU kernel level and thread count, a fingerprint of every snippet
it checked, and per record the fingerprints of the snippet, of its main ``.out`` and of
the record at the time it was made, the lines of the record that differ, and why.

The reading side (paths, summaries, fingerprints) lives in hooks/drift.py, which the
site build uses too; this module compares, writes and checks.

``check(root)`` is what ``make test`` runs without the second torch: a record is stale
when its snippet or its main output changed since it was made (or it was edited by
hand); a record must be listed in its summary; and a record equal to the main output
within the snippet's tolerance must not exist. Every message names file:line and says
to run ``make drift TORCH=<release>``.
"""
from __future__ import annotations

import difflib
import json
from pathlib import Path

from engine import compare as outputs, settings

from hooks.drift import (RECORD, SUMMARY, SUMMARY_DIR, Summary, checked_fingerprint,  # noqa: F401
                         file_fingerprint, fingerprint, is_record, load_summary, page_records,
                         record_path, release_of, snippet_of, summaries, summary_path, version_key)


def differing_lines(record: str, main: str, rtol: float = outputs.DEFAULT_RTOL,
                    atol: float = outputs.DEFAULT_ATOL) -> list[int]:
    """1-based lines of ``record`` that differ from ``main`` beyond tolerance.

    Lines are paired with difflib; a changed line whose numbers are all within
    tolerance (and whose words are the same) is not marked; an added line is.
    """
    a, b = record.splitlines(), main.splitlines()
    marked = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for k in range(i1, i2):
            other = j1 + (k - i1)
            if tag == "replace" and other < j2 and outputs.compare(a[k], b[other], rtol, atol).ok:
                continue
            marked.append(k + 1)
    return marked


def first_difference(record: str, main: str, lines: list[int]) -> tuple[str, str]:
    """(the main output's line, the record's line) at the first marked line, for tables."""
    if not lines:
        return "", ""
    a, b = record.splitlines(), main.splitlines()
    k = lines[0] - 1
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 <= k < i2 and tag == "replace" and j1 + (k - i1) < j2:
            return b[j1 + (k - i1)], a[k]
        if i1 <= k < i2:
            return "", a[k]
    return "", a[k] if k < len(a) else ""


WAIT = "DRIFT_RECORDS_READY"  # environment: a file make drift creates once the records are written


def wait_for_records(limit: float = 1800.0) -> None:
    """Under make drift, labs and notebooks run beside the snippets (another process),
    and what they compare with includes the records that run writes: wait for it."""
    import os
    import time

    marker = os.environ.get(WAIT)
    started = time.monotonic()
    while marker and not Path(marker).exists():
        if time.monotonic() - started > limit:
            raise TimeoutError(f"make drift: the snippet run did not finish within {limit:.0f} s")
        time.sleep(0.2)


# ---------------------------------------------------------------- summaries
def write_summary(root: Path, data: dict) -> Path:
    path = summary_path(root, data["release"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def entry_for(root: Path, snippet: Path, record_text: str, main_text: str, cfg: settings.Settings,
              reason: str) -> dict:
    """What a summary stores about one record."""
    lines = differing_lines(record_text, main_text, cfg.rtol, cfg.atol)
    old, new = first_difference(record_text, main_text, lines)
    return {
        "snippet_sha": file_fingerprint(snippet),
        "out_sha": fingerprint(main_text),
        "record_sha": fingerprint(record_text),
        "lines": lines,
        "reason": reason,
        "was": old,
        "now": new,
    }


# ---------------------------------------------------------------- the consistency check
def _line_in(path: Path, needle: str) -> int:
    if not path.exists():
        return 1
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return no
    return 1


def check(root: Path) -> list[str]:
    """Problems of the committed records and summaries (no second torch needed)."""
    problems = []
    by_release = {s.release: s for s in summaries(root)}
    for s in by_release.values():
        rel_summary = s.path.relative_to(root).as_posix()
        run = f"run `make drift TORCH={s.release}`"
        if s.path.name != f"torch-{s.release}.json":
            problems.append(f"{rel_summary}:1: names release {s.release!r}; the file must be "
                            f"torch-{s.release}.json")
        for snippet_rel, entry in sorted(s.records.items()):
            snippet = root / snippet_rel
            record = record_path(snippet, s.release)
            rec_rel = record.relative_to(root).as_posix()
            where = f"{rel_summary}:{_line_in(s.path, json.dumps(snippet_rel) + ': {')}"
            if not snippet.exists():
                problems.append(f"{where}: lists {snippet_rel}, which no longer exists; {run}")
                continue
            if not record.exists():
                problems.append(f"{where}: lists a record {rec_rel} that does not exist; {run}")
                continue
            main = snippet.with_suffix(".out")
            changed = [what for what, now, then in (
                (snippet_rel, file_fingerprint(snippet), entry.get("snippet_sha")),
                (main.relative_to(root).as_posix(), file_fingerprint(main), entry.get("out_sha")),
                (f"{rec_rel} itself (edited by hand?)", file_fingerprint(record), entry.get("record_sha")),
            ) if now != then]
            if changed:
                problems.append(f"{rec_rel}:1: stale: {' and '.join(changed)} changed since the record "
                                f"was made; {run}")
                continue
            try:
                cfg = settings.for_snippet(snippet)
            except settings.SettingsError:
                cfg = settings.Settings()
            if main.exists() and outputs.compare(record.read_text(encoding="utf-8"),
                                                 main.read_text(encoding="utf-8"), cfg.rtol, cfg.atol).ok:
                problems.append(
                    f"{rec_rel}:1: equals {main.relative_to(root).as_posix()} within its tolerance "
                    f"(rtol {cfg.rtol:g}, atol {cfg.atol:g}): a record exists only for an output that "
                    f"differs; delete it and its entry ({run} does)")
    snippets = root / "snippets"
    for record in sorted(snippets.rglob("*.out")) if snippets.is_dir() else []:
        m = RECORD.match(record.name)
        if not m:
            continue
        rec_rel = record.relative_to(root).as_posix()
        release = m.group("release")
        s = by_release.get(release)
        snippet_rel = snippet_of(record).relative_to(root).as_posix()
        if s is None:
            problems.append(f"{rec_rel}:1: a record of torch {release}, but there is no summary "
                            f"{SUMMARY_DIR}/torch-{release}.json; run `make drift TORCH={release}`")
        elif snippet_rel not in s.records:
            problems.append(f"{rec_rel}:1: not listed in {s.path.relative_to(root).as_posix()}; "
                            f"run `make drift TORCH={release}`")
    return problems



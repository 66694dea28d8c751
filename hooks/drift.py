"""MkDocs hook: what newer PyTorch releases print differently, shown to readers.

The data is written by ``make drift TORCH=<version>`` (scripts/drift.py): records
``snippets/<chapter>/<page>_<step>.torch-<release>.out`` beside the snippets and one
summary per release, ``snippets/drift/torch-<release>.json`` (tests/harness/drift.py).
Nothing here is typed into a page, so every language shows the same thing:

- under every output that a newer release prints differently, a collapsed note titled
  with that release shows the record (included with pymdownx.snippets, like the output
  above it), the lines that differ marked;
- the Version notes page (``<!-- drift-notes -->`` in docs/<lang>/versions.md) lists
  every difference by release, with links to each note;
- hooks/provenance.py adds the release the outputs were also checked on to the
  provenance line of every page.
"""
from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------- the data (read by the
# tests too: tests/harness/drift.py writes and checks it)
RECORD = re.compile(r"^(?P<stem>.+)\.torch-(?P<release>\d+(?:\.\d+)+[\w.]*)\.out$")
SUMMARY_DIR = "snippets/drift"
SUMMARY = re.compile(r"^torch-(?P<release>\d+(?:\.\d+)+[\w.]*)\.json$")


def release_of(version: str) -> str:
    """The release a torch build belongs to: ``2.14.1+cu130`` -> ``2.14.1``."""
    return version.split("+", 1)[0]


def version_key(release: str) -> tuple:
    return tuple(int(p) if p.isdigit() else -1 for p in re.split(r"[.]", release))


def is_record(path: Path) -> bool:
    return bool(RECORD.match(path.name))


def record_path(snippet: Path, release: str) -> Path:
    return snippet.with_name(f"{snippet.stem}.torch-{release}.out")


def snippet_of(record: Path) -> Path:
    return record.with_name(RECORD.match(record.name).group("stem") + ".py")


def summary_path(root: Path, release: str) -> Path:
    return root / SUMMARY_DIR / f"torch-{release}.json"


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def file_fingerprint(path: Path) -> str | None:
    return fingerprint(path.read_text(encoding="utf-8")) if path.exists() else None


# ---------------------------------------------------------------- summaries
@dataclass
class Summary:
    path: Path
    data: dict = field(default_factory=dict)

    @property
    def release(self) -> str:
        return self.data.get("release", "")

    @property
    def records(self) -> dict[str, dict]:
        return self.data.get("records", {})


def summaries(root: Path) -> list[Summary]:
    """Every release's summary, newest release first."""
    folder = root / SUMMARY_DIR
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            if SUMMARY.match(path.name):
                found.append(Summary(path, json.loads(path.read_text(encoding="utf-8"))))
    return sorted(found, key=lambda s: version_key(s.release), reverse=True)


def load_summary(root: Path, release: str) -> dict:
    path = summary_path(root, release)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def checked_fingerprint(snippet: Path) -> str:
    """What 'checked on release X' covers for one snippet: its code and its main output."""
    out = snippet.with_suffix(".out")
    text = snippet.read_text(encoding="utf-8") + "\0" + (out.read_text(encoding="utf-8") if out.exists() else "")
    return fingerprint(text)


# ---------------------------------------------------------------- what pages show
def page_records(root: Path, out_rel: str) -> list[tuple[Summary, str, dict]]:
    """(summary, record path, entry) of every release that recorded a difference for the
    snippet whose main output is ``out_rel``; newest release first."""
    snippet_rel = out_rel[: -len(".out")] + ".py"
    found = []
    for s in summaries(root):
        entry = s.records.get(snippet_rel)
        if entry is not None:
            found.append((s, record_path(Path(snippet_rel), s.release).as_posix(), entry))
    return found

# ---------------------------------------------------------------- the hook

MARKER = "<!-- drift-notes -->"
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)")
INCLUDE = re.compile(r'^\s*--8<--\s+"(?P<path>snippets/[^"]+\.out)"\s*$')
TITLE = re.compile(r"^#\s+(.*?)\s*(?:\{[^}]*\})?\s*$", re.M)
PAGE = "versions.md"

TEXT = {
    "zh": {
        "title": "PyTorch {release}：输出不同",
        "sep": "、",
        "and": " 和 ",
        "body": "本页的输出由 PyTorch {base} 生成。在 PyTorch {release} 上，上面的代码打印如下，"
                "标出的行与上面的输出不同（{date} 核对，见[版本差异]({link})）。",
        "release": "PyTorch {release} {{#{anchor}}}",
        "summary": "{date} 在 PyTorch {torch} 上运行了全部 {checked} 段代码（CPU 内核 {cpu}，{threads} 个线程），"
                   "与 PyTorch {base} 生成的输出比较（容差与测试相同）。输出不同的代码：{count} 段。",
        "none": "没有输出不同。",
        "head": ("页面", "代码", "行", "PyTorch {base}", "PyTorch {release}"),
        "empty": "还没有在更新的 PyTorch 上核对过。",
    },
    "en": {
        "title": "PyTorch {release}: a different output",
        "sep": ", ",
        "and": " and ",
        "body": "The outputs on this page come from PyTorch {base}. On PyTorch {release}, the code above "
                "prints this; the marked lines differ from the output above (checked on {date}; see "
                "[Version notes]({link})).",
        "release": "PyTorch {release} {{#{anchor}}}",
        "summary": "On {date}, all {checked} snippets ran on PyTorch {torch} (CPU kernels {cpu}, {threads} "
                   "thread(s)) and were compared with the outputs of PyTorch {base}, with the tests' "
                   "tolerances. Snippets whose output differs: {count}.",
        "none": "No output differs.",
        "head": ("Page", "Snippet", "Line", "PyTorch {base}", "PyTorch {release}"),
        "empty": "Not checked on a newer PyTorch yet.",
    },
}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _words(config) -> dict:
    return TEXT.get(config.theme["language"], TEXT["en"])


def anchor(snippet_rel: str, release: str) -> str:
    """The id of the note under a snippet's output, e.g. drift-activations_relu_at_zero-2-14-1."""
    return "drift-" + Path(snippet_rel).stem + "-" + re.sub(r"\W", "-", release)


def _base(summary: dict) -> str:
    return (summary.get("base") or "?").split("+")[0]


def _link_to_versions(page_uri: str) -> str:
    return posixpath.relpath(PAGE, posixpath.dirname(page_uri) or ".")


def notes_under_outputs(markdown: str, root: Path, page_uri: str, words: dict) -> str:
    """After each output block whose snippet has records, a collapsed note per release."""
    lines = markdown.splitlines()
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(m.group("fence")):
            j += 1
        block = lines[i: j + 1]
        out.extend(block)
        i = j + 1
        included = [INCLUDE.match(b).group("path") for b in block if INCLUDE.match(b)]
        indent = m.group("indent")
        for out_rel in included:
            for group in same_records(root, out_rel):
                summary, record, entry = group[0]  # the newest release of those that print this
                releases = [s.release for s, _, _ in group]
                hl = " ".join(str(n) for n in entry.get("lines", []))
                body = words["body"].format(base=_base(summary.data), release=_join(releases, words),
                                            date=summary.data.get("date", "?"),
                                            link=_link_to_versions(page_uri) + "#" + anchor_release(releases[-1]))
                out += [""] + [f'{indent}<span id="{anchor(out_rel, r)}"></span>' for r in releases] + ["",
                        f'{indent}??? info drift-note "{words["title"].format(release=_join(releases, words))}"', "",
                        f"{indent}    {body}", "",
                        f'{indent}    ``` {{ .text .no-copy' + (f' hl_lines="{hl}"' if hl else "") + " }",
                        f'{indent}    --8<-- "{record}"',
                        f"{indent}    ```"]
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")


def same_records(root: Path, out_rel: str) -> list[list[tuple[Summary, str, dict]]]:
    """The releases that recorded a difference for an output, grouped by what they print
    (newest first in each group): one note under the output per distinct record."""
    groups: dict[str, list] = {}
    for item in page_records(root, out_rel):
        text = (root / item[1]).read_text(encoding="utf-8") if (root / item[1]).exists() else item[1]
        groups.setdefault(text, []).append(item)
    return list(groups.values())


def _join(releases: list[str], words: dict) -> str:
    """2.14.1 and 2.15.0 in the reader's words, oldest first."""
    ordered = sorted(releases, key=version_key)
    if len(ordered) == 1:
        return ordered[0]
    return words["sep"].join(ordered[:-1]) + words["and"] + ordered[-1]


def anchor_release(release: str) -> str:
    return "torch-" + re.sub(r"\W", "-", release)


def _cell(text: str) -> str:
    return f"<code>{html.escape(text)}</code>" if text else ""


def pages_showing(root: Path, lang: str, out_rel: str) -> list[Path]:
    """The pages of a language that include an output."""
    line = re.compile(r'^\s*--8<--\s+"' + re.escape(out_rel) + r'"\s*$', re.M)
    return [p for p in sorted((root / "docs" / lang).rglob("*.md")) if line.search(p.read_text(encoding="utf-8"))]


def _page_title(path: Path) -> str:
    m = TITLE.search(path.read_text(encoding="utf-8")) if path.exists() else None
    return m.group(1) if m else path.stem


def version_notes(root: Path, lang: str, words: dict) -> str:
    """Every release's differences, newest first: the Version notes page's tables."""
    found = summaries(root)
    if not found:
        return words["empty"]
    parts = []
    for s in found:
        data = s.data
        parts.append("## " + words["release"].format(release=s.release, anchor=anchor_release(s.release)))
        parts.append(words["summary"].format(date=data.get("date", "?"), torch=data.get("torch", s.release),
                                             checked=len(data.get("checked", {})), cpu=data.get("cpu_capability", "?"),
                                             threads=data.get("threads", "?"), base=_base(data),
                                             count=len(s.records)))
        if not s.records:
            parts.append(words["none"])
            continue
        head = [h.format(base=_base(data), release=s.release) for h in words["head"]]
        rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        for snippet_rel, entry in sorted(s.records.items()):
            out_rel = snippet_rel[: -len(".py")] + ".out"
            links = [f"[{_page_title(page)}]({page.relative_to(root / 'docs' / lang).as_posix()}"
                     f"#{anchor(out_rel, s.release)})" for page in pages_showing(root, lang, out_rel)]
            lines = ", ".join(str(n) for n in entry.get("lines", []))
            rows.append(f"| {'<br>'.join(links) or '-'} | <code>{Path(snippet_rel).name}</code> | {lines} | "
                        f"{_cell(entry.get('was', ''))} | {_cell(entry.get('now', ''))} |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def on_page_markdown(markdown, page, config, files):
    root = _root(config)
    words = _words(config)
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, version_notes(root, config.theme["language"], words))
    if '.out"' in markdown:
        markdown = notes_under_outputs(markdown, root, page.file.src_uri, words)
    return markdown

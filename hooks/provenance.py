"""MkDocs hook: each page that shows outputs says where they come from.

The data is snippets/provenance.json, written by `make update-outputs` from the run
that produced the outputs (torch version, CPU, threads, seed, date), and the summaries
of `make drift` (snippets/drift/torch-<release>.json, tests/harness/drift.py): the
newest release the outputs were also checked on, how many of this page's outputs that
check covered (a snippet changed since is not counted) and how many of them differ.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.utils import get_relative_url

try:
    import drift  # hooks/drift.py: MkDocs puts hooks/ on sys.path while loading a hook
except ImportError:  # imported as hooks.provenance (tests)
    from hooks import drift

TEXT = {
    "zh": "本页的输出由 PyTorch {torch}（{device}，{machine}，{threads} 个线程，随机种子 {seed}）"
          "实际运行生成并经测试核对；输出最近一次更新于 {updated}。",
    "en": "The outputs on this page were produced by running the code with PyTorch {torch} "
          "({device}, {machine}, {threads} thread(s), seed {seed}) and checked by the tests; "
          "outputs last updated on {updated}.",
}
CHECKED = {
    "zh": "它们也在 PyTorch {release} 上核对过（{date}）：本页 {total} 个输出中核对了 {checked} 个，"
          "{differ} 个不同（{link}）。",
    "en": " They were also checked on PyTorch {release} ({date}): {checked} of this page's {total} outputs, "
          "{differ} of them different ({link}).",
}
LINK = {"zh": "版本差异", "en": "Version notes"}
OUT = re.compile(r'--8<--\s+"(snippets/[^"]+)\.out"')


def _checked(root: Path, page, config, files) -> str:
    """The sentence about the newest release the outputs were also checked on ('' if none)."""
    summaries = drift.summaries(root)
    if not summaries:
        return ""
    s = summaries[0]
    shown = sorted({m.group(1) + ".py" for m in OUT.finditer(page.markdown or "")
                    if not drift.RECORD.match(Path(m.group(1) + ".out").name)})
    shown = [p for p in shown if (root / p).exists()]
    checked = [p for p in shown if s.data.get("checked", {}).get(p) == drift.checked_fingerprint(root / p)]
    differ = [p for p in checked if p in s.records]
    lang = config.theme["language"]
    link = html.escape(LINK.get(lang, LINK["en"]))
    notes = files.get_file_from_path("versions.md")
    if notes is not None:
        href = get_relative_url(notes.url, page.url) + "#torch-" + re.sub(r"\W", "-", s.release)
        link = f'<a href="{html.escape(href)}">{link}</a>'
    return html.escape(CHECKED.get(lang, CHECKED["en"])).format(
        release=s.release, date=s.data.get("date", "?"), total=len(shown), checked=len(checked),
        differ=len(differ), link=link)


# A lab's outputs come from running the lab (hooks/labs.py executes it, one thread,
# its own seed), once for every language, before the site is built.
LAB_TEXT = {
    "zh": "本页的输出是用 PyTorch {torch}（CPU，1 个线程，随机种子 0）实际运行本实验生成的，"
          "并经测试核对；下载的 notebook 含有同样的输出。",
    "en": "The outputs on this page were produced by running this lab with PyTorch {torch} "
          "(CPU, 1 thread, seed 0) and checked by the tests; the notebook download holds the same outputs.",
}


def on_page_content(content, page, config, files):
    if getattr(page.file, "lab_notebook", None):  # a lab (hooks/labs.py)
        from importlib.metadata import version

        text = LAB_TEXT.get(config.theme["language"], LAB_TEXT["en"]).format(torch=version("torch").split("+")[0])
        return content + f'\n<p class="provenance">{html.escape(text)}</p>\n'
    if ".out\"" not in (page.markdown or ""):  # shows no snippet output
        return content
    root = Path(config.config_file_path).parent
    path = root / "snippets" / "provenance.json"
    if not path.exists():
        return content
    data = json.loads(path.read_text(encoding="utf-8"))
    data["device"] = data["device"].upper()
    text = html.escape(TEXT.get(config.theme["language"], TEXT["en"]).format(**data))
    text += _checked(root, page, config, files)
    return content + f'\n<p class="provenance">{text}</p>\n'

"""MkDocs hook: each page that shows outputs says where they come from.

The data is snippets/provenance.json, written by `make update-outputs` from the run
that produced the outputs (torch version, CPU, threads, seed, date).
"""
from __future__ import annotations

import html
import json
from pathlib import Path

TEXT = {
    "zh": "本页的输出由 PyTorch {torch}（{device}，{machine}，{threads} 个线程，随机种子 {seed}）"
          "实际运行生成并经测试核对；输出最近一次更新于 {updated}。",
    "en": "The outputs on this page were produced by running the code with PyTorch {torch} "
          "({device}, {machine}, {threads} thread(s), seed {seed}) and checked by the tests; "
          "outputs last updated on {updated}.",
}


# A lab's outputs come from running the lab (hooks/labs.py executes it, one thread,
# its own seed), once for every language, before the site is built.
LAB_TEXT = {
    "zh": "本页的输出是用 PyTorch {torch}（CPU，1 个线程，随机种子 0）实际运行本实验生成的，"
          "并经测试核对；下载的 notebook 含有同样的输出。",
    "en": "The outputs on this page were produced by running this lab with PyTorch {torch} "
          "(CPU, 1 thread, seed 0) and checked by the tests; the notebook download holds the same outputs.",
}


def on_page_content(content, page, config, files):
    if getattr(page.file, "lab_prose", None):  # a lab (hooks/labs.py)
        from importlib.metadata import version

        text = LAB_TEXT.get(config.theme["language"], LAB_TEXT["en"]).format(torch=version("torch").split("+")[0])
        return content + f'\n<p class="provenance">{html.escape(text)}</p>\n'
    if ".out\"" not in (page.markdown or ""):  # shows no snippet output
        return content
    path = Path(config.config_file_path).parent / "snippets" / "provenance.json"
    if not path.exists():
        return content
    data = json.loads(path.read_text(encoding="utf-8"))
    data["device"] = data["device"].upper()
    text = TEXT.get(config.theme["language"], TEXT["en"]).format(**data)
    return content + f'\n<p class="provenance">{html.escape(text)}</p>\n'

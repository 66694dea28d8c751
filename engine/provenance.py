"""The line under every page that shows outputs: where they come from.

The data is ``snippets/provenance.json``, written by ``make update-outputs`` from the run
that produced the outputs (torch version, CPU, threads, seed, date), and the summaries of
``make drift`` (engine/drift.py): the newest release the outputs were also checked on,
how many of the page's outputs that check covered (a snippet changed since is not
counted) and how many of them differ. A lab's outputs come from running the lab
(engine/labs.py), once for every language.
"""
from __future__ import annotations

import html
import json
from importlib.metadata import version
from pathlib import Path

from . import drift

FILE = "snippets/provenance.json"


def made_by(root: Path) -> dict:
    """Where the outputs come from (snippets/provenance.json), or {} when not written yet."""
    path = root / FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def line(root: Path, words: dict, snippets: list[str], versions_href: str | None, lab: bool = False) -> str:
    """The provenance paragraph of a page that shows these snippets ('' for none)."""
    if lab:
        text = html.escape(words["provenance_lab"].format(torch=version("torch").split("+")[0]))
        return f'\n<p class="provenance">{text}</p>\n'
    data = made_by(root)
    if not snippets or not data:
        return ""
    text = html.escape(words["provenance"].format(**{**data, "device": data["device"].upper()}))
    newest = drift.newest_check(root, snippets)
    if newest:
        link = html.escape(words["versions_link"])
        if versions_href is not None:
            link = f'<a href="{html.escape(versions_href + "#" + newest["anchor"])}">{link}</a>'
        text += html.escape(words["provenance_checked"]).format(**{**newest, "link": link})
    return f'\n<p class="provenance">{text}</p>\n'

"""Formulas rendered when the site is built: no script renders math in the reader's browser.

Every formula of a page reaches the reader as KaTeX's finished HTML and MathML: the
arithmatex output of the Markdown (``\\( … \\)`` inline, ``\\[ … \\]`` display), and the
``$ … $`` / ``$$ … $$`` math of a notebook (lab) page's prose, which nbconvert leaves as
text. KaTeX is the npm package (package.json), run by Node (scripts/katex.mjs): one process
per build, started at the first formula not in the cache. The cache
(``.cache/katex/<version>-<language>.json``) holds every formula rendered before, so a rebuild
starts no Node at all. A formula that does not parse is an error (``MathError``); the
build names its page and line.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
from pathlib import Path

from . import fonts

ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', re.S)
DELIMITERS = re.compile(r"^\\\((?P<inline>.*)\\\)$|^\\\[(?P<display>.*)\\\]$", re.S)
NOTEBOOK = '<div class="jupyter-wrapper">'
NOTEBOOK_MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$\s][^$]*?)\$", re.S)
RAW = re.compile(r"(<(pre|code|script|style)\b.*?</\2>|<[^>]+>)", re.S)  # what math never sits in


class MathError(Exception):
    def __init__(self, tex: str, message: str):
        super().__init__(message)
        self.tex, self.message = tex, message


class Katex:
    """KaTeX behind a cache: render(tex, display) -> HTML."""

    def __init__(self, root: Path, name: str = "site"):
        self.root = root
        package = root / "node_modules" / "katex" / "package.json"
        self.version = json.loads(package.read_text())["version"] if package.exists() else "missing"
        self.cache_path = root / ".cache" / "katex" / f"{self.version}-{name}.json"  # one per build: no race
        self.cache = json.loads(self.cache_path.read_text(encoding="utf-8")) if self.cache_path.exists() else {}
        self.new, self.proc = 0, None
        self.chars: set[str] = set()  # of every formula rendered: the fonts keep these (engine/fonts.py)
        self._counted: set[str] = set()  # the formulas whose characters are in chars

    def _node(self):
        if self.proc is None:
            if self.version == "missing":
                raise MathError("", "KaTeX is not installed: run `make test` (it runs npm ci)")
            self.proc = subprocess.Popen(["node", str(self.root / "scripts" / "katex.mjs")], cwd=self.root,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        return self.proc

    def render(self, tex: str, display: bool) -> str:
        key = hashlib.sha256(f"{display}\0{tex}".encode()).hexdigest()[:24]
        if key not in self.cache:
            proc = self._node()
            proc.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
            proc.stdin.flush()
            answer = json.loads(proc.stdout.readline())
            if "error" in answer:
                raise MathError(tex, answer["error"])
            self.cache[key] = answer["html"]
            self.new += 1
        if key not in self._counted:  # a formula shown again (a title, on each page) adds nothing
            self._counted.add(key)
            self.chars |= fonts.formula_chars(self.cache[key])
        return self.cache[key]

    def close(self) -> None:
        """End Node and keep what was rendered (written whole, then moved into place)."""
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait()
            self.proc = None
        if self.new:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.cache, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.cache_path)
            self.new = 0


def render_page(page_html: str, katex: Katex) -> str:
    """The page's HTML with every formula rendered (a notebook's $ … $ math too)."""
    def arithmatex(m: re.Match) -> str:
        d = DELIMITERS.match(html.unescape(m.group("body")).strip())
        if d is None:
            return m.group(0)
        display = d.group("display") is not None
        tex = d.group("display") if display else d.group("inline")
        return f'<{m.group("tag")} class="arithmatex">{katex.render(tex.strip(), display)}</{m.group("tag")}>'

    page_html = ARITHMATEX.sub(arithmatex, page_html)
    start = page_html.find(NOTEBOOK)
    if start == -1:
        return page_html
    parts, out = RAW.split(page_html[start:]), []
    for i, part in enumerate(parts):
        if i % 3 == 0:  # text between tags: a notebook's prose
            part = NOTEBOOK_MATH.sub(lambda m: '<span class="notebook-math">' + katex.render(
                html.unescape(m.group("display") or m.group("inline")).strip(), m.group("display") is not None)
                + "</span>", part)
        elif i % 3 == 2:
            continue  # the tag name RAW's inner group captured
        out.append(part)
    return page_html[:start] + "".join(out)


INLINE_TEXT = re.compile(r"\\\((?P<tex>.+?)\\\)")


def render_title(title: str, katex: Katex) -> str:
    """A heading's title as the table of contents shows it (plain text with \\( … \\)),
    its formulas rendered."""
    return INLINE_TEXT.sub(lambda m: '<span class="arithmatex">' + katex.render(html.unescape(m.group("tex")).strip(),
                                                                                False) + "</span>", title)


def source_line(markdown: str, tex: str) -> int:
    """The line of a page's Markdown that holds a formula (1 when it cannot be found)."""
    for probe in (tex, tex[:30], tex.split("\\")[0].strip()):
        if probe:
            for n, line in enumerate(markdown.splitlines(), 1):
                if probe in line:
                    return n
    return 1

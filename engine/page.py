"""The page grammar: the one owner of the Markdown the site's pages are written in.

A page is ``docs/<lang>/<path>.md``. What the tools read from it is defined here, once:

- front matter: a YAML block between ``---`` lines at the top (translation stamps,
  search boost);
- fenced code blocks (````` ``` ````` or ``~~~``, at any indentation); their lines are
  code, not prose;
- includes: a line ``--8<-- "path"`` or ``--8<-- "path:section"`` (pymdownx.snippets'
  one-line form; inside a fence it fills the block, outside one it places a lab cell);
- a snippet with its output: the code fence that includes ``snippets/<...>.py``, the
  annotation list after it (``1.  ...``, for the ``# (1)!`` markers), and the output fence
  that includes the matching ``.out``;
- headings with explicit ids (``## Title {#some-id}``), admonitions
  (``!!! kind "title"``, ``??? kind``), content tabs (``=== "title"``), display math
  (``$$``), images and links;
- prose lines: everything else (what the glossary and the number checks read).

Nothing here knows MkDocs or pytest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>.*)$")
INCLUDE = re.compile(r'^(?P<indent>[ \t]*)(?:[-*]\s+|>\s*)?--8<--\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*$")
HEADING_ID = re.compile(r"\s*\{\s*#(?P<id>[\w-]+)[^}]*\}\s*$")
ADMONITION = re.compile(r'^(?P<indent>\s*)(?P<marker>!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:[^"]*"(?P<title>[^"]*)")?')
TAB = re.compile(r'^(?P<indent>\s*)===\+?\s+"(?P<title>[^"]*)"\s*$')
MATH_BLOCK = re.compile(r"^\s*\$\$")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<target>[^)\s]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<target>[^)\s]+)\)")
ANNOTATION_ITEM = re.compile(r"^(?P<indent>[ \t]*)\d+\.\s")
ANNOTATION_MARKER = re.compile(r"\s*# \(\d+\)!")  # in a snippet: `x = 1  # (1)!`
# An error or warning quoted in prose, e.g. `RuntimeError: grad can be ...`.
QUOTED_MESSAGE = re.compile(r"`((?:[A-Za-z]+\.)*[A-Za-z]*(?:Error|Warning|Exception): [^`]+)`")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")


def split_front_matter(text: str) -> tuple[dict, str]:
    """(the front matter as data, the text after it)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    return yaml.safe_load(m.group(1) or "") or {}, text[m.end():]


def without_heading_id(line: str) -> str:
    return HEADING_ID.sub("", line)


def snippet_code(text: str) -> str:
    """A snippet as a reader copies it: annotation markers removed, trailing spaces and
    the blank lines around it dropped (what the copy button and a notebook cell hold)."""
    return "\n".join(ANNOTATION_MARKER.sub("", line).rstrip() for line in text.splitlines()).strip("\n")


@dataclass(frozen=True)
class Include:
    line: int  # 1-based, in the file
    indent: str
    path: str  # relative to the repository root, section removed
    section: str | None
    in_fence: bool  # inside a code block (it fills the block) or not (a lab cell)


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str  # without the id
    id: str | None
    source: str  # the line as written


@dataclass(frozen=True)
class Fence:
    start: int  # 0-based index of the opening line
    end: int  # 0-based index of the closing line (or the last line of an unclosed block)
    indent: str
    info: str  # after the backticks: `python title="..."`, `{ .text .no-copy title="Output" }`


@dataclass
class Snippet:
    """A snippet the page shows: its code block, annotations and output block."""

    line: int  # 1-based line of the code block's include
    indent: str
    code: str  # snippets/<...>.py
    output: str | None = None  # snippets/<...>.out, when the page shows it
    start: int = 0  # 0-based first line of the code fence
    end: int = 0  # 0-based last line of the output fence (or of the code fence)
    annotations: list[str] = field(default_factory=list)  # the annotation list's lines


class Page:
    """One Markdown page, parsed once."""

    def __init__(self, text: str, path: Path | str | None = None):
        self.text = text
        self.path = Path(path) if path is not None else None
        self.lines = text.splitlines()
        self.meta, body = split_front_matter(text)
        self.body_start = text[: len(text) - len(body)].count("\n")  # lines of front matter

    @classmethod
    def read(cls, path: Path) -> "Page":
        return cls(Path(path).read_text(encoding="utf-8"), path)

    # ------------------------------------------------------------ blocks
    @cached_property
    def fences(self) -> list[Fence]:
        found, i = [], self.body_start
        while i < len(self.lines):
            m = FENCE.match(self.lines[i])
            if not m:
                i += 1
                continue
            j = i + 1
            while j < len(self.lines) and not self.lines[j].strip().startswith(m.group("fence")):
                j += 1
            found.append(Fence(i, min(j, len(self.lines) - 1), m.group("indent"), m.group("info").strip()))
            i = j + 1
        return found

    @cached_property
    def in_code(self) -> list[bool]:
        """For each line: a fence line or inside a fenced block."""
        flags = [False] * len(self.lines)
        for f in self.fences:
            for k in range(f.start, f.end + 1):
                flags[k] = True
        return flags

    @cached_property
    def in_front_matter(self) -> list[bool]:
        return [i < self.body_start for i in range(len(self.lines))]

    @cached_property
    def includes(self) -> list[Include]:
        found = []
        for i, line in enumerate(self.lines):
            if i < self.body_start:
                continue
            m = INCLUDE.match(line)
            if m:
                found.append(Include(i + 1, m.group("indent"), m.group("path"), m.group("section"), self.in_code[i]))
        return found

    @cached_property
    def headings(self) -> list[Heading]:
        found = []
        for i, line in enumerate(self.lines):
            if self.in_code[i] or i < self.body_start:
                continue
            h = HEADING.match(line)
            if h:
                hid = HEADING_ID.search(h.group("text"))
                found.append(Heading(i + 1, len(h.group("hashes")), without_heading_id(h.group("text")),
                                     hid.group("id") if hid else None, line))
        return found

    @property
    def title(self) -> str | None:
        return self.headings[0].text if self.headings else None

    def _fence_include(self, fence: Fence) -> Include | None:
        inner = [inc for inc in self.includes if fence.start + 1 < inc.line <= fence.end + 1]
        return inner[0] if len(inner) == 1 else None

    @cached_property
    def snippets(self) -> list[Snippet]:
        """Every snippet the page shows, each paired with its output block: the first
        output fence after the code fence, past the annotation list and blank lines,
        that includes the snippet's ``.out``."""
        found, fences = [], self.fences
        for n, fence in enumerate(fences):
            inc = self._fence_include(fence)
            if inc is None or not (inc.path.startswith("snippets/") and inc.path.endswith(".py")):
                continue
            snippet = Snippet(inc.line, fence.indent, inc.path, start=fence.start, end=fence.end)
            k, listed = fence.end + 1, []
            while k < len(self.lines) and not self.in_code[k]:
                line = self.lines[k]
                item = ANNOTATION_ITEM.match(line)
                if item and item.group("indent") == fence.indent:
                    listed.append(line)
                elif line.strip() and not (listed and line.startswith(fence.indent + "    ")):
                    break  # prose: the snippet shows no output block here
                elif line.strip():
                    listed.append(line)  # an item's continuation
                k += 1
            following = fences[n + 1] if n + 1 < len(fences) else None
            if following is not None and following.start == k:
                out = self._fence_include(following)
                if out is not None and out.path == inc.path[:-3] + ".out":
                    snippet.output, snippet.end, snippet.annotations = out.path, following.end, listed
            found.append(snippet)
        return found

    # ------------------------------------------------------------ prose
    @cached_property
    def math(self) -> list[bool]:
        """For each line: inside a display-math block (``$$ ... $$``)."""
        flags, inside = [False] * len(self.lines), False
        for i, line in enumerate(self.lines):
            if self.in_code[i]:
                continue
            if inside:
                flags[i] = True
                inside = "$$" not in line
                continue
            if MATH_BLOCK.match(line):
                flags[i] = True
                inside = line.count("$$") == 1
        return flags

    def prose_lines(self, math: bool = True) -> list[tuple[int, str]]:
        """(1-based line, text) of every line that is not front matter, code or an
        include; with math=False, display-math blocks are left out too."""
        return [(i + 1, line) for i, line in enumerate(self.lines)
                if not (self.in_code[i] or i < self.body_start or INCLUDE.match(line)
                        or (not math and self.math[i]))]

    @cached_property
    def quoted_messages(self) -> list[str]:
        return [m for _, line in self.prose_lines() for m in QUOTED_MESSAGE.findall(line)]

    def images(self) -> list[tuple[int, str, str]]:
        """(line, alt, target) of every image in the prose."""
        return [(n, m.group("alt"), m.group("target")) for n, line in self.prose_lines()
                for m in IMAGE.finditer(INLINE_CODE.sub("", line))]

    def links(self) -> list[tuple[int, str]]:
        return [(n, m.group("target")) for n, line in self.prose_lines()
                for m in LINK.finditer(INLINE_CODE.sub("", line))]


# ---------------------------------------------------------------- the docs tree
def pages(docs: Path, lang: str) -> list[Path]:
    """Markdown pages of a language, relative to docs/<lang>/."""
    base = docs / lang
    return sorted(p.relative_to(base) for p in base.rglob("*.md")) if base.is_dir() else []

"""The page grammar: the one owner of the Markdown the site's pages are written in.

A page is ``docs/<lang>/<path>.md``. What the tools read from it is defined here, once:

- front matter: a YAML block between ``---`` lines at the top (translation stamps,
  search boost);
- a **snippet with its output**, one line::

      {* snippets/autograd/basics_leaf.py *}

  optionally followed (after a blank line) by the annotation list for the snippet's
  ``# (1)!`` markers (``1.  ...``). ``expand`` turns it into what the reader sees: the
  code block titled with the file's path, the annotations, the output block (the
  ``.out`` beside the snippet, titled in the page's language) and the notes of newer
  PyTorch releases that print something else (engine/drift.py). The notebook download
  makes the same pairing into one cell (engine/notebook.py);
- includes: ``--8<-- "path"`` or ``--8<-- "path:section"`` (pymdownx.snippets' one-line
  form), which places a lab's code cell (engine/labs.py) or fills a code block;
- fenced code blocks (`````` ``` `````` or ``~~~``, at any indentation): code, not prose;
- headings with explicit ids (``## Title {#some-id}``), admonitions
  (``!!! kind "title"``, ``??? kind``), content tabs (``=== "title"``), display math
  (``$$``), images and links;
- prose lines: everything else (what the glossary and the number checks read).

Nothing here knows MkDocs or pytest.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\{\*\s*(?P<path>\S+?)\s*\*\}\s*$")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>.*)$")
INCLUDE = re.compile(r'^(?P<indent>[ \t]*)--8<--\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*$")
HEADING_ID = re.compile(r"\s*\{\s*#(?P<id>[\w-]+)[^}]*\}\s*$")
ADMONITION = re.compile(r'^(?P<indent>\s*)(?P<marker>!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:[^"]*"(?P<title>[^"]*)")?')
TAB = re.compile(r'^(?P<indent>\s*)===\+?\s+"(?P<title>[^"]*)"\s*$')
MATH_BLOCK = re.compile(r"^\s*\$\$")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<target>[^)\s]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<target>[^)\s]+)\)")
ANNOTATION_ITEM = re.compile(r"^(?P<indent>[ \t]*)\d+\.\s")
ANNOTATION_MARKER = re.compile(r"\s*# \(\d+\)!")  # in a snippet: `x = 1  # (1)!`
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
# An error or warning quoted in prose, e.g. `RuntimeError: grad can be ...`.
QUOTED_MESSAGE = re.compile(r"`((?:[A-Za-z]+\.)*[A-Za-z]*(?:Error|Warning|Exception): [^`]+)`")


def split_front_matter(text: str) -> tuple[dict, str]:
    """(the front matter as data, the text after it)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    return yaml.safe_load(m.group(1) or "") or {}, text[m.end():]


def without_heading_id(line: str) -> str:
    return HEADING_ID.sub("", line)


def page_url(src_uri: str) -> str:
    """The URL path of a page, relative to its language's root (directory URLs):
    ``regularization/overfitting.md`` -> ``regularization/overfitting/``, ``index.md`` -> ``""``."""
    path = src_uri[: -len(".md")]
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    return path + "/" if path and not path.endswith("/") else path


def link_url(target: str, src_uri: str, base: str = "") -> str:
    """A page's relative link to another page (``overfitting.md#early-stopping``) as the
    built site's URL: relative to the page itself when ``base`` is empty (what the site
    does to a page's links), below ``base`` (a site URL) otherwise, for a notebook read
    away from the site. Any other target is returned as it is."""
    import posixpath

    path, _, frag = target.partition("#")
    if not path.endswith(".md") or "://" in path or path.startswith("/"):
        return target
    there = page_url(posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path)))
    rel = posixpath.relpath(there or ".", page_url(src_uri) or ".")
    url = base + there if base else ("" if rel == "." else rel + "/")
    return url + ("#" + frag if frag else "")


def links_as_urls(markdown: str, src_uri: str, base: str = "") -> str:
    """Every relative page link of a page's Markdown as link_url gives it."""
    return LINK.sub(lambda m: m.group(0).replace(f"({m['target']})", f"({link_url(m['target'], src_uri, base)})"),
                    markdown)


def snippet_code(text: str) -> str:
    """A snippet as a reader copies it: annotation markers removed, trailing spaces and
    the blank lines around it dropped (what the copy button and a notebook cell hold)."""
    return "\n".join(ANNOTATION_MARKER.sub("", line).rstrip() for line in text.splitlines()).strip("\n")


def plain(line: str) -> str:
    """A prose line's words only: inline code and math, link targets, tags and attribute
    lists replaced by spaces (what the glossary check reads)."""
    line = re.sub(r"`[^`]*`", " ", line)
    line = re.sub(r"\$[^$]*\$", " ", line)
    line = re.sub(r"\]\([^)]*\)", "] ", line)
    return re.sub(r"<[^>]*>|\{[#.][^}]*\}", " ", line)


def output_of(snippet: str) -> str:
    """The output file of a snippet: ``snippets/c/p_a.py`` -> ``snippets/c/p_a.out``."""
    return snippet[: -len(".py")] + ".out"


@dataclass(frozen=True)
class Include:
    line: int  # 1-based, in the file
    indent: str
    path: str  # relative to the repository root, section removed
    section: str | None


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
    info: str


@dataclass
class Snippet:
    """A snippet the page shows: its directive line and the annotation list after it."""

    line: int  # 1-based line of the directive
    indent: str
    code: str  # snippets/<...>.py
    start: int = 0  # 0-based index of the directive line
    end: int = 0  # 0-based index of its last line (the annotation list's last, or itself)
    annotations: list[str] = field(default_factory=list)  # the list's lines, as written

    @property
    def output(self) -> str:
        return output_of(self.code)


def _in_list(line: str, indent: str) -> bool:
    """A line of an annotation list at this indent: an item, its continuation, or blank."""
    item = ANNOTATION_ITEM.match(line)
    return not line.strip() or line.startswith(indent + "    ") or bool(item and item.group("indent") == indent)


class Page:
    """One Markdown page, parsed once."""

    def __init__(self, text: str, path: Path | str | None = None):
        self.text = text
        self.path = Path(path) if path is not None else None
        self.lines = text.splitlines()
        self.meta, body = split_front_matter(text)
        self.body_start = text[: len(text) - len(body)].count("\n")  # lines of front matter

    @classmethod
    def read(cls, path: Path) -> Page:
        return cls(Path(path).read_text(encoding="utf-8"), path)

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
        """For each line: front matter, a fence line or inside a fenced block."""
        flags = [i < self.body_start for i in range(len(self.lines))]
        for f in self.fences:
            for k in range(f.start, f.end + 1):
                flags[k] = True
        return flags

    @cached_property
    def snippets(self) -> list[Snippet]:
        found = []
        for i, line in enumerate(self.lines):
            m = DIRECTIVE.match(line)
            if not m or self.in_code[i]:
                continue
            s = Snippet(i + 1, m.group("indent"), m.group("path"), start=i, end=i)
            k = i + 1
            while k < len(self.lines) and not self.lines[k].strip():
                k += 1
            item = ANNOTATION_ITEM.match(self.lines[k]) if k < len(self.lines) else None
            if item and item.group("indent") == s.indent:
                end = k
                while end + 1 < len(self.lines) and _in_list(self.lines[end + 1], s.indent):
                    end += 1
                while not self.lines[end].strip():
                    end -= 1
                s.annotations, s.end = self.lines[k: end + 1], end
            found.append(s)
        return found

    @cached_property
    def includes(self) -> list[Include]:
        """Every ``--8<--`` line outside the code blocks (a lab's cell placements)."""
        found = []
        for i, line in enumerate(self.lines):
            m = INCLUDE.match(line)
            if m and not self.in_code[i]:
                found.append(Include(i + 1, m.group("indent"), m.group("path"), m.group("section")))
        return found

    @property
    def files(self) -> list[str]:
        """What the page shows from other files, in order: each snippet and its output,
        each placed lab file (once)."""
        shown = [(s.line, f) for s in self.snippets for f in (s.code, s.output)]
        shown += [(inc.line, inc.path) for inc in self.includes]
        return list(dict.fromkeys(f for _, f in sorted(shown)))

    @cached_property
    def headings(self) -> list[Heading]:
        found = []
        for i, line in enumerate(self.lines):
            h = HEADING.match(line) if not self.in_code[i] else None
            if h:
                hid = HEADING_ID.search(h.group("text"))
                found.append(Heading(i + 1, len(h.group("hashes")), without_heading_id(h.group("text")),
                                     hid.group("id") if hid else None, line))
        return found

    @property
    def title(self) -> str | None:
        return self.headings[0].text if self.headings else None

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
            elif MATH_BLOCK.match(line):
                flags[i] = True
                inside = line.count("$$") == 1
        return flags

    def prose_lines(self, math: bool = True) -> list[tuple[int, str]]:
        """(1-based line, text) of every line that is not front matter, code, a snippet
        or an include; with math=False, display-math blocks are left out too."""
        return [(i + 1, line) for i, line in enumerate(self.lines)
                if not (self.in_code[i] or DIRECTIVE.match(line) or INCLUDE.match(line)
                        or (not math and self.math[i]))]

    @cached_property
    def quoted_messages(self) -> list[tuple[int, str]]:
        return [(n, m) for n, line in self.prose_lines() for m in QUOTED_MESSAGE.findall(line)]

    def images(self) -> list[tuple[int, str, str]]:
        """(line, alt, target) of every image in the prose."""
        return [(n, m.group("alt"), m.group("target")) for n, line in self.prose_lines()
                for m in IMAGE.finditer(INLINE_CODE.sub("", line))]

    def links(self) -> list[tuple[int, str]]:
        return [(n, m.group("target")) for n, line in self.prose_lines()
                for m in LINK.finditer(INLINE_CODE.sub("", line))]

    def skeleton(self) -> list[tuple[int, str, str]]:
        """What every language's version of the page has in the same order: (line, kind,
        value) for snippets, lab cells, heading ids, admonitions, tabs, math blocks,
        figures and links (on one line, in the order written)."""
        items = []
        snippets = {s.start: s for s in self.snippets}
        includes = {inc.line - 1: inc for inc in self.includes}
        headings = {h.line - 1: h for h in self.headings}
        for i, line in enumerate(self.lines):
            n = i + 1
            if i in snippets:
                items.append((n, "snippet", snippets[i].code))
            elif i in includes:
                inc = includes[i]
                items.append((n, "include", inc.path + (f":{inc.section}" if inc.section else "")))
            if self.in_code[i] or i in snippets or i in includes:
                continue
            if self.math[i]:
                if i == 0 or not self.math[i - 1]:
                    items.append((n, "math block", "$$"))
                continue
            if h := headings.get(i):
                items.append((n, "heading", f"h{h.level} #{h.id}" if h.id else f"h{h.level} (no id)"))
            if a := ADMONITION.match(line):
                items.append((n, "admonition", f"{a.group('marker')} {a.group('kind')}"))
            if TAB.match(line):
                items.append((n, "tab", "==="))
            bare = INLINE_CODE.sub("", line)
            items += [(n, "figure", m.group("target")) for m in IMAGE.finditer(bare)]
            items += [(n, "link", m.group("target")) for m in LINK.finditer(bare)]
        return items

    # ------------------------------------------------------------ what the reader sees
    def expand(self, output_title: str, has_output: Callable[[str], bool],
               notes: Callable[[str, str], list[str]] = lambda out, indent: []) -> str:
        """The page as Markdown for the generator: every snippet line becomes its code
        block, annotations, output block (titled output_title; has_output(out) says
        whether the snippet prints anything) and notes (notes(out, indent): lines)."""
        by_start = {s.start: s for s in self.snippets}
        out, i = [], 0
        while i < len(self.lines):
            s = by_start.get(i)
            if s is None:
                out.append(self.lines[i])
                i += 1
                continue
            ind = s.indent
            out += [f'{ind}```python title="{s.code}"', f'{ind}--8<-- "{s.code}"', f"{ind}```", ""]
            if s.annotations:
                out += [*s.annotations, ""]
            if has_output(s.output):
                out += [f'{ind}``` {{ .text .no-copy title="{output_title}" }}', f'{ind}--8<-- "{s.output}"', f"{ind}```"]
                out += notes(s.output, ind)
            i = s.end + 1
        return "\n".join(out) + ("\n" if self.text.endswith("\n") else "")


def prints_something(root: Path, output: str) -> bool:
    """Whether a snippet's .out file (a path from root) has any output to show."""
    return (root / output).exists() and (root / output).stat().st_size > 0


# ---------------------------------------------------------------- the docs tree
def pages(docs: Path, lang: str) -> list[Path]:
    """Markdown pages of a language, relative to docs/<lang>/."""
    base = docs / lang
    return sorted(p.relative_to(base) for p in base.rglob("*.md")) if base.is_dir() else []


def pages_showing(docs: Path, lang: str, snippet: str) -> list[Path]:
    """The pages of a language that show a snippet."""
    return [p for p in pages(docs, lang) if f"{snippet} *}}" in (docs / lang / p).read_text(encoding="utf-8")
            and any(s.code == snippet for s in Page.read(docs / lang / p).snippets)]

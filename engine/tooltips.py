"""Glossary tooltips: the first use of each term (docs/glossary.yml) on a page, outside
code, math, links, headings and titles, becomes ``<abbr title="...">``; the theme's
``content.tooltips`` shows the title as a tooltip."""
from __future__ import annotations

import html
import re
from pathlib import Path

from . import translation

# Glossary tooltips: the first use of each term on a page, outside code, math, links,
# headings and titles, becomes <abbr title="...">; theme feature content.tooltips
# shows the title as a tooltip.
_SKIP_TAGS = {"code", "pre", "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style",
              "summary", "label", "button", "kbd", "figcaption"}
_SKIP_CLASSES = {"arithmatex", "admonition-title", "provenance", "i18n-banner", "filename", "katex"}
_glossary: dict[str, list] = {}


_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)([^>]*)>|<!--.*?-->", re.S)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_CLASS = re.compile(r'\bclass\s*=\s*"([^"]*)"')
_OPAQUE = {"pre", "script", "style"}  # cannot nest: skipped to their closing tag


def add_tooltips(content: str, root: Path, lang: str, source_lang: str) -> str:
    """One pass over the HTML's tags and text (no parse tree: ~20x faster than bs4)."""
    key = str(root)
    if key not in _glossary:
        path = root / translation.GLOSSARY
        _glossary[key] = translation.load_glossary(root) if path.exists() else []
    folded = content.casefold()  # terms the page cannot contain: none (a quick test first)
    todo = [(t, translation.term_pattern(t.words[lang], lang)) for t in _glossary[key]
            if t.words.get(lang) and t.words[lang].casefold() in folded]
    todo = [(t, p) for t, p in todo if p.search(content)]
    if not todo:
        return content
    out, pos, skip_depth, stack = [], 0, 0, []
    while todo and (m := _TAG.search(content, pos)):
        text = content[pos:m.start()]
        while text and todo and not skip_depth:
            hits = [(h.start(), h.end(), t, p) for t, p in todo if (h := p.search(text))]
            if not hits:
                break
            start, end, term, pattern = min(hits, key=lambda h: h[0])
            todo.remove((term, pattern))
            title = html.escape(translation.tooltip(term, lang, source_lang), quote=True)
            out.append(text[:start] + f'<abbr class="glossary" title="{title}">{text[start:end]}</abbr>')
            text = text[end:]
        out.append(text)
        out.append(m.group(0))
        pos = m.end()
        closing, name = m.group(1), (m.group(2) or "").lower()
        if not name or name in _VOID or m.group(3).rstrip().endswith("/"):
            continue
        if not closing and name in _OPAQUE:  # a code block: its thousands of spans in one step
            end = content.find(f"</{name}>", pos)
            if end != -1:
                out.append(content[pos:end])
                pos = end
                stack.append((name, 1))
                skip_depth += 1
                continue
        if closing:
            while stack:
                opened, skips = stack.pop()
                skip_depth -= skips
                if opened == name:
                    break
        else:
            classes = set((_CLASS.search(m.group(3)) or [None, ""])[1].split())
            skips = int(name in _SKIP_TAGS or bool(_SKIP_CLASSES & classes))
            stack.append((name, skips))
            skip_depth += skips
    out.append(content[pos:])
    return "".join(out)

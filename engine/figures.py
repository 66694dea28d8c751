"""Figures in the reader's language: one drawing, its words translated.

Snippets and labs draw their figures once, with English words, as SVG whose text is
text (``svg.fonttype: none``), not outlines. Each language's copy swaps every text
element whose whole content is listed in docs/figure_words.yml for that language's
words; ``{}`` in an entry stands for a number or a name and is carried over. So a
figure's code and data exist once, and a zh page shows zh axis labels, legends and
titles (rendered with the reader's CJK font: no font is embedded).

Used by hooks/i18n.py (figures the snippets draw into build/figures/) and
hooks/labs.py (the figures in a lab's executed cells).
"""
from __future__ import annotations

import html
import re
from pathlib import Path

WORDS = Path("docs") / "figure_words.yml"
TEXT = re.compile(r"(<text\b[^>]*>)([^<]*)(</text>)")
_cache: dict[tuple[str, str, float], list[tuple[re.Pattern, str]]] = {}


def _pattern(template: str) -> re.Pattern:
    parts = [re.escape(p) for p in template.split("{}")]
    return re.compile("^" + r"(.+?)".join(parts) + "$")


def table(root: Path, lang: str) -> list[tuple[re.Pattern, str]]:
    """(pattern, replacement) for every entry of docs/figure_words.yml in lang."""
    import yaml

    path = root / WORDS
    if not path.exists():
        return []
    key = (str(path), lang, path.stat().st_mtime)
    if key not in _cache:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        _cache[key] = [(_pattern(en), words[lang]) for en, words in (data.get("words") or {}).items()
                       if isinstance(words, dict) and words.get(lang)]
    return _cache[key]


def translate_text(text: str, rules: list[tuple[re.Pattern, str]]) -> str:
    for pattern, repl in rules:
        m = pattern.match(text)
        if m:
            out = repl
            for value in m.groups():
                out = out.replace("{}", value, 1)
            return out
    return text


def translate_svg(svg: str, rules: list[tuple[re.Pattern, str]]) -> str:
    """The SVG with every listed text element in the other language."""
    if not rules:
        return svg

    def swap(m):
        text = html.unescape(m.group(2))
        new = translate_text(text, rules)
        return m.group(0) if new == text else m.group(1) + html.escape(new, quote=False) + m.group(3)

    return TEXT.sub(swap, svg)


def words_of(svg: str) -> list[str]:
    """The text elements of an SVG (what a table entry must match exactly)."""
    return [html.unescape(m.group(2)) for m in TEXT.finditer(svg)]

"""Figures in the reader's language: one drawing, its words translated.

Snippets and labs draw their figures once, with English words, as SVG whose text is
text (``svg.fonttype: none``), not outlines. Each language's copy swaps every text
element whose whole content is listed in docs/figure_words.yml for that language's
words; ``{}`` in an entry stands for a number or a name and is carried over. So a
figure's code and data exist once, and a zh page shows zh axis labels, legends and
titles (rendered with the reader's CJK font: no font is embedded).

Used by the build (figures the snippets draw into build/figures/, and the figures in a
lab's executed cells: engine/labs.py) and by the notebook downloads.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

WORDS = Path("docs") / "figure_words.yml"
FIGURES = Path("build") / "figures"  # drawn by snippets, served at figures/
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


def figures_for(root: Path, lang: str) -> Path:
    """The figures folder a language's build serves: build/figures/ itself, or, when
    docs/figure_words.yml has words for the language, a copy of it with every SVG's
    words in that language, in build/figures-<lang>/figures/ (files rewritten only when
    they change)."""
    source = root / FIGURES
    rules = table(root, lang)
    if not rules or not source.is_dir():
        return source
    out = root / "build" / f"figures-{lang}" / "figures"
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        dest = out / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        data = (translate_svg(path.read_text(encoding="utf-8"), rules).encode("utf-8")
                if path.suffix == ".svg" else path.read_bytes())
        if not dest.exists() or dest.read_bytes() != data:
            dest.write_bytes(data)
    return out


LATIN_WORD = re.compile(r"(?<![A-Za-z.])[A-Za-z][A-Za-z.]*[A-Za-z](?![A-Za-z])")


def untranslated(text: str, keep: list[str]) -> list[str]:
    """The words of a figure's text that are still English: words of two Latin letters
    or more that are not a kept name (numbers, symbols, single-letter variables, Greek
    and formulas are the same in every language)."""
    text = re.sub(r"\\+[A-Za-z]+", " ", text)  # TeX commands of a formula ($\\partial L$)
    for name in sorted(keep, key=len, reverse=True):
        text = re.sub(r"(?<![A-Za-z])" + re.escape(name) + r"(?![A-Za-z])", " ", text)
    return LATIN_WORD.findall(text)


def kept_names(root: Path) -> list[str]:
    import yaml

    path = root / WORDS
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("keep", []) if path.exists() else []


def drawn(root: Path) -> list[tuple[str, str]]:
    """(name, SVG) of every figure the snippets drew into build/figures/."""
    return [(p.relative_to(root).as_posix(), p.read_text(encoding="utf-8")) for p in sorted((root / FIGURES).rglob("*.svg"))]


def untranslated_problems(root: Path, lang: str, svgs: list[tuple[str, str]]) -> list[str]:
    """Every text of every figure (name, SVG), in a language's copy: Chinese (or that
    language), a number, a formula or a kept name; else a problem naming the figure and
    the words."""
    rules, keep, problems = table(root, lang), kept_names(root), []
    for name, svg in svgs:
        for text in words_of(translate_svg(svg, rules)):
            if text in words_of(svg) and (english := untranslated(text, keep)):  # not translated, and English
                problems.append(f"{name}: {text!r} stays English on {lang} pages ({', '.join(english)}); "
                                f"add it to {WORDS.as_posix()} with its {lang} words")
    return problems


def words_of(svg: str) -> list[str]:
    """The text elements of an SVG (what a table entry must match exactly)."""
    return [html.unescape(m.group(2)) for m in TEXT.finditer(svg)]

"""KaTeX's fonts cut down to the characters the site's formulas use.

Each KaTeX font holds every glyph TeX may ask of it, and a page fetches a whole font
for one character: a single \\mathbb letter costs the 28 KB AMS font. When a language
is built, every font under ``assets/vendor/katex/fonts/`` is subset (fontTools, WOFF2)
to the characters of the formulas that language's pages show, collected as KaTeX
renders them (engine/math.py), and the ones KaTeX's stylesheet writes itself (equation
numbers). A kept glyph is the same outline as before, so formulas look the same. The
subsets are cached in ``.cache/fonts/`` by the font, the characters and fontTools'
version. ``glyph_problems`` checks a built site: every character a page's formulas
show is still in each font that had it.
"""
from __future__ import annotations

import hashlib
import html
import io
import re
import tempfile
from pathlib import Path

FONTS = "assets/vendor/katex/fonts"
CSS_CHARS = "()0123456789"  # katex.min.css: content: "(" counter(katexEqnNo) ")"
SPAN = re.compile(r"<(/?)span\b[^>]*>")
ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.S)
START = '<span class="katex">'


def formula_chars(rendered: str) -> set[str]:
    """The characters one formula shows, as KaTeX renders it (the rule of page_formula_chars)."""
    return set(page_formula_chars(rendered))


def subset(font: bytes, chars: set[str]) -> bytes:
    """The font (WOFF2) with only the glyphs of chars and of KaTeX's own CSS text."""
    from fontTools import subset as ft
    from fontTools.ttLib import TTFont

    options = ft.Options()
    options.flavor, options.layout_features, options.name_IDs = "woff2", ["*"], ["*"]
    options.notdef_outline = True
    ttf = TTFont(io.BytesIO(font))
    cutter = ft.Subsetter(options)
    cutter.populate(unicodes=sorted({ord(c) for c in chars | set(CSS_CHARS)}))
    cutter.subset(ttf)
    out = io.BytesIO()
    ttf.save(out)
    return out.getvalue()


def subset_site(site: Path, chars: set[str], cache: Path) -> None:
    """Subset every KaTeX font of a built language in place."""
    from fontTools import version

    key_chars = "".join(sorted(chars | set(CSS_CHARS))).encode("utf-8", "surrogatepass") + version.encode()
    for path in sorted((site / FONTS).glob("*.woff2")):
        font = path.read_bytes()
        cached = cache / f"{path.stem}-{hashlib.sha256(font + key_chars).hexdigest()[:16]}.woff2"
        if not cached.exists():
            cache.mkdir(parents=True, exist_ok=True)
            # the languages build in parallel and may cut a font to the same characters:
            # each writes its own file, and the last rename wins (the bytes are the same)
            with tempfile.NamedTemporaryFile(dir=cache, suffix=".tmp", delete=False) as tmp:
                tmp.write(subset(font, chars))
            Path(tmp.name).replace(cached)
        path.write_bytes(cached.read_bytes())


TAG_SPLIT = re.compile(r"(<[^>]*>)")


def page_formula_chars(page_html: str) -> dict[str, int]:
    """Each character the formulas of a built page show, with the line it first shows on
    (the TeX source KaTeX keeps in an <annotation> is not shown)."""
    found: dict[str, int] = {}
    start = page_html.find(START)
    while start != -1:
        depth = 0
        for m in SPAN.finditer(page_html, start):
            depth += -1 if m.group(1) else 1
            if depth == 0:
                break
        end = m.end()
        shown = ANNOTATION.sub(lambda a: "\n" * a.group(0).count("\n"), page_html[start:end])
        line = page_html.count("\n", 0, start) + 1
        for part in TAG_SPLIT.split(shown):
            if part and part[0] != "<":
                for c in set(html.unescape(part) if "&" in part else part):
                    found.setdefault(c, line)
            line += part.count("\n")
        start = page_html.find(START, end)
    return found


def cmap(font: bytes) -> set[str]:
    from fontTools.ttLib import TTFont

    return {chr(c) for c in TTFont(io.BytesIO(font)).getBestCmap()}


def glyph_problems(site: Path, originals: Path) -> list[str]:
    """Characters a page's formulas show that a subset font dropped although the original
    (in originals, e.g. docs/assets/vendor/katex/fonts) had them; each names page:line.
    A page uses the fonts of its language's build: the deepest folder holding FONTS."""
    fonts = {f.parents[3]: f for f in site.rglob(FONTS)}
    kept = {root: {p.name: cmap(p.read_bytes()) for p in f.glob("*.woff2")} for root, f in fonts.items()}
    had = {p.name: cmap(p.read_bytes()) for p in originals.glob("*.woff2")}
    problems = []
    for page in sorted(site.rglob("*.html")):
        roots = [r for r in fonts if page.is_relative_to(r)]
        if not roots:
            continue
        mine = kept[max(roots, key=lambda r: len(r.parts))]
        for char, line in page_formula_chars(page.read_text(encoding="utf-8")).items():
            lost = [name for name, chars in mine.items() if char in had.get(name, ()) and char not in chars]
            if lost:
                problems.append(f"{page.relative_to(site).as_posix()}:{line}: a formula shows {char!r} "
                                f"(U+{ord(char):04X}), which the subset {', '.join(lost)} no longer holds")
    return problems

"""What a documentation page includes: snippets, outputs, heading ids, in order.

Pages live in ``docs/<lang>/``; every language has the same pages. Code and outputs
are included with pymdownx.snippets' single-line form ``--8<-- "path"``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

INCLUDE = re.compile(r'^\s*(?:[-*]\s+|>\s*)?--8<--\s+"([^"]+)"\s*$')
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
HEADING_ID = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```+|~~~+)")
# An error or warning quoted in prose, e.g. `RuntimeError: grad can be ...`.
QUOTED_MESSAGE = re.compile(r"`((?:[A-Za-z]+\.)*[A-Za-z]*(?:Error|Warning|Exception): [^`]+)`")


@dataclass
class Page:
    path: Path
    includes: list[str]  # included file paths, in order (section suffixes removed)
    heading_ids: list[tuple[int, str | None, str]]  # (level, explicit id or None, line text)
    quoted: list[str]  # error and warning messages quoted in the prose


def languages(docs: Path) -> list[str]:
    return sorted(p.name for p in docs.iterdir() if p.is_dir() and p.name != "assets")


def pages(docs: Path, lang: str) -> list[Path]:
    base = docs / lang
    return sorted(p.relative_to(base) for p in base.rglob("*.md"))


def in_code(lines: list[str]) -> list[bool]:
    """For each line: is it a code fence, or inside a fenced block?"""
    flags, in_fence = [], None
    for line in lines:
        fence = FENCE.match(line)
        if fence:
            marker = fence.group(1)
            if in_fence is None:
                in_fence = marker
            elif marker.startswith(in_fence):
                in_fence = None
            flags.append(True)
        else:
            flags.append(in_fence is not None)
    return flags


def parse(path: Path) -> Page:
    includes, headings, quoted = [], [], []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line, code in zip(lines, in_code(lines)):
        if not code:
            quoted.extend(QUOTED_MESSAGE.findall(line))
        m = INCLUDE.match(line)
        if m:
            includes.append(m.group(1).split(":")[0])
            continue
        if code:
            continue
        h = HEADING.match(line)
        if h:
            hid = HEADING_ID.search(h.group(2))
            headings.append((len(h.group(1)), hid.group(1) if hid else None, line))
    return Page(path, includes, headings, quoted)


def pages_including(root: Path, snippet: str) -> list[str]:
    """Pages (relative to root) that include the given file, in every language."""
    docs = root / "docs"
    if not docs.is_dir():
        return []
    found = []
    for lang in languages(docs):
        for page in pages(docs, lang):
            if snippet in parse(docs / lang / page).includes:
                found.append((Path("docs") / lang / page).as_posix())
    return found


def partial_languages(root: Path) -> set[str]:
    """Languages marked `partial: true` in mkdocs.yml: their missing pages fall back."""
    if not (root / "mkdocs.yml").exists():
        return set()
    from hooks.translation import languages as configured

    return {lang["code"] for lang in configured(root) if lang.get("partial")}


def check_parity(root: Path) -> list[str]:
    """Problems that break language parity or leave a snippet off the site.

    Every page exists in every language; twins include the same files in the same
    order and use the same explicit heading ids in the same order; every heading has
    an explicit id; each snippet's output is shown right after its code; every snippet
    is shown by at least one page in each language. A partial language (see
    partial_languages) may lack pages.
    """
    docs = root / "docs"
    langs = languages(docs)
    partial = partial_languages(root)
    problems: list[str] = []
    by_lang = {lang: set(pages(docs, lang)) for lang in langs}
    all_pages = sorted(set().union(*by_lang.values())) if langs else []
    for page in all_pages:
        missing = [lang for lang in langs if page not in by_lang[lang]]
        for lang in missing:
            if lang in partial:
                continue
            have = next(l for l in langs if l not in missing)
            problems.append(f"docs/{have}/{page.as_posix()} has no twin docs/{lang}/{page.as_posix()}")
    snippets = sorted(p.relative_to(root).as_posix() for p in (root / "snippets").rglob("*.py")
                      if p.name not in ("conftest.py", "__init__.py"))
    shown = {lang: set() for lang in langs}
    for page in all_pages:
        parsed = {lang: parse(docs / lang / page) for lang in langs if page in by_lang[lang]}
        for lang, p in parsed.items():
            name = f"docs/{lang}/{page.as_posix()}"
            shown[lang].update(p.includes)
            for level, hid, line in p.heading_ids:
                if hid is None:
                    problems.append(f"{name}: heading without an explicit id "
                                    f"(add {{#some-id}}, the same in every language): {line}")
            for i, inc in enumerate(p.includes):
                if not (root / inc).exists():
                    problems.append(f"{name}: includes {inc}, which does not exist")
                out = inc[:-3] + ".out" if inc.endswith(".py") else None
                if out and (root / out).exists() and (root / out).read_text(encoding="utf-8"):
                    following = p.includes[i + 1] if i + 1 < len(p.includes) else None
                    if following != out:
                        problems.append(f"{name}: {inc} is not followed by its output {out}")
            outs = [root / inc for inc in p.includes if inc.endswith(".out") and (root / inc).exists()]
            outs += [r for out in outs for r in sorted(out.parent.glob(f"{out.stem}.torch-*.out"))]
            shown_text = "".join(path.read_text(encoding="utf-8") for path in outs)
            for message in p.quoted:
                if message.rstrip(". …").removesuffix("...").rstrip() not in shown_text:
                    problems.append(f"{name}: quotes `{message}`, which no output on the page printed "
                                    f"(messages in prose must be copied from a tested output)")
        if len(parsed) < 2:
            continue
        (ref_lang, ref), *others = parsed.items()
        for lang, p in others:
            for what, a, b in (("includes", ref.includes, p.includes),
                               ("heading ids", [h[1] for h in ref.heading_ids], [h[1] for h in p.heading_ids])):
                if a != b:
                    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
                    x = a[i] if i < len(a) else "(nothing)"
                    y = b[i] if i < len(b) else "(nothing)"
                    problems.append(
                        f"docs/{ref_lang}/{page.as_posix()} and docs/{lang}/{page.as_posix()}: {what} differ "
                        f"at position {i + 1}: {x} vs {y}")
    for lang in (l for l in langs if l not in partial):
        for snippet in snippets:
            if snippet not in shown[lang]:
                problems.append(f"{snippet} is not shown on any page in docs/{lang}/")
    return problems

"""House rules for pages that no single page's build can see.

Every heading has an explicit id (the same in every language, so links and the
language switch keep the section); every file a page shows exists; an annotated
snippet's list has one item per ``# (N)!`` marker; an error or warning quoted in prose
comes from an output on that page (or a newer release's record beside it); and every
snippet is shown by a page in each complete language. (Twin pages: engine/languages.py;
the same skeleton in every language: engine/translation.py.)
"""
from __future__ import annotations

from pathlib import Path

from .languages import languages
from .page import ANNOTATION_ITEM, ANNOTATION_MARKER, Page, pages


def _markers(code: str) -> int:
    return len({m.group(0).strip() for m in ANNOTATION_MARKER.finditer(code)})


def page_problems(root: Path, lang: str, page: Path) -> list[str]:
    name = f"docs/{lang}/{page.as_posix()}"
    parsed = Page.read(root / "docs" / lang / page)
    problems = [f"{name}:{h.line}: heading without an explicit id (add {{#some-id}}, the same in every "
                f"language): {h.source}" for h in parsed.headings if h.id is None]
    for s in parsed.snippets:
        if not (root / s.code).exists():
            problems.append(f"{name}:{s.line}: shows {s.code}, which does not exist")
            continue
        want = _markers((root / s.code).read_text(encoding="utf-8"))
        have = sum(1 for line in s.annotations
                   if (item := ANNOTATION_ITEM.match(line)) and item.group("indent") == s.indent)
        if want != have:
            problems.append(f"{name}:{s.line}: {s.code} has {want} annotation marker(s) `# (N)!`, the list "
                            f"after it {have} item(s) (one item per marker, right after the snippet line)")
    problems += [f"{name}:{inc.line}: includes {inc.path}, which does not exist"
                 for inc in parsed.includes if not (root / inc.path).exists()]
    shown = ""
    for s in parsed.snippets:
        out = root / s.output
        for path in [out, *sorted(out.parent.glob(f"{out.stem}.torch-*.out"))]:
            shown += path.read_text(encoding="utf-8") if path.exists() else ""
    for line, message in parsed.quoted_messages:
        if message.rstrip(". …").removesuffix("...").rstrip() not in shown:
            problems.append(f"{name}:{line}: quotes `{message}`, which no output on the page printed "
                            f"(messages in prose must be copied from a tested output)")
    return problems


def check(root: Path) -> list[str]:
    langs = languages(root)
    problems = [p for lang in langs for page in pages(root / "docs", lang.code)
                for p in page_problems(root, lang.code, page)]
    snippets = sorted(p.relative_to(root).as_posix() for p in (root / "snippets").rglob("*.py")
                      if p.name not in ("conftest.py", "__init__.py"))
    for lang in (l for l in langs if not l.partial):
        shown = {s.code for page in pages(root / "docs", lang.code)
                 for s in Page.read(root / "docs" / lang.code / page).snippets}
        problems += [f"{snippet} is not shown on any page in docs/{lang.code}/" for snippet in snippets
                     if snippet not in shown]
    return problems

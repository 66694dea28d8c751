"""Translation data: freshness (hashes and status), stamps, structure and glossary checks.

Used by the build (banners, fallback pages, the status page, glossary tooltips), by
``python -m engine i18n-status`` (`make i18n-status`, `make i18n-stamp`) and the tests.

Paths of pages are relative to docs/, e.g. ``zh/autograd/basics.md``. The first
language (engine/languages.py) is the SOURCE; every other language translates it.
A translated page says what it was translated from in its front matter::

    ---
    translation:
      source: zh/autograd/basics.md
      hash: 0123456789ab
    ---

``hash`` is a prefix of the SHA-256 of the source page's text and of every file it
shows (snippets, outputs, a lab's code), so a change to any of them makes the
translation stale.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .languages import Language, languages
from .page import Page, pages, plain, split_front_matter

HASH_LENGTH = 12
STATUS_MARKER = "<!-- i18n-status -->"  # replaced by the status tables (the build)
GLOSSARY = Path("docs") / "glossary.yml"

UP_TO_DATE, STALE, MISSING = "up to date", "stale", "missing"


def source_hash(root: Path, source: str) -> str:
    """Hash of a source page (relative to docs/) and of every file it shows."""
    text_ = (root / "docs" / source).read_text(encoding="utf-8")
    h = hashlib.sha256(b"page\0" + text_.encode("utf-8"))
    for inc in Page(text_).files:
        path = root / inc
        data = path.read_bytes() if path.is_file() else b"<missing>"
        h.update(b"\0" + inc.encode("utf-8") + b"\0" + data)
    return h.hexdigest()[:HASH_LENGTH]


@dataclass
class PageStatus:
    page: str  # relative to docs/<lang>/
    state: str  # UP_TO_DATE, STALE or MISSING
    detail: str = ""  # why it is stale


@dataclass
class LanguageStatus:
    code: str
    name: str
    partial: bool
    pages: list[PageStatus] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(p.state == state for p in self.pages)

    @property
    def percent(self) -> int:
        return round(100 * self.count(UP_TO_DATE) / len(self.pages)) if self.pages else 100


def page_status(root: Path, lang: str, page: str, source_lang: str) -> PageStatus:
    path = root / "docs" / lang / page
    if not path.is_file():
        return PageStatus(page, MISSING)
    meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
    record = meta.get("translation") or {}
    want_source = f"{source_lang}/{page}"
    if not record.get("hash"):
        return PageStatus(page, STALE, "never stamped (no translation: front matter)")
    if record.get("source") != want_source:
        return PageStatus(page, STALE, f"records source {record.get('source')!r}, expected {want_source!r}")
    current = source_hash(root, want_source)
    if str(record["hash"]) != current:
        return PageStatus(page, STALE, f"{want_source} changed (stamped {record['hash']}, now {current})")
    return PageStatus(page, UP_TO_DATE)


def status(root: Path, langs: list[Language] | None = None) -> list[LanguageStatus]:
    """Status of every page of the source language in every other language."""
    langs = langs or languages(root)
    source = langs[0].code
    result = []
    for lang in langs[1:]:
        ls = LanguageStatus(lang.code, lang.name, lang.partial)
        ls.pages = [page_status(root, lang.code, p.as_posix(), source) for p in pages(root / "docs", source)]
        result.append(ls)
    return result


def stamp(root: Path, target: str, source_lang: str | None = None) -> str:
    """Record in a translated page (relative to docs/) the hash of its source; returns it."""
    source_lang = source_lang or languages(root)[0].code
    lang, _, page = target.partition("/")
    if lang == source_lang:
        raise ValueError(f"{target} is a source page; stamp its translations instead")
    path = root / "docs" / target
    if not path.is_file():
        raise FileNotFoundError(f"docs/{target} does not exist")
    source = f"{source_lang}/{page}"
    if not (root / "docs" / source).is_file():
        raise FileNotFoundError(f"docs/{target} has no source page docs/{source}")
    digest = source_hash(root, source)
    raw = path.read_text(encoding="utf-8")
    meta, body = split_front_matter(raw)
    meta["translation"] = {"source": source, "hash": digest}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False)
    path.write_text(f"---\n{front}---\n\n{body.lstrip(chr(10))}", encoding="utf-8")
    return digest


def status_table(statuses: list[LanguageStatus]) -> str:
    """Plain-text tables for the terminal (`make i18n-status`)."""
    out = []
    for ls in statuses:
        kind = "partial" if ls.partial else "complete"
        out.append(f"{ls.name} ({ls.code}, {kind}): {ls.count(UP_TO_DATE)}/{len(ls.pages)} up to date, "
                   f"{ls.count(STALE)} stale, {ls.count(MISSING)} missing ({ls.percent}%)")
        width = max((len(p.page) for p in ls.pages), default=4)
        out.append(f"  {'page':<{width}}  status")
        for p in ls.pages:
            out.append(f"  {p.page:<{width}}  {p.state}" + (f"  ({p.detail})" if p.detail else ""))
        out.append("")
    return "\n".join(out)


def status_markdown(statuses: list[LanguageStatus], words: dict, source_name: str) -> str:
    """The status page's tables, in the reader's language (hooks/languages.py)."""
    out = []
    for ls in statuses:
        out.append(f"## {ls.name} ({ls.code}) {{#status-{ls.code}}}\n")
        if ls.partial:
            out.append(words["partial"].format(source_name=source_name) + "\n")
        out.append(words["summary"].format(total=len(ls.pages), up=ls.count(UP_TO_DATE),
                                           stale=ls.count(STALE), missing=ls.count(MISSING),
                                           percent=ls.percent))
        out.append(f'\n<progress value="{ls.count(UP_TO_DATE)}" max="{len(ls.pages)}"></progress>\n')
        out.append(f"| {words['page']} | {words['state']} |\n| --- | --- |")
        for p in ls.pages:
            out.append(f"| `{p.page}` | {words[p.state]} |")
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- structure
def first_structure_difference(source: str, translation: str) -> str | None:
    """None when both pages have the same skeleton (engine/page.py), else the first difference."""
    a, b = Page(source).skeleton(), Page(translation).skeleton()
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else None
        y = b[i] if i < len(b) else None
        if x is None or y is None or x[1:] != y[1:]:
            def show(item, other):
                return f"line {item[0]}: {item[1]} {item[2]}" if item else f"nothing (after line {other})"
            return (f"item {i + 1}: source has {show(x, a[-1][0] if a else 0)}, "
                    f"translation has {show(y, b[-1][0] if b else 0)}")
    return None


def check_structure(root: Path, langs: list[Language] | None = None) -> list[str]:
    """Every translated page has its source's skeleton: the same snippets, lab cells,
    heading ids, admonitions, tabs, math blocks, figures and links, in the same order."""
    langs = langs or languages(root)
    source = langs[0].code
    problems = []
    for lang in langs[1:]:
        for page in pages(root / "docs", lang.code):
            src = root / "docs" / source / page
            if not src.is_file():
                continue  # the twin check reports it
            diff = first_structure_difference(src.read_text(encoding="utf-8"),
                                              (root / "docs" / lang.code / page).read_text(encoding="utf-8"))
            if diff:
                problems.append(f"docs/{lang.code}/{page.as_posix()} differs in structure from "
                                f"docs/{source}/{page.as_posix()}: {diff}")
    return problems


# ---------------------------------------------------------------- glossary
@dataclass
class Term:
    words: dict[str, str]  # language code -> the term
    notes: dict[str, str]  # language code -> a one-line definition
    avoid: dict[str, list[str]]  # language code -> other translations not to use


def load_glossary(root: Path) -> list[Term]:
    data = yaml.safe_load((root / GLOSSARY).read_text(encoding="utf-8"))
    return [Term(words=t["term"], notes=t.get("note", {}), avoid=t.get("avoid", {})) for t in data["terms"]]


def term_pattern(word: str, lang: str) -> re.Pattern:
    """How a term is found in prose: whole words (plural allowed) for alphabetic scripts,
    a plain substring for Chinese and Japanese."""
    if re.search(r"[A-Za-z]", word) and not re.search(r"[\u3040-\u9fff]", word):
        return re.compile(r"(?<![\w-])" + re.escape(word) + r"(?:s|es)?(?![\w-])", re.I)
    return re.compile(re.escape(word))


def check_glossary(root: Path, langs: list[Language] | None = None) -> list[str]:
    """The glossary has one translation per term, and no page uses another one."""
    langs = langs or languages(root)
    terms = load_glossary(root)
    problems = []
    for lang in (l.code for l in langs):
        seen: dict[str, int] = {}
        for i, t in enumerate(terms):
            word = t.words.get(lang)
            if word is None:
                continue
            if word.lower() in seen:
                problems.append(f"{GLOSSARY.as_posix()}: '{word}' ({lang}) translates two terms "
                                f"({terms[seen[word.lower()]].words.get(langs[0].code)} and "
                                f"{t.words.get(langs[0].code)})")
            seen[word.lower()] = i
        for t in terms:
            for bad in t.avoid.get(lang, []):
                if bad.lower() in seen:
                    problems.append(f"{GLOSSARY.as_posix()}: '{bad}' ({lang}) is both avoided and a glossary term")
    for lang in (l.code for l in langs):
        checks = [(term_pattern(bad, lang), bad, t) for t in terms for bad in t.avoid.get(lang, [])]
        if not checks:
            continue
        for page in pages(root / "docs", lang):
            for n, line in Page.read(root / "docs" / lang / page).prose_lines(math=False):
                line = plain(line)
                for pattern, bad, t in checks:
                    if pattern.search(line):
                        problems.append(f"docs/{lang}/{page.as_posix()}:{n}: uses '{bad}'; the glossary term for "
                                        f"{' / '.join(t.words.values())} is '{t.words[lang]}'")
    return problems


def tooltip(term: Term, lang: str, source_lang: str) -> str:
    """Tooltip text of a term for a reader of `lang`: the term in the other languages and its note."""
    others = [w for code, w in term.words.items() if code != lang]
    note = term.notes.get(lang) or term.notes.get("en") or term.notes.get(source_lang, "")
    head = f"{term.words.get(lang, '')} · {' · '.join(others)}".strip(" ·")
    colon = "：" if lang in ("zh", "ja") or lang.startswith("zh-") else ": "
    return f"{head}{colon}{note}" if note else head

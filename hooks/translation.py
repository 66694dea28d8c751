"""Translation data: freshness (hashes and status), structure and glossary checks.

One module, used by hooks/i18n.py (banners, fallback pages, the status page, glossary
tooltips), by scripts/i18n_status.py (`make i18n-status`, `make i18n-stamp`) and by
the tests. It knows nothing of MkDocs: it reads files under docs/ and the language
list of mkdocs.yml (extra.i18n.languages), so it moves with the project.

Paths of pages are relative to docs/, e.g. ``zh/autograd/basics.md``. The first
language of extra.i18n.languages is the SOURCE; every other language translates it.
A translated page says what it was translated from in its front matter::

    ---
    translation:
      source: zh/autograd/basics.md
      hash: 0123456789ab
    ---

``hash`` is a prefix of the SHA-256 of the source page's text and of every file it
includes (snippets, outputs), so a change to any of them makes the translation stale.
A lab's prose page (``*_lab.md``) is a page like any other; the lab code it places
(``labs/**/*_lab.py``) counts as an included file.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HASH_LENGTH = 12
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
INCLUDE = re.compile(r'^\s*(?:[-*]\s+|>\s*)?--8<--\s+"([^"]+)"\s*$')
STATUS_MARKER = "<!-- i18n-status -->"  # replaced by the status tables (hooks/i18n.py)
GLOSSARY = Path("docs") / "glossary.yml"

UP_TO_DATE, STALE, MISSING = "up to date", "stale", "missing"

# Words the site shows readers, per language. A language without an entry here uses
# its `extra.i18n.text` in mkdocs.<code>.yml (written by `make new-language`), else English.
TEXT = {
    "zh": {
        "stale_title": "本页译文可能已过时",
        "stale_body": "本页翻译完成后，{source_name}原文又有了改动。最新内容请看{link}。",
        "stale_link": "{source_name}原文",
        "fallback_title": "本页尚未翻译",
        "fallback_body": "本页还没有{name}译文，下面显示的是{source_name}原文。翻译进度见{link}。",
        "status_link": "翻译状态",
        "summary": "{total} 页中 {up} 页是最新的，{stale} 页已过时，{missing} 页尚未翻译（完成 {percent}%）。",
        "page": "页面",
        "state": "状态",
        UP_TO_DATE: "最新",
        STALE: "已过时",
        MISSING: "未翻译",
        "partial": "部分翻译：未翻译的页面显示{source_name}原文。",
        "download": "下载本页的 Jupyter notebook（含输出）",
        "colab": "在 Colab 中打开本页的 notebook",
        "report": "报告本页的问题",
        "report_body": "页面：{url}\n\n哪里有问题（哪一段、哪个输出）：\n\n",
        "nb_made": "本 notebook 中的输出由 PyTorch {torch}（CPU）运行生成，并经本站的测试核对",
        "nb_checked": "；也在 PyTorch {releases} 上核对过",
        "list_sep": "、",
        "nb_other": "你运行的是 PyTorch {}，有些输出可能与这里的不同。各版本的差异见：{url}",
    },
    "en": {
        "stale_title": "This translation may be out of date",
        "stale_body": "The {source_name} original of this page has changed since it was translated. "
                      "For the latest version, read the {link}.",
        "stale_link": "{source_name} original",
        "fallback_title": "Not translated yet",
        "fallback_body": "This page has no {name} translation yet, so it is shown in {source_name}. "
                         "See the {link}.",
        "status_link": "translation status",
        "summary": "{up} of {total} pages up to date, {stale} stale, {missing} not translated ({percent}% done).",
        "page": "Page",
        "state": "Status",
        UP_TO_DATE: "up to date",
        STALE: "stale",
        MISSING: "not translated",
        "partial": "Partly translated: untranslated pages are shown in {source_name}.",
        "download": "Download this page as a Jupyter notebook (outputs included)",
        "colab": "Open this page's notebook in Colab",
        "report": "Report a problem on this page",
        "report_body": "Page: {url}\n\nWhat is wrong (which paragraph, which output):\n\n",
        "nb_made": "The outputs in this notebook were made by PyTorch {torch} (CPU) and checked by the site's tests",
        "nb_checked": "; also checked on PyTorch {releases}",
        "nb_other": "You run PyTorch {}: some outputs may differ from the ones here. What differs by release: {url}",
    },
}


# ---------------------------------------------------------------- languages
class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name, ...)."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def languages(root: Path) -> list[dict]:
    """extra.i18n.languages of mkdocs.yml: [{code, name, dir, partial?}], source first."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return config["extra"]["i18n"]["languages"]


def text(lang: str, overrides: dict | None = None) -> dict:
    """The reader-facing words for a language (built-in, then config overrides, then English)."""
    return {**TEXT["en"], **TEXT.get(lang, {}), **(overrides or {})}


# ---------------------------------------------------------------- pages and hashes
def split_front_matter(source: str) -> tuple[dict, str]:
    m = FRONT_MATTER.match(source)
    if not m:
        return {}, source
    return yaml.safe_load(m.group(1)) or {}, source[m.end():]


def includes(source: str) -> list[str]:
    """Files a page includes with `--8<-- "path"`, in order (section suffixes removed)."""
    return [m.group(1).split(":")[0] for line in source.splitlines() if (m := INCLUDE.match(line))]


def pages(root: Path, lang: str) -> list[str]:
    """Markdown pages of a language, relative to docs/<lang>/."""
    base = root / "docs" / lang
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md")) if base.is_dir() else []


def source_hash(root: Path, source: str) -> str:
    """Hash of a source page (relative to docs/) and of every file it includes."""
    text_ = (root / "docs" / source).read_text(encoding="utf-8")
    h = hashlib.sha256(b"page\0" + text_.encode("utf-8"))
    for inc in dict.fromkeys(includes(text_)):
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


def status(root: Path, langs: list[dict] | None = None) -> list[LanguageStatus]:
    """Status of every page of the source language in every other language."""
    langs = langs or languages(root)
    source = langs[0]["code"]
    result = []
    for lang in langs[1:]:
        ls = LanguageStatus(lang["code"], lang["name"], bool(lang.get("partial")))
        ls.pages = [page_status(root, lang["code"], page, source) for page in pages(root, source)]
        result.append(ls)
    return result


def stamp(root: Path, target: str, source_lang: str | None = None) -> str:
    """Record in a translated page (relative to docs/) the hash of its source; returns it."""
    source_lang = source_lang or languages(root)[0]["code"]
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
    """The status page's tables, in the reader's language (hooks/i18n.py)."""
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
HEADING = re.compile(r"^(#{1,6})\s+.*?\{\s*#([\w-]+)[^}]*\}\s*$")
HEADING_NO_ID = re.compile(r"^(#{1,6})\s+\S")
ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s+([\w-]+)")
TAB = re.compile(r'^\s*===\+?\s+"')
MATH_BLOCK = re.compile(r"^\s*\$\$")
FIGURE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)")
FENCE = re.compile(r"^\s*(```+|~~~+)")


def structure(source: str) -> list[tuple[int, str, str]]:
    """The skeleton of a page, in order: (line, kind, value) for heading ids, snippet
    includes, admonitions, content tabs, math blocks, figures and links."""
    _, body = split_front_matter(source)
    offset = source[: len(source) - len(body)].count("\n")
    items, fence, in_math = [], None, False
    for n, line in enumerate(body.splitlines(), start=offset + 1):
        m = INCLUDE.match(line)
        if m:
            items.append((n, "include", m.group(1).split(":")[0]))
            continue
        f = FENCE.match(line)
        if f and not in_math:
            if fence is None:
                fence = f.group(1)
            elif f.group(1).startswith(fence):
                fence = None
            continue
        if fence:
            continue
        if in_math:
            in_math = "$$" not in line
            continue
        if MATH_BLOCK.match(line):
            items.append((n, "math block", "$$"))
            in_math = line.count("$$") == 1
            continue
        if h := HEADING.match(line):
            items.append((n, "heading", f"h{len(h.group(1))} #{h.group(2)}"))
        elif HEADING_NO_ID.match(line):
            items.append((n, "heading", f"h{len(line) - len(line.lstrip('#'))} (no id)"))
        if a := ADMONITION.match(line):
            items.append((n, "admonition", f"{a.group(1)} {a.group(2)}"))
        if TAB.match(line):
            items.append((n, "tab", "==="))
        line_no_code = re.sub(r"`[^`]*`", "", line)
        for target in FIGURE.findall(line_no_code):
            items.append((n, "figure", target))
        for target in LINK.findall(line_no_code):
            items.append((n, "link", target))
    return items


def first_structure_difference(source: str, translation: str) -> str | None:
    """None when both pages have the same skeleton, else the first difference."""
    a, b = structure(source), structure(translation)
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else None
        y = b[i] if i < len(b) else None
        if x is None or y is None or x[1:] != y[1:]:
            def show(item, other):
                return f"line {item[0]}: {item[1]} {item[2]}" if item else f"nothing (after line {other})"
            return (f"item {i + 1}: source has {show(x, a[-1][0] if a else 0)}, "
                    f"translation has {show(y, b[-1][0] if b else 0)}")
    return None


def check_structure(root: Path, langs: list[dict] | None = None) -> list[str]:
    """Every translated page has its source's skeleton (see structure())."""
    langs = langs or languages(root)
    source = langs[0]["code"]
    problems = []
    for lang in langs[1:]:
        for page in pages(root, lang["code"]):
            src = root / "docs" / source / page
            if not src.is_file():
                continue  # the twin check reports it
            diff = first_structure_difference(src.read_text(encoding="utf-8"),
                                              (root / "docs" / lang["code"] / page).read_text(encoding="utf-8"))
            if diff:
                problems.append(f"docs/{lang['code']}/{page} differs in structure from docs/{source}/{page}: {diff}")
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


def prose_lines(source: str) -> list[tuple[int, str]]:
    """Lines of prose: no front matter, code, math, link targets, HTML comments or tags."""
    _, body = split_front_matter(source)
    offset = source[: len(source) - len(body)].count("\n")
    out, fence, in_math = [], None, False
    for n, line in enumerate(body.splitlines(), start=offset + 1):
        f = FENCE.match(line)
        if f:
            if fence is None:
                fence = f.group(1)
            elif f.group(1).startswith(fence):
                fence = None
            continue
        if fence or INCLUDE.match(line):
            continue
        if in_math:
            in_math = "$$" not in line
            continue
        if MATH_BLOCK.match(line):
            in_math = line.count("$$") == 1
            continue
        line = re.sub(r"`[^`]*`", " ", line)
        line = re.sub(r"\$[^$]*\$", " ", line)
        line = re.sub(r"\]\([^)]*\)", "] ", line)
        line = re.sub(r"<[^>]*>|\{[#.][^}]*\}", " ", line)
        out.append((n, line))
    return out


def check_glossary(root: Path, langs: list[dict] | None = None) -> list[str]:
    """The glossary has one translation per term, and no page uses another one."""
    langs = langs or languages(root)
    terms = load_glossary(root)
    problems = []
    for lang in (l["code"] for l in langs):
        seen: dict[str, int] = {}
        for i, t in enumerate(terms):
            word = t.words.get(lang)
            if word is None:
                continue
            if word.lower() in seen:
                problems.append(f"{GLOSSARY.as_posix()}: '{word}' ({lang}) translates two terms "
                                f"({terms[seen[word.lower()]].words.get(langs[0]['code'])} and "
                                f"{t.words.get(langs[0]['code'])})")
            seen[word.lower()] = i
        for t in terms:
            for bad in t.avoid.get(lang, []):
                if bad.lower() in seen:
                    problems.append(f"{GLOSSARY.as_posix()}: '{bad}' ({lang}) is both avoided and a glossary term")
    for lang in (l["code"] for l in langs):
        checks = [(term_pattern(bad, lang), bad, t) for t in terms for bad in t.avoid.get(lang, [])]
        if not checks:
            continue
        for page in pages(root, lang):
            source = (root / "docs" / lang / page).read_text(encoding="utf-8")
            for n, line in prose_lines(source):
                for pattern, bad, t in checks:
                    if pattern.search(line):
                        problems.append(f"docs/{lang}/{page}:{n}: uses '{bad}'; the glossary term for "
                                        f"{' / '.join(t.words.values())} is '{t.words[lang]}'")
    return problems


def tooltip(term: Term, lang: str, source_lang: str) -> str:
    """Tooltip text of a term for a reader of `lang`: the term in the other languages and its note."""
    others = [w for code, w in term.words.items() if code != lang]
    note = term.notes.get(lang) or term.notes.get("en") or term.notes.get(source_lang, "")
    head = f"{term.words.get(lang, '')} · {' · '.join(others)}".strip(" ·")
    colon = "：" if lang in ("zh", "ja") or lang.startswith("zh-") else ": "
    return f"{head}{colon}{note}" if note else head

"""MkDocs hook: one site, several languages, each built on its own.

Each language is a separate MkDocs build (mkdocs.yml for the default language,
mkdocs.<code>.yml for the others), so every language gets its own search index and
notebook pages render in every language. This hook:

- fails the build when a page has no twin in every other language, except in a
  language marked ``partial: true`` in extra.i18n.languages: there a missing page
  falls back to the source language (the first one) with a banner saying so;
- shows a banner, in the reader's language, on a translated page whose source changed
  since it was stamped (hooks/translation.py holds the data: hashes, status);
- fills the translation-status page (the ``<!-- i18n-status -->`` marker);
- gives the first use of each glossary term (docs/glossary.yml) a tooltip;
- adds the shared files under docs/assets/ (KaTeX, site CSS/JS) to every build, and
  the figures that snippets drew into build/figures/ (served at figures/), with their
  words in the build's language (docs/figure_words.yml, hooks/figures.py);
- points the language selector of each page at the same page in the other languages
  (``i18n_links``, rendered by overrides/partials/alternate.html), so switching keeps
  the reader's page (and site.js keeps the #section).

Kept free of theme internals so that a later move to another MkDocs-compatible
generator only needs this file and the config.
"""
from __future__ import annotations

import html
import re
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from engine import figures
from hooks import translation

log = logging.getLogger("mkdocs.hooks.i18n")
SHARED = "assets"  # docs/assets/: files every language build serves
PAGE_PATTERNS = ("*.md",)  # Markdown pages (a lab is one too: hooks/labs.py)
FIGURES = Path("build") / "figures"  # drawn by snippets during the tests, served at figures/


def _languages(config) -> list[dict]:
    langs = (config.extra.get("i18n") or {}).get("languages")
    if not langs:
        raise PluginError("hooks/i18n.py: extra.i18n.languages is missing from the config")
    for i, lang in enumerate(langs):
        # The default language lives at the root, every other one in <code>/, built
        # from mkdocs.<code>.yml (scripts/build_site.py relies on this layout).
        want = "" if i == 0 else f"{lang['code']}/"
        if lang.get("dir") != want:
            raise PluginError(f"hooks/i18n.py: language '{lang['code']}' must have dir: \"{want}\"")
    return langs


def _current(config) -> dict:
    code = config.theme["language"]
    for lang in _languages(config):
        if lang["code"] == code:
            return lang
    raise PluginError(f"hooks/i18n.py: theme.language '{code}' is not in extra.i18n.languages")


def _docs_root(config) -> Path:
    return Path(config.docs_dir).parent


_fallback: set[str] = set()  # pages of this build shown in the source language
_status_page = "translations.md"  # the translation-status page (nav: 翻译状态 / Translation status)


def _source(config) -> dict:
    return _languages(config)[0]


def _words(config) -> dict:
    return translation.text(config.theme["language"], (config.extra.get("i18n") or {}).get("text"))


def on_files(files: Files, config) -> Files:
    docs_root = _docs_root(config)
    here = _current(config)
    source = _source(config)
    # Every page must exist in every language (the twin check), but a language marked
    # `partial: true` may lack pages of the source language: they fall back to it.
    mine = {f.src_uri for f in files.documentation_pages()}
    problems = []
    for lang in _languages(config):
        if lang["code"] == here["code"]:
            continue
        other_dir = docs_root / lang["code"]
        theirs = {p.relative_to(other_dir).as_posix() for pattern in PAGE_PATTERNS
                  for p in other_dir.rglob(pattern)}
        if not lang.get("partial"):
            for page in sorted(mine - theirs):
                problems.append(f"docs/{here['code']}/{page} has no twin docs/{lang['code']}/{page}")
        for page in sorted(theirs - mine):
            if not (here.get("partial") and (docs_root / source["code"] / page).exists()):
                problems.append(f"docs/{lang['code']}/{page} has no twin docs/{here['code']}/{page}")
    if problems:
        raise PluginError("Every page must exist in every language:\n  " + "\n  ".join(problems))
    _fallback.clear()
    if here.get("partial"):
        src_dir = docs_root / source["code"]
        for path in sorted(p for pattern in PAGE_PATTERNS for p in src_dir.rglob(pattern)):
            uri = path.relative_to(src_dir).as_posix()
            if uri not in mine:
                files.append(File(uri, str(src_dir), config.site_dir, config.use_directory_urls))
                _fallback.add(uri)
    # Shared assets, and the figures the snippets drew (a page that shows a figure
    # no snippet drew fails the strict build with a link warning).
    root = Path(config.config_file_path).parent
    figures = _figures_in(root, here["code"])
    for base, folder in ((docs_root, docs_root / SHARED), (figures.parent, figures)):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            uri = path.relative_to(base).as_posix()
            if files.get_file_from_path(uri) is None:
                files.append(File(uri, str(base), config.site_dir, config.use_directory_urls))
    return files


def _figures_in(root: Path, lang: str) -> Path:
    """The figures folder for a language: build/figures/ itself, or, when
    docs/figure_words.yml has words for the language, a copy of it with every SVG's
    words in that language (hooks/figures.py), in build/figures-<lang>/figures/."""
    source = root / FIGURES
    rules = figures.table(root, lang)
    if not rules or not source.is_dir():
        return source
    out = root / "build" / f"figures-{lang}" / "figures"
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        dest = out / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".svg":
            text = figures.translate_svg(path.read_text(encoding="utf-8"), rules)
            if not dest.exists() or dest.read_text(encoding="utf-8") != text:
                dest.write_text(text, encoding="utf-8")
        elif not dest.exists() or dest.read_bytes() != path.read_bytes():
            dest.write_bytes(path.read_bytes())
    return out


def on_page_context(context, page, config, nav):
    """Language links for this page, for overrides/partials/alternate.html.

    `extra.alternate: true` in mkdocs.yml switches the theme's selector on; the links
    themselves are per page, relative to the page, so they work at any hosting path.
    The theme gets no list of alternates; overrides/partials/hreflang.html writes the
    <link rel="alternate" hreflang> tags from ``absolute`` (site_url based) and holds
    back the theme's sitemap look-ups for them, which would 404 (or leave the host).
    """
    here = _current(config)
    to_root = _to_root(page, here)
    if page.file.src_uri in _fallback and page.edit_url:
        # The page shown is the source language's file: edit that one.
        page.edit_url = page.edit_url.replace(f"/docs/{here['code']}/", f"/docs/{_source(config)['code']}/")
    context["i18n_words"] = _words(config)  # the page actions' titles (overrides/partials/actions.html)
    site = config.site_url or ""
    root = site[: len(site) - len(here["dir"])] if here["dir"] and site.endswith(here["dir"]) else site
    context["i18n_links"] = [
        {"name": lang["name"], "lang": lang["code"], "href": (to_root + lang["dir"] + page.url) or "./",
         "absolute": root + lang["dir"] + page.url if root else None}  # <link rel="alternate" hreflang>
        for lang in _languages(config)
    ]
    return context


def _to_root(page, here: dict) -> str:
    """From this page up to the site root: the page's depth in its build, then the
    language's own folder."""
    return "../" * page.url.count("/") + "../" * here["dir"].count("/")


def on_page_markdown(markdown, page, config, files):
    """The status page: the tables of hooks/translation.py, in the reader's language."""
    if translation.STATUS_MARKER not in markdown:
        return markdown
    root = Path(config.config_file_path).parent
    langs = _languages(config)
    tables = translation.status_markdown(translation.status(root, langs), _words(config), langs[0]["name"])
    return markdown.replace(translation.STATUS_MARKER, tables)


def _banner(kind: str, title: str, body: str) -> str:
    return (f'<div class="admonition warning i18n-banner" data-i18n="{kind}">'
            f'<p class="admonition-title">{html.escape(title)}</p><p>{body}</p></div>\n')


def _link(href: str, label: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(label)}</a>'


def on_page_content(content, page, config, files):
    """Glossary tooltips; then, on a stale or untranslated page, a banner under the title."""
    here, source = _current(config), _source(config)
    root = Path(config.config_file_path).parent
    fallback = page.file.src_uri in _fallback
    content_lang = source["code"] if fallback else here["code"]
    if getattr(page.file, "lab_notebook", None) is None:  # not in executed notebooks (hooks/labs.py)
        content = _add_tooltips(content, root, content_lang, source["code"])
    if here["code"] == source["code"]:
        return content
    words = _words(config)
    banner = ""
    if fallback:
        status_file = files.get_file_from_path(_status_page)
        link = _link(get_relative_url(status_file.url, page.url), words["status_link"]) if status_file else words["status_link"]
        banner = _banner("fallback", words["fallback_title"],
                         html.escape(words["fallback_body"]).format(
                             name=html.escape(here["name"]), source_name=html.escape(source["name"]), link=link))
    else:
        state = translation.page_status(root, here["code"], page.file.src_uri, source["code"])
        if state.state != translation.UP_TO_DATE:
            href = _to_root(page, here) + source["dir"] + page.url or "./"
            link = _link(href, words["stale_link"].format(source_name=source["name"]))
            banner = _banner("stale", words["stale_title"],
                             html.escape(words["stale_body"]).format(source_name=html.escape(source["name"]), link=link))
    if not banner:
        return content
    end = content.find("</h1>")
    at = end + len("</h1>") if end != -1 else 0
    return content[:at] + "\n" + banner + content[at:]


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


def _add_tooltips(content: str, root: Path, lang: str, source_lang: str) -> str:
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

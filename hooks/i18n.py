"""MkDocs hook: one site, several languages, each built on its own.

Each language is a separate MkDocs build (mkdocs.yml for the default language,
mkdocs.<code>.yml for the others), so every language gets its own search index and
notebook pages render in every language. This hook:

- fails the build when a page has no twin in every other language;
- adds the shared files under docs/assets/ (KaTeX, site CSS/JS) to every build, and
  the figures that snippets drew into build/figures/ (served at figures/);
- points the language selector of each page at the same page in the other languages
  (``i18n_links``, rendered by overrides/partials/alternate.html), so switching keeps
  the reader's page (and site.js keeps the #section).

Kept free of theme internals so that a later move to another MkDocs-compatible
generator only needs this file and the config.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.i18n")
SHARED = "assets"  # docs/assets/: files every language build serves
PAGE_PATTERNS = ("*.md", "*_lab.py")  # Markdown pages and jupytext notebook labs
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


def on_files(files: Files, config) -> Files:
    docs_root = _docs_root(config)
    here = _current(config)
    # Every page must exist in every language (the twin check).
    mine = {f.src_uri for f in files.documentation_pages()}
    problems = []
    for lang in _languages(config):
        if lang["code"] == here["code"]:
            continue
        other_dir = docs_root / lang["code"]
        theirs = {p.relative_to(other_dir).as_posix() for pattern in PAGE_PATTERNS
                  for p in other_dir.rglob(pattern)}
        for page in sorted(mine - theirs):
            problems.append(f"docs/{here['code']}/{page} has no twin docs/{lang['code']}/{page}")
        for page in sorted(theirs - mine):
            problems.append(f"docs/{lang['code']}/{page} has no twin docs/{here['code']}/{page}")
    if problems:
        raise PluginError("Every page must exist in every language:\n  " + "\n  ".join(problems))
    # Shared assets, and the figures the snippets drew (a page that shows a figure
    # no snippet drew fails the strict build with a link warning).
    figures = Path(config.config_file_path).parent / FIGURES
    for base, folder in ((docs_root, docs_root / SHARED), (figures.parent, figures)):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            uri = path.relative_to(base).as_posix()
            if files.get_file_from_path(uri) is None:
                files.append(File(uri, str(base), config.site_dir, config.use_directory_urls))
    return files


def on_page_context(context, page, config, nav):
    """Language links for this page, for overrides/partials/alternate.html.

    `extra.alternate: true` in mkdocs.yml switches the theme's selector on; the links
    themselves are per page, relative to the page, so they work at any hosting path.
    The theme gets no list of alternates, so it emits no <link rel="alternate">, whose
    sitemap look-ups would 404 here (or leave the host once site_url is set).
    """
    here = _current(config)
    # From this page up to the site root: the page's depth in its build, then the
    # language's own folder.
    to_root = "../" * page.url.count("/") + "../" * here["dir"].count("/")
    context["i18n_links"] = [
        {"name": lang["name"], "lang": lang["code"], "href": (to_root + lang["dir"] + page.url) or "./"}
        for lang in _languages(config)
    ]
    return context

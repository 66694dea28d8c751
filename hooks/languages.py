"""MkDocs hook: one site, several languages, each built on its own (engine/languages.py,
engine/translation.py and engine/tooltips.py do the work): the twin check, fallback pages
of a partial language, shared assets and figures in the build's language, the language
selector, nav section titles, banners and glossary tooltips."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.utils import get_relative_url

from engine import banners, figures, languages, tooltips, words

SHARED = "assets"  # docs/assets/: files every language build serves


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files, config):
    root, lang = _root(config), config.theme["language"]
    langs = languages.languages(root)
    problems = languages.layout_problems(langs) + languages.twin_problems(root, lang)
    if problems:
        raise PluginError("Every page must exist in every language:\n  " + "\n  ".join(problems))
    source = root / "docs" / langs[0].code
    for page in languages.fallback_pages(root, lang):
        files.append(File(page.as_posix(), str(source), config.site_dir, config.use_directory_urls))
    shown = figures.figures_for(root, lang)
    for base, folder in ((root / "docs", root / "docs" / SHARED), (shown.parent, shown)):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            uri = path.relative_to(base).as_posix()
            if files.get_file_from_path(uri) is None:
                files.append(File(uri, str(base), config.site_dir, config.use_directory_urls))
    return files


def on_nav(nav, config, files):
    titles = words.table(_root(config), config.theme["language"]).get("nav", {})

    def rename(items):
        for item in items:
            if isinstance(item, Section):
                item.title = titles.get(item.title, item.title)
                rename(item.children)
            elif getattr(item, "is_homepage", False) and "home" in titles:
                item.title = titles["home"]

    rename(nav.items)
    return nav


def on_page_context(context, page, config, nav):
    root, lang = _root(config), config.theme["language"]
    source = languages.languages(root)[0].code
    if not (root / "docs" / lang / page.file.src_uri).exists() and page.edit_url:
        page.edit_url = page.edit_url.replace(f"/docs/{lang}/", f"/docs/{source}/")  # edit the file shown
    context["i18n_words"] = words.table(root, lang)  # the page actions' titles
    context["i18n_links"] = languages.links(root, lang, page.url, config.site_url or "")
    return context


def on_page_content(content, page, config, files):
    root, lang = _root(config), config.theme["language"]
    langs = languages.languages(root)
    shown_in = lang if (root / "docs" / lang / page.file.src_uri).exists() else langs[0].code
    if getattr(page.file, "lab_notebook", None) is None:  # not inside an executed notebook
        content = tooltips.add_tooltips(content, root, shown_in, langs[0].code)
    status = files.get_file_from_path(languages.STATUS_PAGE)
    status_url = get_relative_url(status.url, page.url) if status else None
    return banners.with_banner(content, banners.banner_for(root, lang, page.file.src_uri, page.url,
                                                           status_url, words.table(root, lang)))

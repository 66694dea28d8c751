"""MkDocs hook: lab pages show their executed notebook (engine/labs.py does the work)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from engine import labs


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


@event_priority(-10)  # after hooks/languages.py: a partial language's untranslated lab is one of its files then
def on_files(files, config):
    pages = [f for f in files if f.src_uri.endswith("_lab.md")]
    root = _root(config)
    problems = [p for f in pages for p in labs.check(root, Path(f.abs_src_path))]
    if problems:
        raise PluginError("labs:\n  " + "\n  ".join(problems))
    if pages:
        labs.ensure_executed(root)  # nothing to do after make test
    for f in pages:
        f.lab_notebook = labs.assemble_into(root, Path(f.abs_src_path), config.theme["language"],
                                            Path(config.docs_dir).name, f.src_uri)
    return files


def on_page_markdown(markdown, page, config, files):
    return labs.prose_only(markdown) if getattr(page.file, "lab_notebook", None) else markdown


def _ids(items):
    for item in items:
        yield item.id
        yield from _ids(item.children)


def on_page_content(html, page, config, files):
    notebook = getattr(page.file, "lab_notebook", None)
    if notebook is None:
        return html
    return labs.page_html(_root(config), notebook, config.theme["language"], list(_ids(page.toc)),
                          page.file.src_uri)

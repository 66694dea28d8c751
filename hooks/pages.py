"""MkDocs hook: a page's Markdown, as the reader sees it (engine/page.py,
engine/notebook.py, engine/drift.py and engine/translation.py do the work): every
snippet line expanded into its code, output and drift notes, the status and version
tables filled in, and the page's notebook download written after the build."""
from __future__ import annotations

import json
import re
from pathlib import Path

from engine import drift, languages, notebook, provenance, translation, words
from engine.page import Page, prints_something

_notebooks: dict[str, dict] = {}  # page -> its notebook, written after the build
COLAB = "https://colab.research.google.com/github/{repo}/blob/notebooks/{path}"


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _made(root: Path, config) -> notebook.Provenance:
    made = provenance.made_by(root).get("torch", "?").split("+")[0]
    checked = tuple(sorted(drift.summaries(root), key=drift.version_key))
    url = (config.site_url or "").rstrip("/")
    return notebook.Provenance(made, checked, f"{url}/versions/" if url else None)


def on_page_markdown(markdown, page, config, files):
    root, lang = _root(config), config.theme["language"]
    said = words.table(root, lang)
    parsed = Page(markdown)
    page.snippets_shown = [s.code for s in parsed.snippets]  # for the provenance line
    lab = getattr(page.file, "lab_notebook", None)
    if lab is not None:
        nb = json.loads(Path(lab).read_text(encoding="utf-8"))
        _notebooks[page.file.src_uri] = notebook.notebook([notebook.version_cell(said, _made(root, config)),
                                                           *nb["cells"]], nb["metadata"])
    elif parsed.snippets:
        _notebooks[page.file.src_uri] = notebook.for_page(parsed, root, lang, said, _made(root, config))
    if page.file.src_uri in _notebooks:
        notebook.with_site_links(_notebooks[page.file.src_uri], page.file.src_uri, config.site_url)
        stem = Path(page.file.src_uri).stem
        page.notebook, page.notebook_name = f"{stem}.ipynb", f"{stem}.{lang}.ipynb"
        repo = re.match(r"https://github\.com/([^/]+/[^/]+?)/?$", config.repo_url or "")
        here = next(l for l in languages.languages(root) if l.code == lang)
        page.colab = COLAB.format(repo=repo.group(1), path=here.dir + page.url + page.notebook) if repo else None
    markdown = parsed.expand(said["output"], lambda out: prints_something(root, out),
                             lambda out, indent: drift.notes(root, out, indent, page.file.src_uri, said))
    if translation.STATUS_MARKER in markdown:
        langs = languages.languages(root)
        markdown = markdown.replace(translation.STATUS_MARKER, translation.status_markdown(
            translation.status(root, langs), said, langs[0].name))
    if drift.MARKER in markdown:  # the Version notes page only
        markdown = markdown.replace(drift.MARKER, drift.version_notes(root, lang, said))
    return markdown


def on_post_build(config):
    for src_uri, nb in _notebooks.items():
        dest = notebook.path_in_site(Path(config.site_dir), "", Path(src_uri))
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(notebook.dumps(nb), encoding="utf-8")
    _notebooks.clear()

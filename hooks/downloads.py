"""MkDocs hook: every page that shows code offers itself as a Jupyter notebook, outputs
included (engine/notebook.py writes it from the page; a lab's notebook is assembled by
hooks/labs.py and gets the same first cell here).

The notebook is written next to the page (``<page>/<name>.ipynb``) and linked from the
page's header actions (overrides/partials/actions.html) through ``page.notebook``; it
downloads as ``<name>.<lang>.ipynb`` (``page.notebook_name``), and ``page.colab`` opens
it in Colab from the repository's ``notebooks`` branch, where the site workflow
(.github/workflows/pages.yml) publishes the built notebooks, at the same paths.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from engine import figures, notebook, settings
from engine.page import Page

_pending: dict[str, dict] = {}  # page -> its notebook, written after the build
COLAB = "https://colab.research.google.com/github/{repo}/blob/notebooks/{path}"


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def provenance(root: Path, config) -> notebook.Provenance:
    """Which PyTorch made the outputs, the newer releases they were checked on, and the
    Version notes page of this language."""
    from hooks import drift

    made = json.loads((root / "snippets" / "provenance.json").read_text(encoding="utf-8"))["torch"]
    checked = tuple(sorted((s.release for s in drift.summaries(root)), key=drift.version_key))
    url = (config.site_url or "").rstrip("/")
    return notebook.Provenance(made.split("+")[0], checked, f"{url}/versions/" if url else None)


def _words(config) -> dict:
    from hooks.translation import text

    return text(config.theme["language"], (config.extra.get("i18n") or {}).get("text"))


def page_notebook(page: Page, root: Path, lang: str, words: dict, made: notebook.Provenance) -> dict:
    rules = figures.table(root, lang)

    def raises(snippet: str) -> bool:
        return settings.for_snippet(root / snippet).raises is not None

    def figure(target: str) -> str | None:
        path = root / target
        return figures.translate_svg(path.read_text(encoding="utf-8"), rules) if path.exists() else None

    return notebook.from_page(page, root, lang, words, made, raises, figure)


def _offer(page, config) -> None:
    """page.notebook (the link), page.notebook_name (the saved file's name, one per
    language), page.colab (the same notebook in Colab, or None without a GitHub repo)."""
    lang = config.theme["language"]
    page.notebook = f"{Path(page.file.src_uri).stem}.ipynb"
    page.notebook_name = f"{Path(page.notebook).stem}.{lang}.ipynb"
    repo = re.match(r"https://github\.com/([^/]+/[^/]+?)/?$", config.repo_url or "")
    langs = (config.extra.get("i18n") or {}).get("languages", [{}])
    prefix = next((l.get("dir", "") for l in langs if l.get("code") == lang), "")
    page.colab = COLAB.format(repo=repo.group(1), path=prefix + page.url + page.notebook) if repo else None


def on_page_markdown(markdown, page, config, files):
    root, lang = _root(config), config.theme["language"]
    made = provenance(root, config)
    lab = getattr(page.file, "lab_notebook", None)
    if lab is not None:  # hooks/labs.py assembled it: the first cell goes before its own
        nb = json.loads(Path(lab).read_text(encoding="utf-8"))
        nb = notebook.notebook([notebook.version_cell(_words(config), made), *nb["cells"]], nb["metadata"])
    else:
        nb = page_notebook(Page(markdown), root, lang, _words(config), made)
        if not any(c["cell_type"] == "code" for c in nb["cells"][1:]):
            return markdown
    _pending[page.file.src_uri] = nb
    _offer(page, config)
    return markdown


def on_post_build(config):
    site = Path(config.site_dir)
    for src_uri, nb in _pending.items():
        dest = site / Path(src_uri).with_suffix("") / f"{Path(src_uri).stem}.ipynb"
        if Path(src_uri).stem == "index":
            dest = site / Path(src_uri).parent / "index.ipynb"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(notebook.dumps(nb), encoding="utf-8")
    _pending.clear()

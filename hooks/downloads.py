"""MkDocs hook: every chapter page offers itself as a Jupyter notebook (.ipynb).

- A Markdown page becomes a notebook whose markdown cells are the page's prose (in
  the page's language) and whose code cells are the snippets it shows, in order, each
  with the output the page shows under it (its tested .out file), so the notebook
  reads well before it runs (tests/test_downloads.py runs one and checks what it
  prints against the page's outputs).
- A lab is a notebook already (hooks/labs.py assembles it, outputs included); it is
  copied next to the page as it is.

The notebook is written next to the page (``<page>/<name>.ipynb``) and linked from the
page's header actions (overrides/partials/actions.html) through ``page.notebook``; it
downloads as ``<name>.<lang>.ipynb`` (``page.notebook_name``), and ``page.colab`` opens
it in Colab from the repository's ``notebooks`` branch, where the site workflow
(.github/workflows/pages.yml) publishes the built notebooks, at the same paths.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>.*)$")
INCLUDE = re.compile(r'^\s*--8<--\s+"([^"]+)"\s*$')
HEADING_ID = re.compile(r"\s*\{\s*#[\w-]+[^}]*\}\s*$")
ADMONITION = re.compile(r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+\w+(?:\s+"(?P<title>[^"]*)")?\s*$')
TAB = re.compile(r'^(?P<indent>\s*)===\+?\s+"(?P<title>[^"]*)"\s*$')
ANNOTATION = re.compile(r"\s*# \(\d+\)!")

_pending: dict[str, "dict | Path"] = {}  # page -> its notebook, written after the build


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def _snippet_code(root: Path, path: str) -> str:
    text = (root / path).read_text(encoding="utf-8")
    return "\n".join(ANNOTATION.sub("", line).rstrip() for line in text.splitlines()).strip("\n")


def cell(kind: str, source: str) -> dict:
    """A notebook cell (nbformat 4.5) as plain data: importing nbformat costs a build
    more than writing a notebook does."""
    if kind == "code":
        return {"cell_type": "code", "execution_count": None, "id": "", "metadata": {}, "outputs": [],
                "source": source}
    return {"cell_type": kind, "id": "", "metadata": {}, "source": source}


def notebook(cells: list[dict], metadata: dict) -> dict:
    for i, c in enumerate(cells):
        c["id"] = f"cell-{i}"  # not random ids: the same page gives the same file
    return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def dumps(nb: dict) -> str:
    """As nbformat writes it."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def page_to_notebook(markdown: str, root: Path, lang: str) -> dict:
    """Prose as markdown cells, included snippets (.py) as code cells, outputs dropped.
    (Plain data: ``nbformat.from_dict`` makes it a NotebookNode.)"""
    cells, prose = [], []
    lines = markdown.splitlines()
    i = 0

    def flush():
        text = "\n".join(prose).strip("\n")
        if text.strip():
            cells.append(cell("markdown", text))
        prose.clear()

    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if m:
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(m.group("fence")):
                j += 1
            body = lines[i + 1 : j]
            includes = [INCLUDE.match(b).group(1) for b in body if INCLUDE.match(b)]
            if includes:
                for inc in includes:
                    if inc.endswith(".py"):
                        flush()
                        cells.append(cell("code", _snippet_code(root, inc)))
                    elif inc.endswith(".out") and cells and cells[-1]["cell_type"] == "code" \
                            and not prose and (root / inc).exists():
                        # the output the page shows right under its snippet
                        cells[-1]["outputs"] = [{"name": "stdout", "output_type": "stream",
                                                 "text": (root / inc).read_text(encoding="utf-8")}]
            else:
                prose.extend(l[len(m.group("indent")):] for l in lines[i : j + 1])
            i = j + 1
            continue
        heading = HEADING_ID.sub("", line) if line.lstrip().startswith("#") else line
        adm = ADMONITION.match(heading) or TAB.match(heading)
        if adm:
            title = adm.group("title")
            prose.append(f"**{title}**" if title else "")
        else:
            prose.append(heading.strip() if heading.startswith("    ") else heading)
        i += 1
    flush()
    return notebook(cells, {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                            "language_info": {"name": "python"}, "gradients_executed": {"language": lang}})


def _notebook_name(page) -> str:
    stem = Path(page.file.src_uri).stem
    return f"{stem}.ipynb"


def _lab(page):
    return getattr(page.file, "lab_notebook", None)


COLAB = "https://colab.research.google.com/github/{repo}/blob/notebooks/{path}"


def _offer(page, config) -> None:
    """page.notebook (the link), page.notebook_name (the saved file's name, one per
    language), page.colab (the same notebook in Colab, or None without a GitHub repo)."""
    lang = config.theme["language"]
    page.notebook = _notebook_name(page)
    page.notebook_name = f"{Path(page.notebook).stem}.{lang}.ipynb"
    repo = re.match(r"https://github\.com/([^/]+/[^/]+?)/?$", config.repo_url or "")
    site_dir = (config.extra.get("i18n") or {}).get("languages", [{}])
    prefix = next((l.get("dir", "") for l in site_dir if l.get("code") == lang), "")
    page.colab = COLAB.format(repo=repo.group(1), path=prefix + page.url + page.notebook) if repo else None


def on_page_markdown(markdown, page, config, files):
    if _lab(page) is not None:
        _pending[page.file.src_uri] = _lab(page)
        _offer(page, config)
        return markdown
    nb = page_to_notebook(markdown, _root(config), config.theme["language"])
    if any(c["cell_type"] == "code" for c in nb["cells"]):
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
        if isinstance(nb, Path):  # a lab's assembled notebook
            shutil.copyfile(nb, dest)
        else:
            dest.write_text(dumps(nb), encoding="utf-8")
    _pending.clear()

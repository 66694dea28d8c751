"""Labs: code written once, prose in every language, executed once, rendered by mkdocs-jupyter.

A lab has one code file and one prose page per language:

- ``labs/<chapter>/<name>_lab.py``: the code, cut into cells by ``# %% <id>`` lines
  (jupytext's percent format; it runs as a plain script too);
- ``docs/<lang>/<chapter>/<name>_lab.md``: the prose, a Markdown page like any other
  (heading ids, translation stamps, glossary), which places each code cell, in the
  code's order, with a line ``--8<-- "labs/<chapter>/<name>_lab.py:<id>"``.

``execute`` runs the code cells once, in a fresh kernel, from the snippets' starting
state (cwd = repository root, one thread, figures as SVG), and keeps the executed cells
in ``build/labs/<chapter>/<name>_lab.ipynb`` with a hash of the code: `make test` does
it once per run, before it builds the site (tests/conftest.py), and asserts every
number the prose states; a build without a test run does it for what is missing
(``ensure_executed``, called by scripts/build_site.py). The build never runs
lab code itself: as an MkDocs hook, this module swaps each prose page for a notebook
assembled from the prose and the executed cells (``build/labs/<lang>/...ipynb``), which
mkdocs-jupyter renders with ``execute: false``. The same notebook, outputs included, is
the page's download.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CELL = re.compile(r"^# %%[ \t]*(?P<id>[\w-]*)[ \t]*$", re.M)
PLACE = re.compile(r'^--8<--\s+"(?P<path>labs/[^":]+\.py):(?P<id>[\w-]+)"\s*$')
HEADING_ID = re.compile(r"^(#{1,6}\s.*?)\s*\{\s*#([\w-]+)[^}]*\}\s*$")
# Run before the lab's own cells, then removed: what the snippets' harness sets too.
# Figures as SVG whose text stays text: hooks/figures.py puts it in each language.
PRELUDE = ("import matplotlib, matplotlib_inline.backend_inline\n"
           "matplotlib_inline.backend_inline.set_matplotlib_formats('svg')\n"
           "matplotlib.rcParams['svg.fonttype'] = 'none'\n")
EXECUTOR = "2"  # bump when execute() changes what it stores
# In a lab's prose, a figure's description: a line `![...](#figure)` after the cell
# that draws it (one line per figure, in order). It becomes the figure's alt text.
FIGURE_ALT = re.compile(r"^!\[(?P<alt>[^\]]+)\]\(#figure\)\s*$")


class LabError(Exception):
    pass


def code_cells(path: Path) -> list[tuple[str, str]]:
    """(id, source) of every cell of a lab's code file, in order."""
    text = path.read_text(encoding="utf-8")
    marks = list(CELL.finditer(text))
    cells = []
    for m, nxt in zip(marks, marks[1:] + [None]):
        body = text[m.end(): nxt.start() if nxt else len(text)].strip("\n")
        cells.append((m.group("id"), body))
    return cells


def prose_parts(page: Path) -> list[tuple[str, str]]:
    """("markdown", text) and ("code", "<labs path>:<id>") parts of a lab's prose page."""
    text = page.read_text(encoding="utf-8")
    if text.startswith("---\n"):  # front matter (translation stamp): not shown
        text = text[text.index("\n---\n", 4) + 5:]
    parts, prose = [], []
    for line in text.splitlines():
        m = PLACE.match(line)
        if m:
            parts.append(("markdown", "\n".join(prose).strip("\n")))
            parts.append(("code", f"{m.group('path')}:{m.group('id')}"))
            prose = []
        else:
            prose.append(line)
    parts.append(("markdown", "\n".join(prose).strip("\n")))
    return [p for p in parts if p[1].strip()]


def code_path(root: Path, page: Path) -> Path | None:
    """The code file a prose page places cells from (None if it places none)."""
    paths = {ref.split(":")[0] for kind, ref in prose_parts(page) if kind == "code"}
    if len(paths) > 1:
        raise LabError(f"{page}: places cells from several code files: {sorted(paths)}")
    return root / paths.pop() if paths else None


def check(root: Path, page: Path) -> list[str]:
    """Problems of one prose page: each code cell placed exactly once, in the code's order."""
    rel = page.relative_to(root).as_posix()
    try:
        code = code_path(root, page)
    except LabError as exc:
        return [str(exc)]
    if code is None:
        return [f"{rel}: places no code cell (a lab page needs --8<-- \"labs/...:<id>\" lines)"]
    if not code.exists():
        return [f"{rel}: places cells from {code.relative_to(root).as_posix()}, which does not exist"]
    want = [cid for cid, _ in code_cells(code)]
    have = [ref.split(":")[1] for kind, ref in prose_parts(page) if kind == "code"]
    if have == want:
        return []
    lines = page.read_text(encoding="utf-8").splitlines()
    for i, (a, b) in enumerate(zip(have, want + [None] * len(have))):
        if a != b:
            line = next(n for n, l in enumerate(lines, 1) if PLACE.match(l) and l.rstrip().endswith(f':{a}"'))
            why = "which the code does not have" if a not in want else f"where the code has cell {b!r}"
            return [f"{rel}:{line}: places cell {a!r}, {why} (place every cell of "
                    f"{code.relative_to(root).as_posix()} once, in its order: {', '.join(want)})"]
    missing = want[len(have):]
    return [f"{rel}: does not place cell(s) {', '.join(missing)} of {code.relative_to(root).as_posix()}"]


def lab_pages(root: Path, lang: str) -> list[Path]:
    return sorted((root / "docs" / lang).rglob("*_lab.md"))


def code_files(root: Path) -> list[Path]:
    return sorted((root / "labs").rglob("*_lab.py"))


# ---------------------------------------------------------------- executing, once
def executed_path(root: Path, code: Path) -> Path:
    return root / "build" / "labs" / code.relative_to(root / "labs").with_suffix(".ipynb")


def _hash(code: Path) -> str:
    return hashlib.sha256((EXECUTOR + code.read_text(encoding="utf-8")).encode()).hexdigest()[:16]


def is_fresh(root: Path, code: Path) -> bool:
    path = executed_path(root, code)
    if not path.exists():
        return False
    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("gradients_executed", {})
    return meta.get("source_hash") == _hash(code)


# The last cell, removed again: every plain-data global (numbers, strings, lists, dicts)
# as JSON, so tests can assert what the prose states without running the lab twice.
FETCH = """import json as _j
_values = {}
for _k, _v in list(globals().items()):
    if _k.startswith("_") or type(_v).__module__ != "builtins" or callable(_v):
        continue
    try:
        _j.dumps(_v)
    except (TypeError, ValueError):
        continue
    _values[_k] = _v
print(_j.dumps(_values))"""


def execute(root: Path, code: Path, timeout: int = 300) -> dict:
    """Run a lab's code cells once in a fresh kernel; keep the executed cells.

    Returns (and stores in the notebook's metadata) the lab's plain-data globals, read
    back by a last cell that is removed again, like the prelude.
    """
    import nbformat
    from nbclient import NotebookClient

    cells = [nbformat.v4.new_code_cell(src, metadata={"lab_cell": cid}) for cid, src in code_cells(code)]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PRELUDE), *cells,
                                         nbformat.v4.new_code_cell(FETCH)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    env = {"MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONHASHSEED": "0"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(root)}}).execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    last = nb.cells.pop()
    nb.cells.pop(0)
    for i, cell in enumerate(nb.cells, 1):
        cell.execution_count = i
        for out in cell.outputs:
            if "execution_count" in out:
                out.execution_count = i
    text = "".join(o.get("text", "") for o in last.outputs if o.get("output_type") == "stream")
    values = json.loads(text)
    nb.metadata["gradients_executed"] = {"source": code.relative_to(root).as_posix(),
                                         "source_hash": _hash(code), "values": values}
    path = executed_path(root, code)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return values


def execute_all(root: Path) -> dict[str, dict]:
    """Execute every lab once (two at a time); {code path: its plain-data globals}."""
    from concurrent.futures import ThreadPoolExecutor

    codes = code_files(root)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        values = list(pool.map(lambda c: execute(root, c), codes))
    return {c.relative_to(root).as_posix(): v for c, v in zip(codes, values)}


def ensure_executed(root: Path) -> list[Path]:
    """Execute every lab whose executed cells are missing or older than its code."""
    from concurrent.futures import ThreadPoolExecutor

    stale = [c for c in code_files(root) if not is_fresh(root, c)]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda c: execute(root, c), stale))
    return stale


def assemble(root: Path, page: Path, lang: str):
    """The lab page as a notebook: its prose as markdown cells, the executed code cells."""
    import copy

    import nbformat

    try:
        import figures  # hooks/figures.py (MkDocs puts hooks/ on sys.path)
    except ImportError:
        from hooks import figures

    code = code_path(root, page)
    executed = nbformat.read(executed_path(root, code), as_version=4)
    by_id = {cell.metadata.get("lab_cell"): cell for cell in executed.cells}
    words = figures.table(root, lang)
    cells, heading_ids, figure_alts = [], [], []
    for kind, ref in prose_parts(page):
        if kind == "code":
            cell = copy.deepcopy(by_id[ref.split(":")[1]])
            for out in cell.get("outputs", []):
                if "image/svg+xml" in out.get("data", {}):
                    out.data["image/svg+xml"] = figures.translate_svg(out.data["image/svg+xml"], words)
            cells.append(cell)
            continue
        lines = []
        for line in ref.splitlines():
            m = HEADING_ID.match(line)
            if m:
                line = m.group(1)
                heading_ids.append(m.group(2))
            alt = FIGURE_ALT.match(line)
            if alt:
                figure_alts.append(alt.group("alt"))
                continue
            lines.append(line)
        if "\n".join(lines).strip():
            cells.append(nbformat.v4.new_markdown_cell("\n".join(lines).strip("\n")))
    nb = nbformat.v4.new_notebook(cells=cells, metadata=dict(executed.metadata))
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["gradients_executed"] = {**executed.metadata["gradients_executed"], "language": lang,
                                         "heading_ids": heading_ids, "figure_alts": figure_alts}
    return nb


# ---------------------------------------------------------------- the MkDocs hook
def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files, config):
    """Swap each lab's prose page for its assembled notebook (rendered by mkdocs-jupyter)."""
    labs = [f for f in files if f.src_uri.endswith("_lab.md")]
    if not labs:
        return files
    import nbformat
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File
    from mkdocs_jupyter.plugin import NotebookFile

    root = _root(config)
    lang = config.theme["language"]
    docs = Path(config.docs_dir)
    problems = [p for f in labs for p in check(root, Path(f.abs_src_path))]
    if problems:
        raise PluginError("hooks/labs.py:\n  " + "\n  ".join(problems))
    ensure_executed(root)  # nothing to do after `make test` or scripts/build_site.py
    out_dir = root / "build" / "labs" / docs.name
    for f in labs:
        files.remove(f)
        uri = f.src_uri[: -len(".md")] + ".ipynb"
        dest = out_dir / uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(assemble(root, Path(f.abs_src_path), lang), dest)
        nb_file = File(uri, str(out_dir), config.site_dir, config.use_directory_urls)
        nb_file.lab_prose = f.src_uri
        files.append(NotebookFile(nb_file, **config))
    return files


_LAB_LINK = re.compile(r"(\]\((?:[^)\s#]*/)?[\w-]+_lab)\.md(?=[)#])")


def on_page_markdown(markdown, page, config, files):
    """A link to a lab's prose page (``weight_decay_lab.md``) leads to the lab's page."""
    return _LAB_LINK.sub(r"\1.ipynb", markdown)


_HEADING = re.compile(r'<h([1-6])(?P<attrs>[^>]*?)\bid="(?P<id>[^"]*)"(?P<rest>.*?)</h\1>', re.S)
_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"]*">¶</a>')
_NO_ALT = 'alt="No description has been provided for this image"'


def on_page_content(html, page, config, files):
    """A lab page's headings get the prose's ids (nbconvert's are slugs of the heading
    text, empty for Chinese), and the theme's permalink instead of nbconvert's (which
    the search would take into the section title); its figures get the alt text the
    prose gives them. Done before the search indexes the page."""
    prose = getattr(page.file, "lab_prose", None)
    if prose is None:
        return html
    import nbformat

    meta = nbformat.read(page.file.abs_src_path, as_version=4).metadata.get("gradients_executed", {})
    ids = iter(meta.get("heading_ids", []))

    def renumber(m):
        new = next(ids, None) or m.group("id")
        rest = _ANCHOR.sub(f'<a class="headerlink" href="#{new}" title="Permanent link">¶</a>', m.group("rest"))
        return f'<h{m.group(1)}{m.group("attrs")}id="{new}"{rest}</h{m.group(1)}>'

    html = _HEADING.sub(renumber, html)
    for alt in meta.get("figure_alts", []):
        html = html.replace(_NO_ALT, 'alt="' + alt.replace("&", "&amp;").replace('"', "&quot;") + '"', 1)
    return html


def on_page_context(context, page, config, nav):
    """A lab page: edit links lead to its prose; its contents use the prose's heading ids."""
    prose = getattr(page.file, "lab_prose", None)
    if prose is None:
        return context
    if page.edit_url:
        page.edit_url = page.edit_url[: -len(page.file.src_uri)] + prose
    import nbformat

    nb = nbformat.read(page.file.abs_src_path, as_version=4)
    ids = iter(nb.metadata.get("gradients_executed", {}).get("heading_ids", []))

    def renumber(items):
        for item in items:
            new = next(ids, None)
            if new:
                item.id = new
            renumber(item.children)

    renumber(page.toc)
    return context

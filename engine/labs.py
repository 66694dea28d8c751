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
it once (``python -m engine labs``, beside the snippets) before it builds the site, and
the tests assert every number the prose states; a build does it for what is missing
(``ensure_executed``). The build never runs lab code itself: it assembles each prose
page and the executed cells into a notebook (``build/labs/<lang>/...ipynb``) and shows it
on the page, rendered by mkdocs-jupyter's converter (``render``, cached; the
mkdocs-jupyter plugin itself is not loaded). The same notebook, outputs included, is the
page's download.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from . import figures
from . import notebook as ipynb
from .page import HEADING, HEADING_ID, Page, link_url, without_heading_id

ROOT = Path(__file__).resolve().parents[1]
CELL = re.compile(r"^# %%[ \t]*(?P<id>[\w-]*)[ \t]*$", re.M)
# Run before the lab's own cells, then removed: what the snippets' harness sets too.
# Figures are SVG with fixed element ids (svg.hashsalt) and date (SOURCE_DATE_EPOCH in
# execute), so that the same code gives the same notebook, byte for byte, and their text
# stays text: engine/figures.py puts it in each language.
PRELUDE = ("import matplotlib, matplotlib_inline.backend_inline\n"
           "matplotlib.rcParams['svg.hashsalt'] = 'gradients-executed'\n"
           "matplotlib_inline.backend_inline.set_matplotlib_formats('svg')\n"
           "matplotlib.rcParams['svg.fonttype'] = 'none'\n")
EXECUTOR = "3"  # bump when execute() changes what it stores
# In a lab's prose, a figure's description: a line `![...](#figure)` after the cell
# that draws it (one line per figure, in order). It becomes the figure's alt text.
FIGURE_ALT = re.compile(r"^!\[(?P<alt>[^\]]+)\]\(#figure\)\s*$")


def placements(page: Page) -> dict[int, str]:
    """0-based line -> "<labs path>:<cell id>" of every cell a lab's prose places."""
    return {inc.line - 1: f"{inc.path}:{inc.section}" for inc in page.includes
            if inc.path.startswith("labs/") and inc.section}


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
    parsed = Page.read(page)
    places = placements(parsed)
    parts, prose = [], []
    for i, line in enumerate(parsed.lines[parsed.body_start:], parsed.body_start):
        if i in places:
            parts += [("markdown", "\n".join(prose).strip("\n")), ("code", places[i])]
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
    places = placements(Page.read(page))
    for a, b in zip(have, want + [None] * len(have)):
        if a != b:
            line = next(n + 1 for n, ref in sorted(places.items()) if ref.endswith(f":{a}"))
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
LABS_DIR = "LABS_DIR"  # environment: where executed labs go (`make drift` keeps another torch's apart)


def labs_dir(root: Path) -> Path:
    """build/labs/, or $LABS_DIR (relative to root) when set."""
    return root / os.environ.get(LABS_DIR, "build/labs")


def executed_path(root: Path, code: Path) -> Path:
    return labs_dir(root) / code.relative_to(root / "labs").with_suffix(".ipynb")


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
    env = {"MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONHASHSEED": "0",
           "SOURCE_DATE_EPOCH": "0", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
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
        cell.id = f"cell-{i}"  # not nbformat's random ids: the same code gives the same file
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


def figures_drawn(root: Path) -> list[tuple[str, str]]:
    """(name, SVG) of every figure in the labs' executed cells."""
    found = []
    for code in code_files(root):
        path = executed_path(root, code)
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"] if path.exists() else []
        found += [(f"{code.relative_to(root).as_posix()} cell {n}", "".join(o["data"]["image/svg+xml"]))
                  for n, c in enumerate(cells, 1) for o in c.get("outputs", []) if "image/svg+xml" in o.get("data", {})]
    return found


def values(root: Path, code: Path) -> dict:
    """The plain-data globals of a lab's last execution (stored with its executed cells)."""
    nb = json.loads(executed_path(root, code).read_text(encoding="utf-8"))
    return nb["metadata"]["gradients_executed"]["values"]


def ensure_executed(root: Path, workers: int | None = None) -> list[Path]:
    """Execute every lab whose executed cells are missing or older than its code (as many
    at a time as cores, or workers)."""
    from concurrent.futures import ThreadPoolExecutor

    stale = [c for c in code_files(root) if not is_fresh(root, c)]
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        list(pool.map(lambda c: execute(root, c), stale))
    return stale


def assemble(root: Path, page: Path, lang: str) -> dict:
    """The lab page as a notebook (plain data, as engine/notebook.py writes them): its
    prose as markdown cells, the executed code cells, figures in the page's language."""
    import copy

    code = code_path(root, page)
    executed = json.loads(executed_path(root, code).read_text(encoding="utf-8"))
    by_id = {c["metadata"].get("lab_cell"): c for c in executed["cells"]}
    words = figures.table(root, lang)
    cells, heading_ids, figure_alts = [], [], []
    for kind, ref in prose_parts(page):
        if kind == "code":
            cell = copy.deepcopy(by_id[ref.split(":")[1]])
            for out in cell.get("outputs", []):
                svg = out.get("data", {}).get("image/svg+xml")
                if svg is not None:
                    out["data"]["image/svg+xml"] = figures.translate_svg("".join(svg), words)
            cells.append(cell)
            continue
        lines = []
        for line in ref.splitlines():
            m = HEADING.match(line)
            if m and (hid := HEADING_ID.search(line)):
                line = without_heading_id(line)
                heading_ids.append(hid.group("id"))
            alt = FIGURE_ALT.match(line)
            if alt:
                figure_alts.append(alt.group("alt"))
                continue
            lines.append(line)
        if "\n".join(lines).strip():
            cells.append(ipynb.cell("markdown", "\n".join(lines).strip("\n")))
    metadata = {**executed["metadata"], "language_info": {"name": "python"}}
    metadata["gradients_executed"] = {**metadata["gradients_executed"], "language": lang,
                                      "heading_ids": heading_ids, "figure_alts": figure_alts}
    return ipynb.notebook(cells, metadata)


# ---------------------------------------------------------------- rendering, cached
# What mkdocs-jupyter's plugin passed to its converter for our labs (execute: false).
RENDER = dict(execute=False, kernel_name="python3", theme="", allow_errors=False, show_input=True,
              no_input=False, no_prompt=False, remove_tag_config={}, highlight_extra_classes="",
              include_requirejs=False, custom_mathjax_url="")


def render(root: Path, notebook: Path, lang: str) -> str:
    """The notebook as HTML, rendered by mkdocs-jupyter's converter (nbconvert with its
    templates), cached in ``.cache/labs/`` by the notebook's bytes and the converter's
    version: the same lab renders once, and a build with a warm cache never imports
    nbconvert and jupytext (about a second per language)."""
    from importlib.metadata import version

    data = notebook.read_bytes()
    key = hashlib.sha256(data + f"{version('mkdocs-jupyter')} {RENDER!r}".encode()).hexdigest()[:16]
    cache = root / ".cache" / "labs"
    name = f"{lang}-{notebook.stem}"
    path = cache / f"{name}-{key}.html"
    if path.exists():
        return path.read_text(encoding="utf-8")
    from mkdocs_jupyter.convert import nb2html

    html = nb2html(str(notebook), **RENDER)
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"{name}-*.html"):
        old.unlink()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return html


# ---------------------------------------------------------------- what the build does with a lab
def assemble_into(root: Path, page: Path, lang: str, docs_name: str, src_uri: str) -> Path:
    """The lab page and its executed cells as the notebook the page shows and readers
    download, ``build/labs/<docs folder>/<page>.ipynb`` (rewritten only when it changes)."""
    dest = labs_dir(root) / docs_name / Path(src_uri).with_suffix(".ipynb")
    dest.parent.mkdir(parents=True, exist_ok=True)
    text = ipynb.dumps(assemble(root, page, lang))
    if not dest.exists() or dest.read_text(encoding="utf-8") != text:
        dest.write_text(text, encoding="utf-8")
    return dest


def prose_only(markdown: str) -> str:
    """A lab page's Markdown without its cell placements and figure descriptions: its
    prose gives the page its title, headings and table of contents; the notebook, the rest."""
    parsed = Page(markdown)
    places = placements(parsed)
    return "\n".join(line for i, line in enumerate(parsed.lines) if i not in places and not FIGURE_ALT.match(line))


_HEADING = re.compile(r'<h([1-6])(?P<attrs>[^>]*?)\bid="(?P<id>[^"]*)"(?P<rest>.*?)</h\1>', re.S)
_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"]*">¶</a>')
_NO_ALT = 'alt="No description has been provided for this image"'


def with_heading_ids(html: str, ids: list[str]) -> str:
    """The notebook's headings with the ids of the prose's table of contents, and the
    theme's permalink instead of nbconvert's (which the search would take into the
    section title).

    The contents come from the prose, with its explicit ids, the same in every
    language; nbconvert gives the headings its own slugs (empty for Chinese ones).
    """
    if len(_HEADING.findall(html)) != len(ids):
        return html  # left as it is: the link check reports what does not match
    queue = iter(ids)

    def renumber(m):
        new = next(queue)
        rest = _ANCHOR.sub(f'<a class="headerlink" href="#{new}" title="Permanent link">¶</a>', m.group("rest"))
        return f'<h{m.group(1)}{m.group("attrs")}id="{new}"{rest}</h{m.group(1)}>'

    return _HEADING.sub(renumber, html)


def with_figure_alts(html: str, alts: list[str]) -> str:
    """Each figure gets the description its prose gives it, in order."""
    for alt in alts:
        html = html.replace(_NO_ALT, 'alt="' + alt.replace("&", "&amp;").replace('"', "&quot;") + '"', 1)
    return html


_HREF = re.compile(r'href="(?P<target>[^"#]+\.md(?:#[^"]*)?)"')


def page_html(root: Path, notebook: Path, lang: str, heading_ids: list[str], src_uri: str) -> str:
    """A lab page's content: its notebook rendered (with the outputs the tests saw), with
    the prose's heading ids (in the order of the page's table of contents), figure
    descriptions, and its links to other pages as the site's URLs."""
    meta = json.loads(notebook.read_text(encoding="utf-8"))["metadata"].get("gradients_executed", {})
    html = with_figure_alts(with_heading_ids(render(root, notebook, lang), heading_ids), meta.get("figure_alts", []))
    return _HREF.sub(lambda m: f'href="{link_url(m["target"], src_uri)}"', html)

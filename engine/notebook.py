"""A page as a Jupyter notebook, outputs included: what a reader downloads.

The notebook is the page: its prose as markdown cells (in the page's language) and each
snippet the page shows as a code cell, in order, carrying what the page shows under
that snippet (``engine.page.Snippet`` pairs them, annotations in between or not):

- the printed text as ``stdout`` streams, a warning as a ``stderr`` stream;
- an exception the snippet raises on purpose (``raises`` in its ``harness.toml``) as an
  error output (``ename``, ``evalue``, the traceback the page shows), and the cell is
  tagged ``raises-exception``, so that Run all goes on to the end;
- a figure it draws (``savefig("build/figures/...svg")``) as an image output, in the
  page's language, with the page's description of it as the plain-text form (the
  image line leaves the prose: the figure is the cell's output).

The first cell says which PyTorch made the outputs and, in a reader's kernel with
another release, points to the Version notes page.

Notebooks are plain data (nbformat 4.5), written as nbformat writes them: importing
nbformat costs a build more than writing the file does.
"""
from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .page import ADMONITION, INCLUDE, LINK, TAB, Page, links_as_urls, page_url, snippet_code, without_heading_id
from .settings import for_snippet

TRACEBACK = "Traceback (most recent call last):"
WARNING = re.compile(r"^\S+:\d+: \w*Warning: ")
SAVEFIG = re.compile(r'savefig\(\s*"(?P<path>build/figures/[^"]+)"')
EXCEPTION = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(?::\s?(?P<value>.*))?$", re.S)
KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
          "language_info": {"name": "python"}}
RAISES_TAG = "raises-exception"  # Jupyter's tag: the cell may raise, Run all goes on


def figures_drawn(code: str) -> list[str]:
    """The figures a snippet writes, as repository paths (``build/figures/...svg``)."""
    return SAVEFIG.findall(code)


# ---------------------------------------------------------------- cells
def cell(kind: str, source: str, outputs: list | None = None, tags: list[str] | None = None,
         snippet: str | None = None) -> dict:
    metadata = {"tags": tags} if tags else {}
    if snippet:
        metadata["snippet"] = snippet  # the file the cell is (for messages, and to read its tolerances)
    if kind == "code":
        return {"cell_type": "code", "execution_count": None, "id": "", "metadata": metadata,
                "outputs": outputs or [], "source": source}
    return {"cell_type": kind, "id": "", "metadata": metadata, "source": source}


def notebook(cells: list[dict], metadata: dict) -> dict:
    for i, c in enumerate(cells):
        c["id"] = f"cell-{i}"  # not random ids: the same page gives the same file
    return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def with_site_links(nb: dict, src_uri: str, site_url: str | None) -> dict:
    """The notebook of page ``src_uri`` with its links to other pages pointing at the hosted
    site (a notebook is read in Jupyter or Colab, where ``basics.md`` leads nowhere)."""
    if site_url:
        for c in nb["cells"]:
            if c["cell_type"] == "markdown":
                c["source"] = links_as_urls(c["source"], src_uri, site_url.rstrip("/") + "/")
    return nb


def dumps(nb: dict) -> str:
    """As nbformat writes it."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def stream(name: str, text: str) -> dict:
    return {"name": name, "output_type": "stream", "text": text}


def outputs_of(printed: str, raises: bool) -> list[dict]:
    """A snippet's output file as a kernel reports it: stdout and stderr (warnings) in
    order, then, for a snippet that raises on purpose, its exception as an error."""
    before, error = printed, None
    if raises and TRACEBACK in printed:
        at = printed.rindex(TRACEBACK)
        before, tb = printed[:at], printed[at:].rstrip("\n").splitlines()
        i = 1
        while i < len(tb) and tb[i].startswith("  "):
            i += 1
        m = EXCEPTION.match("\n".join(tb[i:]))
        if m:
            error = {"ename": m.group("name").split(".")[-1], "evalue": m.group("value") or "",
                     "output_type": "error", "traceback": tb}
    out: list[dict] = []
    warning_source = False
    for line in before.splitlines(keepends=True):
        name = "stdout"
        if WARNING.match(line):
            name, warning_source = "stderr", True
        elif warning_source and line.startswith("  "):
            name, warning_source = "stderr", False  # the source line Python prints under a warning
        else:
            warning_source = False
        if out and out[-1]["name"] == name:
            out[-1]["text"] += line
        else:
            out.append(stream(name, line))
    return out + ([error] if error else [])


def figure_output(svg: str, description: str) -> dict:
    return {"data": {"image/svg+xml": svg, "text/plain": description}, "metadata": {},
            "output_type": "display_data"}


# ---------------------------------------------------------------- the first cell
@dataclass(frozen=True)
class Provenance:
    torch: str  # the release that made the outputs, e.g. 2.13.0
    checked: tuple[str, ...] = ()  # newer releases the outputs were also checked on
    versions_url: str | None = None  # the Version notes page, in the page's language


def version_cell(words: dict, made: Provenance) -> dict:
    """Which PyTorch made the outputs; with another release, where to read what differs."""
    releases = words.get("list_sep", ", ").join(made.checked)
    checked = words["nb_checked"].format(releases=releases) if made.checked else ""
    message = words["nb_other"].replace("{}", "{torch.__version__}")
    message = message.replace("{url}", made.versions_url or "").rstrip(" :：")
    source = (f"# {words['nb_made'].format(torch=made.torch)}{checked}\n"
              "import torch\n\n"
              f"if torch.__version__.split(\"+\")[0] != \"{made.torch}\":\n"
              f"    print(f{json.dumps(message, ensure_ascii=False)})\n")
    return cell("code", source)


# ---------------------------------------------------------------- a page
def _prose_line(line: str) -> str:
    """A prose line as a notebook shows it: no heading id; an admonition or a tab as its
    title in bold; indented text (inside an admonition or a tab) moved left."""
    text = without_heading_id(line) if line.lstrip().startswith("#") else line
    box = ADMONITION.match(text) or TAB.match(text)
    if box:
        return f"**{box.group('title')}**" if box.group("title") else ""
    return text.strip() if text.startswith("    ") else text


def from_page(page: Page, root: Path, lang: str, words: dict, made: Provenance,
              raises: Callable[[str], bool], figure: Callable[[str], str | None],
              printed: Callable[[str], str] | None = None) -> dict:
    """The notebook of a chapter page.

    raises(snippet path): does the snippet raise on purpose; figure(build/figures path):
    that figure's SVG in the page's language (None when it was not drawn); printed(snippet
    path): what the page shows under it (default: its .out, when it has one).
    """
    def output_text(snippet: str) -> str:
        out = (root / snippet).with_suffix(".out")
        return printed(snippet) if printed else (out.read_text(encoding="utf-8") if out.exists() else "")

    shown = {s.start: s for s in page.snippets}
    drawn: dict[str, dict] = {}  # figure target suffix -> its output (for the description)
    cells, prose = [version_cell(words, made)], []

    def flush():
        text = "\n".join(prose).strip("\n")
        if text.strip():
            cells.append(cell("markdown", text))
        prose.clear()

    lines, i = page.lines, page.body_start
    fences = {f.start: f for f in page.fences}
    while i < len(lines):
        if i in shown:
            s = shown[i]
            flush()
            code = snippet_code((root / s.code).read_text(encoding="utf-8"))
            outs = outputs_of(output_text(s.code), raises(s.code))
            for target in figures_drawn(code):
                svg = figure(target)
                if svg is not None:
                    out = figure_output(svg, "")
                    outs.append(out)
                    drawn[target.removeprefix("build/")] = out
            cells.append(cell("code", code, outs, [RAISES_TAG] if raises(s.code) else None, s.code))
            prose.extend(_prose_line(a) for a in s.annotations)
            i = s.end + 1
            continue
        if i in fences:  # a code block that is not a snippet: shown as it is
            f = fences[i]
            prose.extend(l[len(f.indent):] for l in lines[f.start: f.end + 1])
            i = f.end + 1
            continue
        line = lines[i]
        figure_line = next((out for suffix, out in drawn.items() if re.search(
            r"!\[[^\]]*\]\([^)]*" + re.escape(suffix) + r"\)", line)), None)
        if figure_line is not None:  # the figure is the output above: its description goes with it
            figure_line["data"]["text/plain"] = re.search(r"!\[([^\]]*)\]", line).group(1)
        elif not INCLUDE.match(line):
            prose.append(_prose_line(line))
        i += 1
    flush()
    return notebook(cells, {**KERNEL, "gradients_executed": {"language": lang, "torch": made.torch}})


# ---------------------------------------------------------------- an executed notebook vs the page
ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]+")
TRIGGERED = re.compile(r"\(Triggered internally at [^\s()]+:\d+\.\)")
WARNING_PLACE = re.compile(r"^\S+:\d+: (?=\w*Warning: )", re.M)


def _text(outputs: list[dict], name: str) -> str:
    text = "".join("".join(o.get("text", "")) for o in outputs
                   if o.get("output_type") == "stream" and o.get("name") == name)
    return TRIGGERED.sub("(Triggered internally at …)", ADDRESS.sub("at 0x…", text))


def _warnings(outputs: list[dict]) -> list[str]:
    """The warnings a cell printed, without the file they name (a kernel names its own)."""
    return [line for line in WARNING_PLACE.sub("", _text(outputs, "stderr")).splitlines()
            if re.match(r"^\w*Warning: ", line)]


def _results(outputs: list[dict]) -> str:
    return "".join("".join(o["data"].get("text/plain", "")) + "\n" for o in outputs
                   if o.get("output_type") == "execute_result")


def _images(outputs: list[dict]) -> int:
    return sum(any(k.startswith("image/") for k in o.get("data", {})) for o in outputs
               if o.get("output_type") in ("display_data", "execute_result"))


def cell_problems(ran: dict, shown: dict, tolerance: tuple[float, float], where: str,
                  ignored_warning: re.Pattern | None = None) -> list[str]:
    """What a code cell printed when run in a kernel, against what the page shows under it
    (the harness's comparison, with the snippet's tolerances): its text, warnings, error
    and figures."""
    from .compare import compare, unified_diff

    rtol, atol = tolerance
    problems = []
    for what, actual, expected in (("printed", _text(ran["outputs"], "stdout"), _text(shown["outputs"], "stdout")),
                                   ("result", _results(ran["outputs"]), _results(shown["outputs"]))):
        cmp = compare(actual, expected, rtol, atol)
        if not cmp.ok:
            problems.append(f"{where}: {what} something else than the page shows ({cmp.reason})\n"
                            + unified_diff(actual, expected, "the page"))
    warned = [w for w in _warnings(ran["outputs"]) if not (ignored_warning and ignored_warning.search(w))]
    if warned != _warnings(shown["outputs"]):
        problems.append(f"{where}: warned {warned}, the page shows {_warnings(shown['outputs'])}")
    errors = [[o for o in c["outputs"] if o.get("output_type") == "error"] for c in (ran, shown)]
    if [e["ename"] for e in errors[0]] != [e["ename"] for e in errors[1]]:
        got = ", ".join(f"{e['ename']}: {e['evalue']}" for e in errors[0]) or "nothing"
        want = ", ".join(e["ename"] for e in errors[1]) or "nothing"
        problems.append(f"{where}: raised {got}; the page shows {want}")
    elif errors[0] and not compare(errors[0][0]["evalue"].rstrip("\n"), errors[1][0]["evalue"].rstrip("\n"),
                                   rtol, atol).ok:
        problems.append(f"{where}: {errors[0][0]['ename']} says {errors[0][0]['evalue']!r}, "
                        f"the page shows {errors[1][0]['evalue']!r}")
    if _images(ran["outputs"]) != _images(shown["outputs"]):
        problems.append(f"{where}: drew {_images(ran['outputs'])} figure(s), the page shows {_images(shown['outputs'])}")
    return problems


def notebook_problems(ran: dict, shown: dict, tolerance: Callable[[str | None], tuple[float, float]],
                      name: str, ignored_warning: re.Pattern | None = None) -> list[str]:
    """Every code cell of an executed notebook against the notebook the site offers.
    tolerance(snippet path or None): (rtol, atol); ignored_warning: warnings not compared."""
    pairs = [(a, b) for a, b in zip(ran["cells"], shown["cells"]) if b["cell_type"] == "code"]
    problems = []
    if len(ran["cells"]) != len(shown["cells"]):
        problems.append(f"{name}: {len(ran['cells'])} cells ran, the notebook has {len(shown['cells'])}")
    for n, (a, b) in enumerate(pairs, 1):
        snippet = b["metadata"].get("snippet")
        where = f"{name}: code cell {n}" + (f" ({snippet})" if snippet else "")
        problems += cell_problems(a, b, tolerance(snippet), where, ignored_warning)
    return problems


# ---------------------------------------------------------------- a download vs its page
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
CJK_LANGUAGES = {"zh", "ja", "ko"}


def for_page(page: Page, root: Path, lang: str, words: dict, made: Provenance, printed=None) -> dict:
    """The notebook of a page in the build's language: its snippets' settings and figures
    (in that language) from the repository."""
    from .figures import table, translate_svg

    rules = table(root, lang)
    return from_page(page, root, lang, words, made,
                     raises=lambda s: for_snippet(root / s).raises is not None,
                     figure=lambda t: translate_svg((root / t).read_text(encoding="utf-8"), rules)
                     if (root / t).exists() else None, printed=printed)


def path_in_site(site: Path, lang_dir: str, page: Path) -> Path:
    """Where a page's notebook is in a built site."""
    return site / lang_dir / page_url(page.as_posix()) / ("index.ipynb" if page.stem == "index" else f"{page.stem}.ipynb")


def _images_svg(cell: dict) -> int:
    return sum("image/svg+xml" in o.get("data", {}) for o in cell.get("outputs", []))


def download_problems(nb: dict, root: Path, lang: str, page: Path) -> list[str]:
    """Problems of a page's notebook: a first cell that names the PyTorch that made the
    outputs; then code cells that are the snippets the page shows, in order, each with
    the output the page shows under it (an expected exception tagged raises-exception,
    a figure it draws as an image); markdown cells of non-empty prose in the page's
    language, the first one opening with the page's title."""
    name = f"docs/{lang}/{page.as_posix()}"
    page_file = root / "docs" / lang / page
    parsed = Page.read(page_file)
    shown = parsed.snippets
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    problems = []
    if not cells or "import torch" not in cells[0]["source"] or "torch.__version__" not in cells[0]["source"]:
        problems.append(f"{name}: the notebook's first cell does not say which PyTorch made its outputs")
    code = cells[1:]
    if len(code) != len(shown):
        problems.append(f"{name}: the notebook has {len(code)} code cells, the page shows {len(shown)} snippets")
    for n, (cell, snippet) in enumerate(zip(code, shown), 1):
        want = snippet_code((root / snippet.code).read_text(encoding="utf-8"))
        if cell["source"] != want:
            diff = "\n".join(difflib.unified_diff(want.splitlines(), cell["source"].splitlines(), fromfile=snippet.code,
                                                  tofile=f"code cell {n}", lineterm=""))
            problems.append(f"{name}: code cell {n} is not {snippet.code}, the snippet the page shows there\n{diff}")
            continue
        raises = for_snippet(root / snippet.code).raises is not None
        out = root / snippet.output
        expected = outputs_of(out.read_text(encoding="utf-8"), raises) if out.exists() else []
        got = [o for o in cell["outputs"] if "image/svg+xml" not in o.get("data", {})]
        if got != expected:
            problems.append(f"{name}: code cell {n} ({snippet.code}) does not carry the output the page shows "
                            f"under it ({snippet.output})")
        if raises != ("raises-exception" in cell["metadata"].get("tags", [])):
            problems.append(f"{name}: code cell {n} ({snippet.code}) "
                            + ("raises on purpose but is not tagged raises-exception" if raises
                               else "is tagged raises-exception but does not raise"))
        drawn = figures_drawn(want)
        if _images_svg(cell) != len(drawn):
            problems.append(f"{name}: code cell {n} ({snippet.code}) draws {len(drawn)} figure(s), "
                            f"the cell shows {_images_svg(cell)}")
    prose = [c["source"] for c in nb["cells"] if c["cell_type"] == "markdown"]
    if not prose:
        problems.append(f"{name}: the notebook has no prose")
    title = "#" * parsed.headings[0].level + " " + parsed.headings[0].text if parsed.headings else ""
    if prose and not prose[0].startswith(title):
        problems.append(f"{name}: the notebook does not open with the page's title {title!r}")
    for n, text in enumerate(prose, 1):
        if not text.strip():
            problems.append(f"{name}: markdown cell {n} is empty")
        elif bool(CJK.search(text)) != (lang in CJK_LANGUAGES):
            problems.append(f"{name}: markdown cell {n} is not in the page's language ({lang}): {text[:60]!r}")
        problems += [f"{name}: markdown cell {n} links to {m['target']}, a source file that is not in the "
                     "notebook's folder (link the hosted page)" for m in LINK.finditer(text)
                     if m["target"].partition("#")[0].endswith(".md") and "://" not in m["target"]]
    return problems



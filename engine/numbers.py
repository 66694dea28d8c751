"""Every number a page states comes from an output, in both languages.

The prose of a page (everything but code blocks, inline code, include lines, link
targets and heading ids; math, admonitions, tables and figure alt text included) may
state a number only if

- an output shown on the page prints it (the output of the pinned torch, or a newer
  release's record beside it, which the page shows under it), rounded to the digits the prose writes
  (``3.2`` matches ``3.1981``, ``3.3`` does not; ``1.5e-8`` or ``1.5 × 10^{-8}`` matches
  ``1.49e-08``; ``43%`` matches ``0.43``); signs are words in prose, so ``−6`` matches
  ``6``; or
- the code shown on the page contains it (an input: ``lr = 0.1``); or
- it is a small integer (``0`` … ``10``: counts, steps, indices, exponents of a
  derivation) or a year; or
- it is listed, with the reason, in ``docs/numbers.yml`` (few, explicit exemptions).

And every page states the same numbers (small integers aside: "two" and "两" are words)
as its twin in every other language, paragraph by paragraph in the same order (the
order inside a paragraph is the language's), so a translation cannot change, drop or
add a number unnoticed.

A number is a run of digits with an optional decimal part and exponent that is not
glued to a Latin letter, a digit or a dot (``float32``, ``L2``, ``x86``, ``2.13.0`` and
``AddBackward0`` are names); LaTeX powers of ten (``10^{-8}``, ``10^{-8}``) are read as
``1e-8``, and subscripts (``x_1``, ``w_{12}``) are names too.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .compare import _TEXT_NUMBER, _flatten, find_tensors
from .languages import languages
from .page import Page, pages

SMALL = 10
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]|<[^>]+>|\{[#.:][^}]*\}|\{\s*#[^}]*\}")
SUBSCRIPT = re.compile(r"_\{[^}]*\}|_\d+|\^\{?\\(?:top|prime)\}?")
POWER = re.compile(r"(?:(?P<m>\d+(?:\.\d+)?)\s*(?:\\times|\\cdot|×|·)\s*)?10\s*\^\s*\{?\s*(?P<e>[-−+]?\s*\d+)\s*\}?")
PROSE_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.\\])[-−]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+−]?\d+)?(?![A-Za-z0-9_]|\.\d)(?P<pct>\s?%)?")
YEAR = re.compile(r"^(19|20)\d\d$")
NAME_DASH = re.compile(r"(?<![0-9.])([A-Za-z]+)-(?=\d)")  # not the e of 1.2e-33
VERSION = re.compile(r"\b(?:PyTorch|Python|torch|NumPy|MkDocs|CPython)\s+\d+(?:\.\d+)*")
EXEMPTIONS = "docs/numbers.yml"


@dataclass(frozen=True)
class Stated:
    line: int
    text: str  # as written, e.g. "0.43" or "10^{-8}"
    value: float
    decimals: int  # digits after the point of the mantissa as written
    exponent: int  # 10-exponent of the last written digit's unit (for rounding)
    percent: bool


def _unit(mantissa: str, exp: int) -> int:
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return exp - decimals


def stated_numbers(markdown: str) -> list[Stated]:
    """Numbers the prose states, with their lines (1-based, in the file as given)."""
    found = []
    for no, line in Page(markdown).prose_lines():
        text = INLINE_CODE.sub(" ", line)
        text = VERSION.sub(" ", text)
        text = NAME_DASH.sub(r"\1_", text)  # AVX-512, Xeon-8 are names, not minus signs
        text = LINK_TARGET.sub(" ", text)
        text = re.sub(r"^\s*(?:\d+\.|[-*+])\s", " ", text)  # list markers
        text = re.sub(r"^\s*(?:!!!|\?\?\?\+?)\s+\w+", " ", text)  # admonition keyword
        text = re.sub(r"^\s*#{1,6}\s", " ", text)
        text = SUBSCRIPT.sub(" ", text)
        for m in POWER.finditer(text):
            exp = int(m.group("e").replace("−", "-").replace(" ", ""))
            mant = m.group("m") or "1"
            found.append(Stated(no, m.group(0).strip(), float(mant) * 10.0 ** exp,
                                len(mant.split(".")[1]) if "." in mant else 0, _unit(mant, exp), False))
        text = POWER.sub(" ", text)
        for m in PROSE_NUMBER.finditer(text):
            raw = m.group(0).replace("−", "-")
            pct = bool(m.group("pct"))
            raw = raw.rstrip("% ").lstrip("-")
            mant, _, e = raw.lower().partition("e")
            exp = int(e.replace("−", "-")) if e else 0
            found.append(Stated(no, m.group(0).strip(), float(raw), 
                                len(mant.split(".")[1]) if "." in mant else 0, _unit(mant, exp), pct))
    return found


def printed_numbers(text: str) -> list[float]:
    """Every number an output or a piece of code contains (tensor elements included)."""
    values = []
    for tensor in find_tensors(text):
        for literal in _flatten(tensor.data):
            if literal not in ("...", "True", "False"):
                values.append(abs(float(literal)))
    for m in _TEXT_NUMBER.finditer(text):
        try:
            values.append(abs(float(m.group())))
        except ValueError:
            pass
    # digits glued to names in code (`torch.randn(64, 3)` is caught above; `1e-3` too)
    return [v for v in values if math.isfinite(v)]


def matches(stated: Stated, printed: float) -> bool:
    """The prose rounds the printed number to the digits it writes."""
    target = abs(stated.value)
    half = 0.5 * 10.0 ** stated.exponent
    candidates = (printed, printed * 100) if stated.percent else (printed,)
    return any(abs(c - target) <= half * (1 + 1e-9) for c in candidates)


def _exempt(stated: Stated) -> bool:
    v = abs(stated.value)
    if v == int(v) and "." not in stated.text and "^" not in stated.text and "e" not in stated.text.lower():
        return v <= SMALL or bool(YEAR.match(str(int(v))))
    return False


def _lab_outputs(root: Path, lab_code: Path) -> str:
    from .labs import executed_path

    path = executed_path(root, lab_code)
    if not path.exists():
        return ""
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append("".join(out.get("text", "")))
            elif "text/plain" in out.get("data", {}):
                parts.append("".join(out["data"]["text/plain"]))
    return "\n".join(parts)


def records_beside(out: Path) -> list[Path]:
    """The records of newer releases beside a main output (``x.torch-2.14.1.out`` for
    ``x.out``): the page shows them too (engine/drift.py), so its prose may quote them."""
    return sorted(out.parent.glob(f"{out.stem}.torch-*.out"))


def page_sources(root: Path, page: Path) -> tuple[list[float], list[float]]:
    """(numbers the page's outputs print, numbers its code contains)."""
    outputs, code = [], []
    for rel in Page.read(page).files:
        path = root / rel
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".out":
            outputs += printed_numbers(text)
            for record in records_beside(path):  # what a newer torch prints (make drift)
                outputs += printed_numbers(record.read_text(encoding="utf-8"))
        else:
            code += printed_numbers(text)
            if rel.startswith("labs/"):
                outputs += printed_numbers(_lab_outputs(root, path))
    return outputs, code


def load_exemptions(root: Path) -> dict[tuple[str, str], str]:
    path = root / EXEMPTIONS
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {(e["page"], str(e["number"])): e["why"] for e in data.get("exempt", [])}


def _nearest(stated: Stated, printed: list[float], k: int = 3) -> str:
    if not printed:
        return "the page shows no output"
    target = abs(stated.value)
    near = sorted(set(printed), key=lambda v: abs(math.log10(v / target)) if v and target else math.inf)[:k]
    return "the nearest its outputs print: " + ", ".join(f"{v:.6g}" for v in near)


def check_page(root: Path, lang: str, page: Path, exemptions=None) -> list[str]:
    exemptions = load_exemptions(root) if exemptions is None else exemptions
    path = root / "docs" / lang / page
    outputs, code = page_sources(root, path)
    problems = []
    for s in stated_numbers(path.read_text(encoding="utf-8")):
        if _exempt(s) or (page.as_posix(), s.text) in exemptions:
            continue
        if any(matches(s, v) for v in outputs) or any(matches(s, v) and v == abs(s.value) for v in code):
            continue
        problems.append(f"docs/{lang}/{page.as_posix()}:{s.line}: states {s.text}, which no output on "
                        f"the page prints and its code does not contain ({_nearest(s, outputs)}); "
                        f"print it from a snippet, or list it in {EXEMPTIONS} with the reason")
    return problems


def _paragraphs(stated: list[Stated], markdown: str) -> list[list[Stated]]:
    """Stated numbers grouped by paragraph (blocks separated by blank lines)."""
    lines = markdown.splitlines()
    para_of, para = {}, 0
    for no, line in enumerate(lines, 1):
        if not line.strip():
            para += 1
        para_of[no] = para
    groups: dict[int, list[Stated]] = {}
    for s in stated:
        groups.setdefault(para_of.get(s.line, 0), []).append(s)
    return [groups[k] for k in sorted(groups)]


def check_parity(root: Path, page: Path, langs: list[str]) -> list[str]:
    """The same numbers in every language's version of a page, paragraph by paragraph.

    Within a paragraph the order is free (a Chinese sentence puts "after 20 steps"
    before "about 3.2"); the paragraphs that state numbers must come in the same order
    and state the same numbers.
    """
    groups = {}
    for lang in langs:
        path = root / "docs" / lang / page
        if path.exists():
            text = path.read_text(encoding="utf-8")
            stated = [s for s in stated_numbers(text) if not _exempt(s)]
            groups[lang] = _paragraphs(stated, text)
    if len(groups) < 2:
        return []
    (ref_lang, ref), *others = groups.items()
    problems = []
    for lang, mine in others:
        for i in range(max(len(ref), len(mine))):
            a = ref[i] if i < len(ref) else []
            b = mine[i] if i < len(mine) else []
            if sorted(s.value for s in a) == sorted(s.value for s in b):
                continue

            def says(lang_, group):
                if not group:
                    return f"docs/{lang_}/{page.as_posix()} has no such paragraph"
                return (f"docs/{lang_}/{page.as_posix()}:{group[0].line} states "
                        + ", ".join(s.text for s in group))

            problems.append(f"paragraph {i + 1} with numbers differs between languages: "
                            f"{says(ref_lang, a)}; {says(lang, b)}")
            break
    return problems


def check(root: Path) -> list[str]:
    docs = root / "docs"
    langs = [lang.code for lang in languages(root)]
    exemptions = load_exemptions(root)
    problems = []
    all_pages = sorted({p for lang in langs for p in pages(docs, lang)})
    for page in all_pages:
        for lang in langs:
            if (docs / lang / page).exists():
                problems += check_page(root, lang, page, exemptions)
        problems += check_parity(root, page, langs)
    return problems

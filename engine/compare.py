"""Parse what a snippet printed and compare it with the expected output.

Every number is compared as a number: values within ``rtol``/``atol``
(``|actual - expected| <= atol + rtol * |expected|``, as ``torch.allclose``), both
inside printed torch tensors and in plain text (``max diff: 1.5e-08``, ``loss 0.43``).
What must match exactly: the words and punctuation around the numbers, the kind of
each literal (``2`` vs ``2.`` vs ``True``), a tensor's shape and every keyword
(``dtype=``, ``requires_grad=``, ``grad_fn=<…>``, ``size=``). The tolerance never
comes from the number of printed digits.

A plain number in text is a decimal literal that is not part of a word, a version or
an address: ``AddBackward0``, ``float32``, ``2.13.0`` and ``0x…`` stay text.
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass

DEFAULT_RTOL = 1e-5
DEFAULT_ATOL = 1e-8

_TENSOR_START = re.compile(r"(?<![\w.])tensor\(")
_NUMBER = r"[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|inf|nan)"
_TOKEN = re.compile(rf"\s*(\[|\]|,|\.\.\.|True|False|{_NUMBER})")
# A number in plain text: not glued to a word or a dot before it, and not followed by a
# word character or by ".<digit>" ("2.13.0" and "h2o" stay text; in "is 0.43." it is 0.43).
_TEXT_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?!\w|\.\d)")


@dataclass
class Tensor:
    """A printed tensor: its data as nested lists of literals, and its keywords."""

    start: int  # offset of "tensor(" in the text
    end: int  # offset just past the closing ")"
    data: object  # nested lists of literal strings, or one literal string
    kwargs: list[str]


@dataclass
class Comparison:
    ok: bool
    first_mismatch: int | None = None  # offset in the actual text
    reason: str = ""
    max_abs: float = 0.0
    max_rel: float = 0.0


def _matching_paren(text: str, open_at: int) -> int | None:
    depth = 0
    for i in range(open_at, len(text)):
        c = text[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth == 0:
                return i if c == ")" else None
    return None


def _split_top_level(inner: str) -> list[str]:
    parts, depth, last = [], 0, 0
    for i, c in enumerate(inner):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(inner[last:i])
            last = i + 1
    parts.append(inner[last:])
    return [p.strip() for p in parts]


def _parse_data(src: str):
    """Nested lists of literal strings, or None when it is not tensor data."""
    tokens, pos = [], 0
    src = src.strip()
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if not m:
            return None
        tokens.append(m.group(1))
        pos = m.end()

    def parse(i):
        if tokens[i] != "[":
            return tokens[i], i + 1
        items, i = [], i + 1
        while tokens[i] != "]":
            item, i = parse(i)
            items.append(item)
            if tokens[i] == ",":
                i += 1
        return items, i + 1

    try:
        value, used = parse(0)
    except (IndexError, TypeError):
        return None
    if used != len(tokens) or value in ("[", "]", ","):
        return None
    return value


def find_tensors(text: str) -> list[Tensor]:
    found = []
    pos = 0
    while True:
        m = _TENSOR_START.search(text, pos)
        if not m:
            return found
        open_at = m.end() - 1
        close = _matching_paren(text, open_at)
        if close is None:
            pos = m.end()
            continue
        parts = _split_top_level(text[open_at + 1 : close])
        data = _parse_data(parts[0])
        if data is None:
            pos = m.end()
            continue
        kwargs = [" ".join(p.split()) for p in parts[1:]]
        found.append(Tensor(m.start(), close + 1, data, kwargs))
        pos = close + 1


def _kind(literal: str) -> str:
    if literal in ("True", "False"):
        return "bool"
    if literal == "...":
        return "..."
    if re.fullmatch(r"[-+]?\d+", literal):
        return "int"
    return "float"


def _value(literal: str) -> float:
    if literal == "True":
        return 1.0
    if literal == "False":
        return 0.0
    return float(literal)


def _shape(data) -> str:
    dims = []
    while isinstance(data, list):
        dims.append(str(len(data)))
        data = data[0] if data else None
    return "(" + ", ".join(dims) + ")"


def _flatten(data):
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    else:
        yield data


def _same_structure(a, b) -> bool:
    if isinstance(a, list) != isinstance(b, list):
        return False
    if not isinstance(a, list):
        return True
    return len(a) == len(b) and all(_same_structure(x, y) for x, y in zip(a, b))


def compare_tensor(actual: Tensor, expected: Tensor, rtol: float, atol: float):
    """Return (ok, reason, max_abs, max_rel) for one pair of printed tensors."""
    if not _same_structure(actual.data, expected.data):
        return False, f"shape {_shape(actual.data)} != expected {_shape(expected.data)}", 0.0, 0.0
    if actual.kwargs != expected.kwargs:
        return False, f"keywords {actual.kwargs} != expected {expected.kwargs}", 0.0, 0.0
    errors = _Errors()
    for a, e in zip(_flatten(actual.data), _flatten(expected.data)):
        errors.literal(a, e, rtol, atol, "a different dtype?")
        if errors.kind_error:
            break
    return not errors.reason, errors.reason, errors.max_abs, errors.max_rel


class _Errors:
    """Compares literals one pair at a time; keeps the first failure and the largest errors."""

    def __init__(self):
        self.reason = ""
        self.kind_error = False
        self.max_abs = self.max_rel = 0.0

    def literal(self, a: str, e: str, rtol: float, atol: float, kind_hint: str) -> None:
        if _kind(a) != _kind(e):
            self.reason = self.reason or f"literal {a!r} != expected {e!r} ({kind_hint})"
            self.kind_error = True
            return
        if a == "..." or a == e:
            return
        va, ve = _value(a), _value(e)
        if math.isnan(va) and math.isnan(ve):
            return
        if math.isinf(va) or math.isinf(ve) or math.isnan(va) or math.isnan(ve):
            self.reason = self.reason or f"value {a} != expected {e}"
            self.max_abs = self.max_rel = math.inf
            return
        diff = abs(va - ve)
        rel = diff / abs(ve) if ve else math.inf
        self.max_abs, self.max_rel = max(self.max_abs, diff), max(self.max_rel, rel)
        if diff > atol + rtol * abs(ve):
            self.reason = self.reason or (f"value {a} != expected {e} (|diff| {diff:.3g} > "
                                          f"atol {atol:g} + rtol {rtol:g} * {abs(ve):g})")


def compare(actual: str, expected: str, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL) -> Comparison:
    """Compare two printed outputs: every number as a number, everything else exactly."""
    ta, te = find_tensors(actual), find_tensors(expected)
    result = Comparison(ok=True)
    pa = pe = 0  # positions in actual / expected
    for i in range(max(len(ta), len(te)) + 1):
        a = ta[i] if i < len(ta) else None
        e = te[i] if i < len(te) else None
        if not _compare_text(result, actual, pa, a.start if a else len(actual),
                             expected[pe : e.start if e else len(expected)], rtol, atol):
            return result
        if a is None or e is None:
            if (a is None) != (e is None):  # same text, but one side has one more tensor
                _mark(result, actual, a.start if a else len(actual), "text differs")
            return result
        ok, reason, mabs, mrel = compare_tensor(a, e, rtol, atol)
        result.max_abs, result.max_rel = max(result.max_abs, mabs), max(result.max_rel, mrel)
        if not ok and result.ok:
            _mark(result, actual, a.start + _first_differing_line(actual[a.start:a.end],
                                                                  expected[e.start:e.end]), reason)
        pa, pe = a.end, e.end
    return result


def _compare_text(result: Comparison, actual: str, start: int, end: int, text_e: str,
                  rtol: float, atol: float) -> bool:
    """Compare actual[start:end] with text_e: plain numbers as numbers, the rest exactly.

    Returns False on a difference in anything but a number's value (words, punctuation,
    the kind of a literal, how many numbers there are): nothing after it can be paired.
    A value beyond tolerance marks the result and the comparison goes on, so that the
    largest error covers every number.
    """
    text_a = actual[start:end]
    if text_a == text_e:
        return True
    words_a, words_e = _TEXT_NUMBER.split(text_a), _TEXT_NUMBER.split(text_e)
    nums_a, nums_e = _TEXT_NUMBER.findall(text_a), _TEXT_NUMBER.findall(text_e)
    offset = start
    for i, (wa, we) in enumerate(zip(words_a, words_e)):
        if wa != we or (i == len(nums_a)) != (i == len(nums_e)):
            _mark(result, actual, offset + _common_prefix(wa, we), "text differs")
            return False
        offset += len(wa)
        if i == len(nums_a):
            return True
        errors = _Errors()
        errors.literal(nums_a[i], nums_e[i], rtol, atol, "a different kind of number")
        result.max_abs = max(result.max_abs, errors.max_abs)
        result.max_rel = max(result.max_rel, errors.max_rel)
        if errors.reason and result.ok:
            _mark(result, actual, offset, errors.reason)
        if errors.kind_error:
            return False
        offset += len(nums_a[i])
    return True


_DIGITS = re.compile(r"\d+")


def same_layout(a: str, b: str) -> bool:
    """True when a and b differ at most in their digits, not in how many are printed.

    ``1.5e-08`` and ``2.2e-08`` have the same layout (noise in a number printed with a
    fixed format); ``2.257914`` and ``2.2579`` do not (the snippet's format changed).
    """
    return _DIGITS.sub(lambda m: "0" * len(m.group()), a) == _DIGITS.sub(lambda m: "0" * len(m.group()), b)


def _first_differing_line(a: str, b: str) -> int:
    """Offset in a of the first line that differs from b's."""
    offset = 0
    for line_a, line_b in zip(a.splitlines(keepends=True), b.splitlines(keepends=True)):
        if line_a != line_b:
            break
        offset += len(line_a)
    return min(offset, max(len(a) - 1, 0))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _mark(result: Comparison, actual: str, offset: int, reason: str) -> None:
    """Record a mismatch; the first one recorded is the one reported."""
    if not result.ok:
        return
    result.ok = False
    result.first_mismatch = min(offset, max(len(actual) - 1, 0))
    result.reason = reason


def line_of(text: str, offset: int) -> int:
    """0-based line index of a character offset."""
    return text.count("\n", 0, offset)


def unified_diff(actual: str, expected: str, name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{name} (expected)",
        tofile=f"{name} (this run)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)

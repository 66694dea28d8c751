"""A line break inside a Chinese paragraph is not a space.

Markdown keeps a paragraph's line breaks in the HTML, and browsers show each one as a
space, which in Chinese text is a visible gap ("梯度下降， 梯度"). A break between two
CJK characters (ideographs or full-width punctuation) is removed here, in the HTML,
outside code blocks, scripts and styles; a break next to a Latin letter or a digit stays
a space, as Chinese typesetting wants between the two scripts.
"""
from __future__ import annotations

import re
from pathlib import Path

CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
BREAK = re.compile(rf"(?<=[{CJK}])[ \t]*\n[ \t]*(?=[{CJK}])")
OPAQUE = re.compile(r"<(pre|script|style|textarea)\b.*?</\1>", re.S | re.I)


def join_cjk_lines(html: str) -> str:
    out, pos = [], 0
    for m in OPAQUE.finditer(html):
        out.append(BREAK.sub("", html[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(BREAK.sub("", html[pos:]))
    return "".join(out)


def stray_breaks(path: Path, root: Path) -> list[str]:
    """Each line break between two CJK characters outside code in a built page, as file:line."""
    html = path.read_text(encoding="utf-8")
    masked = OPAQUE.sub(lambda m: "\n" * m.group(0).count("\n"), html)  # keeps line numbers
    return [f"{path.relative_to(root)}:{masked.count(chr(10), 0, m.start()) + 1}: a line break between "
            f"{masked[m.start() - 1]} and {masked[m.end()]} shows as a space"
            for m in BREAK.finditer(masked)]

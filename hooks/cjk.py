"""MkDocs hook: a line break inside a Chinese paragraph is not a space.

Markdown keeps a paragraph's line breaks in the HTML, and browsers show each one as a
space, which in Chinese text is a visible gap ("梯度下降， 梯度"). A break between two
CJK characters (ideographs or full-width punctuation) is removed here, in the HTML,
outside code blocks, scripts and styles; a break next to a Latin letter or a digit stays
a space, as Chinese typesetting wants between the two scripts.
"""
from __future__ import annotations

import re

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


def on_page_content(html, page, config, files):
    return join_cjk_lines(html)

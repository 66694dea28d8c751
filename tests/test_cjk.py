"""A line break inside a Chinese paragraph must not reach the reader as a space
(hooks/cjk.py removes it; this checks every built page and the checker itself)."""
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.cjk import BREAK, OPAQUE, join_cjk_lines


def stray_breaks(path: Path, root: Path) -> list[str]:
    """Each line break between two CJK characters outside code, as file:line."""
    html = path.read_text(encoding="utf-8")
    masked = OPAQUE.sub(lambda m: "\n" * m.group(0).count("\n"), html)  # keeps line numbers
    return [f"{path.relative_to(root)}:{masked.count(chr(10), 0, m.start()) + 1}: a line break between "
            f"{masked[m.start() - 1]} and {masked[m.end()]} shows as a space"
            for m in BREAK.finditer(masked)]


def test_a_break_between_chinese_characters_is_removed_but_code_and_latin_keep_theirs():
    html = "<p>梯度下降，\n  梯度 x\n中文 PyTorch\n文</p><pre><code>梯度\n梯度</code></pre>"
    assert join_cjk_lines(html) == "<p>梯度下降，梯度 x\n中文 PyTorch\n文</p><pre><code>梯度\n梯度</code></pre>"


def test_the_checker_names_the_file_and_line_of_a_stray_break(tmp_path):
    page = tmp_path / "p" / "index.html"
    page.parent.mkdir()
    page.write_text("<html>\n<pre>代码\n代码</pre>\n<p>第一行，\n第二行</p>\n", encoding="utf-8")
    assert stray_breaks(page, tmp_path) == ["p/index.html:4: a line break between ， and 第 shows as a space"]


@pytest.mark.sitebuild
def test_no_chinese_page_shows_a_line_break_as_a_space(built_site):
    pages = [p for p in built_site.path.rglob("index.html") if "/en/" not in p.as_posix()]
    problems = [p for page in pages for p in stray_breaks(page, built_site.path)]
    assert not problems, "\n".join(problems)

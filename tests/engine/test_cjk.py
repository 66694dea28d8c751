"""A line break inside a Chinese paragraph must not reach the reader as a space
(engine/cjk.py removes it; tests/site/test_pages.py checks every built page with `stray_breaks`)."""
from __future__ import annotations

from engine.cjk import join_cjk_lines, stray_breaks


def test_a_break_between_chinese_characters_is_removed_but_code_and_latin_keep_theirs():
    html = "<p>梯度下降，\n  梯度 x\n中文 PyTorch\n文</p><pre><code>梯度\n梯度</code></pre>"
    assert join_cjk_lines(html) == "<p>梯度下降，梯度 x\n中文 PyTorch\n文</p><pre><code>梯度\n梯度</code></pre>"


def test_the_checker_names_the_file_and_line_of_a_stray_break(tmp_path):
    page = tmp_path / "p" / "index.html"
    page.parent.mkdir()
    page.write_text("<html>\n<pre>代码\n代码</pre>\n<p>第一行，\n第二行</p>\n", encoding="utf-8")
    assert stray_breaks(page, tmp_path) == ["p/index.html:4: a line break between ， and 第 shows as a space"]

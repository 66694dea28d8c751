"""Light pages (engine/lightpages.py) and the counting of what a first visit transfers
(engine/bench.py), on small pages made here; the built site's own weight is checked in
tests/site/test_page_weight.py."""
from __future__ import annotations

import json
import random

import pytest

from engine import bench
from engine import lightpages as weight


def write(path, data: str | bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def noise(n: int) -> bytes:
    """n bytes gzip cannot shrink."""
    return random.Random(n).randbytes(n)


def page(body: str = "", head: str = "", base: str = ".") -> str:
    config = json.dumps({"base": base, "search": f"{base}/assets/search.js"})
    return (f"<html><head>{head}</head><body>{body}"
            f'<script id="__config" type="application/json">{config}</script></body></html>')


# -- the counting and the targets (engine/bench.py) -----------------------------------

def test_a_home_page_and_a_page_over_their_targets_are_reported_with_their_weight(tmp_path):
    write(tmp_path / "index.html", page('<img src="photo.png" alt="">'))
    write(tmp_path / "photo.png", noise(201_000))  # images count as they are
    write(tmp_path / "search" / "search_index.json", "{}")
    write(tmp_path / "en" / "index.html", page())
    write(tmp_path / "en" / "search" / "search_index.json", "{}")
    write(tmp_path / "heavy" / "index.html", page('<img src="../poster.png" alt="">', base=".."))
    write(tmp_path / "poster.png", noise(301_000))
    write(tmp_path / "assets" / "search.js", "")
    weights = bench.static_first_visits(tmp_path)
    homes = bench.home_pages(tmp_path)
    assert homes == ["/", "en/"]
    assert bench.weight_misses(weights, homes) == [
        "first visit of the home page /: 201 KB, over the 200 KB target",
        "heaviest first visit heavy/: 301 KB, over the 200 KB target (2 page(s) over: /, heavy/)",
    ]
    (tmp_path / "photo.png").write_bytes(noise(150_000))
    (tmp_path / "poster.png").write_bytes(noise(190_000))
    assert bench.weight_misses(bench.static_first_visits(tmp_path), homes) == []


def test_a_first_visit_counts_html_css_scripts_images_gzipped_and_the_search_files(tmp_path):
    css = "body { color: red; }\n" * 500
    write(tmp_path / "index.html", page(
        '<img src="a.png" alt=""><img src="data:image/png;base64,AAAA" alt="">'
        '<script src="https://example.org/off-host.js"></script><script src="app.js?v=1"></script>',
        head='<link rel="stylesheet" href="site.css"><link rel="icon" href="icon.png">'))
    write(tmp_path / "site.css", css)
    write(tmp_path / "app.js", "let x = 1;\n" * 300)
    write(tmp_path / "a.png", noise(1000))
    write(tmp_path / "icon.png", noise(100))
    write(tmp_path / "assets" / "search.js", "worker();")
    write(tmp_path / "search" / "search_index.json", json.dumps({"docs": ["x" * 5000]}))
    files = {f.relative_to(tmp_path).as_posix(): n for f, n in bench.first_visit_files(tmp_path, tmp_path).items()}
    assert sorted(files) == ["a.png", "app.js", "assets/search.js", "icon.png", "index.html",
                             "search/search_index.json", "site.css"]
    assert files["a.png"] == 1000 and files["icon.png"] == 100  # as they are
    assert files["site.css"] < len(css) / 20  # gzip
    assert files["search/search_index.json"] < 200


def test_a_search_index_and_worker_held_until_the_search_opens_are_not_part_of_a_first_visit(tmp_path):
    write(tmp_path / "index.html", page(head='<script data-search-index="on-demand">hold()</script>'))
    write(tmp_path / "assets" / "search.js", "worker();")
    write(tmp_path / "search" / "search_index.json", "{}")
    files = {f.relative_to(tmp_path).as_posix() for f in bench.first_visit_files(tmp_path, tmp_path)}
    assert files == {"index.html"}


def test_a_formula_page_counts_the_katex_fonts_its_tex_needs(tmp_path):
    faces = "".join(f"@font-face{{font-family:{n};src:url(fonts/{n}.woff2) format('woff2')}}"
                    for n in ("KaTeX_Main-Regular", "KaTeX_Math-Italic", "KaTeX_AMS-Regular",
                              "KaTeX_Size1-Regular", "KaTeX_Caligraphic-Regular"))
    write(tmp_path / "katex" / "katex.css", faces)
    for name in ("KaTeX_Main-Regular", "KaTeX_Math-Italic", "KaTeX_AMS-Regular", "KaTeX_Size1-Regular",
                 "KaTeX_Caligraphic-Regular"):
        write(tmp_path / "katex" / "fonts" / f"{name}.woff2", noise(10))
    link = '<link rel="stylesheet" href="katex/katex.css">'
    write(tmp_path / "index.html", page(r'<span class="arithmatex">\(x \in \mathbb{R}, \sum_i x_i\)</span>', link))

    fonts = sorted(f.stem for f in bench.first_visit_files(tmp_path, tmp_path) if f.suffix == ".woff2")
    assert fonts == ["KaTeX_AMS-Regular", "KaTeX_Main-Regular", "KaTeX_Math-Italic", "KaTeX_Size1-Regular"]


def test_gzip_applies_to_text_types_and_not_to_images_or_fonts():
    text = b"gradient " * 1000
    assert bench.served_bytes("page/", text) < 100
    assert bench.served_bytes("index.json", text) < 100
    assert bench.served_bytes("figure.svg", text) < 100
    assert bench.served_bytes("font.woff2", text) == len(text)
    assert bench.served_bytes("photo.png?v=2", text) == len(text)


# -- engine/lightpages.py -----------------------------------------------------------------

NOTEBOOK = """<script>clipboard()</script>
<style type="text/css">.jupyter-wrapper{--big: 1}</style>
<!-- MathJax configuration --><script type="text/x-mathjax-config">init()</script>
<div class="jupyter-wrapper">
<div class="jp-Cell"><div class="jp-InputPrompt jp-InputArea-prompt">In [1]:</div>
<span class="notice" hidden>Copied!</span>
<div class="highlight-ipynb hl-python"><pre><span class="n">w</span> = <span class="mi">1</span></pre></div>
<div class="clipboard-copy-txt" id="cell-1">w = 1</div>
<div class="jp-RenderedHTMLCommon jp-MarkdownOutput"><p>Weight decay shrinks $w$.</p></div>
<div class="jp-RenderedHTML"><style scoped>.dataframe td { color: red }</style><table class="dataframe"></table></div>
</div>
</div> <!-- jupyter-wrapper -->
<style>['pre { line-height: 125%; }']</style>
"""


def test_a_notebook_page_loses_the_inline_style_and_scripts_around_it_but_keeps_its_outputs():
    html = weight.strip_notebook_inline(NOTEBOOK)
    assert html.startswith('<div class="jupyter-wrapper">')
    assert html.rstrip().endswith("<!-- jupyter-wrapper -->")
    assert "clipboard()" not in html and "--big" not in html and "init()" not in html and "line-height" not in html
    assert "<style scoped>.dataframe td { color: red }</style>" in html


def test_katex_s_stylesheet_loads_only_on_a_page_with_formulas():
    assert weight.has_math('<p><span class="arithmatex"><span class="katex">x</span></span></p>')
    assert not weight.has_math("<p>costs 5 $ a month, no math here</p>")


def indexed_text(html: str) -> str:
    """What the theme's search plugin indexes from a page's HTML."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return " ".join("".join(s.title) + " " + "".join(s.text) for s in parser.data if not s.is_excluded())


def test_code_outputs_formulas_and_notebook_prompts_stay_out_of_the_search_index():
    page_html = """<h1 id="t">Weight decay</h1>
<p>Call <code>loss.backward()</code> then read <span class="arithmatex">\\(\\nabla_w L\\)</span> in w.grad.</p>
<div class="language-python highlight"><span class="filename">snippets/x.py</span><pre><span></span><code>\
<span class="n">secret_code</span><span class="p">()</span></code></pre></div>
<div class="language-text highlight"><span class="filename">Output</span><pre><span></span><code>secret_output 0.5</code></pre></div>
<p>After the block.</p>
"""
    before = indexed_text(page_html)
    assert "secret_code" in before and "secret_output" in before and "nabla" in before  # what the theme does alone
    after = indexed_text(weight.search_view(weight.exclude_code_from_search(page_html, notebook=False)))
    for gone in ("secret_code", "secret_output", "nabla", "snippets/x.py", "Output"):
        assert gone not in after
    for kept in ("Weight decay", "loss.backward()", "in w.grad", "After the block"):
        assert kept in after

    from engine import math
    from tests.support import ROOT

    rendered = math.render_page(weight.strip_notebook_inline(NOTEBOOK), math.Katex(ROOT, "test"))
    notebook = indexed_text(weight.search_view(weight.exclude_code_from_search(rendered, notebook=True)))
    assert "Weight decay shrinks" in notebook
    for gone in ("In [1]", "Copied!", "w = 1", "$w$"):  # a notebook's formulas too: no TeX in results
        assert gone not in notebook


def test_a_formula_is_rendered_when_the_site_is_built_and_one_that_does_not_parse_is_an_error(tmp_path):
    from engine import math
    from tests.support import ROOT

    katex = math.Katex(ROOT, "test")
    katex.cache_path = tmp_path / "cache.json"  # not the build's cache
    page = ('<p>A <span class="arithmatex">\\(x^2 &lt; 1\\)</span> and</p>\n<div class="arithmatex">\\[\n\\frac{1}{2}\n\\]</div>'
            '<div class="jupyter-wrapper"><div class="jp-MarkdownOutput"><p>Lab $w_1$ and <code>$not math$</code></p></div></div>')
    out = math.render_page(page, katex)
    assert out.count('class="katex"') == 3 and "\\(" not in out and "$w_1$" not in out and "<code>$not math$</code>" in out
    assert '<annotation encoding="application/x-tex">x^2 &lt; 1</annotation>' in out  # KaTeX's MathML, with the TeX
    assert weight.search_view(out).count("katex") == 0  # formulas stay out of the search index
    with pytest.raises(math.MathError, match="Double superscript") as caught:
        math.render_page('<span class="arithmatex">\\(x^1^2\\)</span>', katex)
    assert math.source_line("# T\n\nSome $x$.\n\nThen $x^1^2$.\n", caught.value.tex) == 5
    katex.close()
    assert (tmp_path / "cache.json").exists()


def test_every_image_loads_lazily():
    assert weight.lazy_images('<img src="a.svg" alt="a"><img loading="eager" src="b">') == (
        '<img loading="lazy" decoding="async" src="a.svg" alt="a"><img loading="eager" src="b">')

"""The site: language parity, and a strict build that fails on broken input.

Parity is checked on the real docs/ and on small broken trees. The real site is built
once (the `built_site` fixture); the checks that a build fails copy a tiny site
(tests/fixtures/tiny_site/) with the real config, hooks and theme into a temporary folder,
break it and build that, in seconds.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.pages import check_parity

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- parity
def test_every_page_has_a_twin_with_the_same_snippets_and_heading_ids():
    problems = check_parity(ROOT)
    assert not problems, "\n".join(problems)


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "snippets" / "c").mkdir(parents=True)
    (tmp_path / "snippets" / "c" / "a.py").write_text("print(1)\n")
    (tmp_path / "snippets" / "c" / "a.out").write_text("1\n")
    (tmp_path / "snippets" / "c" / "b.py").write_text("print(2)\n")
    (tmp_path / "snippets" / "c" / "b.out").write_text("2\n")
    for lang, title in (("zh", "标题"), ("en", "Title")):
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "p.md").write_text(
            f"# {title} {{#top}}\n\n## {title} A {{#a}}\n\n"
            '```python\n--8<-- "snippets/c/a.py"\n```\n\n```text\n--8<-- "snippets/c/a.out"\n```\n\n'
            f"## {title} B {{#b}}\n\n"
            '```python\n--8<-- "snippets/c/b.py"\n```\n\n```text\n--8<-- "snippets/c/b.out"\n```\n',
            encoding="utf-8")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_well_formed_tree_has_no_parity_problems(tmp_path):
    assert check_parity(_tree(tmp_path)) == []


def test_a_page_without_its_twin_is_reported(tmp_path):
    root = _tree(tmp_path)
    shutil.copy(root / "docs" / "zh" / "p.md", root / "docs" / "zh" / "extra.md")
    assert "docs/zh/extra.md has no twin docs/en/extra.md" in check_parity(root)


def test_snippets_in_a_different_order_are_reported(tmp_path):
    root = _tree(tmp_path)
    page = root / "docs" / "en" / "p.md"
    text = page.read_text()
    page.write_text(text.replace("snippets/c/a.", "snippets/c/X.").replace("snippets/c/b.", "snippets/c/a.")
                    .replace("snippets/c/X.", "snippets/c/b."))
    assert ("docs/en/p.md and docs/zh/p.md: includes differ at position 1: snippets/c/b.py vs snippets/c/a.py"
            in check_parity(root))


def test_a_different_heading_id_is_reported(tmp_path):
    root = _tree(tmp_path)
    _edit(root / "docs" / "en" / "p.md", "{#b}", "{#bee}")
    assert "docs/en/p.md and docs/zh/p.md: heading ids differ at position 3: bee vs b" in check_parity(root)


def test_a_heading_without_an_explicit_id_is_reported(tmp_path):
    root = _tree(tmp_path)
    _edit(root / "docs" / "zh" / "p.md", "## 标题 B {#b}", "## 标题 B")
    problems = check_parity(root)
    assert any(p.startswith("docs/zh/p.md: heading without an explicit id") for p in problems), problems


def test_a_snippet_no_page_shows_is_reported(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets" / "c" / "lonely.py").write_text("print(3)\n")
    problems = check_parity(root)
    assert "snippets/c/lonely.py is not shown on any page in docs/zh/" in problems
    assert "snippets/c/lonely.py is not shown on any page in docs/en/" in problems


def test_code_without_its_output_right_after_it_is_reported(tmp_path):
    root = _tree(tmp_path)
    for lang in ("zh", "en"):
        _edit(root / "docs" / lang / "p.md", '```text\n--8<-- "snippets/c/a.out"\n```\n', "")
    assert "docs/zh/p.md: snippets/c/a.py is not followed by its output snippets/c/a.out" in check_parity(root)


def test_an_error_message_quoted_in_prose_must_come_from_an_output_on_the_page(tmp_path):
    root = _tree(tmp_path)
    (root / "snippets" / "c" / "a.out").write_text("RuntimeError: grad can be implicitly created\n")
    for lang in ("zh", "en"):
        _edit(root / "docs" / lang / "p.md", "{#a}\n", "{#a}\n\n`RuntimeError: grad can be implicitly created`\n")
    assert check_parity(root) == []
    _edit(root / "docs" / "en" / "p.md", "grad can be implicitly", "grad can be explicitly")
    assert check_parity(root) == [
        "docs/en/p.md: quotes `RuntimeError: grad can be explicitly created`, which no output on the page "
        "printed (messages in prose must be copied from a tested output)"]


# ---------------------------------------------------------------- strict build
FIXTURE = ROOT / "tests" / "fixtures" / "tiny_site"
PAGE = "demo/gradient.md"  # the fixture's chapter page; it shows one snippet and its output
SNIPPET = "snippets/demo/gradient_backward.py"


def _block_end(lines: list[str], start: int) -> int:
    """The line after the YAML item or key at `start` and everything indented below it."""
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
                                or (indent == 0 and lines[end].startswith("-"))):
        end += 1
    return end


def _tiny_config(config: str, pages: list[str]) -> str:
    """A real config for the tiny site: its `nav:` lists the given pages, and its search
    is off (no test of the tiny site searches; loading jieba's dictionary for the
    Chinese index alone costs a second per build)."""
    lines = [re.sub(r"^(\s+)- search(?=\s*(#|$)).*$", r"\1- search:\n\1    enabled: false", line)
             for line in config.splitlines(keepends=True)]
    start = next(i for i, line in enumerate(lines) if re.match(r"^nav:\s*$", line))
    nav = ["nav:\n"] + [f"  - {page}\n" for page in pages]
    lines = lines[:start] + nav + lines[_block_end(lines, start):]
    # Only the fixture's languages (a language added to the real site with `make
    # new-language` has no pages here).
    i = 0
    while i < len(lines):
        m = re.match(r"^\s+- code: (\S+)\s*$", lines[i])
        if m and m.group(1) not in ("zh", "en"):
            del lines[i:_block_end(lines, i)]
            continue
        i += 1
    return "".join(lines)


def tiny_site(tmp_path: Path) -> Path:
    """tests/fixtures/tiny_site/ (three pages per language, one snippet) with the real config,
    hooks, theme overrides, build script, assets, glossary and provenance; the English
    pages stamped as up to date. Builds in seconds where the real site takes a minute."""
    from hooks import translation

    site = tmp_path / "repo"
    shutil.copytree(FIXTURE, site, ignore=shutil.ignore_patterns("README.md"))
    pages = sorted(translation.pages(site, "zh"), key=lambda p: (p != "index.md", p))
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        (site / name).write_text(_tiny_config((ROOT / name).read_text(encoding="utf-8"), pages), encoding="utf-8")
    for name in ("engine", "hooks", "overrides", "docs/assets"):
        shutil.copytree(ROOT / name, site / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("scripts/build_site.py", "docs/glossary.yml", "snippets/provenance.json"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, site / name)
    for page in translation.pages(site, "en"):
        translation.stamp(site, f"en/{page}")
    return site


def _build(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(site / "scripts" / "build_site.py"), "--quiet",
                           "--out", str(site / "site")], cwd=site, capture_output=True, text=True)


def _log(proc: subprocess.CompletedProcess, config: str) -> str:
    """What one language's mkdocs build printed (build_site.py heads it `--- <config> ---`)."""
    parts = re.split(r"^--- (\S+) ---$", proc.stdout, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2])).get(config, "")


@pytest.mark.sitebuild
def test_the_real_site_builds_strictly_in_both_languages(built_site):
    out = built_site.path
    assert not re.search(r"^WARNING\s+-", built_site.log, re.M), built_site.log
    zh, en = out / "autograd" / "basics" / "index.html", out / "en" / "autograd" / "basics" / "index.html"
    assert '<html lang="zh"' in zh.read_text() and '<html lang="en"' in en.read_text()
    # The language selector leads to the same page in the other language.
    assert 'href="../../en/autograd/basics/" hreflang="en"' in zh.read_text()
    assert 'href="../../../autograd/basics/" hreflang="zh"' in en.read_text()
    # Every page that shows outputs says where they come from, in its language.
    assert "本页的输出由 PyTorch 2.13.0" in zh.read_text()
    assert "produced by running the code with PyTorch 2.13.0" in en.read_text()
    # Edit links point at the page's own language.
    assert "/edit/main/docs/zh/autograd/basics.md" in zh.read_text()
    assert "/edit/main/docs/en/autograd/basics.md" in en.read_text()
    # Math is rendered by KaTeX served from the site itself.
    assert (out / "assets" / "vendor" / "katex" / "katex.min.js").exists()
    assert (out / "en" / "assets" / "vendor" / "katex" / "katex.min.js").exists()
    assert "cdn" not in zh.read_text().lower()
    # Each language has its own search index; Chinese is segmented into words.
    zh_index = json.loads((out / "search" / "search_index.json").read_text())
    en_index = json.loads((out / "en" / "search" / "search_index.json").read_text())
    assert any("\u200b梯度\u200b" in doc["text"] for doc in zh_index["docs"])
    assert not any("梯度" in doc["text"] for doc in en_index["docs"])


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One build of the tiny site with four defects: strict mode prints every warning of
    a build before it aborts, so the Chinese build reports a broken link, a broken anchor
    and a figure no snippet drew together; a missing include stops the English build.
    (Unbroken, the tiny site builds: tests/test_i18n.py builds it with a new language.)"""
    site = tiny_site(tmp_path_factory.mktemp("broken"))
    _edit(site / "docs" / "en" / PAGE, f'--8<-- "{SNIPPET}"', '--8<-- "snippets/demo/gradient_backwards.py"')
    _edit(site / "docs" / "zh" / "index.md", "(demo/gradient.md)", "(demo/gradients.md)")
    _edit(site / "docs" / "zh" / "index.md", "(translations.md)", "(demo/gradient.md#no-such-anchor)")
    page = site / "docs" / "zh" / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\n![A missing plot](../figures/demo/never_drawn.svg)\n",
                    encoding="utf-8")
    return site, _build(site)


@pytest.mark.sitebuild
def test_the_build_fails_on_a_missing_include(broken_build):
    site, proc = broken_build
    assert proc.returncode != 0
    assert "FAILED: properdocs build --strict -f mkdocs.en.yml" in proc.stdout
    assert "snippets/demo/gradient_backwards.py" in _log(proc, "mkdocs.en.yml")
    assert not (site / "site").exists(), "a failed build must not leave a site behind"


@pytest.mark.sitebuild
def test_the_build_fails_on_a_broken_link_or_anchor(broken_build):
    _, proc = broken_build
    assert proc.returncode != 0
    assert "FAILED: properdocs build --strict -f mkdocs.yml" in proc.stdout
    assert "demo/gradients.md" in _log(proc, "mkdocs.yml")
    assert "no-such-anchor" in _log(proc, "mkdocs.yml")


@pytest.mark.sitebuild
def test_the_build_fails_on_a_figure_that_no_snippet_drew(broken_build):
    _, proc = broken_build
    assert proc.returncode != 0
    assert "figures/demo/never_drawn.svg" in _log(proc, "mkdocs.yml")


@pytest.mark.sitebuild
def test_the_build_fails_on_a_page_without_its_twin(tmp_path):
    # The twin check stops a build at once (PluginError), so it gets a build of its own.
    site = tiny_site(tmp_path)
    (site / "docs" / "en" / PAGE).unlink()
    proc = _build(site)
    assert proc.returncode != 0
    assert "docs/zh/demo/gradient.md has no twin docs/en/demo/gradient.md" in proc.stdout
    assert not (site / "site").exists(), "a failed build must not leave a site behind"

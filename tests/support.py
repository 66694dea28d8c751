"""What the fixtures of tests/conftest.py are made of (not a test module): a throw-away
project that runs the snippet plugin in this process, and the tiny site."""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of text that must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- the snippet plugin, on a throw-away project
class Result:
    """What one inner pytest run printed, with pytester-style assertions."""

    def __init__(self, text: str):
        self.text = text
        self.stdout = pytest.LineMatcher(text.splitlines())

    def assert_outcomes(self, **expected: int) -> None:
        counts = pytest.RunResult.parse_summary_nouns(self.text.splitlines())
        got = {k: counts.get(k, 0) for k in ("passed", "failed", "errors")}
        want = {k: expected.get(k, 0) for k in ("passed", "failed", "errors")}
        assert got == want, self.text


class Project:
    """A throw-away project with snippets/demo/ and the snippet plugin (tests/fixtures/harness/).

    The inner pytest runs in this process (torch is already imported), like pytester's
    in-process mode but without its sys.modules snapshot, which torch's extension
    modules do not survive.
    """

    def __init__(self, root: Path):
        self.root = root
        self.demo = self.root / "snippets" / "demo"
        self.demo.mkdir(parents=True)
        (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")

    def add(self, snippet: str, out: str | None = None, name: str | None = None) -> Path:
        name = name or snippet
        target = self.demo / f"{name}.py"
        shutil.copy(FIXTURES / "harness" / f"{snippet}.py", target)
        if out is not None:
            shutil.copy(FIXTURES / "harness" / f"{out}.out", self.demo / f"{name}.out")
        return target

    def settings(self, text: str) -> None:
        (self.demo / "harness.toml").write_text(text, encoding="utf-8")

    def pages(self) -> None:
        shutil.copy(ROOT / "mkdocs.yml", self.root / "mkdocs.yml")
        for lang in ("zh", "en"):
            (self.root / "docs" / lang).mkdir(parents=True, exist_ok=True)
            shutil.copy(FIXTURES / "harness" / f"page_{lang}.md", self.root / "docs" / lang / "demo.md")

    def run(self, *args: str) -> Result:
        out = io.StringIO()
        cwd = os.getcwd()
        os.chdir(self.root)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                # no:unraisableexception: its two full garbage collections per run cost
                # 0.3 s in a process that holds torch, more than the run itself.
                pytest.main(["-p", "tests.plugin.snippets", "-p", "no:cacheprovider",
                             "-p", "no:unraisableexception", "--color=no", "snippets", *args])
        finally:
            os.chdir(cwd)
        return Result(out.getvalue())


# ---------------------------------------------------------------- the tiny site
def _block_end(lines: list[str], start: int) -> int:
    """The line after the YAML item or key at `start` and everything indented below it."""
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
                                or (indent == 0 and lines[end].startswith("-"))):
        end += 1
    return end


def tiny_config(config: str, pages: list[str]) -> str:
    """A real config for the tiny site: its `nav:` lists the given pages, its search is off
    (loading jieba's dictionary for the Chinese index alone costs a second per build), and
    it has the fixture's two languages only."""
    lines = [re.sub(r"^(\s+)- search(?=\s*(#|$)).*$", r"\1- search:\n\1    enabled: false", line)
             for line in config.splitlines(keepends=True)]
    start = next((i for i, line in enumerate(lines) if re.match(r"^nav:\s*$", line)), None)
    if start is not None:  # the base config holds the nav of every language
        lines = lines[:start] + ["nav:\n"] + [f"  - {page}\n" for page in pages] + lines[_block_end(lines, start):]
    i = 0
    while i < len(lines):
        m = re.match(r"^\s+- code: (\S+)\s*$", lines[i])
        if m and m.group(1) not in ("zh", "en"):
            del lines[i:_block_end(lines, i)]
            continue
        i += 1
    return "".join(lines)


def tiny_site(tmp_path: Path) -> Path:
    """tests/fixtures/tiny_site/ (four pages per language, one snippet, one lab) with the real
    config, engine, hooks, theme overrides, assets, words, glossary and provenance; the
    English pages stamped as up to date. Builds in seconds where the real site takes longer."""
    from engine import translation
    from engine.page import pages

    site = tmp_path / "repo"
    shutil.copytree(FIXTURES / "tiny_site", site, ignore=shutil.ignore_patterns("README.md"))
    for name in ("engine", "hooks", "overrides", "docs/assets", "docs/words"):
        shutil.copytree(ROOT / name, site / name, ignore=shutil.ignore_patterns("__pycache__"))
    (site / "node_modules").symlink_to(ROOT / "node_modules")  # KaTeX renders the formulas
    for name in ("docs/glossary.yml", "snippets/provenance.json", "scripts/katex.mjs"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, site / name)
    listed = sorted((p.as_posix() for p in pages(site / "docs", "zh")), key=lambda p: (p != "index.md", p))
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        (site / name).write_text(tiny_config((ROOT / name).read_text(encoding="utf-8"), listed), encoding="utf-8")
    for page in pages(site / "docs", "en"):
        translation.stamp(site, f"en/{page.as_posix()}")
    return site


def build(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "engine", "build", "--quiet", "--out", str(site / "site")],
                          cwd=site, capture_output=True, text=True)


def build_log(proc: subprocess.CompletedProcess, config: str) -> str:
    """What one language's build printed (the build heads it `--- <config> ---`)."""
    parts = re.split(r"^--- (\S+) ---$", proc.stdout, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2])).get(config, "")


def two_languages(root: Path) -> Path:
    """A mkdocs.yml that names the site's two languages, for trees the checks read."""
    (root / "mkdocs.yml").write_text("extra:\n  i18n:\n    languages:\n      - {code: zh, name: 中文, dir: ''}\n"
                                     "      - {code: en, name: English, dir: en/}\n", encoding="utf-8")
    return root

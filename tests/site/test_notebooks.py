"""The built site's notebook downloads: each holds its page's snippets with the outputs the
page shows (engine/notebook.py: download_problems), every language offers the same code,
and one runs to the end as a reader runs it (`make test-notebooks` runs them all)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine import kernel, notebook
from engine.languages import languages
from engine.page import Page, pages
from tests.support import ROOT

LANGS = languages(ROOT)
SOURCE = LANGS[0]


def chapter_pages(lang: str) -> list[Path]:
    return [p for p in pages(ROOT / "docs", lang) if Page.read(ROOT / "docs" / lang / p).snippets]


def _notebook(site: Path, lang: str, page: Path) -> dict:
    here = next(l for l in LANGS if l.code == lang)
    return json.loads(notebook.path_in_site(site, here.dir, page).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang,page", [(l.code, p) for l in LANGS for p in chapter_pages(l.code)],
                         ids=lambda v: v if isinstance(v, str) else v.as_posix())
def test_each_chapter_notebook_holds_the_snippets_its_page_shows_with_their_outputs(built_site, lang, page):
    problems = notebook.download_problems(_notebook(built_site.path, lang, page), ROOT, lang, page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", [l.code for l in LANGS[1:]])
def test_every_language_offers_the_same_code_and_outputs_in_its_notebooks(built_site, lang):
    for page in chapter_pages(SOURCE.code):
        mine, ref = (_notebook(built_site.path, code, page) for code in (lang, SOURCE.code))
        code = [[(c["source"], [o for o in c["outputs"] if "data" not in o]) for c in nb["cells"][1:]
                 if c["cell_type"] == "code"] for nb in (mine, ref)]
        assert code[0] == code[1], f"{lang}/{page}: notebook code cells or outputs differ from {SOURCE.code}/{page}"


def test_a_chapter_notebook_runs_to_the_end_as_a_reader_runs_it_and_prints_what_its_page_shows(built_site):
    """A fresh kernel, an empty folder, Run all with default settings (no allow-errors), on
    the chapter with the least code; `make test-notebooks` runs every notebook that way."""
    page = min(chapter_pages(SOURCE.code), key=lambda p: sum(
        (ROOT / s.code).stat().st_size for s in Page.read(ROOT / "docs" / SOURCE.code / p).snippets))
    result = kernel.check_notebook(notebook.path_in_site(built_site.path, "", page), built_site.path, ROOT)
    assert not result.problems, "\n".join(result.problems)

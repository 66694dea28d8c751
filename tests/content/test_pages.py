"""The real pages, snippets and records follow every rule the engine checks (each check is
tested on broken input in tests/engine/). A failure names file:line and what to do."""
from __future__ import annotations

import json
import re
import subprocess

import pytest

from engine import drift, figures, labs, numbers, pagerules, rules, translation
from engine.languages import languages
from tests.support import ROOT


def _ok(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


def test_every_page_has_ids_on_its_headings_shows_existing_files_and_quotes_only_what_it_prints():
    _ok(pagerules.check(ROOT))


def test_every_translation_has_the_structure_of_its_source():
    _ok(translation.check_structure(ROOT))


def test_every_translated_page_is_up_to_date_with_its_source():
    _ok([f"docs/{ls.code}/{p.page}: {p.state}" + (f" ({p.detail}); update it, then `make i18n-stamp "
                                                    f"PAGE={ls.code}/{p.page}`" if p.detail else "")
         for ls in translation.status(ROOT) if not ls.partial for p in ls.pages if p.state != translation.UP_TO_DATE])


def test_pages_use_the_glossary_terms_and_the_glossary_has_one_translation_per_term():
    _ok(translation.check_glossary(ROOT))


def test_every_number_the_site_states_is_printed_on_its_page_and_the_same_in_every_language(lab_values):
    """lab_values: the labs' outputs exist (build/labs/)."""
    _ok(numbers.check(ROOT))


def test_every_snippet_follows_the_house_rules():
    _ok(rules.check_rules(ROOT))


def test_the_outputs_were_produced_by_the_pinned_torch():
    import torch

    made = json.loads((ROOT / "snippets" / "provenance.json").read_text())["torch"]
    assert made == torch.__version__, f"snippets/provenance.json: made by torch {made}: run `make update-outputs`"


def test_the_records_of_newer_releases_are_fresh_listed_and_real_differences():
    _ok(drift.check(ROOT))


@pytest.mark.parametrize("lang", [lang.code for lang in languages(ROOT)[1:] + languages(ROOT)[:1]
                                  if lang.code != "en" and not lang.partial])
def test_every_word_of_every_figure_is_in_the_readers_language(lab_values, lang):
    """A figure's text on a page of this language: its words, a number, a formula or a
    name kept in every language (docs/figure_words.yml). The snippets drew the figures
    (make test runs them first; else they are drawn here)."""
    from engine.build import draw_missing_figures

    draw_missing_figures(ROOT)
    _ok(figures.untranslated_problems(ROOT, lang, figures.drawn(ROOT) + labs.figures_drawn(ROOT)))


def test_every_lab_describes_its_figures():
    for lang in (lang.code for lang in languages(ROOT)):
        for page in labs.lab_pages(ROOT, lang):
            alts = [line for line in page.read_text(encoding="utf-8").splitlines() if labs.FIGURE_ALT.match(line)]
            assert alts, f"{page.relative_to(ROOT)}: no figure description (![...](#figure))"


def test_the_contributor_guide_exists_in_both_languages_with_the_same_structure():
    en = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    zh = (ROOT / "CONTRIBUTING.zh.md").read_text(encoding="utf-8")
    assert translation.first_structure_difference(zh, en) is None
    for text in (en, zh):
        for command in ("make update-outputs", "make i18n-status", "make i18n-stamp PAGE=",
                        "make new-language LANG_CODE=", "make test", "docs/glossary.yml"):
            assert command in text
    assert "CONTRIBUTING.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_translation_commands_are_listed_by_make_help():
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    for target in ("i18n-status", "i18n-stamp", "new-language"):
        assert re.search(rf"^  make {target}\s+\S", out, re.M), out

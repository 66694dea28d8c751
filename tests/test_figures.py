"""Figures in the reader's language (hooks/figures.py, docs/figure_words.yml)."""
from __future__ import annotations

from pathlib import Path

from engine import figures

ROOT = Path(__file__).resolve().parents[1]

SVG = ('<svg><g id="xtick_1"><text style="font-size: 10px">0</text></g>'
       '<text style="font-size: 10px">loss</text><text>true weights 0.1, 20 training examples</text>'
       '<text>lossy</text><text>a &amp; b</text></svg>')


def test_whole_texts_and_templates_are_translated_and_nothing_else(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "figure_words.yml").write_text(
        'words:\n  "loss": {zh: 损失}\n  "true weights {}, {} training examples": {zh: "真实权重 {}，{} 个训练样本"}\n'
        '  "a & b": {zh: "甲与乙"}\n  "epoch": {}\n', encoding="utf-8")
    rules = figures.table(tmp_path, "zh")
    out = figures.translate_svg(SVG, rules)
    assert figures.words_of(out) == ["0", "损失", "真实权重 0.1，20 个训练样本", "lossy", "甲与乙"]
    assert figures.translate_svg(SVG, figures.table(tmp_path, "en")) == SVG  # no English entries: unchanged


def test_every_entry_of_the_table_has_a_word_for_each_translated_language():
    import yaml

    data = yaml.safe_load((ROOT / figures.WORDS).read_text(encoding="utf-8"))
    bad = [en for en, words in data["words"].items() if not (isinstance(words, dict) and words.get("zh"))]
    assert not bad, f"{figures.WORDS}: entries without a zh word: {bad}"
    for en in data["words"]:
        assert en.count("{}") == data["words"][en]["zh"].count("{}"), f"{figures.WORDS}: {en!r}: placeholders differ"


def test_a_lab_figure_description_becomes_alt_text_and_leaves_the_prose():
    from hooks import labs

    assert labs.FIGURE_ALT.match("![Two plots of the loss](#figure)").group("alt") == "Two plots of the loss"
    assert not labs.FIGURE_ALT.match("![A figure](../figures/x.svg)")
    for lang in ("zh", "en"):
        for page in labs.lab_pages(ROOT, lang):
            alts = [l for l in page.read_text(encoding="utf-8").splitlines() if labs.FIGURE_ALT.match(l)]
            assert alts, f"{page.relative_to(ROOT)}: no figure description (![...](#figure))"

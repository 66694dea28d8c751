"""Figures in the reader's language (engine/figures.py, docs/figure_words.yml)."""
from __future__ import annotations

from pathlib import Path

from engine import figures

ROOT = Path(__file__).resolve().parents[2]

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


def test_a_lab_figure_description_is_recognised_by_its_target():
    from engine import labs

    assert labs.FIGURE_ALT.match("![Two plots of the loss](#figure)").group("alt") == "Two plots of the loss"
    assert not labs.FIGURE_ALT.match("![A figure](../figures/x.svg)")


def test_a_word_left_out_of_the_table_is_reported_with_its_figure(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "build" / "figures" / "c").mkdir(parents=True)
    (tmp_path / "build" / "figures" / "c" / "f.svg").write_text(
        "<svg><text>loss</text><text>epoch</text><text>ReLU'(x)</text><text>λ = 0.1</text>"
        "<text>$\\partial L$</text><text>10^{-8}</text><text>nn.Linear: y = w x + b</text></svg>")
    (tmp_path / "docs" / "figure_words.yml").write_text(
        'keep: [ReLU, nn.Linear]\nwords:\n  "loss": {zh: 损失}\n', encoding="utf-8")
    assert figures.untranslated_problems(tmp_path, "zh", figures.drawn(tmp_path)) == [
        "build/figures/c/f.svg: 'epoch' stays English on zh pages (epoch); add it to docs/figure_words.yml "
        "with its zh words"]

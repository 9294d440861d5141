"""The composed pipeline: offsets, ordering, scores and speakers of figures in quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.pipeline import extract, split_sentences
from claims.pipeline import run as run_module
from claims.pipeline.errors import PipelineError
from claims.pipeline.run import attribute_figures, with_sentence_scores
from claims.pipeline.types import Claim, Sentence

DEV_SET = Path(__file__).resolve().parents[1] / "data" / "extraction"
SEED = (DEV_SET / "000_3ba770696fec4946.txt").read_text(encoding="utf-8")


def figure(start: int, end: int, **fields) -> Claim:
    return Claim("count", start, end, 0, "x" * (end - start), value=1, **fields)


def quote(start: int, end: int, speaker: str | None, role: str | None = None) -> Claim:
    return Claim("quote", start, end, 0, "q" * (end - start), speaker=speaker, speaker_role=role)


def test_a_figure_inside_a_quote_gets_its_speaker_and_role():
    (out,) = attribute_figures([figure(12, 14)], [quote(10, 40, "Fumio Kishida", "prime minister")])
    assert (out.speaker, out.speaker_role) == ("Fumio Kishida", "prime minister")


@pytest.mark.parametrize(("start", "end"), [(0, 5), (38, 45), (41, 44)])
def test_a_figure_not_wholly_inside_a_quote_keeps_no_speaker(start, end):
    (out,) = attribute_figures([figure(start, end)], [quote(10, 40, "Fumio Kishida")])
    assert out.speaker is None


def test_the_innermost_quote_gives_the_speaker():
    quotes = [quote(0, 100, "Outer Speaker"), quote(20, 30, "Inner Speaker")]
    (out,) = attribute_figures([figure(22, 25)], quotes)
    assert out.speaker == "Inner Speaker"


def test_a_long_earlier_quote_is_still_found_behind_later_ones():
    quotes = [quote(0, 500, "Long Speaker"), quote(10, 20, "A"), quote(30, 40, "B")]
    (out,) = attribute_figures([figure(300, 305)], quotes)
    assert out.speaker == "Long Speaker"


def test_a_figure_already_attributed_keeps_its_speaker():
    (out,) = attribute_figures([figure(12, 14, speaker="Antony Blinken")], [quote(10, 40, "X Y")])
    assert out.speaker == "Antony Blinken"


def test_a_quote_without_speaker_attributes_nothing():
    (out,) = attribute_figures([figure(12, 14)], [quote(10, 40, None)])
    assert out.speaker is None


def test_claims_carry_their_sentence_score():
    sentences = [Sentence(0, 5, "aaaaa", 0, score=0.25), Sentence(6, 9, "bbb", 1, score=0.75)]
    claims = [Claim("numeric", 7, 8, 1, "b"), Claim("numeric", 1, 2, 0, "a")]
    assert [c.score for c in with_sentence_scores(claims, sentences)] == [0.75, 0.25]


def test_extract_composes_the_steps_and_sorts_claims(monkeypatch):
    text = 'He said: "We fired 12 shells." Then 3 more.'

    def fake_figures(doc_text, sentences):
        # Extractors see sentences that already carry roles and scores.
        assert any(s.score > 0 for s in sentences if s.role == "body")
        return [
            Claim("count", doc_text.index("3 more"), doc_text.index("3 more") + 6, 1, "3 more"),
            Claim("count", doc_text.index("12"), doc_text.index("12") + 9, 0, "12 shells"),
        ]

    def fake_quotes(doc_text, sentences):
        start = doc_text.index("We fired")
        return [Claim("quote", start, start + 19, 0, doc_text[start : start + 19], speaker="Al")]

    monkeypatch.setattr(run_module, "extract_figures", fake_figures)
    monkeypatch.setattr(run_module, "extract_quotes", fake_quotes)
    result = extract(text)
    assert [c.kind for c in result.claims] == ["quote", "count", "count"]
    assert [c.start for c in result.claims] == sorted(c.start for c in result.claims)
    by_text = {c.text: c for c in result.claims}
    assert by_text["12 shells"].speaker == "Al" and by_text["3 more"].speaker is None
    scores = {s.index: s.score for s in result.sentences}
    assert all(c.score == scores[c.sentence_index] for c in result.claims)


def test_every_offset_of_the_seed_extraction_points_into_the_cleaned_text():
    result = extract(SEED)
    text = result.document.text
    assert result.sentences and result.claims
    for item in (*result.sentences, *result.claims):
        assert text[item.start : item.end] == item.text


def test_the_seed_extraction_is_sorted_scored_and_flags_furniture():
    result = extract(SEED)
    assert [c.start for c in result.claims] == sorted(c.start for c in result.claims)
    for s in result.sentences:
        assert 0.0 <= s.score <= 1.0
        assert s.role == "body" or s.score == 0.0
    for c in result.claims:
        assert c.flagged == (c.role in ("caption", "boilerplate"))
        assert c.score == result.sentences[c.sentence_index].score


def test_a_figure_in_a_quoted_phrase_is_attributed_to_the_quoted_speaker():
    result = extract(SEED)
    twenty = [c for c in result.claims if c.kind != "quote" and c.value == 20]
    assert twenty and twenty[0].speaker == "Volodymyr Zelensky"


def test_html_input_is_cleaned_before_extraction():
    html = (
        "<html><head><title>Strike</title></head><body><article>"
        "<p>Russia launched 21 drones at Kyiv overnight, the air force said on Monday.</p>"
        "<p>Air defences shot down 16 of them, officials said in a statement.</p>"
        "</article></body></html>"
    )
    result = extract(html, is_html=True)
    assert "<p>" not in result.document.text
    assert any(c.value == 21 for c in result.claims)


def test_empty_input_is_refused_with_a_pipeline_error():
    with pytest.raises(PipelineError):
        extract("   ")


def test_the_package_exports_extract_and_split_sentences():
    sentences = split_sentences("One sentence here. Another one there.")
    assert [s.text for s in sentences] == ["One sentence here.", "Another one there."]

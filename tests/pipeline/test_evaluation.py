"""The development-set matcher, checked on hand-built predictions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.pipeline.evaluation import (
    GoldArticle,
    GoldClaim,
    Score,
    evaluate,
    format_report,
    load_dataset,
    locate,
    match_article,
    normalise_name,
    quote_text_overlaps,
    report_as_json,
)
from claims.pipeline.types import Claim, Document, Extraction, Sentence

DEV_SET = Path(__file__).resolve().parents[1] / "data" / "extraction"

TEXT = (
    "Russia launched 21 drones overnight. The army managed to intercept 16.\n"
    '"We will rebuild," said Olena Kravets. "We always do."\n'
    "Officials said at least seven people were killed.\n"
)


def sentences_of(text: str, roles: dict[int, str] | None = None) -> tuple[Sentence, ...]:
    """Split hand-made test text at '. ', '.\"' and line ends into Sentence records."""
    out, start = [], 0
    for i, ch in enumerate(text):
        end = None
        if ch == "\n":
            end = i
        elif ch == "." and text[i + 1 : i + 2] == " ":
            end = i + 1
        if end is not None and end > start:
            index = len(out)
            role = (roles or {}).get(index, "body")
            out.append(Sentence(start, end, text[start:end], index, role))
            start = end + 1
    return tuple(out)


def claim(text: str, snippet: str, kind: str, sentences, occurrence: int = 0, **fields) -> Claim:
    """A predicted claim covering the given snippet of the text."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(snippet, start + 1)
    end = start + len(snippet)
    sentence = next(s for s in sentences if s.start <= start < s.end)
    return Claim(kind, start, end, sentence.index, snippet, **fields)


def gold(text: str, evidence: str, kind: str, **fields) -> GoldClaim:
    """A gold claim whose span is the first occurrence of its evidence."""
    start = text.index(evidence)
    return GoldClaim(kind, evidence, start, start + len(evidence), **fields)


def extraction(text: str, claims, sentences=None) -> Extraction:
    return Extraction(Document(text), sentences or sentences_of(text), tuple(claims))


DRONES = dict(value=21, qualifier="exact")
GOLD = (
    gold(TEXT, "21 drones", "count", **DRONES),
    gold(TEXT, "intercept 16", "count", value=16, qualifier="exact"),
    gold(TEXT, "at least seven people", "casualty", value=7, qualifier="at_least"),
    gold(
        TEXT,
        'We will rebuild," said Olena Kravets. "We always do.',
        "quote",
        speaker="Olena Kravets",
        quote="We will rebuild, We always do.",
    ),
)
ARTICLE = GoldArticle("toy", TEXT, GOLD)


def perfect_predictions(text: str = TEXT) -> list[Claim]:
    s = sentences_of(text)
    return [
        claim(text, "21 drones", "count", s, **DRONES),
        claim(text, "16", "count", s, value=16, qualifier="exact"),
        claim(text, "at least seven people", "casualty", s, value=7, qualifier="at_least"),
        claim(text, "We will rebuild,", "quote", s, speaker="Olena Kravets"),
    ]


def test_perfect_predictions_match_every_gold_claim():
    result = match_article(ARTICLE, extraction(TEXT, perfect_predictions()))
    assert len(result.matched) == 4
    assert result.missed == [] and result.false_positives == []


@pytest.mark.parametrize(
    ("field", "wrong"),
    [("value", 8.0), ("qualifier", "exact"), ("kind", "numeric")],
)
def test_a_figure_with_a_wrong_field_is_a_miss_and_a_false_positive(field, wrong):
    s = sentences_of(TEXT)
    fields = {"value": 7, "qualifier": "at_least", "kind": "casualty"}
    fields[field] = wrong
    kind = fields.pop("kind")
    pred = claim(TEXT, "at least seven people", kind, s, **fields)
    result = match_article(GoldArticle("t", TEXT, (GOLD[2],)), extraction(TEXT, [pred]))
    assert result.missed == [GOLD[2]]
    assert result.false_positives == [pred]


def test_kind_can_be_ignored_for_a_diagnostic_score():
    s = sentences_of(TEXT)
    pred = claim(TEXT, "at least seven people", "numeric", s, value=7, qualifier="at_least")
    article = GoldArticle("t", TEXT, (GOLD[2],))
    assert match_article(article, extraction(TEXT, [pred]), any_kind=True).matched


def test_a_figure_in_another_sentence_does_not_match():
    text = "Russia launched 21 drones. Later, 21 drones were counted again.\n"
    s = sentences_of(text)
    article = GoldArticle("t", text, (gold(text, "21 drones", "count", **DRONES),))
    elsewhere = claim(text, "21 drones", "count", s, occurrence=1, **DRONES)
    result = match_article(article, extraction(text, [elsewhere], s))
    assert result.matched == []
    assert result.false_positives == [elsewhere]


def test_an_elided_count_matches_anywhere_in_its_sentence():
    s = sentences_of(TEXT)
    pred = claim(TEXT, "The army managed", "count", s, value=16, qualifier="exact")
    result = match_article(GoldArticle("t", TEXT, (GOLD[1],)), extraction(TEXT, [pred]))
    assert len(result.matched) == 1


def test_gold_is_found_in_cleaned_text_whose_offsets_moved():
    cleaned = TEXT.replace("Russia launched", "Russia  launched", 1)
    shifted = "Skip to content\n" + cleaned
    result = match_article(ARTICLE, extraction(shifted, perfect_predictions(shifted)))
    assert len(result.matched) == 4 and result.unlocated == []


def test_gold_missing_from_the_cleaned_text_is_an_unlocated_miss():
    cleaned = TEXT.replace("at least seven people", "several people")
    preds = perfect_predictions(TEXT)[:2]
    result = match_article(ARTICLE, extraction(cleaned, preds))
    assert result.unlocated == [GOLD[2]]
    assert GOLD[2] in result.missed


def test_flagged_predictions_are_left_out_unless_asked_for():
    text = "Rescuers at work. (Photo: A. Koval) 12 homes burned.\n"
    s = sentences_of(text, roles={1: "caption"})
    pred = claim(text, "12 homes", "numeric", s, value=12, qualifier="exact")
    pred = Claim(**{**_fields(pred), "flagged": True, "role": "caption"})
    article = GoldArticle("t", text, ())
    assert match_article(article, extraction(text, [pred], s)).false_positives == []
    with_flagged = match_article(article, extraction(text, [pred], s), include_flagged=True)
    assert with_flagged.false_positives == [pred]


def _fields(c: Claim) -> dict:
    return {name: getattr(c, name) for name in Claim.__dataclass_fields__}


def test_matching_is_one_to_one():
    s = sentences_of(TEXT)
    twice = [claim(TEXT, "21 drones", "count", s, **DRONES) for _ in range(2)]
    result = match_article(GoldArticle("t", TEXT, (GOLD[0],)), extraction(TEXT, twice))
    assert len(result.matched) == 1 and len(result.false_positives) == 1


def test_greedy_matching_pairs_each_gold_with_the_prediction_on_its_evidence():
    text = "Strikes killed 3 people in Kyiv and 3 people in Lviv.\n"
    s = sentences_of(text)
    first = gold(text, "3 people in Kyiv", "casualty", value=3, qualifier="exact")
    second_start = text.index("3 people in Lviv")
    second = GoldClaim("casualty", "3 people in Lviv", second_start, second_start + 16)
    second = GoldClaim(**{**_gold_fields(second), "value": 3, "qualifier": "exact"})
    preds = [
        claim(text, "3 people", "casualty", s, occurrence=1, value=3, qualifier="exact"),
        claim(text, "3 people", "casualty", s, value=3, qualifier="exact"),
    ]
    result = match_article(GoldArticle("t", text, (first, second)), extraction(text, preds, s))
    pairs = {g.evidence_text: p.start for g, p in result.matched}
    assert pairs == {"3 people in Kyiv": text.index("3 people"), "3 people in Lviv": second_start}


def _gold_fields(g: GoldClaim) -> dict:
    return {name: getattr(g, name) for name in GoldClaim.__dataclass_fields__}


@pytest.mark.parametrize("speaker", ["Olena Kravets", "olena  KRAVETS", "Dr. Olena Kravets"])
def test_quote_speakers_compare_without_case_spacing_or_titles(speaker):
    s = sentences_of(TEXT)
    pred = claim(TEXT, "We always do.", "quote", s, speaker=speaker)
    result = match_article(GoldArticle("t", TEXT, (GOLD[3],)), extraction(TEXT, [pred]))
    assert len(result.matched) == 1


def test_accents_do_not_separate_speakers():
    assert normalise_name("Ayşe Karaca") == normalise_name("Ayse Karaca")


def test_a_quote_given_to_the_wrong_speaker_does_not_match():
    s = sentences_of(TEXT)
    pred = claim(TEXT, "We always do.", "quote", s, speaker="Volodymyr Zelensky")
    result = match_article(GoldArticle("t", TEXT, (GOLD[3],)), extraction(TEXT, [pred]))
    assert result.missed == [GOLD[3]] and result.false_positives == [pred]


def test_a_gold_quote_without_speaker_accepts_any_speaker():
    unnamed = GoldClaim(**{**_gold_fields(GOLD[3]), "speaker": None})
    s = sentences_of(TEXT)
    pred = claim(TEXT, "We always do.", "quote", s, speaker=None)
    result = match_article(GoldArticle("t", TEXT, (unnamed,)), extraction(TEXT, [pred]))
    assert len(result.matched) == 1


def test_fragments_of_an_interrupted_quote_are_neither_hits_nor_false_positives():
    s = sentences_of(TEXT)
    parts = [
        claim(TEXT, "We will rebuild,", "quote", s, speaker="Olena Kravets"),
        claim(TEXT, "We always do.", "quote", s, speaker="Olena Kravets"),
    ]
    result = match_article(GoldArticle("t", TEXT, (GOLD[3],)), extraction(TEXT, parts))
    assert len(result.matched) == 1 and len(result.absorbed) == 1
    assert result.false_positives == []


def test_a_duplicated_quote_is_a_false_positive():
    s = sentences_of(TEXT)
    twice = [claim(TEXT, "We always do.", "quote", s, speaker="Olena Kravets")] * 2
    result = match_article(GoldArticle("t", TEXT, (GOLD[3],)), extraction(TEXT, twice))
    assert len(result.matched) == 1 and len(result.false_positives) == 1


@pytest.mark.parametrize(
    ("gold_quote", "predicted", "expected"),
    [
        ("crossed the line", "Beijing has not crossed the line", True),
        ("We always do.", "we always do", True),
        ("Every hour counts. We are searching garages.", "We are searching garages", True),
        ("Every hour counts.", "Nobody was wearing a life jacket.", False),
        ("", "anything", False),
    ],
)
def test_quote_texts_overlap_by_containment_or_shared_words(gold_quote, predicted, expected):
    assert quote_text_overlaps(gold_quote, predicted) is expected


def test_an_optional_claim_absorbs_a_prediction_and_is_never_missed():
    text = "It was followed by dozens of aftershocks.\n"
    s = sentences_of(text)
    optional = GoldClaim("numeric", "dozens of aftershocks", 19, 40, value=24, optional=True)
    pred = claim(text, "dozens", "numeric", s, value=12, qualifier="about")
    result = match_article(GoldArticle("t", text, (optional,)), extraction(text, [pred], s))
    assert result.absorbed == [pred]
    assert result.missed == [] and result.false_positives == []


@pytest.mark.parametrize(
    ("pred_fields", "matches"),
    [
        ({"value": 8000, "value_min": 8000, "value_max": 10000}, True),
        ({"value": 9000, "value_min": 8000, "value_max": 12000}, False),
        ({"value": 8000}, True),
        ({"value": 9000}, False),
    ],
)
def test_a_range_matches_on_its_bounds(pred_fields, matches):
    text = "Russian troops fire between 8,000 and 10,000 shells.\n"
    s = sentences_of(text)
    g = gold(text, "between 8,000 and 10,000", "count", value=8000, qualifier="range")
    g = GoldClaim(**{**_gold_fields(g), "value_min": 8000, "value_max": 10000})
    pred = claim(text, "8,000 and 10,000", "count", s, qualifier="range", **pred_fields)
    result = match_article(GoldArticle("t", text, (g,)), extraction(text, [pred], s))
    assert bool(result.matched) is matches


def test_values_compare_with_a_small_relative_tolerance():
    text = "Roughly a third of the buildings were old.\n"
    s = sentences_of(text)
    g = gold(text, "a third", "numeric", value=0.3333, qualifier="about")
    pred = claim(text, "a third", "numeric", s, value=1 / 3, qualifier="about")
    assert match_article(GoldArticle("t", text, (g,)), extraction(text, [pred], s)).matched


@pytest.mark.parametrize(
    ("text", "evidence", "hint", "expected"),
    [
        ("ab 16 cd 16", "16", 8, (9, 11)),
        ("ab 16 cd 16", "16", 0, (3, 5)),
        ('he said "no"', "said “no”", 0, (3, 12)),
        ("two\n\nlines", "two\nlines", 0, (0, 10)),
        ("nothing here", "16", 0, None),
    ],
)
def test_locate_finds_the_nearest_occurrence_and_forgives_spacing_and_quote_marks(
    text, evidence, hint, expected
):
    assert locate(text, evidence, hint) == expected


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "p", "r", "f1"),
    [(8, 2, 2, 0.8, 0.8, 0.8), (0, 0, 0, 0.0, 0.0, 0.0), (1, 0, 3, 1.0, 0.25, 0.4)],
)
def test_scores_are_micro_precision_recall_and_f1(tp, fp, fn, p, r, f1):
    s = Score(tp, fp, fn)
    assert (s.precision, s.recall, s.f1) == pytest.approx((p, r, f1))


def test_furniture_lines_count_as_marked_when_no_body_sentence_holds_them():
    text = "Skip to content\nRussia launched 21 drones.\nShare this article\n"
    s = sentences_of(text, roles={0: "boilerplate"})
    article = GoldArticle("t", text, (), ("Skip to content", "Share this article"))
    result = match_article(article, extraction(text, [], s))
    assert (result.boilerplate_marked, result.boilerplate_total) == (1, 2)


def test_every_gold_span_in_the_development_set_holds_its_evidence():
    articles = load_dataset(DEV_SET)
    assert len(articles) >= 17
    for article in articles:
        for g in article.claims:
            assert article.text[g.start : g.end] == g.evidence_text, (article.name, g)


def oracle(article: GoldArticle):
    """An extractor that returns exactly the gold claims, one sentence per gold claim."""

    def extract(text: str) -> Extraction:
        sentences, claims = [], []
        for i, g in enumerate(sorted(article.claims, key=lambda g: g.start)):
            sentences.append(Sentence(g.start, g.end, g.evidence_text, i))
            claims.append(
                Claim(
                    g.kind, g.start, g.end, i, g.evidence_text, value=g.value,
                    value_min=g.value_min, value_max=g.value_max, qualifier=g.qualifier,
                    speaker=g.speaker, quote=g.quote,
                )
            )  # fmt: skip
        return Extraction(Document(text), tuple(sentences), tuple(claims))

    return extract


def test_an_oracle_extractor_scores_perfectly_on_the_development_set():
    articles = {a.text: a for a in load_dataset(DEV_SET)}
    report = evaluate(DEV_SET, extract=lambda text: oracle(articles[text])(text))
    for name in ("numeric (all three kinds)", "quote"):
        assert report.scores[name].f1 == 1.0, name
    assert "numeric (all three kinds)" in format_report(report, verbose=True)
    assert json.loads(json.dumps(report_as_json(report)))["scores"]["quote"]["f1"] == 1.0

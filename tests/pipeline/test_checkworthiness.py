"""Check-worthiness scores: range, roles and the ordering a fact-checker expects."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.pipeline.checkworthiness import WEIGHTS, features, score_sentences, score_text
from claims.pipeline.types import Sentence

CASUALTY = "At least seven people were killed in Kyiv, officials said."
SCENE = "Residents laid flowers at a makeshift memorial on a sunny afternoon."


def sentence(text: str, role: str = "body", index: int = 0) -> Sentence:
    return Sentence(0, len(text), text, index, role)


def test_a_casualty_figure_outranks_a_scene_setting_sentence():
    assert score_text(CASUALTY) > 0.8 > 0.2 > score_text(SCENE)


@pytest.mark.parametrize(
    ("higher", "lower"),
    [
        (
            "Russia launched 64 drones and five missiles overnight, the air force said.",
            "Russia launched drones and missiles overnight, the air force said.",
        ),
        (
            "The death toll rose to 18 on Tuesday.",
            "Turnout rose to 66% on Tuesday.",
        ),
        (
            "Officials said 164 buildings had collapsed.",
            "Officials said 164 buildings may have collapsed.",
        ),
        (
            "Inflation fell to 2.4%, its lowest level in more than two years.",
            "Inflation fell to 2.4% in March, we hope.",
        ),
        (
            "The strike destroyed 38 flats in the Solomianskyi district of Kyiv.",
            "Flats were destroyed.",
        ),
    ],
)
def test_checkable_sentences_outrank_their_weaker_variants(higher, lower):
    assert score_text(higher) > score_text(lower)


@pytest.mark.parametrize(
    "text",
    [
        "The quake hit at 11:17 p.m. local time.",
        "The attack began shortly after 2 a.m.",
        "The building was hit once before, in 2023.",
    ],
)
def test_years_and_clock_times_are_not_figures(text):
    assert features(text)["number"] == 0.0


@pytest.mark.parametrize(
    "text",
    ["Rescuers pulled 11 people out.", "Some 2,000 shells a day.", "Two dozen were captured."],
)
def test_digits_and_number_words_are_figures(text):
    assert features(text)["number"] == 1.0


def test_the_first_word_and_function_words_are_not_names():
    assert features("Residents said The Guardian reported it.")["entities"] == 1.0
    assert features("Then he left on Monday.")["entities"] == 0.0


def test_entities_count_up_to_a_cap():
    text = "Leaders from France, Germany, Italy, Spain and Poland met Biden."
    assert features(text)["entities"] == 3.0


@pytest.mark.parametrize("role", ["headline", "caption", "boilerplate"])
def test_sentences_outside_the_body_score_zero(role):
    (scored,) = score_sentences([sentence(CASUALTY, role)])
    assert scored.score == 0.0


def test_score_sentences_keeps_order_offsets_and_roles():
    given_sentences = [
        sentence(SCENE, index=0),
        sentence(CASUALTY, "caption", index=1),
        sentence(CASUALTY, index=2),
    ]
    scored = score_sentences(given_sentences)
    assert [(s.index, s.role, s.text) for s in scored] == [
        (s.index, s.role, s.text) for s in given_sentences
    ]
    assert scored[2].score == score_text(CASUALTY) and scored[1].score == 0.0


def test_every_feature_has_a_documented_weight():
    assert set(features(CASUALTY)) == set(WEIGHTS)
    import claims.pipeline.checkworthiness as module

    for name in WEIGHTS:
        assert f"``{name}``" in module.__doc__


@given(st.text(max_size=400))
def test_scores_always_lie_between_zero_and_one(text):
    assert 0.0 <= score_text(text) <= 1.0


def test_a_long_run_without_punctuation_is_scored_quickly():
    import time

    text = "1" * 200_000 + " killed " + "word " * 100_000
    started = time.perf_counter()
    score_text(text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    "text",
    [CASUALTY, SCENE, "Short one.", "We hope the talks might succeed in Geneva.", "x " * 70],
)
def test_the_score_is_the_logistic_of_the_documented_weighted_sum(text):
    import math

    from claims.pipeline.checkworthiness import BIAS

    z = BIAS + sum(WEIGHTS[name] * value for name, value in features(text).items())
    assert score_text(text) == round(1 / (1 + math.exp(-z)), 4)

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.pipeline.segment import split_sentences

CASES = json.loads(
    (Path(__file__).parent.parent / "data" / "segmentation" / "cases.json").read_text("utf-8")
)
SEED = Path(__file__).parent.parent.parent / "seeds" / "000_3ba770696fec4946.txt"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def assert_well_formed(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    covered = 0
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert 0 <= previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.role == "body"
        covered += sum(1 for ch in sentence.text if not ch.isspace())
        previous_end = sentence.end
    # No visible character is lost between sentences.
    assert covered == sum(1 for ch in text if not ch.isspace())


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{i}-{case['category']}" for i, case in enumerate(CASES)]
)
def test_case_is_split_exactly_as_annotated(case):
    assert texts(case["text"]) == case["sentences"]


def test_cases_cover_every_boundary_category():
    categories = {case["category"] for case in CASES}
    expected = {"titles", "acronyms", "clock", "initials", "decimals", "ellipsis"}
    expected |= {"multi_punct", "quotes", "parentheses", "lists", "urls_emails", "news"}
    expected |= {"abbrev_end", "newlines", "numbers_after_abbrev"}
    assert expected <= categories


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_any_text_gives_exact_ordered_offsets(text):
    assert_well_formed(text)


# Characters and fragments that exercise every branch of the splitter.
TRICKY_PIECES = [
    *"aB I.?!\u2026\n \"'\u201d\u2019\u201c()[]\u20221,:-@/",
    *("Mr", "U.S.", "a.m.", " . . . ", "2.) ", "b. ", "\n\n", "No. 4", "www."),
]
PUNCTUATION_HEAVY = st.lists(st.sampled_from(TRICKY_PIECES), max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(PUNCTUATION_HEAVY)
def test_punctuation_heavy_text_gives_exact_ordered_offsets(text):
    assert_well_formed(text)


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \n"])
def test_blank_text_has_no_sentences(text):
    assert split_sentences(text) == []


def test_blank_line_always_ends_a_sentence():
    assert texts("the talks went on\n\nwithout a break") == [
        "the talks went on",
        "without a break",
    ]


def test_line_without_terminal_punctuation_ends_at_the_newline():
    text = "Storm cuts power to the coast\nThousands of homes were dark on Monday."
    assert texts(text) == [
        "Storm cuts power to the coast",
        "Thousands of homes were dark on Monday.",
    ]


def test_wrapped_line_continuing_lower_case_stays_in_one_sentence():
    text = "The mayor said the shelters would stay open until\nthe end of the month."
    assert texts(text) == [text]


def test_short_menu_lines_stay_apart_even_when_lower_case():
    assert texts("news\nsport\nweather") == ["news", "sport", "weather"]


def test_line_ending_with_a_colon_ends_there():
    assert texts("Share this article:\nfacebook twitter email") == [
        "Share this article:",
        "facebook twitter email",
    ]


def test_full_stop_before_lower_case_word_does_not_split():
    text = "The town lies 500 kilometres to the east. southeast of the capital."
    assert texts(text) == [text]


def test_seed_article_sentences_keep_the_claims_they_carry_together():
    text = SEED.read_text("utf-8")
    sentences = split_sentences(text)
    starts = [s.text[:40] for s in sentences]
    assert "Skip to content" in starts
    zelensky = next(s for s in sentences if s.text.startswith("The President of Ukraine"))
    assert zelensky.text.endswith("killing at least one person.")
    assert any(s.text == "The Ukrainian army managed to intercept 16." for s in sentences)


def test_two_megabytes_without_a_full_stop_return_quickly():
    text = "drones were seen over the river and " * 58_000
    started = time.perf_counter()
    sentences = split_sentences(text)
    assert time.perf_counter() - started < 1.5
    assert len(sentences) == 1


def best_time(text: str) -> float:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        split_sentences(text)
        timings.append(time.perf_counter() - started)
    return min(timings)


@pytest.mark.parametrize("unit", ["a.", ". ", "..", "!? ", "1. ", "U.S. ", "x.Y", "• ", "\n"])
def test_dense_punctuation_stays_linear(unit):
    small_time = best_time(unit * (10_000 // len(unit)))
    large_time = best_time(unit * (100_000 // len(unit)))
    # Ten times the input may take at most ~20 times as long (noise allowance).
    assert large_time < 20 * small_time + 0.05

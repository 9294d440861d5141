"""Hedges on figures and the intervals they denote."""

import pytest

from claims.pipeline.numbers import find_numbers
from claims.pipeline.qualifiers import (
    QUALIFIER_PHRASES,
    interval,
    merge_ranges,
    postfix_qualifier,
    prefix_qualifier,
)
from claims.pipeline.types import QUALIFIERS


@pytest.mark.parametrize(("phrase", "qualifier"), sorted(QUALIFIER_PHRASES.items()))
def test_every_qualifier_phrase_is_read_before_a_number(phrase, qualifier):
    text = f"Officials said {phrase} 40 people left."
    start = text.index(" 40") + 1
    assert prefix_qualifier(text, start, 0) == (qualifier, text.index(phrase))


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("at least 7", "at_least"),
        ("no fewer than 7", "at_least"),
        ("not less than 7", "at_least"),
        ("a minimum of 7", "at_least"),
        ("over 7", "more_than"),
        ("upwards of 7", "more_than"),
        ("in excess of 7", "more_than"),
        ("more than 7", "more_than"),
        ("less than 7", "fewer_than"),
        ("under 7", "fewer_than"),
        ("nearly 7", "almost"),
        ("almost 7", "almost"),
        ("just under 7", "almost"),
        ("as many as 7", "up_to"),
        ("up to 7", "up_to"),
        ("no more than 7", "up_to"),
        ("no longer than 7", "up_to"),
        ("a maximum of 7", "up_to"),
        ("roughly 7", "about"),
        ("about 7", "about"),
        ("around 7", "about"),
        ("approximately 7", "about"),
        ("some 7", "about"),
        ("an estimated 7", "about"),
        ("close to 7", "almost"),
        ("within 7", "up_to"),
        ("exceeds 7", "more_than"),
        ("will exceed 7", "more_than"),
        ("At Least 7", "at_least"),
        ("at\u00a0least 7", "at_least"),
    ],
)
def test_the_brief_qualifier_table_holds(text, qualifier):
    assert prefix_qualifier(text, text.index("7"), 0)[0] == qualifier


def test_the_longest_phrase_wins_so_no_more_than_is_not_more_than():
    text = "no more than 20"
    assert prefix_qualifier(text, text.index("20"), 0) == ("up_to", 0)


@pytest.mark.parametrize("text", ["awesome 40", "handsome 40", "the 40", "40", "moreover 40"])
def test_words_that_merely_contain_a_qualifier_are_not_one(text):
    assert prefix_qualifier(text, text.index("40"), 0) is None


def test_a_qualifier_outside_the_sentence_is_not_read():
    text = "It was about. 40 people came."
    assert prefix_qualifier(text, text.index("40"), text.index("40")) is None


@pytest.mark.parametrize(
    ("text", "qualifier", "end"),
    [
        ("20 or more", "at_least", 10),
        ("300-plus", "at_least", 8),
        ("50+", "at_least", 3),
        ("100 or so", "about", 9),
        ("10 or fewer", "up_to", 11),
    ],
)
def test_qualifiers_written_after_the_number(text, qualifier, end):
    number = find_numbers(text)[0]
    assert postfix_qualifier(text, number.end, len(text)) == (qualifier, end)


@pytest.mark.parametrize(
    ("value", "qualifier", "discrete", "upper", "expected"),
    [
        (7, "exact", True, None, (7, 7)),
        (7, "at_least", True, None, (7, None)),
        (20, "more_than", True, None, (21, None)),
        (500, "more_than", False, None, (500, None)),
        (800, "almost", True, None, (None, 799)),
        (800, "almost", False, None, (None, 800)),
        (10, "fewer_than", True, None, (None, 9)),
        (2.5, "fewer_than", False, None, (None, 2.5)),
        (50, "up_to", True, None, (None, 50)),
        (100, "about", True, None, (90, 110)),
        (5, "about", True, None, (5, 5)),
        (3.5, "about", False, None, (3.15, 3.85)),
        (20, "range", True, 30, (20, 30)),
    ],
)
def test_each_qualifier_maps_to_its_documented_interval(
    value, qualifier, discrete, upper, expected
):
    low, high = interval(value, qualifier, discrete=discrete, upper=upper)
    assert (low, high) == (
        pytest.approx(expected[0]) if expected[0] is not None else None,
        pytest.approx(expected[1]) if expected[1] is not None else None,
    )


def test_every_qualifier_in_the_table_is_a_contract_qualifier():
    assert set(QUALIFIER_PHRASES.values()) <= set(QUALIFIERS)


def _ranges(text):
    pairs = merge_ranges(text, find_numbers(text))
    return [
        (text[start : (upper or number).end], number.value, upper.value if upper else None)
        for number, upper, start in pairs
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("between 20 and 30 people", [("between 20 and 30", 20, 30)]),
        ("20-30 people", [("20-30", 20, 30)]),
        ("20\u201330 people", [("20\u201330", 20, 30)]),
        ("20 to 30 people", [("20 to 30", 20, 30)]),
        ("two or three people", [("two or three", 2, 3)]),
        ("ranging from 20 to 30", [("20 to 30", 20, 30)]),
        ("$20-30m", [("$20-30m", 20_000_000, 30_000_000)]),
        ("10-15%", [("10-15%", 10, 15)]),
        ("gusts of 90-100mph", [("90-100", 90, 100)]),
        ("70 to 80mph inland", [("70 to 80", 70, 80)]),
    ],
)
def test_ranges_pair_their_bounds(text, expected):
    assert _ranges(text) == expected


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("won 3-1", [3, 1]),
        ("rose from 20 to 30", [20, 30]),
        ("fell 4.5% to $23.10", [4.5, 23.1]),
        ("the 2022-23 season", [2022, 23]),
        ("20 and 30", [20, 30]),
    ],
)
def test_pairs_that_are_not_ranges_stay_two_numbers(text, values):
    assert [(value, upper) for _, value, upper in _ranges(text)] == [(v, None) for v in values]


def test_a_change_shares_the_unit_written_once():
    text = "rose from 20 to 30 per cent"
    (low, _, _), (high, _, _) = merge_ranges(text, find_numbers(text))
    assert low.percent and high.percent

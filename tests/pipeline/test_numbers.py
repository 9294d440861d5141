"""Reading numbers as news writes them: digits, words, money, percentages, fractions."""

import pytest

from claims.pipeline.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("7", 7),
        ("1,200", 1200),
        ("3.5", 3.5),
        ("12 000", 12000),
        ("1 250 000", 1250000),
        ("0.25", 0.25),
        ("seven", 7),
        ("Seven", 7),
        ("SEVEN", 7),
        ("zero", 0),
        ("nineteen", 19),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("ninety-nine", 99),
        ("one hundred and five", 105),
        ("a hundred", 100),
        ("three hundred", 300),
        ("two thousand five hundred", 2500),
        ("ninety-nine thousand three hundred", 99300),
        ("a dozen", 12),
        ("two dozen", 24),
        ("three dozen", 36),
        ("a million", 1_000_000),
        ("1.5 million", 1_500_000),
        ("2 billion", 2_000_000_000),
        ("300 thousand", 300_000),
        ("half a million", 500_000),
        ("one and a half million", 1_500_000),
        ("two and a half", 2.5),
        ("a third", 1 / 3),
        ("one-third", 1 / 3),
        ("two-thirds", 2 / 3),
        ("three quarters", 0.75),
        ("a fifth", 0.2),
        ("$2bn", 2_000_000_000),
        ("$2 bn", 2_000_000_000),
        ("US$1.30", 1.3),
        ("€3.4m", 3_400_000),
        ("£50,000", 50_000),
        ("$50k", 50_000),
        ("195 billion euros", 195_000_000_000),
        ("$2.5 billion", 2_500_000_000),
        ("¥1.2 trillion", 1_200_000_000_000),
        ("30%", 30),
        ("30 per cent", 30),
        ("30 percent", 30),
        ("4.5 per cent", 4.5),
        ("two million dollars", 2_000_000),
    ],
)
def test_parse_number_reads_the_written_forms_of_news(phrase, value):
    assert parse_number(phrase) == pytest.approx(value)


@pytest.mark.parametrize(
    "phrase",
    ["several", "dozens", "hundreds", "thousands", "millions", "a few", "many", "hundred", "a"],
)
def test_vague_amounts_and_bare_scale_words_are_not_numbers(phrase):
    assert parse_number(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "currency"),
    [
        ("$2bn", "USD"),
        ("€3.4m", "EUR"),
        ("£50,000", "GBP"),
        ("195 billion euros", "EUR"),
        ("USD 40 million", "USD"),
        ("₴ 120", "UAH"),
        ("5,000 hryvnias", "UAH"),
        ("20 US dollars", "USD"),
    ],
)
def test_money_carries_its_currency(phrase, currency):
    (number,) = find_numbers(phrase)
    assert number.currency == currency
    assert (number.start, number.end) == (0, len(phrase))


def test_a_bare_m_after_digits_is_metres_unless_the_figure_is_money():
    (metres,) = find_numbers("a 5m wall")
    (money,) = find_numbers("a $5m grant")
    assert (metres.value, metres.glued) == (5, "m")
    assert money.value == 5_000_000


def test_a_percentage_spans_its_sign_or_words():
    text = "Turnout was 67 per cent."
    (number,) = find_numbers(text)
    assert text[number.start : number.end] == "67 per cent"
    assert number.percent


def test_a_run_of_number_words_splits_where_grammar_breaks():
    text = "between seven and twelve"
    values = [(text[n.start : n.end], n.value) for n in find_numbers(text)]
    assert values == [("seven", 7), ("twelve", 12)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a third of the crops", 1 / 3),
        ("prices rose by a third.", 1 / 3),
        ("cut by a quarter since May", 0.25),
        ("a third term in office", None),
        ("for a third time", None),
        ("the third day", None),
    ],
)
def test_a_fraction_word_is_a_fraction_only_before_of_or_a_clause_end(text, expected):
    fractions = [n.value for n in find_numbers(text) if n.fraction]
    assert fractions == ([] if expected is None else [pytest.approx(expected)])


@pytest.mark.parametrize(
    ("text", "glued"),
    [("a 105mm howitzer", "mm"), ("on the 5th", "th"), ("in the 1990s", "s"), ("at 3pm", "pm")],
)
def test_letters_glued_to_digits_are_kept_for_the_trap_checks(text, glued):
    (number,) = find_numbers(text)
    assert number.glued == glued


def test_digit_groups_separated_by_spaces_do_not_swallow_a_year():
    text = "In 2019 150 people left"
    assert [n.value for n in find_numbers(text)] == [2019, 150]


def test_numbers_glued_to_letters_are_not_read():
    assert find_numbers("G7 and MH17 and A320") == []


def test_offsets_point_into_the_whole_text_when_scanning_a_slice():
    text = "First 12. Then 30 more."
    numbers = find_numbers(text, 10, len(text))
    assert [(n.start, n.end, n.value) for n in numbers] == [(15, 17, 30)]


def test_scale_words_inside_a_digit_figure_are_not_read_twice():
    numbers = find_numbers("1.5 million people and a million more")
    assert [n.value for n in numbers] == [1_500_000, 1_000_000]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the water rose to 6,42 metres", 6.42),
        ("the level was 3,2 metres below the crest", 3.2),
        ("inflation of 4,1% in May", 4.1),
        ("1,200 people", 1200),
        ("pages 1,2 and 3", 1),
    ],
)
def test_a_comma_before_one_or_two_digits_and_a_word_is_a_decimal_comma(text, value):
    assert find_numbers(text)[0].value == value

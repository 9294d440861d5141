"""Numbers that are not figures, each caught for the right reason."""

import pytest

from claims.pipeline.numbers import find_numbers
from claims.pipeline.traps import trap


def _reason(sentence: str, number_text: str, **flags) -> str | None:
    start = sentence.index(number_text)
    (number,) = [n for n in find_numbers(sentence) if n.start == start]
    return trap(sentence, number, lo=0, **flags)


@pytest.mark.parametrize(
    ("sentence", "number_text", "reason"),
    [
        ("The war began in 2014.", "2014", "year"),
        ("Talks resumed on March 8, 2023 in Geneva.", "8", "date"),
        ("Talks resumed on March 8, 2023 in Geneva.", "2023", "year"),
        ("The vote is on 12 May.", "12", "date"),
        ("They met on the 5th.", "5", "ordinal"),
        ("The blast happened at 10:30 local time.", "10", "code"),
        ("The blast happened at 3 p.m. on Friday.", "3", "time"),
        ("The blast happened at 3pm.", "3", "time"),
        ("A 45-year-old man was detained.", "45", "age"),
        ("The man, aged 30, was detained.", "30", "age"),
        ("John Smith, 52, was detained.", "52", "age"),
        ("The victim was 19 years old.", "19", "age"),
        ("Children under 5 were vaccinated first.", "5", "age"),
        ("Call 555-0199 for help.", "555", "digit sequence"),
        ("Call 0800 123 4567 for help.", "123", "digit sequence"),
        ("The Group of Seven met in Japan.", "Seven", "name"),
        ("The Group of 20 met in India.", "20", "name"),
        ("A Shahed-136 drone was downed.", "136", "name"),
        ("The F-16 jets arrived.", "16", "name"),
        ("The COVID-19 pandemic ended.", "19", "name"),
        ("He flew on a Boeing 737 to Lima.", "737", "label"),
        ("The 105mm howitzer fired all night.", "105", "calibre"),
        ("They sent 155-mm shells.", "155", "calibre"),
        ("The unit was Brigade 47 of the army.", "47", "label"),
        ("He drove down Route 66 last year.", "66", "label"),
        ("NATO invoked Article 5 once.", "5", "label"),
        ("See page 12 of the report.", "12", "label"),
        ("He lives at 10 Downing Street.", "10", "address"),
        ("It was built in the 1990s.", "1990", "decade"),
        ("The rate is 12 per 100,000 people.", "100,000", "rate"),
        ("Version 3.5.1 is out.", "3.5", "code"),
        ("It runs 24/7 now.", "24", "code"),
        ("The first half of the year was quiet.", "half", "period"),
        ("The two leaders met.", "two", "reference"),
        ("Top 10 cities were ranked.", "10", "label"),
    ],
)
def test_numbers_that_are_not_figures_are_caught(sentence, number_text, reason):
    assert _reason(sentence, number_text) == reason


@pytest.mark.parametrize(
    ("sentence", "number_text"),
    [
        ("More than 2000 soldiers were sent.", "2000"),
        ("About 1,200 people left.", "1,200"),
        ("Seven people died.", "Seven"),
        ('He said: "Seven people died."', "Seven"),
        ("Russia launched 21 drones.", "21"),
        ("Russia's 21 drones were downed.", "21"),
        ("In all, 16 were intercepted.", "16"),
        ("On Monday 300 people marched.", "300"),
        ("It cost $2bn in total.", "$2bn"),
        ("The tunnel is 57km long.", "57"),
        ("Half of the city was dark.", "Half"),
    ],
)
def test_ordinary_figures_pass_the_traps(sentence, number_text):
    assert _reason(sentence, number_text) is None


def test_a_hedged_four_digit_number_is_a_count_not_a_year():
    sentence = "Some 2000 homes were flooded."
    assert _reason(sentence, "2000") == "year"
    assert _reason(sentence, "2000", qualified=True) is None


def test_a_range_of_two_numbers_is_not_a_digit_sequence():
    sentence = "Between 20-30 people came."
    assert _reason(sentence, "20") == "digit sequence"
    assert _reason(sentence, "20", ranged=True) is None


def test_headlines_in_title_case_keep_their_capitalised_numbers():
    sentence = "Russian Strike Kills Seven In Kyiv"
    assert _reason(sentence, "Seven") == "name"
    assert _reason(sentence, "Seven", title_case=True) is None


def test_places_in_a_results_list_are_not_figures():
    text = "Men: 1 Brian Kiprono (Ken) 2:04:51; 4 Yonas Berhe (Eri) 2:07:58."
    assert _reason(text, "1 Brian") == "rank"
    assert _reason(text, "4 Yonas") == "rank"
    assert _reason("Police arrested 4 Nigerian Army (NA) officers.", "4") is None

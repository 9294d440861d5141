"""Figures extracted from news sentences: kinds, spans, values, qualifiers and context."""

import gc
import re
import time
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.pipeline.figures import extract_figures
from claims.pipeline.types import KINDS, QUALIFIERS, Sentence

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_3ba770696fec4946.txt"


def _document(*parts: str, roles: dict[int, str] | None = None) -> tuple[str, list[Sentence]]:
    """Join sentences with spaces (a part ending in a newline starts a new paragraph)."""
    text, sentences = "", []
    for index, part in enumerate(parts):
        stripped = part.rstrip("\n")
        start = len(text)
        text += stripped
        role = (roles or {}).get(index, "body")
        sentences.append(Sentence(start, len(text), stripped, index, role))
        text += part[len(stripped) :] or " "
    return text, sentences


def _figures(*parts: str, roles: dict[int, str] | None = None):
    return extract_figures(*_document(*parts, roles=roles))


def _summary(claims):
    return [(c.kind, c.text, c.value, c.qualifier, c.counted) for c in claims]


# --- The seed article ------------------------------------------------------------------

_BOILERPLATE = (
    "Skip to content",
    "LOOK:",
    "Share this article",
    "globalhappenings",
    "most popular",
)


def _seed_sentences(text: str) -> list[Sentence]:
    """Split the seed by lines, then at a full stop before a capital; mark furniture."""
    sentences = []
    for line in re.finditer(r"[^\n]+", text):
        for part in re.finditer(r"\S.*?(?:[.!?](?=\s+[A-Z\"\u201c(])|$)", line.group()):
            start = line.start() + part.start()
            end = line.start() + part.end()
            sentence = text[start:end]
            role = "body"
            if sentence.startswith(_BOILERPLATE) or "photo by" in sentence.lower():
                role = "boilerplate"
            elif "(Photo by" in line.group() or "(Reference photo" in line.group():
                role = "caption"
            sentences.append(Sentence(start, end, sentence, len(sentences), role))
    return sentences


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text(encoding="utf-8")
    return text, extract_figures(text, _seed_sentences(text))


@pytest.mark.parametrize(
    ("span", "kind", "value", "qualifier", "counted", "actor", "location", "unit"),
    [
        ((458, 479), "casualty", 7, "at_least", "people killed", None, "Kyiv", None),
        ((616, 649), "count", 21, "exact", "drones launched", "Russia", "Kyiv", None),
        ((792, 804), "count", 16, "exact", "drones intercepted", "Ukrainian army", None, None),
        ((878, 914), "count", 20, "more_than", "drones launched", None, "Zaporizhzhia", None),
        ((1064, 1088), "numeric", 500, "more_than", "distance", None, None, "km"),
        ((1182, 1201), "casualty", 1, "at_least", "people killed", None, "Zaporizhzhia", None),
        ((2400, 2422), "numeric", 4, "exact", "Ukrainian regions annexed", None, None, None),
        ((3374, 3386), "numeric", 7, "exact", "months", None, None, "months"),
    ],
)
def test_seed_article_yields_the_annotated_figures(
    seed, span, kind, value, qualifier, counted, actor, location, unit
):
    text, claims = seed
    (claim,) = [c for c in claims if (c.start, c.end) == span]
    assert claim.text == text[span[0] : span[1]]
    assert (claim.kind, claim.value, claim.qualifier, claim.counted) == (
        kind,
        value,
        qualifier,
        counted,
    )
    assert (claim.actor, claim.location, claim.unit) == (actor, location, unit)
    assert not claim.flagged


def test_seed_article_reads_dates_names_and_calibres_as_nothing(seed):
    text, claims = seed
    for phrase in ("Group of Seven", "105mm", "March 20, 2023", "March 8, 2023"):
        for match in re.finditer(re.escape(phrase), text):
            assert not [c for c in claims if c.start < match.end() and match.start() < c.end]
    assert not {105, 136, 2023, 8} & {c.value for c in claims}


def test_seed_article_teaser_figure_comes_back_flagged_as_boilerplate(seed):
    _, claims = seed
    (teaser,) = [c for c in claims if c.start == 533]
    assert (teaser.text, teaser.qualifier, teaser.value_max) == (
        "almost 800 Peruvians",
        "almost",
        799,
    )
    assert teaser.role == "boilerplate" and teaser.flagged


def test_seed_article_has_nothing_beyond_the_annotation_and_the_teaser(seed):
    _, claims = seed
    assert len(claims) == 9


def test_seed_article_intervals_follow_the_qualifiers(seed):
    _, claims = seed
    by_start = {c.start: (c.value_min, c.value_max) for c in claims}
    assert by_start[458] == (7, None)
    assert by_start[878] == (21, None)
    assert by_start[1064] == (500, None)
    assert by_start[616] == (21, 21)


# --- News sentences of many kinds ------------------------------------------------------

NEWS = [
    # war
    (
        "At least 12 people were killed and 30 injured when a missile struck a mall in Kremenchuk.",
        [
            ("casualty", "At least 12 people", 12, "at_least", "people killed"),
            ("casualty", "30 injured", 30, "exact", "people injured"),
        ],
    ),
    (
        "Russian strikes killed three civilians and wounded 14 in the Kharkiv region.",
        [
            ("casualty", "three civilians", 3, "exact", "civilians killed"),
            ("casualty", "wounded 14", 14, "exact", "civilians injured"),
        ],
    ),
    (
        "Air defences shot down 16 of the 21 drones launched by Russia overnight.",
        [
            ("count", "16", 16, "exact", "drones shot down"),
            ("count", "21 drones", 21, "exact", "drones launched"),
        ],
    ),
    (
        "On Tuesday night Russia launched 35 Shahed drones, 31 of which were shot down.",
        [
            ("count", "35 Shahed drones", 35, "exact", "drones launched"),
            ("count", "31", 31, "exact", "drones shot down"),
        ],
    ),
    (
        "Ukrainian forces destroyed 12 Russian tanks and 3 helicopters near Bakhmut.",
        [
            ("count", "12 Russian tanks", 12, "exact", "tanks destroyed"),
            ("count", "3 helicopters", 3, "exact", "helicopters destroyed"),
        ],
    ),
    (
        "Israel said Hamas fired more than 2,000 rockets from Gaza in the first hours.",
        [("count", "more than 2,000 rockets", 2000, "more_than", "rockets fired")],
    ),
    (
        "He said the army had carried out 450 strikes on targets across the region.",
        [("count", "450 strikes", 450, "exact", "strikes launched")],
    ),
    (
        "The Kremlin said 6,000 Ukrainian soldiers had been killed in the past week.",
        [("casualty", "6,000 Ukrainian soldiers", 6000, "exact", "soldiers killed")],
    ),
    (
        "The death toll from the strike on the city has risen to more than 41,000.",
        [("casualty", "more than 41,000", 41000, "more_than", "people killed")],
    ),
    (
        "The shelling claimed the lives of at least seven people.",
        [("casualty", "at least seven people", 7, "at_least", "people killed")],
    ),
    (
        "Officials said 40 bodies had been recovered and 17 people were still missing.",
        [
            ("casualty", "40 bodies", 40, "exact", "people killed"),
            ("casualty", "17 people", 17, "exact", "people missing"),
        ],
    ),
    (
        "Six people, including two children, died when the building collapsed.",
        [
            ("casualty", "Six people", 6, "exact", "people killed"),
            ("casualty", "two children", 2, "exact", "children killed"),
        ],
    ),
    (
        "The storm left seven dead and dozens injured.",
        [("casualty", "seven dead", 7, "exact", "people killed")],
    ),
    (
        "Some 20-30 people were injured.",
        [("casualty", "Some 20-30 people", 20, "range", "people injured")],
    ),
    # disasters
    (
        "Some 5,000 people were evacuated from villages near the river.",
        [("numeric", "Some 5,000 people", 5000, "about", "people evacuated")],
    ),
    (
        "Floods have displaced nearly 1.2 million people across the country.",
        [("numeric", "nearly 1.2 million people", 1_200_000, "almost", "people displaced")],
    ),
    (
        "Thousands of people fled, and at least 300,000 were displaced by the fighting.",
        [("numeric", "at least 300,000", 300_000, "at_least", "people displaced")],
    ),
    (
        "At least 150 homes were destroyed and 2,000 people were left homeless.",
        [
            ("numeric", "At least 150 homes", 150, "at_least", "homes"),
            ("numeric", "2,000 people", 2000, "exact", "people left homeless"),
        ],
    ),
    (
        "As many as 50 people may have drowned when the boat capsized off Libya.",
        [("casualty", "As many as 50 people", 50, "up_to", "people killed")],
    ),
    (
        "Close to 800 migrants were rescued in the Mediterranean.",
        [("numeric", "Close to 800 migrants", 800, "almost", "migrants rescued")],
    ),
    (
        "The magnitude 6.8 earthquake killed more than 2,900 people in Morocco.",
        [
            ("numeric", "magnitude 6.8", 6.8, "exact", "magnitude"),
            ("casualty", "more than 2,900 people", 2900, "more_than", "people killed"),
        ],
    ),
    # reported gaps in real articles
    (
        "The quake had a preliminary magnitude of 7.6; the USGS put it slightly lower, at 7.5.",
        [
            ("numeric", "magnitude of 7.6", 7.6, "exact", "magnitude"),
            ("numeric", "7.5", 7.5, "exact", "magnitude"),
        ],
    ),
    (
        "It was followed by dozens of aftershocks, the strongest measuring 5.4.",
        [("numeric", "measuring 5.4", 5.4, "exact", "magnitude")],
    ),
    (
        "Overnight the temperature dropped to minus 6 degrees Celsius.",
        [("numeric", "minus 6 degrees Celsius", -6, "exact", "temperature")],
    ),
    (
        "Temperatures top 46C across the north, and reached 46.2C (115.2F) in the capital.",
        [
            ("numeric", "top 46C", 46, "more_than", "temperature"),
            ("numeric", "46.2C", 46.2, "exact", "temperature"),
        ],
    ),
    (
        "Night-time temperatures have not fallen below 30C since Sunday.",
        [("numeric", "below 30C", 30, "at_least", "temperature")],
    ),
    (
        "The planet is on course for between 2.5C and 2.9C of warming.",
        [("numeric", "between 2.5C and 2.9", 2.5, "range", "temperature")],
    ),
    (
        "Former adviser jailed for 12 years over $310m fraud, ordered to repay over $200m.",
        [
            ("numeric", "12 years", 12, "exact", "years in prison"),
            ("numeric", "$310m", 310_000_000, "exact", "fraud"),
            ("numeric", "over $200m", 200_000_000, "more_than", "money"),
        ],
    ),
    (
        "She had been stabbed at least 11 times, and police had been called three times.",
        [
            ("numeric", "at least 11 times", 11, "at_least", "times stabbed"),
            ("numeric", "three times", 3, "exact", "times called"),
        ],
    ),
    (
        "Three people were killed in Kharkiv and one in the city of Kherson.",
        [
            ("casualty", "Three people", 3, "exact", "people killed"),
            ("casualty", "one", 1, "exact", "people killed"),
        ],
    ),
    (
        "The alliance won 182 seats out of 577, the Socialists 59 and the Ecologists 28.",
        [
            ("numeric", "182 seats", 182, "exact", "seats"),
            ("numeric", "577", 577, "exact", "seats"),
            ("numeric", "59", 59, "exact", "seats"),
            ("numeric", "28", 28, "exact", "seats"),
        ],
    ),
    (
        "Around 115,000 homes were without power, down from 155,000 on Tuesday.",
        [
            ("numeric", "Around 115,000 homes", 115_000, "about", "homes"),
            ("numeric", "155,000", 155_000, "exact", "homes"),
        ],
    ),
    (
        "Deaths involving fentanyl fell to 48,422 from 76,282 last year.",
        [
            ("casualty", "48,422", 48_422, "exact", "people killed"),
            ("casualty", "76,282", 76_282, "exact", "people killed"),
        ],
    ),
    (
        "Bihar reported 14 deaths, including four polling officials who collapsed.",
        [
            ("casualty", "14 deaths", 14, "exact", "people killed"),
            ("casualty", "four polling officials", 4, "exact", "people killed"),
        ],
    ),
    (
        "The camp, which had 250 deputies, lost more than 80 seats.",
        [
            ("numeric", "250 deputies", 250, "exact", "deputies"),
            ("numeric", "more than 80 seats", 80, "more_than", "seats"),
        ],
    ),
    (
        "Net income rose 45% to $1.5 billion, or 99 cents per share.",
        [
            ("numeric", "45%", 45, "exact", "income rise"),
            ("numeric", "$1.5 billion", 1_500_000_000, "exact", "income"),
            ("numeric", "99 cents", 99, "exact", "cents"),
        ],
    ),
    (
        "The receiver has recovered about $142m, or roughly a third of what is owed.",
        [
            ("numeric", "about $142m", 142_000_000, "about", "money recovered"),
            ("numeric", "roughly a third", 1 / 3, "about", "share"),
        ],
    ),
    (
        "The general staff reported 156 combat clashes, and 47 Russian assaults were repelled.",
        [
            ("count", "156 combat clashes", 156, "exact", "clashes recorded"),
            ("count", "47 Russian assaults", 47, "exact", "assaults intercepted"),
        ],
    ),
    (
        "Investigators recovered 31 shell casings and a rifle.",
        [("numeric", "31 shell casings", 31, "exact", "shell casings")],
    ),
    (
        "Gaza health ministry says the death toll passes 30,000.",
        [("casualty", "passes 30,000", 30_000, "more_than", "people killed")],
    ),
    (
        "Some 1,200 people were killed and 253 were taken hostage, of whom 130 remain.",
        [
            ("casualty", "Some 1,200 people", 1200, "about", "people killed"),
            ("numeric", "253", 253, "exact", "people taken hostage"),
            ("numeric", "130", 130, "exact", "people taken hostage"),
        ],
    ),
    (
        "The ward admitted about 60 patients with heat exhaustion on Monday.",
        [("casualty", "about 60 patients", 60, "about", "patients injured")],
    ),
    (
        "Of 538,000 people displaced, 81,000 are in shelters.",
        [
            ("numeric", "538,000 people", 538_000, "exact", "people displaced"),
            ("numeric", "81,000", 81_000, "exact", "people displaced"),
        ],
    ),
    (
        "Air defences shot down 27 drones over four regions overnight.",
        [
            ("count", "27 drones", 27, "exact", "drones shot down"),
            ("numeric", "four regions", 4, "exact", "regions"),
        ],
    ),
    (
        "The Red Crescent set up 1,800 tents, and police were called there three times.",
        [
            ("numeric", "1,800 tents", 1800, "exact", "tents"),
            ("numeric", "three times", 3, "exact", "times called"),
        ],
    ),
    (
        "The heat will last at least another five days.",
        [("numeric", "at least another five days", 5, "at_least", "days")],
    ),
    (
        "The hurricane made landfall, leaving 2 million without power.",
        [("numeric", "2 million", 2_000_000, "exact", "people without power")],
    ),
    (
        "The city had a population of about 60,000 before the war.",
        [("numeric", "about 60,000", 60_000, "about", "population")],
    ),
    # crime and courts
    (
        "Police arrested 23 people and seized 1.5 tonnes of cocaine.",
        [
            ("numeric", "23 people", 23, "exact", "people arrested"),
            ("numeric", "1.5 tonnes", 1.5, "exact", "weight of cocaine"),
        ],
    ),
    (
        "The court sentenced him to 12 years in prison for fraud.",
        [("numeric", "12 years", 12, "exact", "years in prison")],
    ),
    (
        "The defendant faces up to 20 years in prison.",
        [("numeric", "up to 20 years", 20, "up_to", "years in prison")],
    ),
    (
        "The jury found him guilty on 34 counts of falsifying business records.",
        [("numeric", "34 counts", 34, "exact", "counts")],
    ),
    (
        "The jury deliberated for no longer than three hours.",
        [("numeric", "no longer than three hours", 3, "up_to", "hours")],
    ),
    # politics
    (
        "Between 20 and 30 protesters gathered outside parliament at 10:30 a.m.",
        [("numeric", "Between 20 and 30 protesters", 20, "range", "protesters")],
    ),
    (
        "The party won 41.2% of the vote and 326 of the 650 seats.",
        [
            ("numeric", "41.2%", 41.2, "exact", "vote"),
            ("numeric", "326", 326, "exact", "seats"),
            ("numeric", "650 seats", 650, "exact", "seats"),
        ],
    ),
    (
        "Two-thirds of voters backed the proposal.",
        [("numeric", "Two-thirds", 2 / 3, "exact", "voters")],
    ),
    (
        "Nearly half of the city's residents have fled.",
        [("numeric", "Nearly half", 0.5, "almost", "city's residents")],
    ),
    # economics
    (
        "The government approved a $2bn aid package for farmers.",
        [("numeric", "$2bn", 2_000_000_000, "exact", "aid package")],
    ),
    (
        "The EU will provide 195 billion euros ($230bn) in loans.",
        [("numeric", "195 billion euros", 195_000_000_000, "exact", "money")],
    ),
    (
        "Inflation rose to 10.1% in September, the highest level in 40 years.",
        [
            ("numeric", "10.1%", 10.1, "exact", "inflation rise"),
            ("numeric", "40 years", 40, "exact", "years"),
        ],
    ),
    (
        "The central bank raised rates by 0.25 percentage points to 5.5%.",
        [
            ("numeric", "0.25 percentage points", 0.25, "exact", "change"),
            ("numeric", "5.5%", 5.5, "exact", "share"),
        ],
    ),
    (
        "The company will cut up to 3,000 jobs over the next two years.",
        [("numeric", "up to 3,000 jobs", 3000, "up_to", "jobs")],
    ),
    (
        "The plan will create 50,000 jobs over five years.",
        [
            ("numeric", "50,000 jobs", 50000, "exact", "jobs"),
            ("numeric", "five years", 5, "exact", "years"),
        ],
    ),
    (
        "The tunnel is 57km long and cost \u20ac9.5 billion.",
        [
            ("numeric", "57km", 57, "exact", "distance"),
            ("numeric", "\u20ac9.5 billion", 9_500_000_000, "exact", "money cost"),
        ],
    ),
    (
        "The train was travelling at 120 km/h when it derailed.",
        [("numeric", "120 km/h", 120, "exact", "speed")],
    ),
    (
        "Wildfires have burned more than 400,000 acres in California this year.",
        [("numeric", "more than 400,000 acres", 400_000, "more_than", "area")],
    ),
    (
        "The US has pledged $43bn in military aid since February 2022.",
        [("numeric", "$43bn", 43_000_000_000, "exact", "military aid")],
    ),
    (
        "The project costs Rs 500 crore.",
        [("numeric", "Rs 500 crore", 5_000_000_000, "exact", "money costs")],
    ),
    (
        "The bank cut rates by 25 basis points.",
        [("numeric", "25 basis points", 25, "exact", "change")],
    ),
    (
        "Temperatures could rise by 1.5C, and reached 45\u00b0C in Seville.",
        [
            ("numeric", "1.5C", 1.5, "exact", "temperature"),
            ("numeric", "45\u00b0C", 45, "exact", "temperature"),
        ],
    ),
    (
        "Nearly 40 per cent of the population lives below the poverty line.",
        [("numeric", "Nearly 40 per cent", 40, "almost", "population")],
    ),
    # equipment is a count only when lost
    (
        "Denmark will send six F-16 fighter jets and Germany will send 18 Leopard 2 tanks.",
        [
            ("numeric", "six F-16 fighter jets", 6, "exact", "fighter jets"),
            ("numeric", "18 Leopard 2 tanks", 18, "exact", "Leopard tanks"),
        ],
    ),
    (
        "Russia has lost some 2,300 tanks since the invasion began.",
        [("count", "some 2,300 tanks", 2300, "about", "tanks destroyed")],
    ),
    (
        "The strike destroyed three Patriot launchers.",
        [("count", "three Patriot launchers", 3, "exact", "launchers destroyed")],
    ),
    # verbs near the figure decide what happened
    (
        "At least one person was killed and four others were injured in the blast.",
        [
            ("casualty", "At least one person", 1, "at_least", "people killed"),
            ("casualty", "four", 4, "exact", "people injured"),
        ],
    ),
    (
        "At least 40 people, most of them women and children, were killed.",
        [("casualty", "At least 40 people", 40, "at_least", "people killed")],
    ),
    (
        "The army said 31 of the 35 drones were destroyed.",
        [
            ("count", "31", 31, "exact", "drones destroyed"),
            ("count", "35 drones", 35, "exact", "drones launched"),
        ],
    ),
    (
        "The attack killed 1,200 people in Israel, and about 250 were taken hostage.",
        [
            ("casualty", "1,200 people", 1200, "exact", "people killed"),
            ("numeric", "about 250", 250, "about", "people taken hostage"),
        ],
    ),
    (
        "The outbreak has infected 3,500 people and killed 70 in the past month.",
        [
            ("numeric", "3,500 people", 3500, "exact", "people infected"),
            ("casualty", "killed 70", 70, "exact", "people killed"),
        ],
    ),
    (
        "Flight MH17 was shot down over eastern Ukraine in 2014, killing all 298 people.",
        [("casualty", "298 people", 298, "exact", "people killed")],
    ),
    (
        "Air defence shot down 15 drones out of 17.",
        [
            ("count", "15 drones", 15, "exact", "drones shot down"),
            ("count", "17", 17, "exact", "drones launched"),
        ],
    ),
    (
        "The number of dead rose to 45, and 12 are missing.",
        [
            ("casualty", "45", 45, "exact", "people killed"),
            ("casualty", "12", 12, "exact", "people missing"),
        ],
    ),
    (
        "RUSSIA FIRES 50 MISSILES AT UKRAINE",
        [("count", "50 MISSILES", 50, "exact", "missiles fired")],
    ),
    (
        "He was jailed for 14 years and eight months on Friday.",
        [("numeric", "14 years and eight months", 14 + 8 / 12, "exact", "years in prison")],
    ),
    (
        "The city has come under fire 317 times in October.",
        [("count", "317 times", 317, "exact", "attacks")],
    ),
    (
        "Some 16,000 people lost their homes in the fire.",
        [("numeric", "Some 16,000 people", 16000, "about", "people")],
    ),
    (
        "The death toll from the fires in the hills rose to 131 people on Tuesday.",
        [("casualty", "131 people", 131, "exact", "people killed")],
    ),
    (
        'The army said it had hit "about 40 sites" overnight.',
        [("numeric", "about 40 sites", 40, "about", "sites")],
    ),
    (
        "Only 16 of Gaza's 36 hospitals are working.",
        [
            ("numeric", "16", 16, "exact", "hospitals"),
            ("numeric", "36 hospitals", 36, "exact", "hospitals"),
        ],
    ),
    (
        'He said Ukraine would need "at least 25" more air defence systems.',
        [
            (
                "numeric",
                'at least 25" more air defence systems',
                25,
                "at_least",
                "more air defence systems",
            )
        ],
    ),
    (
        "Rescuers were trying to reach 23 trapped miners.",
        [("casualty", "23 trapped miners", 23, "exact", "miners trapped")],
    ),
    (
        "Vacancies fell by 9,000 to 717,000 in the quarter.",
        [
            ("numeric", "9,000", 9000, "exact", "vacancies"),
            ("numeric", "717,000", 717000, "exact", "vacancies"),
        ],
    ),
    (
        "Daily spending rose 4,1% on the year.",
        [("numeric", "4,1%", 4.1, "exact", "spending rise")],
    ),
    (
        "Net migration fell to 204,000 in the year to June.",
        [("numeric", "204,000", 204000, "exact", "level")],
    ),
    (
        "Catalonia came first, with 19.9 million, ahead of the islands.",
        [("numeric", "19.9 million", 19900000, "exact", "level")],
    ),
    (
        "The blast brought the number of miners killed since May to 412.",
        [("casualty", "412", 412, "exact", "people killed")],
    ),
    (
        "A study put the number of heat-related deaths at 61,672.",
        [("casualty", "61,672", 61672, "exact", "people killed")],
    ),
    (
        '"We lost 40 soldiers in one night," the commander said.',
        [("casualty", "40 soldiers", 40, "exact", "soldiers killed")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), NEWS, ids=[s[:40] for s, _ in NEWS])
def test_news_sentences_yield_their_figures(sentence, expected):
    summary = _summary(_figures(sentence))
    assert [(k, t, pytest.approx(v), q, c) for k, t, v, q, c in expected] == summary


NOTHING = [
    "The COVID-19 pandemic and dozens of outbreaks were discussed.",
    "Several missiles and a few drones were launched.",
    "Hundreds of people attended, and thousands more watched.",
    "He was aged 30 when he joined Brigade 47 on Route 66.",
    "See page 12 and section 4 of the report for details.",
    "The Group of 20 meets in India in September.",
    "The F-16 jets and AK-47 rifles were shown beside a Boeing 737.",
    "Article 5 of the treaty was invoked on September 12, 2001.",
    "One of the victims was a child, and one man was arrested.",
    "One day, the two leaders will meet again.",
    "The attack was the third on the city this week.",
    "Call 0800 123 4567 or +44 20 7946 0958 for details.",
    "A 45-year-old man was charged with murder on March 3, 2023.",
    "The suspect, 34, appeared in court on Tuesday at 3 p.m.",
    "The 2022 elections were the first since 2014.",
    "The Supreme Court ruled 6-3 to overturn the decision.",
    "The war started more than a year ago.",
    "Over the past 24 hours the front was quiet.",
    "Many people died in the 1990s.",
    "The rate rose to 12 per 100,000 residents.",
    "Trains run every 10 minutes during the day.",
    "The 27-member bloc responded after a two-storey house collapsed.",
    "A three-week trial ended, and a 24-hour hotline and a 74ft yacht were mentioned.",
    "He knew at least one of the people he shot.",
    "Smugglers aged between 20 and 40 were seen.",
    "The two-day summit ended with a 12-point statement.",
    "He was seen in the 47th Mechanised Brigade on the 93rd day.",
    "The H5N1 virus and 5G masts were discussed on 24/7 news.",
    "Apollo 11 landed in 1969, and Windows 11 shipped in 2021.",
    "Photo 1 of 12",
    "5 min read",
    "At 81, he is the oldest president.",
    "The bill was passed 52-48.",
    "Turnout rose to 64 in the ward, and 1500 was the record.",
    "The gunman in the 2007 attack and the 2019 strike were named.",
]


@pytest.mark.parametrize("sentence", NOTHING)
def test_dates_ages_names_labels_and_vague_amounts_are_not_figures(sentence):
    assert _figures(sentence) == []


# --- Context ---------------------------------------------------------------------------


def test_an_elided_noun_comes_from_the_sentence_before():
    claims = _figures(
        "In all, 21 drones were launched by Russia.",
        "The Ukrainian army managed to intercept 16.",
    )
    second = claims[1]
    assert (second.text, second.counted, second.actor) == (
        "intercept 16",
        "drones intercepted",
        "Ukrainian army",
    )


def test_an_elided_noun_is_taken_across_a_paragraph_break():
    claims = _figures(
        "Russia fired 30 missiles at the capital.\n\n", "Air defences intercepted 24."
    )
    assert claims[1].counted == "missiles intercepted"


def test_an_elided_noun_is_not_taken_from_three_sentences_back():
    claims = _figures(
        "Russia fired 30 missiles.",
        "The city was dark.",
        "Schools were shut.",
        "Air defences intercepted 24.",
    )
    assert [c.value for c in claims] == [30]


def test_an_elided_noun_is_not_borrowed_from_boilerplate():
    claims = _figures(
        "Read more: 40 drones hit the port.",
        "Air defences intercepted 24.",
        roles={0: "boilerplate"},
    )
    assert [c.value for c in claims] == [40]


def test_an_elided_noun_must_suit_the_verb():
    claims = _figures("Russia fired 30 missiles.", "Police later arrested 12.")
    assert [(c.kind, c.counted) for c in claims] == [
        ("count", "missiles fired"),
        ("numeric", "people arrested"),
    ]


def test_an_elided_casualty_borrows_the_noun_within_the_sentence():
    claims = _figures("Two people died and one was injured in the crash.")
    assert _summary(claims) == [
        ("casualty", "Two people", 2, "exact", "people killed"),
        ("casualty", "one", 1, "exact", "people injured"),
    ]


def test_one_sentence_holds_several_claims_of_different_kinds():
    claims = _figures(
        "Russia launched 40 drones at Odesa, killing at least three people and "
        "damaging 12 buildings, a $5m loss."
    )
    assert [c.kind for c in claims] == ["count", "casualty", "numeric", "numeric"]


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("In all, 21 drones were launched by Russia against the city.", "Russia"),
        ("Russian forces fired 30 missiles overnight.", "Russian forces"),
        ("Ukraine's air force said it destroyed 25 drones.", "Ukraine's air force"),
        ("The Ukrainian army managed to intercept 16 drones.", "Ukrainian army"),
        ("It was unclear who launched 12 drones.", None),
    ],
)
def test_the_actor_of_a_count_is_read_from_its_verb(sentence, actor):
    (claim,) = _figures(sentence)
    assert claim.actor == actor


@pytest.mark.parametrize(
    ("sentence", "location"),
    [
        ("The shelling killed at least seven people in and around kyiv.", "Kyiv"),
        ("A missile killed two people in the city of Zaporizhia on Monday.", "Zaporizhzhia"),
        ("Two people were killed near Kharkov.", "Kharkiv"),
        ("Two people were killed in Kherson, 500 km south of Kiev.", "Kherson"),
        ("Two people were killed, the governor said.", None),
    ],
)
def test_a_casualty_takes_the_nearest_place_in_one_spelling(sentence, location):
    casualty = [c for c in _figures(sentence) if c.kind == "casualty"]
    assert casualty[0].location == location


def test_a_converted_amount_in_brackets_is_not_a_second_claim():
    claims = _figures("The deal is worth \u00a3100m (about $127m) and 500km (310 miles) of rail.")
    assert [c.text for c in claims] == ["\u00a3100m", "500km"]


@pytest.mark.parametrize("role", ["caption", "boilerplate"])
def test_figures_in_captions_and_boilerplate_are_kept_but_flagged(role):
    (claim,) = _figures("Rescuers carried 12 injured people out of the rubble.", roles={0: role})
    assert claim.role == role and claim.flagged


def test_headline_figures_are_not_flagged():
    (claim,) = _figures("Seven Killed As Russian Missiles Hit Kyiv", roles={0: "headline"})
    assert (claim.text, claim.counted, claim.flagged) == ("Seven Killed", "people killed", False)


def test_at_least_one_person_is_a_claim_but_one_day_is_not():
    assert _summary(_figures("At least one person died.")) == [
        ("casualty", "At least one person", 1, "at_least", "people killed")
    ]
    assert _figures("One day the war will end.") == []


def test_a_money_claim_reads_its_scale_and_currency():
    (claim,) = _figures("Kyiv received \u20ac3.4m from donors.")
    assert (claim.value, claim.unit, claim.value_min) == (3_400_000, "EUR", 3_400_000)


def test_a_measured_quantity_uses_its_own_value_as_the_open_bound():
    (claim,) = _figures("The front moved more than 2.5 km.")
    assert (claim.value_min, claim.value_max) == (2.5, None)


def test_sentence_index_is_copied_from_the_sentence():
    claims = extract_figures(*_document("Nothing here.", "Then 12 drones came."))
    assert claims[0].sentence_index == 1


# --- Properties ------------------------------------------------------------------------

_VOCABULARY = """at least more than about nearly killed injured drones missiles people were
launched intercepted 12 1,200 3.5 seven twenty-one million $2bn 30% 2023 March of the and a
dozen half third - to between , . ( ) \u201c \u201d Kyiv in by Russia army 105mm F-16"""
_WORDS = tuple(_VOCABULARY.split())


@st.composite
def _documents(draw):
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=80))
    text = " ".join(words)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=4))) | {0, len(text)})
    roles = st.sampled_from(["headline", "body", "caption", "boilerplate"])
    sentences = [
        Sentence(a, b, text[a:b], i, draw(roles)) for i, (a, b) in enumerate(pairwise(cuts))
    ]
    return text, sentences


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_documents())
def test_every_claim_is_a_well_formed_span_of_its_sentence(document):
    text, sentences = document
    for claim in extract_figures(text, sentences):
        sentence = sentences[claim.sentence_index]
        assert sentence.start <= claim.start < claim.end <= sentence.end
        assert text[claim.start : claim.end] == claim.text
        assert claim.kind in KINDS and claim.qualifier in QUALIFIERS
        assert claim.flagged == (sentence.role in ("caption", "boilerplate"))
        if claim.value_min is not None and claim.value_max is not None:
            assert claim.value_min <= claim.value_max


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_at_all_is_read_without_error(text):
    claims = extract_figures(text, [Sentence(0, len(text), text, 0)])
    assert all(text[c.start : c.end] == c.text for c in claims)


_JUNK = "seven 12 1,200 at least killed drones 3.5 million $2bn 30% twenty-one a dozen 2023"
# Places, quakes, lists and elisions, which make the figure reader look around each number.
_CONTEXT_JUNK = (
    "killed 12 people and 4 in Kharkiv , the Socialists 59 magnitude 6.5 quake minus 6C "
    "including four officials fell to 48,422 from 76,282 over $310m fraud at 7.5 in Kyiv"
)


def _junk(size: int, pieces: str = _JUNK) -> str:
    """Numbers, hedges and nouns in a shifting order, with no full stop anywhere."""
    words = pieces.split()
    order = [words[(k * 7) % len(words)] for k in range(len(words))]
    block = " ".join(order) + " "
    return (block * (size // len(block) + 1))[:size]


def _cpu_seconds(text: str, runs: int = 1) -> float:
    """The least CPU time of ``runs`` readings of ``text``, with the cyclic garbage
    collector paused: late in a long test run its sweeps of everything earlier tests
    left, and the other work on a shared machine, only ever add to a reading."""
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            start = time.process_time()
            extract_figures(text, [Sentence(0, len(text), text, 0)])
            times.append(time.process_time() - start)
    finally:
        gc.enable()
    return min(times)


@pytest.mark.parametrize("pieces", [_JUNK, _CONTEXT_JUNK], ids=["numbers", "context"])
def test_time_grows_linearly_with_the_input(pieces):
    small, large = _junk(25_000, pieces), _junk(100_000, pieces)
    ratio = _cpu_seconds(large, runs=3) / max(_cpu_seconds(small, runs=3), 1e-3)
    # Four times the text; a quadratic scan would take about sixteen times as long.
    assert ratio < 9


def test_two_hundred_kilobytes_of_number_junk_finish_within_a_generous_bound():
    assert _cpu_seconds(_junk(200_000)) < 15


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Of those, 19 were taken to hospital, most with heat stroke.", 19),
        ("Two firefighters were taken to Darent Valley Hospital on Friday.", 2),
        ("Two remained in intensive care on Sunday evening.", 2),
        ("Nine people remain hospitalized after the crash.", 9),
        ("Organisers said 412 runners had received medical treatment.", 412),
        ("Thirty of the survivors were rushed to hospital.", 30),
    ],
)
def test_people_taken_to_hospital_or_treated_are_casualties(sentence, value):
    claims = _figures(sentence)
    assert [(c.kind, c.value) for c in claims] == [("casualty", value)]


def test_people_admitted_to_hospital_in_an_outbreak_stay_a_plain_figure():
    claims = _figures("Another 91 people have been admitted to hospital with measles.")
    assert [(c.kind, c.value) for c in claims] == [("numeric", 91)]


def test_a_condition_is_a_casualty_only_with_a_patients_state():
    assert _figures("Adults with at least one weight-related condition are eligible.") == []
    claims = _figures("Nine people remain in hospital, two of them in critical condition.")
    assert [(c.kind, c.value) for c in claims] == [("casualty", 9), ("casualty", 2)]


def test_no_one_is_nobody():
    assert _figures("No one was injured in the attack.") == []


def test_shelling_a_named_district_so_many_times_counts_attacks():
    claims = _figures("Russian troops shelled the Nikopol district 27 times.")
    assert [(c.kind, c.value, c.counted) for c in claims] == [("count", 27, "attacks")]
    assert _figures("He grew up in district 9.") == []


def test_a_bare_decimal_below_one_is_a_measured_figure():
    claims = _figures("A blood test showed a blood-alcohol level of 0.14 on Friday.")
    assert [(c.kind, c.value) for c in claims] == [("numeric", 0.14)]
    assert _figures("The alert level is 3.") == []


def test_one_in_five_and_nine_out_of_ten_are_shares():
    # The development set's gold counts these shares ("one in ten adults", "nine in ten GP
    # visits"); a fact-checker can verify them like any percentage.
    claims = _figures("One in five adults in the region is unemployed.")
    assert [(c.kind, c.value, c.unit, c.text) for c in claims] == [
        ("numeric", 0.2, "fraction", "One in five")
    ]
    claims = _figures("We shot down nine out of ten targets, and roughly one in 100 got through.")
    assert [(c.value, c.qualifier) for c in claims] == [(0.9, "exact"), (0.01, "about")]
    # Not a share: the second number is no round denominator, or is the larger one.
    claims = _figures("They shot down 15 out of 17 drones. Drones hit 19 in two schools.")
    assert [c.value for c in claims] == [15, 17, 19]


def test_a_hedge_before_a_minus_sign_qualifies_the_temperature():
    claims = _figures("Temperatures fell below minus 5C overnight.")
    assert [(c.value, c.qualifier, c.text) for c in claims] == [
        (-5, "fewer_than", "below minus 5C")
    ]


def test_a_little_over_and_slightly_less_than_are_bounds():
    claims = _figures("The alert lasted a little over three hours; slightly less than 40% voted.")
    assert [(c.value, c.qualifier) for c in claims] == [(3, "more_than"), (40, "fewer_than")]


def test_attacks_so_many_times_with_a_long_object():
    claims = _figures("Russian troops attacked Ukrainian positions on the southern front 18 times.")
    assert [(c.kind, c.value, c.counted) for c in claims] == [("count", 18, "attacks")]
    claims = _figures("He attacked his wife and stabbed her 11 times.")
    assert [(c.kind, c.value) for c in claims] == [("numeric", 11)]


def test_not_one_is_nobody():
    assert _figures("It is not one drone that can be explained as a mistake.") == []


def test_an_age_set_off_after_a_person_noun():
    assert _figures("The woman, 54, has shrapnel wounds to her arm.") == []


def test_from_to_without_a_verb_of_change_is_a_range():
    claims = _figures("Replacing a transformer takes from six to nine months.")
    assert [(c.value_min, c.value_max, c.qualifier) for c in claims] == [(6, 9, "range")]
    claims = _figures("The death toll rose from 5 to 9 overnight.")
    assert [(c.value, c.qualifier) for c in claims] == [(5, "exact"), (9, "exact")]


def test_a_number_before_a_participle_borrows_the_noun_before_it():
    claims = _figures(
        "Eleven drones were downed over Moscow region, including eight flying to Moscow."
    )
    assert [(c.kind, c.value) for c in claims] == [("count", 11), ("count", 8)]
    claims = _figures("By morning, 37 flights had been delayed and a further 12 cancelled.")
    assert [(c.value, c.counted) for c in claims] == [(37, "flights"), (12, "flights")]


def test_of_them_reaches_past_a_figure_with_a_unit():
    claims = _figures(
        "Its forces shot down 26 drones in the space of two hours, of them 19 over Kursk."
    )
    assert [(c.kind, c.value) for c in claims] == [("count", 26), ("numeric", 2), ("count", 19)]


def test_personnel_losses_are_casualties():
    claims = _figures("Ukrainian losses amounted to about 8,960 servicemen over the week.")
    assert [(c.kind, c.value, c.qualifier) for c in claims] == [("casualty", 8960, "about")]


def test_objects_in_the_air_are_counted_like_drones():
    claims = _figures("In total, 19 objects violated Polish airspace overnight.")
    assert [(c.kind, c.value) for c in claims] == [("count", 19)]
    claims = _figures("Police found 19 objects in the flat.")
    assert [(c.kind, c.value) for c in claims] == [("numeric", 19)]


def test_two_modifiers_joined_by_and_describe_one_noun():
    claims = _figures("Russia launched 40 cruise and ballistic missiles at Ukraine overnight.")
    assert [(c.kind, c.value, c.text) for c in claims] == [
        ("count", 40, "40 cruise and ballistic missiles")
    ]
    claims = _figures("Air defences intercepted 15 of the 18 suicide and strategic drones.")
    assert [(c.kind, c.value) for c in claims] == [("count", 15), ("count", 18)]


def test_a_weapon_named_after_were_is_what_a_bare_number_counts():
    claims = _figures("Nine of those were air strikes on Huliaipole, the governor said.")
    assert [(c.kind, c.value, c.counted) for c in claims] == [("count", 9, "strikes launched")]
    claims = _figures("Of these, 12 were ballistic missiles.")
    assert [(c.kind, c.value) for c in claims] == [("count", 12)]
    # A weapon word that only modifies the noun after it counts nothing.
    claims = _figures("Of the 30 people, 12 were drone operators.")
    assert [(c.kind, c.value) for c in claims] == [("numeric", 30), ("numeric", 12)]


def test_of_them_after_a_weapon_counts_that_weapon():
    claims = _figures(
        "Last month the enemy launched more than 6,000 drones.",
        "On a heavy night my brigade sees 80 or 90 of them.",
    )
    assert [(c.kind, c.value, c.qualifier) for c in claims] == [
        ("count", 6000, "more_than"),
        ("count", 80, "range"),
    ]
    # After people, "of them" with no verb stays unread: the kind cannot be told.
    assert [
        c.value for c in _figures("Five people were killed.", "Three of them were children.")
    ] == [5]

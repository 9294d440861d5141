from pathlib import Path

import pytest

from claims.pipeline.clean import clean
from claims.pipeline.publishers import canonical_publisher
from claims.pipeline.roles import assign_roles
from claims.pipeline.segment import split_sentences
from claims.pipeline.types import Document

SEED = Path(__file__).parent.parent.parent / "seeds" / "000_3ba770696fec4946.txt"
# The page furniture annotated by hand in the seed article's gold file.
SEED_FURNITURE = [
    "Skip to content",
    "LOOK: The ambassador who helped almost 800 Peruvians and Ecuadorians escape the war "
    "in Ukraine",
    "(Photo by Anatoliy Zhdanov / Kommersant Photo / AFP) (ANATOLIY ZHDANOV/)",
    "(Reference photo by Aris Messinis / AFP)",
    "Share this article:",
    "globalhappenings news.jpg",
    "most popular",
]


def run(text: str, title: str | None = None):
    document = clean(text)
    if title is not None:
        document = Document(text=document.text, title=title)
    return assign_roles(document, split_sentences(document.text))


def role_of(sentences, fragment: str) -> str:
    return next(s.role for s in sentences if fragment in s.text)


def roles_covering(sentences, start: int, end: int) -> list[str]:
    return [s.role for s in sentences if s.start < end and s.end > start]


@pytest.fixture(scope="module")
def seed():
    return run(SEED.read_text("utf-8"))


def test_seed_furniture_lines_are_never_body(seed):
    document, sentences = seed
    for line in SEED_FURNITURE:
        start = document.text.find(line)
        assert start != -1, line
        while start != -1:
            roles = roles_covering(sentences, start, start + len(line))
            assert roles and all(r in ("boilerplate", "caption") for r in roles), line
            start = document.text.find(line, start + 1)


def test_seed_headline_is_the_title_line(seed):
    document, sentences = seed
    headlines = [s.text for s in sentences if s.role == "headline"]
    assert headlines == [
        "From calls for peace to deadly drone strikes: Will the Chinese president\u2019s visit "
        "to Russia help?"
    ]
    assert document.title == headlines[0]


def test_seed_source_line_names_the_original_publisher(seed):
    document, sentences = seed
    assert document.original_publisher == "El Comercio"
    assert role_of(sentences, "Source: Elcomercio") == "boilerplate"


def test_seed_repeated_caption_counts_once(seed):
    _, sentences = seed
    copies = [s for s in sentences if s.text.startswith("Ukrainian military fire a 105mm")]
    assert [s.role for s in copies] == ["caption", "boilerplate"]
    assert role_of(sentences, "Chinese President Xi Jinping walks past") == "caption"


def test_seed_subheads_and_story_sentences_stay_body(seed):
    _, sentences = seed
    for fragment in ("A necessary ally for Moscow", "against the common enemy"):
        assert role_of(sentences, fragment) == "body"
    assert role_of(sentences, "The Ukrainian army managed to intercept 16.") == "body"
    assert role_of(sentences, "The President of Ukraine") == "body"


def test_seed_offsets_survive_role_assignment(seed):
    document, sentences = seed
    assert all(document.text[s.start : s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == list(range(len(sentences)))


ARTICLE = "Bridge reopens after repairs\n\nThe bridge reopened on Monday after 14 months.\n\n{}"


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Share this article:",
        "Share on Facebook",
        "Facebook | Twitter | WhatsApp",
        "bridge-opening_2023.jpg",
        "LOOK: Ten bridges you can cross on foot",
        "READ ALSO: City budget falls short",
        "Read more: Why repairs took so long",
        "Related: Ferry service ends",
        "Most popular",
        "Advertisement",
        "Sign up for our daily newsletter",
        "Subscribe to the morning briefing for the top stories",
        "Source: Elcomercio",
        "© 2023 Daily Planet. All rights reserved.",
        "By Marta Ruiz and TOMÁS VEGA",
        "By Marta Ruiz, Transport Correspondent",
        "Reporting by Marta Ruiz in Rivera; Editing by Tomás Vega",
        "(Additional reporting by Tomás Vega in Lima)",
        "Associated Press writer Tomás Vega in Lima contributed to this report.",
        "March 3, 2025 9:41 PM UTC Updated 2 hours ago",
        "Thu 14 Mar 2024 18.32 GMT",
        "Our Standards: The Trust Principles.",
        "Image source, Getty Images",
        "Video, Drone footage of the bridge",
        "Subscribe for only $1 for 6 months.",
        "Share on Facebook | Share on WhatsApp | Email this story",
        "Marta Ruiz covers transport. She can be reached at mruiz@planet.com or 555-0100.",
        "Business",
        "Crime & Courts",
        "Associated Press writers Ana Lima and Tomás Vega contributed.",
        "This article was originally published by The Rivera Planet.",
        "Download our app for the latest news",
        "Keep reading: Ferry service ends after 40 years",
    ],
)
def test_page_furniture_is_boilerplate(line):
    _, sentences = run(ARTICLE.format(line))
    carried = [s for s in sentences if s.text in line]
    assert carried and all(s.role == "boilerplate" for s in carried)


@pytest.mark.parametrize(
    "line",
    [
        "Workers paint the railings on Sunday. (Photo by Ana Lima / AFP)",
        "Workers paint the railings on Sunday. (Reference photo by Ana Lima / Reuters)",
        "Photo: Ana Lima",
        "Credit: City of Rivera",
        "Workers paint the railings on Sunday. Getty Images",
        "Workers paint the railings. (AP Photo/Ana Lima)",
        "Workers paint the railings on Sunday. (ANA LIMA/)",
        "Workers paint the railings on Sunday. Photo: Ana Lima / Planet",
        "Workers paint the railings on Sunday. Photograph: Ana Lima/Reuters",
        "Workers paint the railings in Rivera, March 3, 2025. REUTERS/Ana Lima/File Photo",
        "Workers paint the railings in Rivera. City of Rivera/Handout via REUTERS",
        "Workers paint the railings on Sunday. (Planet/Ana Lima)",
        "Image caption, Workers paint the railings, which cost 2 million euros",
        "Workers paint the railings on Sunday. Photographer: Ana Lima/Bloomberg",
    ],
)
def test_photo_captions_and_credits_are_captions(line):
    _, sentences = run(ARTICLE.format(line))
    carried = [s for s in sentences if s.text in line]
    assert carried and all(s.role == "caption" for s in carried)


@pytest.mark.parametrize(
    "sentence",
    [
        "Shares of the operator fell 4% on the news.",
        "More than 2,000 cars cross the bridge each day.",
        "Sources said the contractor was paid 3 million euros.",
        "Read the full report at the council office, officials said.",
        "By Tuesday, 40 people had crossed the new bridge.",
        "Emergency services can be reached at 112 at any hour, she said.",
        "Reporters were told by the mayor that the bridge cost 3 million euros.",
        "Rising costs and delays contributed.",
    ],
)
def test_story_sentences_resembling_furniture_stay_body(sentence):
    _, sentences = run(ARTICLE.format(sentence))
    assert role_of(sentences, sentence[:20]) == "body"


def test_identical_caption_repeated_later_becomes_boilerplate():
    caption = "Workers paint the railings on Sunday. (Photo by Ana Lima / AFP)"
    text = ARTICLE.format(f"{caption}\n\nTraffic was light.\n\n{caption}")
    _, sentences = run(text)
    roles = [s.role for s in sentences if s.text in caption]
    assert roles == ["caption", "caption", "boilerplate", "boilerplate"]


def test_headline_is_the_line_equal_to_the_known_title():
    text = "World\n\nBridge reopens after repairs\n\nThe bridge reopened on Monday."
    _, sentences = run(text, title="Bridge Reopens After Repairs")
    assert role_of(sentences, "Bridge reopens") == "headline"
    assert role_of(sentences, "World") == "boilerplate"  # a section label


def test_title_is_filled_in_from_the_headline_when_unknown():
    document, _ = run(ARTICLE.format("Traffic was light."))
    assert document.title == "Bridge reopens after repairs"


def test_kicker_and_byline_before_the_title_are_passed_over():
    text = "WORLD\n\nBy Ana Lima\n\nBridge reopens after repairs\n\nThe bridge reopened."
    document, sentences = run(text)
    assert role_of(sentences, "Bridge reopens") == "headline"
    assert role_of(sentences, "WORLD") == "boilerplate"
    assert role_of(sentences, "By Ana Lima") == "boilerplate"
    assert document.title == "Bridge reopens after repairs"


def test_prose_opening_is_not_taken_for_a_headline():
    text = "The bridge reopened on Monday after 14 months.\n\nTraffic was light."
    document, sentences = run(text)
    assert {s.role for s in sentences} == {"body"}
    assert document.title is None


def test_section_subheads_after_the_headline_are_body():
    text = ARTICLE.format("What comes next\n\nThe council will vote in May.")
    _, sentences = run(text)
    assert role_of(sentences, "What comes next") == "body"
    assert [s.role for s in sentences].count("headline") == 1


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Elcomercio", "El Comercio"),
        ("elcomercio.pe", "El Comercio"),
        ("AP", "Associated Press"),
        ("Associated Press", "Associated Press"),
        ("AFP", "Agence France-Presse"),
        ("reuters", "Reuters"),
        ("daily courier", "Daily Courier"),
        ("the McClatchy papers", "The McClatchy Papers"),
    ],
)
def test_publisher_names_are_canonical(written, canonical):
    assert canonical_publisher(written) == canonical


def test_source_line_sets_publisher_title_cased_when_unknown():
    document, _ = run(ARTICLE.format("Source: northern herald"))
    assert document.original_publisher == "Northern Herald"


def test_links_under_a_teaser_header_are_boilerplate():
    text = ARTICLE.format(
        "Traffic was light on the first day.\n\nRead Next\n\nFerry to close 3 of its 8 piers\n\n"
        "Council to vote on budget"
    )
    _, sentences = run(text)
    assert role_of(sentences, "Ferry to close") == "boilerplate"
    assert role_of(sentences, "Council to vote") == "boilerplate"
    assert role_of(sentences, "Traffic was light") == "body"


def test_name_lines_between_headline_and_story_are_bylines():
    story = "The bridge reopened on Monday after 14 months of repairs that cost the city " * 2
    text = f"Bridge reopens after repairs\n\nMarta Ruiz\n\nThe Rivera Planet\n\n{story}"
    _, sentences = run(text)
    assert role_of(sentences, "Marta Ruiz") == "boilerplate"
    assert role_of(sentences, "The Rivera Planet") == "boilerplate"
    assert role_of(sentences, "Bridge reopens") == "headline"


def test_a_source_line_with_a_republishing_note_names_the_publisher():
    document, sentences = run(
        ARTICLE.format("Source: Sudan Daily Monitor / translated from Arabic")
    )
    assert document.original_publisher == "Sudan Daily Monitor"
    assert role_of(sentences, "Source: Sudan") == "boilerplate"
    document, _ = run(ARTICLE.format("Source: Novyny Tyzhnia, translated and republished"))
    assert document.original_publisher == "Novyny Tyzhnia"
    # A sentence that happens to open with "Source:" is no credit line.
    _, sentences = run(ARTICLE.format("Source: the ministry, which said that 12 people had died."))
    assert role_of(sentences, "which said that 12") == "body"


@pytest.mark.parametrize(
    "line",
    [
        "Comments (14)",
        "Like 215 | Share",
        "Reading time: 4 min",
        "5 min read",
        "Published 14/03/2027 - 09:42 | Updated 14/03/2027 - 13:05",
        "Facebook Telegram Viber",
        "This interview has been edited for length and clarity.",
    ],
)
def test_counters_reading_times_and_numeric_date_lines_are_boilerplate(line):
    _, sentences = run(ARTICLE.format(line))
    assert role_of(sentences, line[:10]) == "boilerplate"

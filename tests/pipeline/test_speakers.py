# Typographic quote marks and apostrophes are what this file is about.
# ruff: noqa: RUF001
"""People in an article: name mentions, titles, canonical names and pronoun targets."""

from __future__ import annotations

import pytest

from claims.pipeline._mentions import find_mentions, role_after, role_before
from claims.pipeline._names import (
    PersonRegistry,
    edit_distance,
    fold,
    givens_match,
    lexicon_entry,
    surnames_match,
)
from claims.pipeline._quote_marks import find_quote_spans
from claims.pipeline.speakers import SpeakerIndex, SpeakerRef


def index_of(text: str) -> SpeakerIndex:
    spans, paras = find_quote_spans(text)
    return SpeakerIndex(text, spans, [], paras)


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("US Secretary of State Antony Blinken", "person", "Antony Blinken"),
        ("Although Putin left", "single", "Putin"),
        ("the United States agreed", "place", "United States"),
        ("the International Criminal Court ruled", "org", "International Criminal Court"),
        ("the Group of Seven met", "org", "Group of Seven"),
        ("Russian Foreign Minister", "title", "Russian Foreign Minister"),
        ("Ursula von der Leyen spoke", "person", "Ursula von der Leyen"),
        ("Bashar al-Assad spoke", "person", "Bashar al-Assad"),
        ("(Photo by ANATOLIY ZHDANOV)", "other", "ANATOLIY ZHDANOV"),
        ("Energy Minister German Lutsenko said", "person", "German Lutsenko"),
    ],
)
def test_capitalised_runs_are_read_as_their_kind(text, kind, name):
    mentions = [m for m in find_mentions(text) if m.kind == kind]
    assert [text[m.start : m.end] for m in mentions] == [name]


def test_possessive_is_stripped_from_the_name():
    text = "It was Xi Jinping’s visit."
    [mention] = [m for m in find_mentions(text) if m.kind == "person"]
    assert (text[mention.start : mention.end], mention.possessive) == ("Xi Jinping", True)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Japanese Prime Minister Fumio Kishida left.", "Fumio Kishida", "Japanese Prime Minister"),
        ("Kremlin spokesman Dmitry Peskov said so.", "Dmitry Peskov", "Kremlin spokesman"),
        (
            "the Russian Foreign Minister, Sergei Lavrov, said",
            "Sergei Lavrov",
            "Russian Foreign Minister",
        ),
        ("the government of President Ion Rusu fell.", "Ion Rusu", "President"),
        ("In Moscow, Ion Rusu said", "Ion Rusu", None),
    ],
)
def test_title_before_a_name(text, name, role):
    assert role_before(text, text.index(name)) == role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Peskov, the Kremlin spokesman, told reporters", "Kremlin spokesman"),
        ("Sirko, a resident of Kherson, said", "resident of Kherson"),
        ("Rusu, who leads the party, said", None),
    ],
)
def test_appositive_after_a_name(text, role):
    name = text.split(",")[0]
    assert role_after(text, len(name)) == role


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("zelensky", "zelenski", True),
        ("zelensky", "zelenskyy", True),
        ("zelensky", "zelenska", False),
        ("petrov", "petrova", False),
        ("biden", "bidden", True),
        ("xi", "li", False),
        ("kuleba", "shmyhal", False),
    ],
)
def test_family_names_match_within_a_small_edit_distance(a, b, same):
    assert surnames_match(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("volodimir",), ("volodymyr",), True),
        (("j",), ("joe",), True),
        (("joe",), ("jill",), False),
        ((), ("hunter",), True),
        (("tayyip",), ("recep", "tayyip"), True),
    ],
)
def test_given_names_are_compatible_when_close_or_initials(a, b, same):
    assert givens_match(a, b) is same


def test_edit_distance_stops_past_its_limit():
    assert edit_distance("kitten", "sitting", 3) == 3
    assert edit_distance("a", "abcdef", 2) == 3


def test_fold_drops_diacritics_and_punctuation():
    assert fold("Erdoğan’s") == "erdogans"


@pytest.mark.parametrize(
    ("given", "surname", "canonical"),
    [
        (("vladimir",), "zelensky", "Volodymyr Zelensky"),
        ((), "selenskyj", "Volodymyr Zelensky"),
        (("olena",), "zelenska", "Olena Zelenska"),
        (("hunter",), "biden", None),
    ],
)
def test_lexicon_knows_frequent_transliterations(given, surname, canonical):
    assert lexicon_entry(given, surname) == canonical


def test_registry_merges_variants_and_keeps_different_people_apart():
    registry = PersonRegistry()
    a = registry.add_full(("Volodimir", "Zelensky"), 0)
    b = registry.add_full(("Volodymyr", "Zelensky"), 10)
    c = registry.add_full(("Olena", "Zelenska"), 20)
    d = registry.add_full(("Joe", "Bayden"), 30)
    e = registry.add_full(("Jill", "Bayden"), 40)
    assert a == b
    assert len({a, c, d, e}) == 4
    assert registry.attach("Zelenski", 50) == a
    assert registry.people[a].canonical == "Volodymyr Zelensky"


def test_bare_surname_goes_to_the_most_recent_namesake():
    registry = PersonRegistry()
    joe = registry.add_full(("Joe", "Bayden"), 0)
    jill = registry.add_full(("Jill", "Bayden"), 100)
    assert registry.attach("Bayden", 50) == joe
    assert registry.attach("Bayden", 150) == jill


def test_canonical_name_is_the_fullest_form():
    registry = PersonRegistry()
    pid = registry.add_full(("Ion", "Rusu"), 0)
    registry.add_full(("Ion", "Vasile", "Rusu"), 10)
    assert registry.people[pid].canonical == "Ion Vasile Rusu"


def test_pronoun_skips_people_of_the_other_gender():
    text = "Anna Petrenko met Igor Sokolov. Later she spoke."
    index = index_of(text)
    at = text.index("she")
    ref = SpeakerRef("pronoun", at, at + 3, "she")
    assert index.speaker_of(ref).name == "Anna Petrenko"


def test_role_phrase_resolves_to_the_last_person_with_that_title():
    text = "Defence Minister Petro Danylenko arrived. The minister spoke."
    index = index_of(text)
    at = text.index("minister spoke")
    speaker = index.speaker_of(SpeakerRef("role", at, at + 8, "minister"))
    assert (speaker.name, speaker.role) == ("Petro Danylenko", "Defence Minister")


def test_person_role_prefers_the_most_specific_title():
    text = "President Ion Rusu arrived. The President of Moldavia, Ion Rusu, spoke."
    index = index_of(text)
    [person] = index.registry.people
    assert person.role == "President of Moldavia"

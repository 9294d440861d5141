# Typographic quote marks and apostrophes are what this file is about.
# ruff: noqa: RUF001
"""Speaker phrases and the small lexicons that resolve them: relatives named after a
family ("Haddad's widow, Leila"), titles that stand for a person named earlier ("the
president"), and roles that name one another ("the judge" for "Mr Justice Hartley")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.pipeline._mentions import base, is_role_noun
from claims.pipeline._name_lexicon import NATIONALITIES, TITLE_WORDS
from claims.pipeline._speech_lexicon import ORG_NOUNS as ORG_HEADS


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """A phrase that names a speaker: a person, an organisation, a role or a pronoun."""

    kind: str  # person | org | role | orgnoun | pronoun
    start: int
    end: int
    text: str
    person: int | None = None
    role: str | None = None
    # The phrase had "the" ("the minister"), so it refers back to someone known.
    definite: bool = False


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: canonical name (or None) and role."""

    name: str | None
    role: str | None = None
    person: int | None = None


_KIN_NOUNS = (
    "widow|widower|wife|husband|son|daughter|mother|father|brother|sister|partner|fiancée|"
    "fiancee|fiancé|fiance|niece|nephew|grandson|granddaughter|grandmother|grandfather"
)
KIN_BEFORE_RE = re.compile(
    rf"(?<![\w'’])([A-ZÀ-Þ][\w\-]+)['’]s[ \t]+(?:[a-z]+[ \t]+)?({_KIN_NOUNS}),[ \t]*$"
)
PRONOUN_KIN_RE = re.compile(
    rf"(?<![\w'’])(?:[Hh]er|[Hh]is|[Tt]heir)[ \t]+(?:[a-z]+[ \t]+)?({_KIN_NOUNS}),[ \t]*$"
)
KIN_GENDER = {
    "widow": "f",
    "wife": "f",
    "mother": "f",
    "daughter": "f",
    "sister": "f",
    "niece": "f",
    "granddaughter": "f",
    "grandmother": "f",
    "widower": "m",
    "husband": "m",
    "father": "m",
    "son": "m",
    "brother": "m",
    "nephew": "m",
    "grandson": "m",
    "grandfather": "m",
}


def head_noun(phrase: str) -> str:
    """The role or organisation noun a phrase is about ("mayor" in "the mayor of Sumy")."""
    words = [base(w) for w in phrase.split()]
    for word in reversed(words):
        if is_role_noun(word) or word in ORG_HEADS:
            return word
    return words[-1] if words else ""


# A definite role that names a person introduced under another title ("Mr Justice
# Hartley … the judge said").
ROLE_SYNONYMS = {
    "judge": ("judge", "justice"),
    "prosecutor": ("prosecutor", "prosecuting", "attorney"),
    "officer": ("officer", "inspector", "detective", "sergeant", "constable"),
    "detective": ("detective", "inspector"),
}

# Titles that an article uses instead of a name it has already given ("the president").
_BACK_REFERRING_TITLES = frozenset(
    (
        "president",
        "minister",
        "chancellor",
        "premier",
        "leader",
        "secretary",
        "king",
        "queen",
        "pope",
        "governor",
        "mayor",
        "commander",
        "general",
        "envoy",
        "ambassador",
    )
)


def refers_back(phrase: str) -> bool:
    """Whether a definite title can stand for a person named earlier: its head is a
    high office and its other words are titles or qualifiers ("the Russian president"),
    not another owner ("the Kremlin's envoy")."""
    words = phrase.split()
    if not words or base(words[-1]) not in _BACK_REFERRING_TITLES:
        return False
    return all(
        w.lower() in TITLE_WORDS
        or base(w) in NATIONALITIES
        or (w[:1].isupper() and base(w) == w.lower())
        for w in words[:-1]
    )

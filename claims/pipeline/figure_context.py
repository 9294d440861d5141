"""Readings of a figure that depend on the words around it, not on its noun.

Earthquake magnitudes ("a magnitude 6.5 quake", "measuring 5.4"), temperatures below
zero ("minus 6 degrees"), "over" meaning "because of" ("jailed over $310m fraud"),
negated bounds ("have not fallen below 30C"), and the subject a bare figure reports on
("Deaths fell to 48,422"). Each check reads a bounded window next to the number.
"""

from __future__ import annotations

import re

from claims.pipeline.figure_nouns import Token, TokenView
from claims.pipeline.figure_words import CHANGE_VERBS
from claims.pipeline.lexicon import CASUALTY_HEADS, STOP_WORDS, UNCOUNTED_NOUNS
from claims.pipeline.types import Qualifier

_S = r"[ \u00a0]+"
# "magnitude 6.0", "a magnitude of 7.6", "measuring 5.4", "registered 4.9 on the Richter scale".
_MAGNITUDE_BEFORE_RE = re.compile(
    rf"\b(?:magnitude(?:{_S}of)?|measuring|measured|registering|registered"
    rf"|(?:richter|moment){_S}scale(?:{_S}of)?|put{_S}(?:it|the{_S}magnitude)[\w \u00a0]{{0,20}}"
    rf"{_S}at){_S}$",
    re.I,
)
_MAGNITUDE_AFTER_RE = re.compile(
    r"[ \u00a0-]?magnitude\b|[ \u00a0]+on[ \u00a0]+the[ \u00a0]+richter", re.I
)
_QUAKE_RE = re.compile(r"\b(?:magnitude|(?:earth)?quakes?|tremors?|aftershocks?)\b", re.I)
_MAX_MAGNITUDE = 10
_QUAKE_WINDOW = 300
_MINUS_RE = re.compile(r"(?:\bminus[ \u00a0]+|(?<![\w.,])[-\u2212])$", re.I)
# After "over" and a sum, a noun says what the dispute was about: "over $310m fraud".
_OVER_NOT_BEFORE = frozenset(("worth", "more", "less", "each", "apiece", "annually", "yearly"))
_NEXT_WORD_RE = re.compile(r"[ \u00a0]+([A-Za-z][\w'\u2019-]*)")
_NEGATION_RE = re.compile(
    r"\b(?:not|never|n['\u2019]t)(?:[ \u00a0]+(?:yet|once|even|been|have|has|had))?"
    r"(?:[ \u00a0]+[a-z]+(?:ed|en|ne|t))?[ \u00a0]+$",
    re.I,
)
_NEGATED: dict[str, Qualifier] = {"fewer_than": "at_least", "more_than": "up_to"}
_LEVEL_PREPOSITIONS = frozenset(("to", "at", "past", "from", "by"))


def magnitude_start(text: str, start: int, end: int, lo: int, hi: int, value: float) -> int | None:
    """Where the magnitude phrase of an earthquake starts ("magnitude 6.0"), if it is one."""
    if value >= _MAX_MAGNITUDE or value <= 0:
        return None
    floor = max(lo, start - 40)
    # A window around the number, so that a huge sentence is not rescanned per number.
    near_lo, near_hi = max(lo, start - _QUAKE_WINDOW), min(hi, end + _QUAKE_WINDOW)
    before = _MAGNITUDE_BEFORE_RE.search(text, floor, start)
    if before is not None:
        if "magnitude" in before.group().lower() or _QUAKE_RE.search(text, near_lo, near_hi):
            return before.start()
        return None
    if _MAGNITUDE_AFTER_RE.match(text, end, hi):
        return start if _QUAKE_RE.search(text, near_lo, near_hi) else None  # "6.8-magnitude"
    # "The USGS put the magnitude slightly lower, at 7.5": a decimal in a quake sentence.
    if not value.is_integer() and text[floor:start].endswith(("at ", "of ")):
        return start if "magnitude" in text[near_lo:near_hi].lower() else None
    return None


def minus_sign(text: str, start: int, lo: int) -> int | None:
    """Where a "minus" or "-" written before a temperature starts, if there is one."""
    found = _MINUS_RE.search(text, max(lo, start - 7), start)
    return found.start() if found else None


def over_means_about(text: str, end: int, hi: int) -> bool:
    """ "jailed over $310m fraud": a noun right after the sum, so "over" is "because of"."""
    following = _NEXT_WORD_RE.match(text, end, hi)
    if following is None:
        return False
    word = following.group(1).lower()
    return word not in STOP_WORDS and word not in _OVER_NOT_BEFORE and not word.endswith("ly")


def negated(qualifier: Qualifier | None, text: str, start: int, lo: int) -> Qualifier | None:
    """ "have not fallen below 30C" is at least 30; "did not exceed 5%" is up to 5."""
    if qualifier not in _NEGATED:
        return qualifier
    if _NEGATION_RE.search(text, max(lo, start - 30), start):
        return _NEGATED[qualifier]
    return qualifier


def reported_subject(view: TokenView, start: int) -> str | None:
    """The plural noun a bare level reports on: "Confirmed cases have risen to 1,342".

    The figure must follow a change verb and one of "to", "at", "past", "from"; the noun is
    the head of the first noun phrase of the clause before the verb.
    """
    first = view.index(start)
    tokens = view.tokens
    k = first - 1
    if k >= 0 and tokens[k].low in _LEVEL_PREPOSITIONS:
        k -= 1
    if k < 0 or tokens[k].low not in CHANGE_VERBS:
        return None
    clause = _clause_before(tokens, k)
    casualty = next((t.text for t in clause if t.low in CASUALTY_HEADS), None)
    if casualty is not None:
        return casualty.lower()
    for i, token in enumerate(clause):
        if _plural(token):
            # "measles cases": the head is the last of a run of nouns.
            while i + 1 < len(clause) and _plural(clause[i + 1]):
                i += 1
            return clause[i].low
    return None


def _clause_before(tokens: list[Token], verb: int) -> list[Token]:
    out: list[Token] = []
    for k in range(verb - 1, max(-1, verb - 16), -1):
        if tokens[k].low in (".", ";", ":", "?", "!"):
            break
        out.append(tokens[k])
    return out[::-1]


def _plural(token: Token) -> bool:
    low = token.low
    return (
        len(low) > 3
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is", "'s", "\u2019s"))
        and low not in STOP_WORDS
        and low not in UNCOUNTED_NOUNS
        and low not in CHANGE_VERBS
    )

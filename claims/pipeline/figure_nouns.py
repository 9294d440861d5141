"""What a figure counts: the noun (or unit) written after it.

Everything here reads a bounded window of tokens next to one number, so the cost per
figure is constant however long the sentence is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

from claims.pipeline.lexicon import (
    CASUALTY_HEADS,
    EQUIPMENT_NOUNS,
    PARTITIVE_DETERMINERS,
    PARTITIVE_ELIDED,
    PERSON_NOUNS,
    STOP_WORDS,
    UNCOUNTED_NOUNS,
    WEAPON_NOUNS,
)
from claims.pipeline.measures import UNITS
from claims.pipeline.numbers import parse_number

TOKEN_RE = re.compile(r"[^\W\d_][\w'\u2019]*(?:-[\w'\u2019]+)*|\d[\d,.]*\d|\d|[^\w\s]")

_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "'s", "\u2019s", "ous")


# Words an adjective run may hold before its noun: "five additional strategic air defence systems".
_MAX_MODIFIERS = 4
# Casualty words that head a figure only right after it: "seven killed", not "6.8 quake killed".
_PARTICIPLES = frozenset(("killed", "injured", "wounded", "hurt", "missing", "dead"))


class Token(NamedTuple):
    """One word or punctuation mark with its offsets into the text, and its lower case."""

    text: str
    start: int
    end: int
    low: str


@dataclass(frozen=True, slots=True)
class Head:
    """The counted noun after a figure; ``noun`` is ``None`` when the text elides it."""

    noun: str | None
    end: int
    modifiers: tuple[str, ...] = ()
    unit: str | None = None
    outcome: str | None = None  # "injured" in "12 wounded soldiers"
    partitive: bool = False


def tokens_between(text: str, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    return [
        Token(word := m.group(), m.start(), m.end(), word.lower())
        for m in TOKEN_RE.finditer(text, start, end)
    ]


class TokenView:
    """The tokens of a sentence (or of a window of a long one), read once and shared."""

    def __init__(self, text: str, start: int, end: int):
        self.start, self.end = start, end
        self.tokens = tokens_between(text, start, end)
        self.starts = [t.start for t in self.tokens]

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside the tokenised stretch."""
        return self.start <= start and end <= self.end

    def index(self, position: int) -> int:
        """Index of the first token starting at or after ``position``."""
        return bisect_left(self.starts, position)


def is_number_token(token: Token) -> bool:
    """Digits, or a number word such as "seven"."""
    return token.text[0].isdigit() or parse_number(token.low) is not None


_CLOSING_QUOTES = frozenset(('"', "\u201d"))
_SPEECH_AFTER = frozenset(("said", "says", "told", "added", "wrote", "according"))
_OWNED = ("'s", "\u2019s")


def find_head(view: TokenView, end: int) -> Head:
    """Read the counted noun (or unit) following a number that ends at ``end``."""
    first = view.index(end)
    tokens = view.tokens[first : first + 10]
    i, partitive = 0, False
    if (
        len(tokens) > 1
        and tokens[0].text in _CLOSING_QUOTES
        and tokens[0].start == end
        and tokens[1].text[0].islower()
        and tokens[1].low not in _SPEECH_AFTER
    ):
        i = 1  # 'need "at least 25" more systems': a partial quote ends inside the phrase
    if len(tokens) > 1 and tokens[0].low == "out" and tokens[1].low == "of":
        i = 1
    if i < len(tokens) and tokens[i].low == "of":
        partitive = True
        i += 1
        if i < len(tokens) and tokens[i].low in PARTITIVE_ELIDED:
            return Head(None, tokens[i].end, partitive=True)
        owner = False
        if i < len(tokens) and tokens[i].low in PARTITIVE_DETERMINERS:
            i += 1
            if i < len(tokens) and tokens[i].low.endswith(("'s", "\u2019s")):
                i += 1  # "23 of the alliance's 32 members"
        elif i < len(tokens) and tokens[i].text[0].isupper() and tokens[i].low.endswith(_OWNED):
            i, owner = i + 1, True  # "16 of Gaza's 36 hospitals"
        if i < len(tokens) and is_number_token(tokens[i]):
            i += 1
        elif owner or i == 1 or tokens[i - 1].low not in PARTITIVE_DETERMINERS:
            return Head(None, end, partitive=True)
        # "41 of the drones": the noun after the determiner is what the 41 are.
    modifiers: list[str] = []
    while i < len(tokens) and len(modifiers) <= _MAX_MODIFIERS:
        token, low = tokens[i], tokens[i].low
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if low == "times" and not modifiers:
            return Head("times", token.end, partitive=partitive)  # "stabbed 11 times"
        if not token.text[0].isalpha():
            if token.text[0].isdigit() and modifiers and modifiers[-1][0].isupper():
                modifiers.append(token.text)  # a model number: "18 Leopard 2 tanks"
                i += 1
                continue
            break
        unit = _unit(low, nxt)
        if unit and not modifiers:
            last = nxt if unit.startswith(("square", "percentage", "basis")) and nxt else token
            return Head(unit, last.end, unit=unit, partitive=partitive)
        if low in CASUALTY_HEADS and not (modifiers and low in _PARTICIPLES):
            if nxt is not None and nxt.low in PERSON_NOUNS:
                return Head(
                    nxt.low, nxt.end, tuple(modifiers), None, CASUALTY_HEADS[low], partitive
                )
            return Head(low, token.end, tuple(modifiers), partitive=partitive)
        weapon_modifier = (
            low in WEAPON_NOUNS and nxt is not None and nxt.text[0].islower() and _is_plural(nxt)
        )  # "31 shell casings", "12 missile fragments"
        if (low in PERSON_NOUNS or low in WEAPON_NOUNS or low in EQUIPMENT_NOUNS) and not (
            weapon_modifier
        ):
            return Head(low, token.end, tuple(modifiers), partitive=partitive)
        if (
            low in ("and", "or")
            and modifiers
            and nxt is not None
            and nxt.text.isalpha()
            and nxt.text.islower()
            and nxt.low not in STOP_WORDS
        ):
            i += 1  # "40 cruise and ballistic missiles": two modifiers of one noun
            continue
        if low in STOP_WORDS or low.endswith("ly") or low in UNCOUNTED_NOUNS:
            break
        if _is_plural(token) and not (
            nxt is not None and _is_plural(nxt) and nxt.text[0].islower()
        ):
            return Head(
                low if token.text[0].islower() else token.text,
                token.end,
                tuple(modifiers),
                partitive=partitive,
            )
        modifiers.append(token.text)
        i += 1
    return Head(None, end, partitive=partitive)


def _unit(low: str, nxt: Token | None) -> str | None:
    if low in ("square", "sq") and nxt is not None and nxt.low.rstrip(".") in UNITS:
        return "square " + UNITS[nxt.low.rstrip(".")]
    if low == "percentage" and nxt is not None and nxt.low in ("points", "point"):
        return "percentage points"
    if low == "basis" and nxt is not None and nxt.low in ("points", "point"):
        return "basis points"
    if low in ("points", "m"):
        return None  # "points" of a plan, "m" of a name: both too ambiguous written out
    return UNITS.get(low)


def _is_plural(token: Token) -> bool:
    low = token.low
    return (
        len(low) > 3
        and low.endswith("s")
        and not low.endswith(_NOT_PLURAL_ENDINGS)
        and low not in STOP_WORDS
        and low not in UNCOUNTED_NOUNS
        and "-" not in low[-3:]
    )

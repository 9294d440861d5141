"""What a figure counts: the noun after it, and the verbs around it that say what happened.

Everything here reads a bounded window of tokens next to one number, so the cost per
figure is constant however long the sentence is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from claims.pipeline.lexicon import (
    AUXILIARIES,
    CASUALTY_HEADS,
    CASUALTY_SIGNALS,
    COUNT_VERBS,
    EQUIPMENT_NOUNS,
    NUMERIC_VERBS,
    PARTITIVE_DETERMINERS,
    PARTITIVE_ELIDED,
    PERSON_NOUNS,
    SHOOT_WORDS,
    STOP_WORDS,
    UNCOUNTED_NOUNS,
    WEAPON_NOUNS,
)
from claims.pipeline.measures import UNITS
from claims.pipeline.numbers import parse_number

TOKEN_RE = re.compile(r"[^\W\d_][\w'\u2019]*(?:-[\w'\u2019]+)*|\d[\d,.]*\d|\d|[^\w\s]")

_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "'s", "\u2019s", "ous")


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


@dataclass(frozen=True, slots=True)
class Signal:
    """A verb or noun near a figure naming what happened ("killed", "intercepted")."""

    category: str  # "casualty", "count" or "numeric"
    meaning: str
    distance: int
    token: Token
    before: bool = field(default=False)
    # Nothing at all between the figure and the word: "drones launched by Russia".
    direct: bool = field(default=False)
    # An auxiliary stands between them: "16 were intercepted".
    finite: bool = field(default=False)


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


def find_head(view: TokenView, end: int) -> Head:
    """Read the counted noun (or unit) following a number that ends at ``end``."""
    first = view.index(end)
    tokens = view.tokens[first : first + 10]
    i, partitive = 0, False
    if len(tokens) > 1 and tokens[0].low == "out" and tokens[1].low == "of":
        i = 1
    if i < len(tokens) and tokens[i].low == "of":
        partitive = True
        i += 1
        if i < len(tokens) and tokens[i].low in PARTITIVE_ELIDED:
            return Head(None, tokens[i].end, partitive=True)
        if i < len(tokens) and tokens[i].low in PARTITIVE_DETERMINERS:
            i += 1
        if i < len(tokens) and is_number_token(tokens[i]):
            i += 1
        else:
            return Head(None, end, partitive=True)
    modifiers: list[str] = []
    while i < len(tokens) and len(modifiers) <= 3:
        token, low = tokens[i], tokens[i].low
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
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
        if low in PERSON_NOUNS or low in WEAPON_NOUNS or low in EQUIPMENT_NOUNS:
            return Head(low, token.end, tuple(modifiers), partitive=partitive)
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


def find_signals(view: TokenView, start: int, end: int) -> list[Signal]:
    """Casualty, count and numeric words before ``start`` and after ``end``, nearest first.

    On a tie the word before wins: in "intercepted 16 drones launched by Russia" the 16
    were intercepted; "launched" only describes the drones.
    """
    signals = []
    tokens = view.tokens
    first = view.index(start)
    distance = 0
    for k in range(first - 1, max(-1, first - 14), -1):
        token = tokens[k]
        low = token.low
        if low in _CLAUSE_ENDS:
            break
        if low in _SIGNAL_WORDS:
            following = tokens[k + 1].low if k + 1 < len(tokens) else ""
            signal = _signal(token, following, distance, before=True, direct=k == first - 1)
            if signal and (distance <= 4 or (signal.meaning == "killed" and low == "toll")):
                signals.append(signal)
        if low not in AUXILIARIES:
            distance += 1
    signals.extend(_signals_after(tokens, view.index(end)))
    signals.sort(key=_closeness)
    return signals


def _closeness(signal: Signal) -> tuple[int, int]:
    """Nearest first; on a tie a verb after an auxiliary ("16 were intercepted") comes first,
    then a verb before ("intercepted 16 drones"), then a bare participle after, which mostly
    describes the noun ("drones launched by Russia")."""
    if signal.before:
        return signal.distance, 1
    return signal.distance, 0 if signal.finite else 2


def _signals_after(tokens: list[Token], first: int) -> list[Signal]:
    """Signals after a figure; an aside between commas is skipped as one step."""
    signals = []
    distance, k, finite = 0, first, False
    stop = min(len(tokens), first + 16)
    while k < stop and distance <= 6:
        token = tokens[k]
        low = token.low
        if low in _CLAUSE_ENDS:
            break
        if low == ",":
            closing = _closing_comma(tokens, k, stop)
            if closing is not None:
                k, distance = closing + 1, distance + 1
                continue
        if low in _SIGNAL_WORDS:
            following = tokens[k + 1].low if k + 1 < len(tokens) else ""
            signal = _signal(token, following, distance, before=False, direct=k == first)
            if signal:
                signals.append(replace(signal, finite=finite))
        if low in AUXILIARIES:
            finite = True
        else:
            distance += 1
        k += 1
    return signals


def _closing_comma(tokens: list[Token], k: int, stop: int) -> int | None:
    """The comma closing an aside opened at ``k`` ("12 people, most of them children, …")."""
    for j in range(k + 1, min(stop, k + 9)):
        low = tokens[j].low
        if low == ",":
            return j if j > k + 1 else None
        if low in _CLAUSE_ENDS or low in _SIGNAL_WORDS:
            return None
    return None


def _signal(token: Token, nxt: str, distance: int, *, before: bool, direct: bool) -> Signal | None:
    low = token.low
    found = None
    if low in SHOOT_WORDS and nxt == "down":
        found = ("count", "shot down")
    elif low in COUNT_VERBS:
        found = None if low == "carried" and nxt != "out" else ("count", COUNT_VERBS[low])
    elif low in CASUALTY_SIGNALS:
        found = None if low == "remains" and nxt != "of" else ("casualty", CASUALTY_SIGNALS[low])
    elif low in NUMERIC_VERBS:
        found = None if low == "laid" and nxt != "off" else ("numeric", NUMERIC_VERBS[low])
    if found is None:
        return None
    return Signal(found[0], found[1], distance, token, before, direct)


_SIGNAL_WORDS = frozenset({*SHOOT_WORDS, *COUNT_VERBS, *CASUALTY_SIGNALS, *NUMERIC_VERBS})
_CLAUSE_ENDS = frozenset((".", ";", ":", "?", "!"))

"""The verbs and nouns around a figure that say what happened: "killed", "intercepted".

``find_signals`` reads a bounded window of tokens on both sides of one number, so the
cost per figure is constant however long the sentence is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from claims.pipeline.figure_nouns import Token, TokenView
from claims.pipeline.figure_words import HEDGE_WORDS
from claims.pipeline.lexicon import (
    AUXILIARIES,
    CASUALTY_SIGNALS,
    COUNT_VERBS,
    NUMERIC_VERBS,
    SHOOT_WORDS,
)


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
        if low in _SIGNAL_WORDS and not _idle_condition(tokens, k):
            following = _following(tokens, k)
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
        if token.text[0].isdigit() and k > first and tokens[k - 1].low in (",", "and"):
            break  # "156 clashes, and 47 assaults were repelled": the verb is the 47's
        if low == ",":
            closing = _closing_comma(tokens, k, stop)
            if closing is not None:
                k, distance = closing + 1, distance + 1
                continue
        if (
            low in _SIGNAL_WORDS
            and not _governs_next_figure(tokens, k)
            and not _idle_condition(tokens, k)
        ):
            following = _following(tokens, k)
            signal = _signal(token, following, distance, before=False, direct=k == first)
            if signal:
                signals.append(replace(signal, finite=finite))
        if low in AUXILIARIES:
            finite = True
        else:
            distance += 1
        k += 1
    return signals


# "three of them in critical condition" is a casualty; "a weight-related condition" is not.
_CONDITION_STATES = frozenset(
    ("critical", "serious", "stable", "grave", "life-threatening", "poor", "fair", "satisfactory")
)


def _idle_condition(tokens: list[Token], k: int) -> bool:
    """Whether ``tokens[k]`` is "condition" without the state of a patient before it."""
    return tokens[k].low == "condition" and (k == 0 or tokens[k - 1].low not in _CONDITION_STATES)


def _governs_next_figure(tokens: list[Token], k: int) -> bool:
    """ "which had 250 deputies, lost more than 80 seats": the verb takes the next figure."""
    for j in range(k + 1, min(len(tokens), k + 4)):
        token = tokens[j]
        if token.text[0].isdigit():
            return True
        if token.low not in HEDGE_WORDS:
            return False
    return False


def _closing_comma(tokens: list[Token], k: int, stop: int) -> int | None:
    """The comma closing an aside opened at ``k`` ("12 people, most of them children, …")."""
    for j in range(k + 1, min(stop, k + 9)):
        low = tokens[j].low
        if low == ",":
            return j if j > k + 1 else None
        if low in _CLAUSE_ENDS or low in _SIGNAL_WORDS:
            return None
    return None


def _following(tokens: list[Token], k: int) -> str:
    """The one or two words after ``tokens[k]``, lower case, joined by a space."""
    return " ".join(t.low for t in tokens[k + 1 : k + 3])


def _signal(
    token: Token, following: str, distance: int, *, before: bool, direct: bool
) -> Signal | None:
    low = token.low
    nxt = following.split(" ", 1)[0]
    found = None
    if low in SHOOT_WORDS and nxt == "down":
        found = ("count", "shot down")
    elif low in COUNT_VERBS:
        found = None if low == "carried" and nxt != "out" else ("count", COUNT_VERBS[low])
    elif low in CASUALTY_SIGNALS:
        found = None if low == "remains" and nxt != "of" else ("casualty", CASUALTY_SIGNALS[low])
        if low in ("lost", "losing") and _LOST_THINGS.match(following):
            found = None  # "16,000 people lost their homes": not their lives
    elif low in NUMERIC_VERBS:
        found = None if low == "laid" and nxt != "off" else ("numeric", NUMERIC_VERBS[low])
    if found is None:
        return None
    return Signal(found[0], found[1], distance, token, before, direct)


# "lost their homes", "lost his job": a possession lost, not a life.
_LOST_THINGS = re.compile(
    r"(?:their|his|her|its|our|my|your)[ ](?!lives?\b|life\b|loved\b|sons?\b|daughters?\b"
    r"|children\b|child\b|husbands?\b|wives\b|wife\b|relatives\b|families\b|family\b)"
)
_SIGNAL_WORDS = frozenset({*SHOOT_WORDS, *COUNT_VERBS, *CASUALTY_SIGNALS, *NUMERIC_VERBS})
_CLAUSE_ENDS = frozenset((".", ";", ":", "?", "!"))

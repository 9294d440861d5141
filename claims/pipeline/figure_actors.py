"""Who did it and where: the actor of a count and the place of a figure.

The actor is read from the verb a figure hangs on: "launched by Russia" (passive) or
"The Ukrainian army managed to intercept 16" (the subject before the verb). The place is
the nearest "in/near/outside … <Name>" phrase in the sentence, with common spellings of
one place mapped to one name ("Kiev", "kyiv" → "Kyiv").
"""

from __future__ import annotations

import re

from claims.pipeline.figure_nouns import Token, TokenView
from claims.pipeline.lexicon import (
    MILITARY_NOUNS,
    MONTHS,
    NOT_PLACES,
    PLACE_VARIANTS,
    SUBJECT_GAP_WORDS,
    WEEKDAYS,
)

_PRONOUNS = frozenset(("it", "they", "he", "she", "we", "this", "that", "which", "who"))
_ACTOR_DETERMINERS = frozenset(("the", "a", "an", "its", "their"))
_NAME = r"[A-Z][\w'\u2019-]*(?:[ \u00a0]+[A-Z][\w'\u2019-]*){0,2}"
_GAZETTEER = "|".join(sorted(PLACE_VARIANTS, key=len, reverse=True))
_PLACE_RE = re.compile(
    r"\b(?i:in|near|outside|around|across|at|on|over|against|into|towards?|inside|throughout)"
    r"[ \u00a0]+(?i:and[ \u00a0]+around[ \u00a0]+)?(?i:the[ \u00a0]+)?"
    r"(?i:(?:city|town|village|region|province|oblast|district|port|capital|settlement|suburbs?"
    r"|area|outskirts|regions)[ \u00a0]+of[ \u00a0]+)?(?i:the[ \u00a0]+)?"
    rf"((?i:{_GAZETTEER})\b|{_NAME})"
)
_NOT_PLACE_WORDS = NOT_PLACES | MONTHS | WEEKDAYS


def actor_by(view: TokenView, position: int) -> str | None:
    """The agent after a passive verb ending at ``position``: "by Russia", "by Russian forces"."""
    first = view.index(position)
    tokens = view.tokens[first : first + 9]
    for k, token in enumerate(tokens[:3]):
        if token.low == "by":
            rest = tokens[k + 1 :]
            if rest and rest[0].low in _ACTOR_DETERMINERS:
                rest = rest[1:]
            run = []
            for t in rest[:4]:
                if not _actor_word(t):
                    break
                run.append(t)
            return _actor_name(run)
    return None


def actor_subject(view: TokenView, verb: Token) -> str | None:
    """The subject before an active verb: "The Ukrainian army managed to intercept 16"."""
    first = view.index(verb.start)
    tokens = view.tokens[max(0, first - 14) : first]
    k = len(tokens) - 1
    while k >= 0 and tokens[k].low in SUBJECT_GAP_WORDS:
        k -= 1
    run: list[Token] = []
    while k >= 0 and len(run) < 4 and _actor_word(tokens[k]):
        run.insert(0, tokens[k])
        k -= 1
    if run and run[0].low in _PRONOUNS:
        return None
    return _actor_name(run)


def _actor_word(token: Token) -> bool:
    low = token.low
    if low in _PRONOUNS or low in SUBJECT_GAP_WORDS or low in _ACTOR_DETERMINERS:
        return False
    return token.text[0].isupper() or low in MILITARY_NOUNS


def _actor_name(run: list[Token]) -> str | None:
    if not run or not any(t.text[0].isupper() or t.low in MILITARY_NOUNS for t in run):
        return None
    if all(t.low in MILITARY_NOUNS for t in run) and len(run) == 1 and run[0].low == "air":
        return None
    return " ".join(t.text for t in run)


def places(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Place mentions in ``text[lo:hi]`` as ``(start, end, canonical name)``."""
    found = []
    for match in _PLACE_RE.finditer(text, lo, hi):
        name = re.sub(r"['\u2019]s$", "", match.group(1))
        first = name.split()[0].lower()
        if first in _NOT_PLACE_WORDS:
            continue
        canonical = PLACE_VARIANTS.get(first)
        if canonical is not None:
            name = canonical + name[len(first) :] if " " in name else canonical
        found.append((match.start(1), match.end(1), name))
    return found


def nearest_place(mentions: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The place mention closest to the span ``[start, end)``."""
    best, best_distance = None, None
    for a, b, name in mentions:
        distance = a - end if a >= end else start - b
        if best_distance is None or distance < best_distance:
            best, best_distance = name, distance
    return best

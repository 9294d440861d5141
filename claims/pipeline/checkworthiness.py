"""Check-worthiness: how much a body sentence looks like a checkable factual claim.

Every body sentence gets a score in [0, 1]; headlines, captions and boilerplate get 0
(they are not what a reviewer works through). The score is a logistic function of a
few transparent features, so a reviewer can see why a sentence ranks where it does:

    score = 1 / (1 + exp(-z)),   z = BIAS + sum(weight * feature)

| feature        | value                                                     | weight |
|----------------|-----------------------------------------------------------|--------|
| (bias)         | always 1                                                  |  -2.0  |
| ``number``     | 1 if a figure appears (digits that are not a year or a    |  +1.5  |
|                | clock time, or a number word such as "seven", "dozen")    |        |
| ``casualty``   | 1 if a casualty word appears (killed, dead, death toll,   |  +1.5  |
|                | injured, wounded, missing, remains, victims …)            |        |
| ``weapon``     | 1 if a strike or weapon word appears (drone, missile,     |  +1.0  |
|                | shelling, air strike, intercepted, shot down …)           |        |
| ``attributed`` | 1 if a speech verb, "according to" or a quote mark appears|  +0.5  |
| ``entities``   | capitalised names after the first word, counted up to 3   |  +0.3  |
| ``comparison`` | 1 for a comparative or superlative (more than, highest,   |  +0.5  |
|                | record, worst …)                                          |        |
| ``hedge``      | 1 for a hedge (may, might, could, perhaps, believe …)     |  -0.8  |
| ``opinion``    | 1 for an opinion or appeal word (should, must, hope,      |  -0.5  |
|                | terrible, shameful …)                                     |        |
| ``short``      | 1 if the sentence has fewer than 6 words                  |  -1.0  |
| ``long``       | 1 if the sentence has more than 60 words                  |  -0.3  |

A plain scene-setting sentence scores about 0.12; "At least seven people were killed
in Kyiv, officials said." about 0.86. Weights were set by hand to rank sentences the
way a fact-checker would read a wire story, not fitted to any data set.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import replace

from claims.pipeline.types import Sentence

BIAS = -2.0
WEIGHTS: dict[str, float] = {
    "number": 1.5,
    "casualty": 1.5,
    "weapon": 1.0,
    "attributed": 0.5,
    "entities": 0.3,
    "comparison": 0.5,
    "hedge": -0.8,
    "opinion": -0.5,
    "short": -1.0,
    "long": -0.3,
}
MAX_ENTITIES = 3
SHORT_WORDS = 6
LONG_WORDS = 60


def _words(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


# Digits, except a bare year (1900-2099) or a clock time, which say nothing checkable.
# The possessive run cannot backtrack, so "10:45" is not read as "1" followed by "0:45".
_DIGITS = re.compile(r"(?<![\d:.,])(?!(?:19|20)\d\d\b)\d[\d,.]*+(?!:\d|\s*[ap]\.?m\b)")
_NUMBER_WORDS = _words(
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen",
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty",
    "seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|third",
)
_CASUALTY = _words(
    r"kill(?:ed|ing|s)?|dead|deaths?|died|dying|death toll|fatalit(?:y|ies)",
    r"injur(?:ed|ies|y|ing)|wounded|wounding|missing|casualt(?:y|ies)|victims?",
    r"remains|bodies|drowned|massacre|homicides?|murder(?:ed)?",
)
_WEAPON = _words(
    r"drones?|missiles?|rockets?|shells?|shelling|artillery|bombs?|bombing|bombardment",
    r"air ?strikes?|strikes?|intercept(?:ed|ion|ions|s)?|shot down|launchers?",
    r"munitions|warheads?|howitzers?|ballistic|cruise|explosions?",
)
_ATTRIBUTED = re.compile(
    r"[\"“”]|\b(?:said|says|told|stated|announced|added|according to|claimed|reported|"
    r"wrote|warned|confirmed|denied|estimated)\b",
    re.IGNORECASE,
)
_COMPARISON = _words(
    r"more than|less than|fewer than|highest|lowest|largest|biggest|smallest|worst",
    r"deadliest|record|most|greater|higher|lower|doubled|tripled|quadrupled",
)
_HEDGE = _words(
    r"may|might|could|perhaps|possibly|probably|likely|unlikely|seems?|appears?",
    r"believed?|thinks?|suggests?|allegedly|reportedly|unclear|unconfirmed",
)
_OPINION = _words(
    r"should|must|hope|hopes|wish|terrible|wonderful|shameful|outrageous|disgrace",
    r"beautiful|great|best|unacceptable|tragic|sad|happy",
)
_CAPITALISED = re.compile(r"\b[A-Z][\w'\u2019-]*")
# Capitalised because of grammar, not because they name someone or somewhere.
_FUNCTION_WORDS = frozenset(
    {
        *("A", "An", "The", "This", "That", "These", "Those", "He", "She", "It", "They"),
        *("We", "I", "You", "His", "Her", "Its", "Their", "Our", "My", "But", "And", "Or"),
        *("If", "When", "While", "After", "Before", "In", "On", "At", "For", "With", "From"),
        *("By", "As", "Of", "To", "Mr", "Mrs", "Ms", "Dr", "Monday", "Tuesday", "Wednesday"),
        *("Thursday", "Friday", "Saturday", "Sunday"),
    }
)


def features(text: str) -> dict[str, float]:
    """The feature values of one sentence, as listed in the module docstring."""
    words = text.split()
    # The first word is capitalised anyway, so it says nothing about names.
    lead = len(text) - len(text.lstrip(" \"'(\u201c\u2018"))
    names = {
        m.group()
        for m in _CAPITALISED.finditer(text)
        if m.start() != lead and m.group() not in _FUNCTION_WORDS
    }
    return {
        "number": float(bool(_DIGITS.search(text) or _NUMBER_WORDS.search(text))),
        "casualty": float(bool(_CASUALTY.search(text))),
        "weapon": float(bool(_WEAPON.search(text))),
        "attributed": float(bool(_ATTRIBUTED.search(text))),
        "entities": float(min(len(names), MAX_ENTITIES)),
        "comparison": float(bool(_COMPARISON.search(text))),
        "hedge": float(bool(_HEDGE.search(text))),
        "opinion": float(bool(_OPINION.search(text))),
        "short": float(len(words) < SHORT_WORDS),
        "long": float(len(words) > LONG_WORDS),
    }


def score_text(text: str) -> float:
    """Check-worthiness of one sentence's text, in (0, 1)."""
    z = BIAS + sum(WEIGHTS[name] * value for name, value in features(text).items())
    return round(1.0 / (1.0 + math.exp(-z)), 4)


def score_sentences(sentences: Iterable[Sentence]) -> list[Sentence]:
    """Return the sentences with ``score`` set: body sentences scored, all others 0."""
    return [replace(s, score=score_text(s.text) if s.role == "body" else 0.0) for s in sentences]

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


def _lexicon(*groups: str) -> frozenset[str]:
    return frozenset(word for group in groups for word in group.split())


# Digits, except a bare year (1900-2099) or a clock time, which say nothing checkable.
# The possessive run cannot backtrack, so "10:45" is not read as "1" followed by "0:45".
_DIGITS = re.compile(r"(?<![\d:.,])(?!(?:19|20)\d\d\b)\d[\d,.]*+(?!:\d|\s*[ap]\.?m\b)")
# Words are looked up in sets after splitting on whitespace and punctuation with plain
# string methods: far cheaper than a regex per feature (or even one word regex) per sentence.
_SEPARATORS = (",", ".", ";", ":", "!", "?", "(", ")", '"', "\u201c", "\u201d", "\u2014", "\u2013")
_NUMBER_WORDS = _lexicon(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen",
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty",
    "ninety hundred hundreds thousand thousands million millions billion billions dozen",
    "dozens half third",
)
_CASUALTY = _lexicon(
    "kill killed killing kills dead death deaths died dying fatality fatalities injured",
    "injuries injury injuring wounded wounding missing casualty casualties victim victims",
    "remains bodies drowned massacre homicide homicides murder murdered",
)
_WEAPON = _lexicon(
    "drone drones missile missiles rocket rockets shell shells shelling artillery bomb",
    "bombs bombing bombardment airstrike airstrikes strike strikes intercept intercepted",
    "interception interceptions intercepts launcher launchers munitions warhead warheads",
    "howitzer howitzers ballistic cruise explosion explosions",
)
_SPEECH = _lexicon(
    "said says told stated announced added claimed reported wrote warned confirmed denied",
    "estimated",
)
_COMPARISON = _lexicon(
    "highest lowest largest biggest smallest worst deadliest record most greater higher",
    "lower doubled tripled quadrupled",
)
_HEDGE = _lexicon(
    "may might could perhaps possibly probably likely unlikely seem seems appear appears",
    "believe believed think thinks suggest suggests allegedly reportedly unclear unconfirmed",
)
_OPINION = _lexicon(
    "should must hope hopes wish terrible wonderful shameful outrageous disgrace beautiful",
    "great best unacceptable tragic sad happy",
)
_PHRASES = {
    "casualty": ("death toll",),
    "weapon": ("shot down", "air strike"),
    "attributed": ("according to", '"', "\u201c", "\u201d"),
    "comparison": ("more than", "less than", "fewer than"),
}
_PHRASE_FEATURE = tuple((phrase, name) for name, group in _PHRASES.items() for phrase in group)
_FEATURE_OF = {
    word: name
    for name, lexicon in (
        ("number", _NUMBER_WORDS),
        ("casualty", _CASUALTY),
        ("weapon", _WEAPON),
        ("attributed", _SPEECH),
        ("comparison", _COMPARISON),
        ("hedge", _HEDGE),
        ("opinion", _OPINION),
    )
    for word in lexicon
}
_LEXICON = frozenset(_FEATURE_OF)
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
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
_BINARY = ("number", "casualty", "weapon", "attributed", "comparison", "hedge", "opinion")


def _signals(text: str) -> tuple[set[str], int, int]:
    """Binary features present, number of distinct names, number of words."""
    lowered = text.lower()
    spaced = lowered
    for separator in _SEPARATORS:
        spaced = spaced.replace(separator, " ")
    found = {_FEATURE_OF[word] for word in _LEXICON.intersection(spaced.split())}
    for phrase, name in _PHRASE_FEATURE:
        if phrase in lowered:
            found.add(name)
    if "number" not in found and _DIGITS.search(text):
        found.add("number")
    capitalised = _CAPITALISED.findall(text)
    # The first word is capitalised anyway, so it says nothing about names.
    if capitalised and text.lstrip(" \"'(\u201c\u2018").startswith(capitalised[0]):
        capitalised = capitalised[1:]
    names = len(set(capitalised).difference(_FUNCTION_WORDS))
    return found, names, text.count(" ") + 1


def features(text: str) -> dict[str, float]:
    """The feature values of one sentence, as listed in the module docstring."""
    found, names, length = _signals(text)
    values = {name: float(name in found) for name in _BINARY}
    values["entities"] = float(min(names, MAX_ENTITIES))
    values["short"] = float(length < SHORT_WORDS)
    values["long"] = float(length > LONG_WORDS)
    return values


def score_text(text: str) -> float:
    """Check-worthiness of one sentence's text, in (0, 1)."""
    # Same sum as over ``features(text)``, without building the dict for every sentence.
    found, names, length = _signals(text)
    z = BIAS + sum(WEIGHTS[name] for name in found) + WEIGHTS["entities"] * min(names, MAX_ENTITIES)
    if length < SHORT_WORDS:
        z += WEIGHTS["short"]
    elif length > LONG_WORDS:
        z += WEIGHTS["long"]
    return round(1.0 / (1.0 + math.exp(-z)), 4)


def score_sentences(sentences: Iterable[Sentence]) -> list[Sentence]:
    """Return the sentences with ``score`` set: body sentences scored, all others 0."""
    # Built directly rather than with dataclasses.replace: this runs for every sentence.
    out = []
    for s in sentences:
        score = score_text(s.text) if s.role == "body" else 0.0
        out.append(Sentence(s.start, s.end, s.text, s.index, s.role, score))
    return out

"""The unit or noun right after a figure, when it is written as a unit or a compound.

"46.2C", "57km", "120 km/h", "minus 6 degrees", "a 10-year sentence", "a 6.8-magnitude
quake"; everything else goes to ``figure_nouns.find_head``. Compounds that only describe
a noun ("a three-week trial", "a 74ft yacht") are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claims.pipeline.figure_nouns import Head, TokenView, find_head
from claims.pipeline.figure_words import MEASURE_WORDS, TERM_NOUNS
from claims.pipeline.lexicon import STOP_WORDS
from claims.pipeline.measures import UNITS
from claims.pipeline.numbers import Number

_FIRST_WORD_RE = re.compile(r"[ \u00a0]+(\w+)")
_SPEED_RE = re.compile(r"/h\b|[ \u00a0]+(?:per|an|a)[ \u00a0]+hour\b")
_COMPOUND_RE = re.compile(r"-([A-Za-z]+)\b")
_GLUED_UNITS = {
    "pc": "percent",
    "km2": "square km",
    "kmh": "km/h",
    "m2": "square metres",
    "c": "°C",
    "f": "°F",
}
_LENGTHS = frozenset(("feet", "m", "km", "cm", "mm", "miles"))
_DEGREES_RE = re.compile(
    r"[ \u00a0]?°[ \u00a0]?([CF])?|[ \u00a0]+degrees?(?:[ \u00a0]+(Celsius|Fahrenheit|C|F)\b)?"
)


def read_head(
    text: str, number: Number, end: int, hi: int, tokens: Callable[[int, int], TokenView]
) -> Head | None:
    """The noun or unit the figure ending at ``end`` counts; ``None`` for an attribute."""
    if number.glued:
        unit = _GLUED_UNITS.get(number.glued) or UNITS.get(number.glued)
        glued_end = number.end + len(number.glued)
        if unit in _LENGTHS and _noun_follows(text, glued_end, hi):
            return None  # "a 74ft yacht": an attribute of the yacht
        return _speed(text, Head(unit, glued_end, unit=unit), hi)
    degrees = _DEGREES_RE.match(text, end, hi)
    if degrees:
        scale = (degrees.group(1) or degrees.group(2) or "")[:1].upper()
        unit = {"C": "°C", "F": "°F"}.get(scale, "degrees")
        return Head(unit, degrees.end(), unit=unit)
    compound = _COMPOUND_RE.match(text, end, hi)
    if compound:
        # "a 10-year sentence" is a duration; "a two-state solution" is no figure.
        word = compound.group(1).lower()
        if word == "magnitude":
            return Head("magnitude", compound.end())  # "a 6.8-magnitude quake"
        unit = UNITS.get(word)
        if unit is None or unit in ("m", "points"):
            return None
        following = _FIRST_WORD_RE.match(text, compound.end(), hi)
        if following and following.group(1).lower() not in TERM_NOUNS:
            return None  # "a three-week trial", "a 24-hour hotline": attributes
        return Head(unit, compound.end(), unit=unit)
    return _speed(text, find_head(tokens(end, end), end), hi)


def _noun_follows(text: str, position: int, hi: int) -> bool:
    following = _FIRST_WORD_RE.match(text, position, hi)
    if following is None:
        return False
    word = following.group(1)
    low = word.lower()
    return (
        word[0].islower()
        and low not in STOP_WORDS
        and low not in MEASURE_WORDS
        and not low.endswith("ly")
    )


def _speed(text: str, head: Head, hi: int) -> Head:
    """ "120 km/h", "80 miles per hour": a speed, not a distance."""
    if head.unit in ("km", "miles"):
        speed = _SPEED_RE.match(text, head.end, hi)
        if speed:
            unit = "km/h" if head.unit == "km" else "mph"
            return Head(unit, speed.end(), unit=unit)
    return head

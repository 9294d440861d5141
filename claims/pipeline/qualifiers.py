"""How a figure is hedged ("at least", "nearly", "between … and …") and what interval it means.

Intervals follow one rule set so that two reports of the same fact can be compared
(``None`` is an unbounded side):

- ``exact`` 7 → [7, 7]; ``at_least`` 7 → [7, None).
- ``more_than`` 20 → [21, None) for a count of things; for a measured quantity (money, percent,
  km, hours, or any non-integer) the stated value itself is the open bound: [500, None).
- ``fewer_than`` and ``almost`` 800 → (None, 799] for a count, (None, 800] for a quantity.
  "Nearly" is read as ``almost``: it says the true figure falls short of the number.
- ``up_to`` 50 → (None, 50].
- ``about`` 100 → [90, 110], a documented ±10 %, rounded inwards to whole things for counts.
  "Close to" is ``almost`` too, as annotators read it.
- ``range`` "20-30" → [20, 30], with ``value`` the lower bound, as stated first.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from claims.pipeline.figure_words import NOT_BEFORE_VERB
from claims.pipeline.numbers import ABBREVIATED_SCALES, Number
from claims.pipeline.types import Qualifier

ABOUT_TOLERANCE = 0.10

QUALIFIER_PHRASES: dict[str, Qualifier] = {
    "at least": "at_least",
    "at the very least": "at_least",
    "no fewer than": "at_least",
    "not fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "at a minimum": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "well over": "more_than",
    "just over": "more_than",
    "a little over": "more_than",
    "a little more than": "more_than",
    "slightly more than": "more_than",
    "slightly over": "more_than",
    "slightly above": "more_than",
    "slightly less than": "fewer_than",
    "a little less than": "fewer_than",
    "a little under": "almost",
    "slightly under": "almost",
    "slightly below": "almost",
    "upwards of": "more_than",
    "upward of": "more_than",
    "in excess of": "more_than",
    "greater than": "more_than",
    "above": "more_than",
    "well above": "more_than",
    "north of": "more_than",
    "exceeding": "more_than",
    "exceed": "more_than",
    "exceeds": "more_than",
    "exceeded": "more_than",
    "surpassed": "more_than",
    "surpassing": "more_than",
    "topped": "more_than",
    "topping": "more_than",
    "tops": "more_than",
    "top": "more_than",
    "past": "more_than",
    "passes": "more_than",
    "surpasses": "more_than",
    "crosses": "more_than",
    "crossed": "more_than",
    "fewer than": "fewer_than",
    "less than": "fewer_than",
    "under": "fewer_than",
    "well under": "fewer_than",
    "below": "fewer_than",
    "well below": "fewer_than",
    "almost": "almost",
    "nearly": "almost",
    "just under": "almost",
    "just below": "almost",
    "just shy of": "almost",
    "shy of": "almost",
    "not quite": "almost",
    "approaching": "almost",
    "close to": "almost",
    "up to": "up_to",
    "as many as": "up_to",
    "as much as": "up_to",
    "as high as": "up_to",
    "as long as": "up_to",
    "as far as": "up_to",
    "no more than": "up_to",
    "not more than": "up_to",
    "no longer than": "up_to",
    "within": "up_to",
    "a maximum of": "up_to",
    "at most": "up_to",
    "at the most": "up_to",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "in the region of": "about",
    "something like": "about",
    "an approximate": "about",
    "more or less": "about",
}
POSTFIX_PHRASES: dict[str, Qualifier] = {
    "or more": "at_least",
    "or above": "at_least",
    "plus": "at_least",
    "+": "at_least",
    "or so": "about",
    "or fewer": "up_to",
    "or less": "up_to",
    "or greater": "at_least",
    "or higher": "at_least",
}

_SPACE = r"[ \u00a0]+"


def _alternation(phrases: list[str]) -> str:
    longest_first = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", _SPACE) for p in longest_first)


# Anchored at the number: searched on the few characters before it only.
_PREFIX_RE = re.compile(rf"(?<![\w-])({_alternation(list(QUALIFIER_PHRASES))}){_SPACE}$", re.I)
_LAST_WORDS = frozenset(p.split()[-1] for p in QUALIFIER_PHRASES)
# Phrases that are bounds only as verbs or prepositions after a noun ("temperatures top 46C").
_VERB_PHRASES = frozenset(("top", "tops", "past", "crosses", "crossed"))
_POSTFIX_RE = re.compile(
    rf"{_SPACE}(or{_SPACE}(?:more|above|so|fewer|less|greater|higher))\b|-?(plus)\b|(\+)", re.I
)
_FILLER_RE = re.compile(
    rf"(?<=[ \u00a0])(?:another|a{_SPACE}further|an{_SPACE}additional|an{_SPACE}extra){_SPACE}$",
    re.I,
)
_FROM_RE = re.compile(r"\bfrom[ \u00a0]+$", re.I)
_BY_RE = re.compile(
    rf"\bby{_SPACE}(?:(?:about|around|roughly|some|nearly|almost|more than|over|just over"
    rf"|an estimated|a further|another){_SPACE})?$",
    re.I,
)
# Words that make "from X to Y" a move from one level to another, not a span of values.
_CHANGE_BEFORE_RE = re.compile(
    r"\b(?:ris(?:e|es|ing)|rose|risen|f[ae]ll(?:s|ing|en)?|(?:in|de)creas\w*|gr[eo]w\w*"
    r"|drop\w*|climb\w*|jump\w*|soar\w*|surg\w*|slid\w*|slump\w*|plung\w*|tumbl\w*"
    r"|declin\w*|swell\w*|swollen|doubl\w*|tripl\w*|halv\w*|rais\w*|lower\w*|cut|cuts"
    r"|cutting|reduc\w*|boost\w*|extend\w*|shorten\w*|revis\w*|chang\w*|mov\w*|went"
    r"|go(?:es|ing)?|shift\w*|upgrad\w*|downgrad\w*|adjust\w*|lift\w*|hik\w*|slash\w*"
    r"|expand\w*|shr[iau]nk\w*|widen\w*|narrow\w*|up|down|improv\w*|worsen\w*|recover\w*"
    r"|rebound\w*|edg\w*|inch\w*|swung|swing\w*|turn\w*|bring\w*|brought|push\w*)\b",
    re.I,
)
_BETWEEN_RE = re.compile(rf"\bbetween{_SPACE}$", re.I)
_RANGING_FROM_RE = re.compile(
    rf"\b(?:rang(?:e|es|ed|ing)|anywhere|vary|varying){_SPACE}from{_SPACE}$", re.I
)
_RANGE_UNITS = frozenset(("c", "f", "km", "m", "cm", "mm", "kg", "ft", "mph", "kmh", "mw", "gw"))
_CONNECTOR_RE = re.compile(r"[ \u00a0]*([-\u2013\u2014]|to|and|or)[ \u00a0]*", re.I)


def prefix_qualifier(text: str, start: int, floor: int) -> tuple[Qualifier, int] | None:
    """The qualifier written just before ``text[start]`` and where it starts, if any."""
    filler = _FILLER_RE.search(text, max(floor, start - 16), start)
    if filler:
        start = filler.start()  # "at least another five days": the hedge is before "another"
    window = text[max(floor, start - 24) : start]
    # A cheap look at the last word first: most numbers have no qualifier at all.
    if not window or window[-1] not in " \u00a0" or not window.split():
        return None
    if window.split()[-1].lower().lstrip("\"\u201c\u2018'(") not in _LAST_WORDS:
        return None
    match = _PREFIX_RE.search(text, max(floor, start - 24), start)
    if match is None:
        return None
    phrase = match.group(1).lower()
    if phrase in _VERB_PHRASES and not _verb_reading(text, match.start(1), floor):
        return None  # "the top 10", "the past 24 hours": not a bound
    return QUALIFIER_PHRASES[re.sub(r"\s+", " ", match.group(1).lower())], match.start(1)


def _verb_reading(text: str, start: int, floor: int) -> bool:
    """ "temperatures top 46C", "cases climb past 1,300": a verb or preposition, not "the top"."""
    before = text[max(floor, start - 16) : start].split()
    return bool(before) and before[-1].lower() not in NOT_BEFORE_VERB and before[-1][-1].isalpha()


def postfix_qualifier(text: str, end: int, limit: int) -> tuple[Qualifier, int] | None:
    """A qualifier written just after a figure ("20 or more", "300-plus") and its end."""
    match = _POSTFIX_RE.match(text, end, limit)
    if match is None:
        return None
    phrase = re.sub(r"\s+", " ", next(g for g in match.groups() if g).lower())
    return POSTFIX_PHRASES[phrase], match.end()


def interval(
    value: float, qualifier: Qualifier, *, discrete: bool, upper: float | None = None
) -> tuple[float | None, float | None]:
    """The interval ``[min, max]`` a figure denotes; ``None`` means unbounded."""
    step = 1 if discrete else 0
    if qualifier == "at_least":
        return value, None
    if qualifier == "more_than":
        return value + step, None
    if qualifier in ("fewer_than", "almost"):
        return None, value - step
    if qualifier == "up_to":
        return None, value
    if qualifier == "about":
        low, high = value * (1 - ABOUT_TOLERANCE), value * (1 + ABOUT_TOLERANCE)
        if discrete:
            return float(math.ceil(low - 1e-9)), float(math.floor(high + 1e-9))
        return round(low, 9), round(high, 9)
    if qualifier == "range" and upper is not None:
        return value, upper
    return value, value


def merge_ranges(text: str, numbers: list[Number]) -> list[tuple[Number, Number | None, int]]:
    """Pair numbers that form a range ("20-30", "between 20 and 30", "two or three").

    Returns ``(number, upper_or_None, phrase_start)``; ``phrase_start`` takes in a leading
    "between". "From 20 to 30" stays two figures (a change), unless "ranging from" says
    otherwise. Units and scales written once are shared: "$20-30m" is 20m to 30m dollars.
    """
    numbers = list(numbers)
    out: list[tuple[Number, Number | None, int]] = []
    i = 0
    while i < len(numbers):
        low = numbers[i]
        high = numbers[i + 1] if i + 1 < len(numbers) else None
        if high is not None:
            low, high = _share_units(low, high)
            kind = _range_kind(text, low, high)
            if kind == "range":
                between = _BETWEEN_RE.search(text, max(0, low.start - 9), low.start)
                out.append((low, high, between.start() if between else low.start))
                i += 2
                continue
            if kind == "change":
                out.append((low, None, low.start))
                i += 1
                numbers[i] = high
                continue
        out.append((numbers[i], None, numbers[i].start))
        i += 1
    return out


def _range_kind(text: str, low: Number, high: Number) -> str | None:
    # "between 2.5C and 2.9C": one unit glued to both ends is shared; so is one glued to
    # the upper end alone ("90-100mph", "70 to 80mph").
    if (low.glued or high.glued) and (
        (low.glued and low.glued != high.glued) or high.glued.lower() not in _RANGE_UNITS
    ):
        return None
    low_end = low.end + len(low.glued)
    gap = high.start - low_end
    if gap < 0 or gap > 6:
        return None
    connector = _CONNECTOR_RE.fullmatch(text, low_end, high.start)
    if connector is None:
        return None
    word = connector.group(1).lower()
    before = text[max(0, low.start - 24) : low.start]
    if word == "and":
        return "range" if _BETWEEN_RE.search(before) and low.value < high.value else None
    if word == "to" and _BY_RE.search(before) and high.value >= 5 * low.value > 0:
        # "fell by 9,000 to 717,000": a change, then the new level, far above it;
        # "rise by 20 to 30 points" stays a range.
        return "change"
    if word == "to" and _FROM_RE.search(before):
        if _RANGING_FROM_RE.search(before):
            return "range"
        wider = re.split(r"[.!?;\n]", text[max(0, low.start - 60) : low.start])[-1]
        if low.value < high.value and not _CHANGE_BEFORE_RE.search(wider):
            return "range"  # "takes from six to nine months": no verb of change
        return "change"
    if (low.percent, low.currency) != (high.percent, high.currency):
        return None  # "fell 4.5% to $23.10": two different quantities
    return "range" if low.value < high.value else None


def _share_units(low: Number, high: Number) -> tuple[Number, Number]:
    """Give the first number of a pair the scale, currency or percent written on the second."""
    if high.start - low.end > 24:
        return low, high
    if low.currency and not high.currency and high.glued in ABBREVIATED_SCALES:
        # "$20-30m": the m is a million once the figure is known to be money.
        scale, end = ABBREVIATED_SCALES[high.glued], high.end + len(high.glued)
        high = replace(high, value=high.value * scale, end=end, glued="")
    changes: dict[str, object] = {}
    if high.percent and not low.percent and not low.currency:
        changes["percent"] = True
    if high.currency and not low.currency and not low.percent:
        changes["currency"] = high.currency
    high_scale = _scale(high)
    if high_scale > 1 and _scale(low) == 1 and low.value * high_scale <= high.value:
        changes["value"] = low.value * high_scale
    if low.currency and not high.currency:
        high = replace(high, currency=low.currency)
    return (replace(low, **changes) if changes else low), high


def _scale(number: Number) -> float:
    if number.word or not number.digits:
        return 1.0
    written = float(number.digits)
    return number.value / written if written else 1.0

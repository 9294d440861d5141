"""Figures worth checking: casualties, counts of weapons and attacks, and other numbers.

``extract_figures`` reads every number in every sentence, drops the ones that are not
figures (``traps``), reads the hedge before it (``qualifiers``), the noun after it and the
verbs around it (``figure_nouns``), and who and where (``figure_actors``). A number whose
noun is elided ("The army managed to intercept 16.") borrows the noun of the latest figure
in the same sentence or the two before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claims.pipeline.figure_actors import nearest_place, places
from claims.pipeline.figure_kinds import FLAGGED_ROLES, Antecedent, FigureKinds
from claims.pipeline.figure_nouns import Head, TokenView, find_head
from claims.pipeline.lexicon import PERSON_NOUNS, TIME_REFERENCE_AFTER, TIME_REFERENCE_BEFORE
from claims.pipeline.measures import DURATION_UNITS, UNITS
from claims.pipeline.numbers import Number, find_numbers
from claims.pipeline.qualifiers import interval, merge_ranges, postfix_qualifier, prefix_qualifier
from claims.pipeline.traps import trap
from claims.pipeline.types import Claim, Qualifier, Sentence

# Past this length a sentence is read in windows around each number, not tokenised whole.
LONG_SENTENCE = 2000
_CONVERSION_GAP_RE = re.compile(
    r"[ \u00a0]*(?:\([ \u00a0]*|,?[ \u00a0]*or[ \u00a0]+)"
    r"(?:(?:about|around|roughly|approximately|some|nearly|almost|c\.|over|more than)[ \u00a0]+)?",
    re.I,
)
_LAST_WORD_RE = re.compile(r"(\w+)[ \u00a0]+$")
_FIRST_WORD_RE = re.compile(r"[ \u00a0]+(\w+)")
_LOWER_WORD_RE = re.compile(r"\b[a-z][a-z'\u2019]{3,}")
_CAPITALS_RE = re.compile(r"\b[A-Z]{3,}\b")
_UPPER_WORD_RE = re.compile(r"\b[A-Z][a-z'\u2019]{3,}")
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
_DEGREES_RE = re.compile(
    r"[ \u00a0]?°[ \u00a0]?([CF])?|[ \u00a0]+degrees?(?:[ \u00a0]+(Celsius|Fahrenheit|C|F)\b)?"
)


def extract_figures(text: str, sentences: Sequence[Sentence]) -> list[Claim]:
    """Casualty, count and numeric claims in ``sentences``, in text order."""
    claims: list[Claim] = []
    antecedents: list[Antecedent] = []
    for position, sentence in enumerate(sentences):
        reader = _SentenceReader(text, sentence, position, antecedents)
        claims.extend(reader.read())
    return claims


class _SentenceReader(FigureKinds):
    """Reads the figures of one sentence, remembering nouns for later elisions."""

    def __init__(self, text: str, sentence: Sentence, position: int, antecedents: list):
        self.text = text
        self.sentence = sentence
        self.lo, self.hi = sentence.start, sentence.end
        self.position = position
        self.antecedents = antecedents
        self.title_case = _is_title_case(sentence.text)
        self._places: list | None = None
        self._view: TokenView | None = None
        self.last: Claim | None = None

    def read(self) -> list[Claim]:
        numbers = find_numbers(self.text, self.lo, self.hi)
        out = []
        for number, upper, phrase_start in merge_ranges(self.text, numbers):
            if self.last is not None and number.start < self.last.end:
                continue
            claim = self._figure(number, upper, phrase_start)
            if claim is not None:
                out.append(claim)
                self.last = claim
        return out

    def _figure(self, number: Number, upper: Number | None, phrase_start: int) -> Claim | None:
        text, lo, hi = self.text, self.lo, self.hi
        prefix = prefix_qualifier(text, phrase_start, lo)
        qualifier: Qualifier | None = prefix[0] if prefix else None
        start = prefix[1] if prefix else phrase_start
        ranged = upper is not None
        reason = trap(
            text,
            number,
            lo=lo,
            ranged=ranged,
            qualified=prefix is not None,
            title_case=self.title_case,
        )
        if reason or self._is_conversion(number, start):
            return None
        end = (upper or number).end
        if ranged:
            qualifier = "range"
        postfix = postfix_qualifier(text, end, hi)
        if postfix and qualifier is None:
            qualifier, end = postfix
        head = self._head(number, end)
        if head is None:
            return None
        if number.currency or number.percent or number.fraction:
            head = Head(None, end)  # "14.5% year on year": the unit is written already
        if (
            qualifier == "more_than"
            and head.unit in DURATION_UNITS
            and self._over_means_during(start, number.start)
        ):
            qualifier, start = None, phrase_start  # "over five years": during, not more than
        fields = self._meaning(number, head, start, end, qualifier)
        if fields is None:
            return None
        kind, counted, unit, actor, span_start = fields
        if kind != "numeric" and not number.value.is_integer():
            return None  # 6.8 people or drones: a magnitude or a rate, not a count
        span_end = max(end, head.end) if head.noun is not None and not head.partitive else end
        if qualifier is None and head.noun is not None:
            late = postfix_qualifier(text, head.end, hi)
            if late:
                qualifier, span_end = late
        qualifier = qualifier or "exact"
        discrete = unit is None and number.value.is_integer()
        value_min, value_max = interval(
            number.value, qualifier, discrete=discrete, upper=upper.value if upper else None
        )
        location = None
        if kind != "numeric" or (head.noun or "") in PERSON_NOUNS:
            location = nearest_place(self._place_mentions(), span_start, span_end)
        return Claim(
            kind=kind,
            start=span_start,
            end=span_end,
            sentence_index=self.sentence.index,
            text=text[span_start:span_end],
            value=number.value,
            value_min=value_min,
            value_max=value_max,
            qualifier=qualifier,
            counted=counted,
            unit=unit,
            actor=actor,
            location=location,
            role=self.sentence.role,
            flagged=self.sentence.role in FLAGGED_ROLES,
        )

    def _head(self, number: Number, end: int) -> Head | None:
        """The noun or unit the figure counts; ``None`` for an unwanted compound."""
        if number.glued:
            unit = _GLUED_UNITS.get(number.glued) or UNITS.get(number.glued)
            return self._speed(Head(unit, number.end + len(number.glued), unit=unit))
        degrees = _DEGREES_RE.match(self.text, end, self.hi)
        if degrees:
            scale = (degrees.group(1) or degrees.group(2) or "")[:1].upper()
            unit = {"C": "°C", "F": "°F"}.get(scale, "degrees")
            return Head(unit, degrees.end(), unit=unit)
        compound = _COMPOUND_RE.match(self.text, end, self.hi)
        if compound:
            # "a 10-year sentence" is a duration; "a two-state solution" is no figure.
            unit = UNITS.get(compound.group(1).lower())
            if unit is None or unit in ("m", "points"):
                return None
            return Head(unit, compound.end(), unit=unit)
        return self._speed(find_head(self._tokens(end, end), end))

    def _speed(self, head: Head) -> Head:
        """ "120 km/h", "80 miles per hour": a speed, not a distance."""
        if head.unit in ("km", "miles"):
            speed = _SPEED_RE.match(self.text, head.end, self.hi)
            if speed:
                unit = "km/h" if head.unit == "km" else "mph"
                return Head(unit, speed.end(), unit=unit)
        return head

    def _is_conversion(self, number: Number, start: int) -> bool:
        """A converted amount in brackets after another figure: "195bn euros ($230bn)"."""
        if self.last is None or start - self.last.end > 24:
            return False
        gap = _CONVERSION_GAP_RE.fullmatch(self.text, self.last.end, start)
        return gap is not None and (number.currency is not None or self.last.unit is not None)

    def _over_means_during(self, start: int, number_start: int) -> bool:
        """ "over five years" is a span of time; "for over five years" is more than five."""
        if self.text[start:number_start].strip().lower() != "over":
            return False
        before = _LAST_WORD_RE.search(self.text, max(self.lo, start - 12), start)
        return not (before and before.group(1).lower() in ("for", "of", "after", "than"))

    def _is_time_reference(self, start: int, end: int) -> bool:
        """ "the past 24 hours", "two years ago": a time, not a duration claimed."""
        before = _LAST_WORD_RE.search(self.text, max(self.lo, start - 20), start)
        after = _FIRST_WORD_RE.match(self.text, end, min(self.hi, end + 20))
        return bool(
            (before and before.group(1).lower() in TIME_REFERENCE_BEFORE)
            or (after and after.group(1).lower() in TIME_REFERENCE_AFTER)
        )

    def _tokens(self, start: int, end: int) -> TokenView:
        """Tokens around ``[start, end)``: the whole sentence, or a window of a long one."""
        view = self._view
        margin_start, margin_end = max(self.lo, start - 100), min(self.hi, end + 100)
        if view is not None and view.covers(margin_start, margin_end):
            return view
        if self.hi - self.lo <= LONG_SENTENCE:
            self._view = TokenView(self.text, self.lo, self.hi)
        else:
            self._view = TokenView(self.text, margin_start, min(self.hi, end + 400))
        return self._view

    def _place_mentions(self) -> list:
        if self._places is None:
            self._places = places(self.text, self.lo, self.hi)
        return self._places


def _is_title_case(sentence: str) -> bool:
    """Headlines written in Title Case (or capitals) capitalise every word, numbers included."""
    lower = len(_LOWER_WORD_RE.findall(sentence, 0, 300))
    if lower == 0 and len(_CAPITALS_RE.findall(sentence, 0, 300)) >= 3:
        return True
    if lower > 1:
        return False
    upper = len(_UPPER_WORD_RE.findall(sentence, 0, 300))
    return upper >= 3 and (lower == 0 or upper >= 7)

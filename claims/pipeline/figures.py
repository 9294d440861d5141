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
from dataclasses import replace

from claims.pipeline.figure_actors import nearest_place, places
from claims.pipeline.figure_context import magnitude_start, minus_sign, negated, over_means_about
from claims.pipeline.figure_elision import continues_list, subset_of_casualties
from claims.pipeline.figure_kinds import FLAGGED_ROLES, Antecedent, FigureKinds
from claims.pipeline.figure_nouns import Head, TokenView
from claims.pipeline.figure_units import read_head
from claims.pipeline.figure_words import PLACE_NOUNS
from claims.pipeline.lexicon import (
    PERSON_NOUNS,
    TIME_REFERENCE_AFTER,
    TIME_REFERENCE_BEFORE,
)
from claims.pipeline.measures import DURATION_UNITS
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
_TEMPERATURES = frozenset(("°C", "°F", "degrees"))
_AND_MONTHS_RE = re.compile(
    r"[ \u00a0]+and[ \u00a0]+(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})"
    r"[ \u00a0]+months?\b",
    re.I,
)
_RATE_AFTER_RE = re.compile(r"[ \u00a0]+(?:per|a|an|each|every)[ \u00a0]+[\d\w]")


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
        self._place_starts: list[int] = []
        self._view: TokenView | None = None
        self.last: Claim | None = None
        self.found: list[Claim] = []

    def read(self) -> list[Claim]:
        numbers = find_numbers(self.text, self.lo, self.hi)
        out = self.found
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
        if reason == "name" and continues_list(text, self.last, start, number.end, hi):
            reason = None  # "the Socialists 59, the Ecologists 28": seats, not names
        if reason or self._is_conversion(number, start):
            return None
        over = prefix and text[start:phrase_start].strip().lower() == "over"
        if over and number.currency and over_means_about(text, number.end, hi):
            qualifier, start = None, phrase_start  # "jailed over $310m fraud"
        if prefix:
            qualifier = negated(qualifier, text, start, lo)
        end = (upper or number).end
        if ranged:
            qualifier = "range"
        postfix = postfix_qualifier(text, end, hi)
        if postfix and qualifier is None:
            qualifier, end = postfix
        head = self._head(number, end)
        if head is None:
            return None
        if head.unit in _TEMPERATURES:
            sign = minus_sign(text, start, lo)
            if sign is not None:
                number, start = replace(number, value=-number.value), sign  # "minus 6C"
                before_sign = prefix_qualifier(text, sign, lo) if qualifier is None else None
                if before_sign:
                    qualifier, start = before_sign  # "fell below minus 5C"
        elif head.noun is None or head.noun == "magnitude":
            quake = magnitude_start(text, number.start, end, lo, hi, number.value)
            if quake is not None:
                fields = ("numeric", "magnitude", None, None, min(start, quake))
                return self._claim(number, upper, qualifier, fields, head, end, bare=True)
        over = prefix is not None and text[start:phrase_start].strip().lower() == "over"
        if over and self._over_places(head):
            qualifier, start = None, phrase_start  # "shot down 27 drones over four regions"
        if head.unit == "years" and not ranged:
            months = _and_months(text, head.end, hi)
            if months is not None:
                # "seven years and six months" is one term of 7.5 years, not two figures.
                extra, end = months
                number = replace(number, value=number.value + extra / 12)
                head = replace(head, end=end)
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
        if fields[0] != "numeric" and not number.value.is_integer():
            if not _RATE_AFTER_RE.match(text, max(end, head.end), hi):
                return None  # 6.8 people or drones: a magnitude, not a count
            _, counted, unit, actor, span_start = fields
            fields = ("numeric", f"{counted} rate", unit, actor, span_start)  # 48.4 deaths per
        fields = subset_of_casualties(text, self.found, fields)
        return self._claim(number, upper, qualifier, fields, head, end)

    def _claim(
        self,
        number: Number,
        upper: Number | None,
        qualifier: Qualifier | None,
        fields: tuple,
        head: Head,
        end: int,
        *,
        bare: bool = False,
    ) -> Claim:
        text, hi = self.text, self.hi
        kind, counted, unit, actor, span_start = fields
        span_end = max(end, head.end) if head.noun is not None and not head.partitive else end
        if bare:
            span_end = end  # the words after a magnitude are not what it counts
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
            mentions = self._place_mentions()
            location = nearest_place(mentions, span_start, span_end, self._place_starts)
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
        return read_head(self.text, number, end, self.hi, self._tokens)

    def _over_places(self, head: Head) -> bool:
        """ "over four regions" after a count of weapons: where they flew, not more than."""
        last = self.last
        noun = (head.noun or "").lower()
        return last is not None and last.kind == "count" and noun in PLACE_NOUNS

    def _is_conversion(self, number: Number, start: int) -> bool:
        """A converted amount in brackets after another figure: "195bn euros ($230bn)"."""
        if self.last is None or start - self.last.end > 24:
            return False
        gap = _CONVERSION_GAP_RE.fullmatch(self.text, self.last.end, start)
        if gap is None or number.percent or number.fraction:
            return False  # "$142m, or roughly a third": a second claim, not a conversion
        last_unit = self.last.unit
        if last_unit is None or last_unit in ("percent", "fraction"):
            return False
        # "195bn euros ($230bn)", "46.2C (115.2F)"; not "$1.5bn, or 99 cents a share".
        is_money = len(last_unit) == 3 and last_unit.isupper()
        return number.currency is not None or not is_money

    def _over_means_during(self, start: int, number_start: int) -> bool:
        """ "over five years" is a span of time; "for over five years" is more than five."""
        if self.text[start:number_start].strip().lower() != "over":
            return False
        before = _LAST_WORD_RE.search(self.text, max(self.lo, start - 12), start)
        return not (before and before.group(1).lower() in ("for", "of", "after", "than"))

    def _is_time_reference(self, start: int, end: int, hedged: bool = False) -> bool:
        """ "the past 24 hours", "two years ago": a time, not a duration claimed.

        A hedged lapse ("about 40 minutes later") states how long something took.
        """
        before = _LAST_WORD_RE.search(self.text, max(self.lo, start - 20), start)
        after = _FIRST_WORD_RE.match(self.text, end, min(self.hi, end + 20))
        following = after.group(1).lower() if after else ""
        if hedged and following == "later":
            return False
        return bool(
            (before and before.group(1).lower() in TIME_REFERENCE_BEFORE)
            or following in TIME_REFERENCE_AFTER
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
            self._place_starts = [mention[0] for mention in self._places]
        return self._places


def _and_months(text: str, start: int, hi: int) -> tuple[int, int] | None:
    """(months, end) of an "and eight months" that completes a term in years."""
    match = _AND_MONTHS_RE.match(text, start, hi)
    if match is None:
        return None
    found = find_numbers(text, match.start(1), match.end(1))
    if len(found) != 1 or not 0 < found[0].value < 12 or not found[0].value.is_integer():
        return None
    return int(found[0].value), match.end()


def _is_title_case(sentence: str) -> bool:
    """Headlines written in Title Case (or capitals) capitalise every word, numbers included."""
    lower = len(_LOWER_WORD_RE.findall(sentence, 0, 300))
    if lower == 0 and len(_CAPITALS_RE.findall(sentence, 0, 300)) >= 3:
        return True
    if lower > 1:
        return False
    upper = len(_UPPER_WORD_RE.findall(sentence, 0, 300))
    return upper >= 3 and (lower == 0 or upper >= 7)

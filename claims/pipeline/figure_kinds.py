"""What a figure counts and what happened to it: the kind, ``counted`` and actor of a claim.

A mixin of ``figures._SentenceReader``: it reads the sentence state the reader keeps (the
text, the last claim, nouns remembered for elisions) and decides between casualty, count
and numeric from the noun after a figure and the nearest verb that fits that noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.pipeline.figure_actors import actor_by, actor_subject
from claims.pipeline.figure_nouns import Head, Signal, find_signals
from claims.pipeline.lexicon import (
    CASUALTY_HEADS,
    EQUIPMENT_LOSSES,
    EQUIPMENT_NOUNS,
    PEOPLE_VERB_MEANINGS,
    PERSON_NOUNS,
    STOP_WORDS,
    TIME_WORDS,
    WEAPON_NOUNS,
)
from claims.pipeline.measures import DURATION_UNITS, UNIT_MEASURES
from claims.pipeline.numbers import Number
from claims.pipeline.types import Claim, Kind, Qualifier, Sentence

FLAGGED_ROLES = frozenset(("caption", "boilerplate"))
# How many sentences back an elided noun may be found.
ANTECEDENT_REACH = 2
# (kind, counted, unit, actor, start of the claim's span)
_Meaning = tuple[Kind, "str | None", "str | None", "str | None", int]

# What a share or sum is of: "30% of the vote", "$2bn in aid" (but not "in the first half").
_OF_PHRASE_RE = re.compile(
    r"[ \u00a0]+(?:of[ \u00a0]+(?:(?:the|its|their|all|his|her)[ \u00a0]+)?|in[ \u00a0]+(?=[a-z]))"
    r"([A-Za-z][\w'\u2019-]*(?:[ \u00a0]+[A-Za-z][\w'\u2019-]*){0,2})"
)
_PARTITIVE_GAP_RE = re.compile(r"[ \u00a0]+(?:out[ \u00a0]+)?of[ \u00a0]+(?:the[ \u00a0]+)?", re.I)
_COORDINATION_RE = re.compile(r"[ \u00a0]*(?:,[ \u00a0]*)?(?:and|as well as|plus|,)[ \u00a0]*")
_OF_RE = re.compile(r"[ \u00a0]+of\b")


@dataclass(frozen=True, slots=True)
class Antecedent:
    """A noun a later figure may borrow when its own is elided."""

    position: int
    noun: str
    role: str


class FigureKinds:
    """Kind, ``counted`` and actor of a figure, for a reader of one sentence."""

    text: str
    sentence: Sentence
    lo: int
    hi: int
    position: int
    antecedents: list[Antecedent]
    last: Claim | None

    def _meaning(
        self, number: Number, head: Head, start: int, end: int, qualifier: Qualifier | None
    ) -> _Meaning | None:
        """(kind, counted, unit, actor, span start) for a figure, or ``None`` to drop it."""
        text = self.text
        unit = _money_unit(number) or head.unit
        if unit is not None:
            if unit in DURATION_UNITS and self._is_time_reference(start, head.end):
                return None
            counted = UNIT_MEASURES.get(unit) or ("duration" if unit in DURATION_UNITS else None)
            if number.currency or number.percent or number.fraction:
                counted = _of_phrase(text, end, self.hi) or counted
                if number.currency:
                    counted = counted or "money"
            if _is_article_one(number, qualifier):
                return None  # "one day", "one km": a determiner, not a figure
            return "numeric", counted, unit, None, start
        # After "16 of the 21 drones", the verbs after "drones" belong to the 21.
        after = end if head.partitive else max(end, head.end)
        signals = find_signals(self._tokens(start, after), start, after)
        if self._is_partitive_total(start):
            # The 21 in "shot down 16 of the 21 drones": the verbs belong to the 16, except
            # one that describes the drones themselves ("the 21 drones launched by Russia").
            signals = [s for s in signals if not s.before and s.direct]
        noun, span_start = head.noun, start
        if noun is None and self._is_partitive_total(start) and self._same_sentence_noun():
            noun = self._same_sentence_noun()  # "15 drones out of 17": 17 drones
        elif noun is None:
            if _is_article_one(number, qualifier) and not (
                signals and not signals[0].before and signals[0].distance <= 1
            ):
                return None  # "one" alone is a figure only as in "one was killed"
            noun = self._elided_noun(signals, head)
            if noun is None:
                return None
            before = [s for s in signals if s.before and s.distance == 0]
            if before and not head.partitive and number.start == start:
                span_start = before[0].token.start  # "intercept 16"
        else:
            self._remember(noun)
        return self._classify(number, noun, head, signals, qualifier, span_start)

    def _classify(self, number, noun, head, signals, qualifier, span_start) -> _Meaning | None:
        """Casualty, count or numeric, from the noun and the nearest verb that fits it."""
        low = noun.lower()
        is_one = _is_article_one(number, qualifier)
        if is_one and head.partitive:
            return None  # "one of the", "one of them"
        if low in CASUALTY_HEADS and not head.outcome:
            return "casualty", f"people {CASUALTY_HEADS[low]}", None, None, span_start
        if low in WEAPON_NOUNS:
            weapon, default_verb = WEAPON_NOUNS[low]
            signal = _nearest(signals, "count")
            shared = self._coordinated(span_start)
            if shared is not None and signal is None:
                # "destroyed 25 drones and two missiles": one verb, one actor for both.
                return (
                    "count",
                    f"{weapon} {shared.counted.split(' ', 1)[1]}",
                    None,
                    shared.actor,
                    span_start,
                )
            verb = signal.meaning if signal else default_verb
            return "count", f"{weapon} {verb}", None, self._actor(signal), span_start
        if low in EQUIPMENT_NOUNS:
            signal = _nearest(signals, "count", "casualty")
            meaning = signal.meaning if signal is not None else ""
            if signal is not None and signal.token.low == "lost":
                meaning = "destroyed"  # "Russia has lost 2,300 tanks"
            if meaning in EQUIPMENT_LOSSES:
                counted = f"{EQUIPMENT_NOUNS[low]} {meaning}"
                return "count", counted, None, self._actor(signal), span_start
        person = PERSON_NOUNS.get(low) or (noun if noun[0].isupper() else None)
        if person is not None:
            if head.outcome:
                return "casualty", f"{person} {head.outcome}", None, None, span_start
            signal = _nearest(signals, "casualty", "numeric")
            if signal is not None and signal.category == "casualty":
                return "casualty", f"{person} {signal.meaning}", None, None, span_start
            if is_one:
                return None
            counted = f"{person} {signal.meaning}" if signal else person
            return "numeric", counted, None, None, span_start
        if is_one:
            return None
        signal = _nearest(signals, "numeric")
        words = [m for m in head.modifiers if not any(c.isdigit() for c in m)]
        counted = " ".join([*words, noun])
        if signal is not None and signal.distance <= 3:
            counted = f"{counted} {signal.meaning}"
        return "numeric", counted, None, None, span_start

    def _is_partitive_total(self, start: int) -> bool:
        last = self.last
        return last is not None and bool(_PARTITIVE_GAP_RE.fullmatch(self.text, last.end, start))

    def _same_sentence_noun(self) -> str | None:
        """The noun remembered last in this sentence, if any."""
        last = self.antecedents[-1] if self.antecedents else None
        return last.noun if last is not None and last.position == self.position else None

    def _coordinated(self, start: int) -> Claim | None:
        """The count just before this one when the two are joined by "and" or a comma."""
        last = self.last
        if last is None or last.kind != "count" or start - last.end > 16:
            return None
        return last if _COORDINATION_RE.fullmatch(self.text, last.end, start) else None

    def _actor(self, signal: Signal | None) -> str | None:
        if signal is None:
            return None
        if signal.before:
            following = self.text[signal.token.end : signal.token.end + 4]
            if _OF_RE.match(following):
                return None  # a noun ("the launch of"), whose subject is not the actor
            return actor_subject(self._tokens(signal.token.start, signal.token.start), signal.token)
        return actor_by(self._tokens(signal.token.end, signal.token.end), signal.token.end)

    def _elided_noun(self, signals: list[Signal], head: Head) -> str | None:
        """The noun a figure without one borrows: from context, or "people" for a casualty."""
        if not signals:
            return None  # "16 of them" or a bare "16" says nothing without a verb
        nearest = signals[0] if signals else None
        for antecedent in reversed(self.antecedents):
            if antecedent.position < self.position - ANTECEDENT_REACH:
                break
            if antecedent.role in FLAGGED_ROLES and self.sentence.role not in FLAGGED_ROLES:
                continue
            weapon = antecedent.noun.lower() in WEAPON_NOUNS
            if nearest is not None and (nearest.category == "count") != weapon:
                continue  # "intercepted 16" wants drones, "arrested 12" wants people
            return antecedent.noun
        if nearest is not None and (
            nearest.category == "casualty" or nearest.meaning in PEOPLE_VERB_MEANINGS
        ):
            return "people"
        return None

    def _remember(self, noun: str) -> None:
        low = noun.lower()
        if (
            low in PERSON_NOUNS
            or low in WEAPON_NOUNS
            or low in EQUIPMENT_NOUNS
            or noun[0].isupper()
        ):
            self.antecedents.append(Antecedent(self.position, noun, self.sentence.role))


def _is_article_one(number: Number, qualifier: Qualifier | None) -> bool:
    """An unqualified "one", which news uses as a determiner far more than as a figure."""
    return number.word and number.value == 1 and qualifier is None


def _nearest(signals: list[Signal], *categories: str) -> Signal | None:
    return next((s for s in signals if s.category in categories), None)


def _money_unit(number: Number) -> str | None:
    if number.currency:
        return number.currency
    if number.percent:
        return "percent"
    if number.fraction:
        return "fraction"
    return None


def _of_phrase(text: str, end: int, hi: int) -> str | None:
    """What a share or sum is of: "30% of the vote" → "vote"."""
    match = _OF_PHRASE_RE.match(text, end, hi)
    if match is None:
        return None
    words = match.group(1).split()
    first = words[0]
    if first.lower() in STOP_WORDS or first.lower() in TIME_WORDS:
        return None
    # A plural ends the phrase ("the population lives" is a noun and a verb); otherwise a
    # second word may complete it: "military aid", "the city's residents".
    second = words[1] if len(words) > 1 else ""
    possessive = first.endswith(("'s", "\u2019s"))
    # After a singular noun a word in -s is mostly a verb: "the population lives".
    ends_in_s = second.endswith("s") and not possessive
    if second and (possessive or not first.endswith("s")) and not ends_in_s and _completes(second):
        return f"{first} {second}"
    return first


def _completes(word: str) -> bool:
    """Whether ``word`` can finish a noun phrase begun by the word before it."""
    low = word.lower()
    return (
        word[0].islower()
        and low not in STOP_WORDS
        and low not in TIME_WORDS
        and not low.endswith(("ed", "ing"))
    )

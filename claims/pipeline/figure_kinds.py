"""What a figure counts and what happened to it: the kind, ``counted`` and actor of a claim.

A mixin of ``figures._SentenceReader``: it reads the sentence state the reader keeps (the
text, the last claim, nouns remembered for elisions) and decides between casualty, count
and numeric from the noun after a figure and the nearest verb that fits that noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.pipeline.figure_actors import actor_by, actor_subject
from claims.pipeline.figure_context import reported_subject
from claims.pipeline.figure_counted import unit_counted
from claims.pipeline.figure_elision import (
    borrowed,
    elided_after,
    lends_noun,
    partitive_antecedent,
)
from claims.pipeline.figure_nouns import Head
from claims.pipeline.figure_signals import Signal, find_signals
from claims.pipeline.figure_words import NOT_OWNER_NOUNS
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
from claims.pipeline.measures import DURATION_UNITS
from claims.pipeline.numbers import Number
from claims.pipeline.types import Claim, Kind, Qualifier, Sentence

FLAGGED_ROLES = frozenset(("caption", "boilerplate"))
# How many sentences back an elided noun may be found.
ANTECEDENT_REACH = 2
# (kind, counted, unit, actor, start of the claim's span)
_Meaning = tuple[Kind, "str | None", "str | None", "str | None", int]

# "shelled Nikopol 27 times", "attacked Ukrainian positions on the southern front 18
# times": the object of the verb may run to six words, none of them another verb or "and".
_ATTACKED_BEFORE_RE = re.compile(
    r"\b(?:shelled|bombed|bombarded|attacked|struck|targeted|stormed|assaulted"
    r"|under[ \u00a0]+(?:fire|attack))"
    r"[ \u00a0]+(?:(?!(?:and|or|but|then|[a-z]+ed)\b)[A-Za-z'\u2019-]+[ \u00a0]+){0,6}$"
)
# "No one was injured", "It is not one drone that …": nobody, not a figure of one.
_NO_BEFORE_RE = re.compile(r"\b(?:[Nn]o|[Nn]ot)[ \u00a0]+$")
_VERB_BEFORE_RE = re.compile(r"\b([a-z]{3,}ed)[ \u00a0]+(?:[a-z]+[ \u00a0]+)?$")
# "leaving 2 million without power": people, though the text does not say so.
_WITHOUT_RE = re.compile(
    r"[ \u00a0]+without[ \u00a0]+(power|electricity|water|homes|shelter|food)\b"
)
# "60 patients with heat exhaustion", "12 people treated for smoke inhalation".
_INJURY_AFTER_RE = re.compile(
    r"[ \u00a0]+(?:(?:were|are|was|had[ \u00a0]+been|have[ \u00a0]+been)[ \u00a0]+)?"
    r"(?:with|treated[ \u00a0]+for|suffering[ \u00a0]+(?:from|with))[ \u00a0]+"
    r"(?:[a-z-]+[ \u00a0]+){0,2}(?:injuries|injury|burns|wounds|heatstroke|exhaustion"
    r"|fractures|hypothermia|inhalation|trauma|frostbite|poisoning)\b"
)
# "19 were taken to hospital", "two remained in intensive care", "412 runners had received
# medical treatment": people hurt in the event, though no injury word is written. Being
# "admitted to hospital" is left out: disease statistics say that of patients.
_HURT_AFTER_RE = re.compile(
    r"[ \u00a0]+(?:(?:were|are|was|is|had[ \u00a0]+been|have[ \u00a0]+been|remain|remains"
    r"|remained|had|have|all|later|still|also|then)[ \u00a0]+){0,3}"
    r"(?:(?:taken|rushed|airlifted|flown|transported)[ \u00a0]+to[ \u00a0]+"
    r"(?:a[ \u00a0]+|the[ \u00a0]+)?(?:[A-Z][\w'\u2019-]*[ \u00a0]+){0,4}[Hh]ospitals?\b"
    r"|in[ \u00a0]+(?:hospital|intensive[ \u00a0]+care|(?:a[ \u00a0]+)?(?:critical|serious|stable)"
    r"[ \u00a0]+condition)\b"
    r"|hospitali[sz]ed\b"
    r"|(?:received|receiving|needed|needing|required|requiring)[ \u00a0]+(?:medical[ \u00a0]+)?"
    r"(?:treatment|care)\b)"
)
_TOLL_BEFORE_RE = re.compile(
    r"\b(?:toll|number[ \u00a0]+(?:of[ \u00a0]+(?:[\w-]+[ \u00a0]+){0,3}?)?"
    r"(deaths|dead|killed|injured|wounded|casualties|fatalities))\b"
    r"[^.;:!?]{0,100}?[ \u00a0](?:to|at)[ \u00a0]+$",
    re.I,
)
# Personnel "losses" stated as a number of people: a casualty figure (killed and wounded).
_LOSSES_BEFORE_RE = re.compile(
    r"\blosses\b[^.;:!?]{0,100}?\b(?:amount(?:ed|ing|s)?[ \u00a0]+to|total(?:l?ed|l?ing|s)?"
    r"|were|was|reached|of|stood[ \u00a0]+at)[ \u00a0]+(?:[a-z]+[ \u00a0]+){0,2}$",
    re.I,
)
# "… were air strikes", "… are Shahed-type drones": up to two modifiers, then the noun.
_COPULA_NOUN_RE = re.compile(r"[ \u00a0]+(?:were|are)((?:[ \u00a0]+[\w-]+){1,3})")
_AIR_CONTEXT_RE = re.compile(
    r"\b(?:airspace|air[ \u00a0-]+defen[cs]es?|shot[ \u00a0]+down|intercept\w*|radar)\b", re.I
)
_PARTITIVE_GAP_RE = re.compile(r"[ \u00a0]+(?:out[ \u00a0]+)?of[ \u00a0]+(?:the[ \u00a0]+)?", re.I)
_COORDINATION_RE = re.compile(r"[ \u00a0]*(?:,[ \u00a0]*)?(?:and|as well as|plus|,)[ \u00a0]*")
_OF_RE = re.compile(r"[ \u00a0]+of\b")
# "a population of about 60,000", "a rate of 12.6": the noun before "of" is what is counted.
_OWNER_BEFORE_RE = re.compile(r"\b([a-z]{4,})[ \u00a0]+of[ \u00a0]+$")
_NOT_OWNERS = STOP_WORDS | TIME_WORDS | NOT_OWNER_NOUNS


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
    found: list[Claim]
    title_case: bool

    def _meaning(
        self, number: Number, head: Head, start: int, end: int, qualifier: Qualifier | None
    ) -> _Meaning | None:
        """(kind, counted, unit, actor, span start) for a figure, or ``None`` to drop it."""
        text = self.text
        if number.word and number.value == 1 and _NO_BEFORE_RE.search(text, self.lo, start):
            return None
        unit = _money_unit(number) or head.unit
        if unit is not None:
            if unit in DURATION_UNITS and self._is_time_reference(
                number.start, head.end, hedged=qualifier is not None
            ):
                return None
            counted = unit_counted(text, self.lo, self.hi, start, max(end, head.end), unit)
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
        if noun is None:
            named = self._weapon_after_copula(head.end if head.partitive else end)
            if named is not None:
                # "Nine of those were air strikes", "Of these, 12 were ballistic missiles".
                weapon, verb = WEAPON_NOUNS[named]
                return "count", f"{weapon} {verb}", None, None, start
        if noun is None and self._is_partitive_total(start) and self._same_sentence_noun():
            noun = self._same_sentence_noun()  # "15 drones out of 17": 17 drones
        elif noun is None and self._is_partitive_total(start) and self.last is not None:
            return borrowed(self.last, start)  # "182 seats out of 577"
        elif noun is None:
            if _is_article_one(number, qualifier) and not (
                signals and not signals[0].before and signals[0].distance <= 1
            ):
                # "one" alone is a figure only as in "one was killed", "… and one in Kherson".
                if lends_noun(text, self.last, start, article_one=True) and elided_after(
                    text, end, self.hi
                ):
                    return borrowed(self.last, start)
                return None
            noun = self._elided_noun(signals, head)
            if noun is None:
                subject = reported_subject(self._tokens(start, end), number.start)
                if subject is None:
                    return self._unsaid_noun(number, start, end)
                noun = subject  # "Deaths fell to 48,422"
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
        if number.word and number.value == 1 and head.partitive:
            return None  # "one of the", "at least one of the people he shot"
        if low in CASUALTY_HEADS and not head.outcome:
            return "casualty", f"people {CASUALTY_HEADS[low]}", None, None, span_start
        if self._airborne_object(low, head):
            # "19 objects violated Polish airspace", "shot down 12 aerial targets": what air
            # defence reports when it does not say drone or missile.
            signal = _nearest(signals, "count")
            verb = signal.meaning if signal else "detected"
            return "count", f"{low} {verb}", None, self._actor(signal), span_start
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
            if _INJURY_AFTER_RE.match(self.text, head.end, self.hi) or _HURT_AFTER_RE.match(
                self.text, head.end, self.hi
            ):
                return "casualty", f"{person} injured", None, None, span_start
            if signal is None and _TOLL_BEFORE_RE.search(
                self.text, max(self.lo, span_start - 160), span_start
            ):
                return "casualty", f"{person} killed", None, None, span_start  # toll rose to
            if signal is None and _LOSSES_BEFORE_RE.search(
                self.text, max(self.lo, span_start - 120), span_start
            ):
                # "Ukrainian losses … amounted to about 8,960 servicemen": killed and wounded.
                return "casualty", f"{person} killed or wounded", None, None, span_start
            if is_one:
                return None
            counted = f"{person} {signal.meaning}" if signal else person
            return "numeric", counted, None, None, span_start
        if is_one:
            return None
        if low == "times":
            verb = _VERB_BEFORE_RE.search(self.text, max(self.lo, span_start - 24), span_start)
            if _ATTACKED_BEFORE_RE.search(self.text, max(self.lo, span_start - 80), span_start):
                # "shelled 317 times", "came under fire 40 times": each time is an attack.
                return "count", "attacks", None, None, span_start
            counted = f"times {verb.group(1).lower()}" if verb else "times"
            return "numeric", counted, None, None, span_start  # "stabbed 11 times"
        if _HURT_AFTER_RE.match(self.text, head.end, self.hi):
            return "casualty", f"{noun} injured", None, None, span_start  # "412 runners …"
        signal = _nearest(signals, "numeric")
        words = [m for m in head.modifiers if not any(c.isdigit() for c in m)]
        counted = " ".join([*words, noun])
        if signal is not None and signal.distance <= 3:
            counted = f"{counted} {signal.meaning}"
        return "numeric", counted, None, None, span_start

    def _weapon_after_copula(self, pos: int) -> str | None:
        """The weapon noun in "… were air strikes" right after a number without a noun."""
        match = _COPULA_NOUN_RE.match(self.text, pos, self.hi)
        if match is None:
            return None
        words = match.group(1).split()
        for k, word in enumerate(words):
            low = word.lower()
            if low in STOP_WORDS:
                break
            following = words[k + 1] if k + 1 < len(words) else ""
            modifies = following.isalpha() and following.islower() and following not in STOP_WORDS
            if low in WEAPON_NOUNS and not modifies:
                return low  # the head, not a modifier ("drone operators")
        return None

    def _airborne_object(self, low: str, head: Head) -> bool:
        """Objects or targets in the air, in a sentence about airspace or air defence."""
        aerial = any(m.lower() in ("aerial", "air", "airborne", "flying") for m in head.modifiers)
        if low not in ("objects", "targets") or (low == "targets" and not aerial):
            return False
        return aerial or _AIR_CONTEXT_RE.search(self.text, self.lo, self.hi) is not None

    def _unsaid_noun(self, number: Number, start: int, end: int) -> _Meaning | None:
        """A bare number: the noun of the figure before it, or of "a population of 60,000"."""
        text = self.text
        if elided_after(text, end, self.hi) and lends_noun(
            text, self.last, start, article_one=False
        ):
            return borrowed(self.last, start)  # "28 homicides, compared with 41 last year"
        part_of = partitive_antecedent(text, self.found, start)
        if part_of is not None and elided_after(text, end, self.hi):
            return borrowed(part_of, start)  # "26 drones in two hours, of them 19 over Kursk"
        if _HURT_AFTER_RE.match(text, end, self.hi):
            return "casualty", "people injured", None, None, start  # "19 were taken to hospital"
        toll = _TOLL_BEFORE_RE.search(text, max(self.lo, start - 160), start)
        if toll:
            # "bringing the number of soldiers killed since May to 412", "put the number of
            # deaths at 61,672": the level of a toll is a casualty figure.
            hurt = (toll.group(1) or "").lower() in ("injured", "wounded")
            return "casualty", "people injured" if hurt else "people killed", None, None, start
        without = _WITHOUT_RE.match(text, end, self.hi)
        if without:
            return "numeric", f"people without {without.group(1)}", None, None, start
        owner = _OWNER_BEFORE_RE.search(text, max(self.lo, start - 30), start)
        word = owner.group(1) if owner else ""
        if word and word not in _NOT_OWNERS and not word.endswith(("ly", "ing", "ed")):
            return "numeric", word, None, None, start
        if text.startswith("0.", number.start) and number.value > 0:
            # "a blood-alcohol level of 0.14": no year, age, clock time or label is
            # written with a leading zero and a decimal point.
            return "numeric", word or "level", None, None, start
        if _is_large_written(text, number):
            # "fell to 204,000", "with 19.9 million": no year, age, time or code is written
            # with a thousands separator or a scale word, so the level itself is the claim.
            return "numeric", "level", None, None, start
        return None

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
            if head.partitive:
                # "my brigade sees 80 or 90 of them": "them" are the weapons just named.
                return self._recent_weapon()
            return None  # a bare "16" says nothing without a verb
        nearest = signals[0] if signals else None
        for antecedent in reversed(self.antecedents):
            if antecedent.position < self.position - ANTECEDENT_REACH:
                break
            if antecedent.role in FLAGGED_ROLES and self.sentence.role not in FLAGGED_ROLES:
                continue
            weapon = antecedent.noun.lower() in WEAPON_NOUNS
            lost = nearest is not None and nearest.token.low == "lost"  # drones are lost too
            if nearest is not None and (nearest.category == "count") != weapon and not lost:
                continue  # "intercepted 16" wants drones, "arrested 12" wants people
            return antecedent.noun
        if nearest is not None and (
            nearest.category == "casualty" or nearest.meaning in PEOPLE_VERB_MEANINGS
        ):
            return "people"
        return None

    def _recent_weapon(self) -> str | None:
        """The last noun remembered, if it names a weapon and is no further than
        ``ANTECEDENT_REACH`` sentences back."""
        for antecedent in reversed(self.antecedents):
            if antecedent.position < self.position - ANTECEDENT_REACH:
                return None
            if antecedent.role in FLAGGED_ROLES and self.sentence.role not in FLAGGED_ROLES:
                continue
            return antecedent.noun if antecedent.noun.lower() in WEAPON_NOUNS else None
        return None

    def _remember(self, noun: str) -> None:
        low = noun.lower()
        if (
            low in PERSON_NOUNS
            or low in WEAPON_NOUNS
            or low in EQUIPMENT_NOUNS
            or (noun[0].isupper() and not self.title_case)  # "Palestinians", not "Regions"
        ):
            self.antecedents.append(Antecedent(self.position, noun, self.sentence.role))


def _is_article_one(number: Number, qualifier: Qualifier | None) -> bool:
    """An unqualified "one", which news uses as a determiner far more than as a figure."""
    return number.word and number.value == 1 and qualifier is None


def _is_large_written(text: str, number: Number) -> bool:
    """A bare number of at least a thousand written "204,000" or "19.9 million"."""
    if number.value < 1000:
        return False
    written = text[number.start : number.end]
    return "," in written or any(c.isalpha() for c in written)


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

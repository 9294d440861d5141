"""Short noun phrases saying what a figure with a unit measures, for reviewers to read.

"12 years in prison" → "years in prison", "months of fighting", "$2 million bond" → "bond",
"raised more than $18,000" → "money raised", "Digital sales dropped 10%" → "sales fall",
"30% of the vote" → "vote". Each reads a few words on either side of the figure.
"""

from __future__ import annotations

import re

from claims.pipeline.figure_words import (
    CHANGE_VERBS,
    FALL_WORDS,
    MONEY_VERBS,
    PERCENT_NOUNS,
    RISE_WORDS,
)
from claims.pipeline.lexicon import STOP_WORDS, TIME_WORDS
from claims.pipeline.measures import DURATION_UNITS, UNIT_MEASURES

# What a share or sum is of: "30% of the vote", "$2bn in aid" (but not "in the first half").
_OF_PHRASE_RE = re.compile(
    r"[ \u00a0]+(?:of[ \u00a0]+(?:(?:the|its|their|all|his|her)[ \u00a0]+)?|in[ \u00a0]+(?=[a-z]))"
    r"([A-Za-z][\w'\u2019-]*(?:[ \u00a0]+[A-Za-z][\w'\u2019-]*){0,2})"
)
_IN_STATE_RE = re.compile(
    r"[ \u00a0]+(?:in|behind)[ \u00a0]+(prison|jail|custody|detention|office|power|hospital|bars)\b"
)
_SENTENCE_RE = re.compile(r"\b(?:sentenced|jailed|imprisoned)\b[^.;]{0,30}$")
_LEVEL_VERBS = (
    r"(?:was|were|is|are|stood|reached|touched|totalled|totaled|hit|rose|fell|grew|dropped"
    r"|declined|slipped|jumped|climbed|increased|decreased|gained|lost|tumbled|exceeds"
    r"|exceeded|came|set)"
)
# A subject and its verb shortly before a figure: "revenue fell 2% to", "bail was set at".
_SUBJECT_VERB_RE = re.compile(
    rf"\b([A-Za-z][a-z]+)[ \u00a0]+(?:(?:has|have|had)[ \u00a0]+)?({_LEVEL_VERBS})\b"
    r"(?:[ \u00a0]+(?:by|to|at|in|of|set|about|nearly|almost|roughly|around|some|more|than"
    r"|over|up|down|[\d.,%]+))*[ \u00a0]*$",
    re.I,
)
_OWNER_RE = re.compile(r"\b([a-z]{4,})[ \u00a0]+(of|to|at)[ \u00a0]+$")
_WORD_AFTER_RE = re.compile(r"[ \u00a0]+([a-z][a-z-]+)\b")
_WORDS_BEFORE_RE = re.compile(r"([A-Za-z][\w'\u2019-]*)[ \u00a0]+([a-z]+)[ \u00a0]+$")


def unit_counted(text: str, lo: int, hi: int, start: int, end: int, unit: str) -> str | None:
    """What a figure written with ``unit`` measures, in a few words."""
    of = of_phrase(text, end, hi)
    owner = _owner(text, lo, start)
    if unit in DURATION_UNITS:
        state = _IN_STATE_RE.match(text, end, hi)
        if state:
            return f"{unit} in {state.group(1)}"  # "12 years in prison"
        if of:
            return f"{unit} of {of}"  # "months of fighting"
        if owner:
            return owner  # "a sentence of at least 20 years"
        if _SENTENCE_RE.search(text, max(lo, start - 40), start):
            return f"{unit} in prison"  # "jailed for 14 years"
        return unit
    if unit == "percent":
        percent_of = of if text[end : end + 4].strip().startswith("of") else None
        return (
            percent_of
            or _percent_noun(text, end, hi)
            or owner
            or _change(text, lo, start)
            or of
            or "share"
        )
    if len(unit) == 3 and unit.isupper():  # a currency code
        return (
            of
            or _noun_after(text, end, hi)
            or owner
            or _money_verb(text, lo, start)
            or _level_subject(text, lo, start)
            or "money"
        )
    measure = UNIT_MEASURES.get(unit)
    if unit == "fraction":
        return of or measure
    return f"{measure} of {of}" if of and measure else measure


def of_phrase(text: str, end: int, hi: int) -> str | None:
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


def _percent_noun(text: str, end: int, hi: int) -> str | None:
    """ "a 3.2% fall", "the 3% limit": a noun naming what the percentage is."""
    after = _WORD_AFTER_RE.match(text, end, hi)
    return after.group(1) if after and after.group(1) in PERCENT_NOUNS else None


def _change(text: str, lo: int, start: int) -> str | None:
    """ "Digital sales dropped 10%" → "sales fall"; "Turnout reached 66.6%" → "turnout"."""
    found = _SUBJECT_VERB_RE.search(text, max(lo, start - 50), start)
    if found is None:
        return None
    subject, verb = _subject(found, lo), found.group(2).lower()
    direction = "rise" if verb in RISE_WORDS else "fall" if verb in FALL_WORDS else None
    if subject is None:
        return direction
    return f"{subject} {direction}" if direction else subject


def _level_subject(text: str, lo: int, start: int) -> str | None:
    """ "Net income rose 45% to $1.5 billion" → "income"; "His bail was set at" → "bail"."""
    found = _SUBJECT_VERB_RE.search(text, max(lo, start - 50), start)
    if found is None:
        return None
    return _subject(found, lo)


def _subject(found: re.Match[str], lo: int) -> str | None:
    """The subject word of a match, unless it is a function word or part of a name."""
    word = found.group(1)
    low = word.lower()
    if low in STOP_WORDS or not word.isalpha():
        return None
    if word[0].isupper() and found.start(1) > lo:
        return None  # "the United States fell": a name, not what fell
    return low


def _owner(text: str, lo: int, start: int) -> str | None:
    """ "fines of 2,000 rupees" → "fines"; "its target to $120" → "target"."""
    found = _OWNER_RE.search(text, max(lo, start - 30), start)
    if found is None:
        return None
    word = found.group(1)
    if word in STOP_WORDS or word in TIME_WORDS or word.endswith(("ly", "ing", "ed")):
        return None
    if word in CHANGE_VERBS or word in RISE_WORDS or word in FALL_WORDS:
        return None  # "rose to 10.1%": a verb, not an owner
    if found.group(2) != "of" and word.endswith("s"):
        return None  # "by 0.25 points to 5.5%": "to" after a plural starts a new level
    return word


def _noun_after(text: str, end: int, hi: int) -> str | None:
    """ "a $2 million bond" → "bond"."""
    after = _WORD_AFTER_RE.match(text, end, hi)
    if after is None:
        return None
    word = after.group(1)
    if len(word) < 3 or word in STOP_WORDS or word in TIME_WORDS or word.endswith(("ly", "ed")):
        return None
    second = _WORD_AFTER_RE.match(text, after.end(), hi)
    if second and len(second.group(1)) > 3 and second.group(1) not in STOP_WORDS:
        return f"{word} {second.group(1)}"  # "a $9.6m beachfront house"
    return word


def _money_verb(text: str, lo: int, start: int) -> str | None:
    """ "raised more than $18,000" → "money raised"."""
    before = _WORDS_BEFORE_RE.search(text, max(lo, start - 40), start)
    if before and before.group(2) in MONEY_VERBS:
        return f"money {before.group(2)}"
    return None


def _completes(word: str) -> bool:
    """Whether ``word`` can finish a noun phrase begun by the word before it."""
    low = word.lower()
    return (
        word[0].islower()
        and low not in STOP_WORDS
        and low not in TIME_WORDS
        and not low.endswith(("ed", "ing"))
    )

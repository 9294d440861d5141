"""Numbers that are not figures: years, dates, times, ages, codes, names and labels.

``trap`` looks only at a few characters around a number, so each check is constant time.
It returns a short reason (useful in tests and when debugging) or ``None`` for a number
that may be a claim.
"""

from __future__ import annotations

import re

from claims.pipeline.lexicon import (
    CAPITALISED_FUNCTION_WORDS,
    CASUALTY_HEADS,
    DETERMINERS,
    LABEL_WORDS,
    MONTHS,
    PERSON_NOUNS,
    WEAPON_NOUNS,
    WEEKDAYS,
)
from claims.pipeline.measures import UNITS
from claims.pipeline.numbers import Number

_WORD_RE = re.compile(r"[#\w][\w'\u2019.&-]*")
_NEXT_WORD_RE = re.compile(r"[ \u00a0]+(?:of[ \u00a0]+)?([A-Za-z][\w'\u2019.-]*)")
_GLUED_UNITS = frozenset({*UNITS, "pc", "sq", "kmh", "km2", "m2", "kt", "mt", "gwh", "c", "f"})
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_TIME_SUFFIXES = frozenset({"am", "pm", "h", "hrs", "gmt", "utc"})
_TIME_AFTER_RE = re.compile(
    r"(?::\d|[ \u00a0]?(?:a\.m\b|p\.m\b|am\b|pm\b|o['\u2019]clock)"
    r"|[ \u00a0](?:GMT|UTC|CET|CEST|EST|EDT|BST|PST|EET|EEST|MSK|local time)\b)",
    re.I,
)
_CALIBRE_RE = re.compile(
    r"(?:[ \u00a0-]?mm|[ \u00a0-]?millimet(?:re|er)|-?(?:calibre|caliber))\b(?![ \u00a0]+of\b)"
    r"[ \u00a0-]+[A-Za-z]",
    re.I,
)
_AGE_BEFORE_RE = re.compile(
    r"\b(?:aged|age|ages|age of|ages of|aged between|aged from"
    r"|(?:children|kids|those|people|anyone|adults|everyone|pupils|players|girls|boys|men|women)"
    r"[ \u00a0]+(?:under|over|above|below|aged))[ \u00a0]+$",
    re.I,
)
_AGE_WORDS = frozenset(("aged", "age", "ages", "of", "under", "over", "above", "below", "between"))
_AGE_AFTER_RE = re.compile(
    r"(?:[ \u00a0-]+(?:year|month|week|day)s?[ \u00a0-]+old\b"
    r"|[ \u00a0]+years?[ \u00a0]+of[ \u00a0]+age\b)",
    re.I,
)
# "Kravets, 47, said", "The woman, 54, has …": an age set off after a name or a person.
_NAME_COMMA_BEFORE_RE = re.compile(
    r"[A-Z][\w'\u2019-]+,[ \u00a0]$|[A-Z][\w'\u2019-]+[ \u00a0]\($"
    r"|\b(?:man|woman|boy|girl|teenager|victim|driver|suspect|mother|father|pensioner"
    r"|resident|husband|wife|son|daughter|patient|soldier|officer),[ \u00a0]$"
)
_ADDRESS_AFTER_RE = re.compile(
    r"[ \u00a0]+(?:[A-Z][a-z]+[ \u00a0]+){1,2}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Boulevard|Blvd|Square|Drive|Way|Place)\b"
)
_CODE_BEFORE = frozenset(("/", "@", "=", "\\", "+", "'", "\u2019", "#"))
_DIGIT_GAPS = frozenset((" ", "\u00a0", ".", "-"))
_RATIO_BEFORE_RE = re.compile(r"(?:\b(?:one|two|three|four|five)|\d)[ \u00a0]+in[ \u00a0]+$", re.I)
_OF_NAME_RE = re.compile(r"([A-Z][\w'\u2019-]*)[ \u00a0]+of[ \u00a0]+$")
# A place in a results list: a number, a full name and a country or team code in brackets.
_RANK_AFTER_RE = re.compile(
    r"[ \u00a0]+[A-Z][\w'\u2019.-]+(?:[ \u00a0]+[A-Z][\w'\u2019.-]+){1,3}[ \u00a0]+"
    r"\([A-Z][A-Za-z]{1,3}\)(?=[ \u00a0]*(?:\d|[;,]|$))"
)
_ORDINAL_HALF = frozenset(
    ("first", "second", "third", "fourth", "last", "latter", "former", "other")
)


def trap(
    text: str,
    number: Number,
    *,
    lo: int,
    ranged: bool = False,
    qualified: bool = False,
    title_case: bool = False,
) -> str | None:
    """Why ``number`` (inside the sentence starting at ``lo``) is not a figure, or ``None``."""
    start, end = number.start, number.end
    before = text[max(lo, start - 40) : start]
    after = text[end : end + 40]
    previous = _previous_word(before)
    prev_word = previous.lower().rstrip(".")
    next_match = _NEXT_WORD_RE.match(after)
    next_word = next_match.group(1).lower() if next_match else ""
    reason = _shape_trap(number, before, after, ranged)
    if reason:
        return reason
    if _TIME_AFTER_RE.match(after):
        return "time"
    if _is_date(previous, next_match):
        return "date"
    if "," not in text[start:end] and _is_year(number, next_word, qualified):  # "1,800 tents"
        return "year"
    if (prev_word in _AGE_WORDS and _AGE_BEFORE_RE.search(before)) or _AGE_AFTER_RE.match(after):
        return "age"
    if after[:1] in (",", ")") and number.value < 120 and _NAME_COMMA_BEFORE_RE.search(before):
        return "age"
    if _CALIBRE_RE.match(after):
        return "calibre"
    if number.value <= 200 and not number.word and _RANK_AFTER_RE.match(after):
        return "rank"  # a results table: "4 Yonas Berhe (Eri) 2:07:58"
    if _ADDRESS_AFTER_RE.match(after):
        return "address"
    if (
        prev_word in LABEL_WORDS
        and not qualified
        and not number.word
        and next_word.rstrip(".") != "times"
    ) or before.endswith("#"):
        return "label"  # "district 9", but "shelled the district 27 times" counts attacks
    if prev_word == "per" or (prev_word == "in" and _RATIO_BEFORE_RE.search(before)):
        return "rate"  # "12 per 100,000", "one in five"
    if number.fraction and number.value == 0.5 and prev_word in _ORDINAL_HALF:
        return "period"
    if number.word and not qualified and prev_word in DETERMINERS and number.value <= 10:
        return "reference"
    if qualified:
        return None  # "Upwards of 300": a hedge never precedes a name
    return _name_trap(text, number, lo, before, previous, title_case)


def _shape_trap(number: Number, before: str, after: str, ranged: bool) -> str | None:
    """Traps read from the characters glued to the number."""
    glued = number.glued
    if glued:
        if glued in _ORDINAL_SUFFIXES:
            return "ordinal"
        if glued in _TIME_SUFFIXES:
            return "time"
        if glued == "s" or glued == "ies":
            return "decade"
        if glued not in _GLUED_UNITS:
            return "name"
    if number.word:
        return None
    last, second = before[-1:], before[-2:-1]
    if last == " " and second in ("-", "\u2010"):
        last, second = second, before[-3:-2]
    if last in ("-", "\u2010") and second.isalpha():
        return "name"  # F-16, Shahed-136, COVID-19
    first, next_char = after[:1], after[1:2]
    if last in _CODE_BEFORE or first in ("/", "@"):
        return "code"
    if (last in ("/", ":", ".") and second.isdigit()) or (first in ".,:" and next_char.isdigit()):
        return "code"  # dates written 8/3, times 10:30, versions 3.5.1
    if not ranged and (
        (last in _DIGIT_GAPS and second.isdigit()) or (first in _DIGIT_GAPS and next_char.isdigit())
    ):
        return "digit sequence"  # phone numbers, scores such as 3-1
    if len(number.digits) > 1 and number.digits[0] == "0" and number.digits[1] != ".":
        return "code"
    if last == "[" or (last == "(" and first == ")"):
        return "reference mark"
    if not before.strip() and first in (".", ")") and next_char in (" ", "\u00a0"):
        return "list marker"
    return None


def _previous_word(before: str) -> str:
    """The word just before a number, separated from it by spaces only; "" if none."""
    stripped = before.rstrip(" \u00a0")
    if len(stripped) == len(before) or not stripped:
        return ""
    word = stripped.split()[-1]
    if len(word) == len(stripped) and len(before) == 40:
        return ""  # the window cut the word
    return word if _WORD_RE.fullmatch(word) else ""


def _is_date(previous: str, next_match: re.Match | None) -> bool:
    following = next_match.group(1) if next_match else ""
    for word in (previous.rstrip("."), following.rstrip(".")):
        low = word.lower()
        if low in MONTHS:
            # "may" and "march" are months only when capitalised.
            if low in ("may", "march", "mar") and not word[:1].isupper():
                continue
            return True
    return False


def _is_year(number: Number, next_word: str, qualified: bool) -> bool:
    if number.word or number.currency or number.percent or qualified:
        return False
    if len(number.digits) != 4 or not number.digits.isdigit() or not 1800 <= number.value <= 2100:
        return False
    # "2,000 drones" needs a plural; "the 2007 attack" and "the 2019 strike" name a year.
    plural = next_word.endswith("s")
    counted = (plural and (next_word in PERSON_NOUNS or next_word in WEAPON_NOUNS)) or (
        next_word in CASUALTY_HEADS
    )
    return not counted


def _name_trap(
    text: str,
    number: Number,
    lo: int,
    before: str,
    previous: str,
    title_case: bool,
) -> str | None:
    """A number inside a proper name: "Boeing 737", "Group of Seven", "Vision 2030"."""
    if not previous or title_case:
        return None
    previous_start = number.start - (len(before) - len(before.rstrip(" \u00a0"))) - len(previous)
    sentence_start = _opens_clause(text, lo, previous_start)
    group = _OF_NAME_RE.search(before) if previous.lower() == "of" else None
    if group and group.group(1).lower() not in CAPITALISED_FUNCTION_WORDS:
        group_start = number.start - len(before) + group.start()
        if not _opens_clause(text, lo, group_start):
            return "name"  # "Group of Seven", "Group of 20"; not a capital at sentence start
    if number.word and text[number.start].isupper() and not _opens_clause(text, lo, number.start):
        return "name"
    low = previous.lower()
    if (
        not number.word
        and previous[:1].isupper()
        and not sentence_start
        and low not in CAPITALISED_FUNCTION_WORDS
        and low not in MONTHS
        and low not in WEEKDAYS
        and not previous.endswith(("'s", "\u2019s"))
    ):
        return "name"
    return None


def _opens_clause(text: str, lo: int, position: int) -> bool:
    """Whether only opening quotes, brackets or a colon stand between ``lo`` and ``position``."""
    head = text[max(lo, position - 12) : position].rstrip(" \u00a0\n")
    if not head:
        return position - 12 <= lo
    return head[-1] in "\"\u201c\u2018'([:\u2014-"

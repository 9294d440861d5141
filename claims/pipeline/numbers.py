"""Find and read numbers in news text: digits, number words, money and percentages.

``find_numbers`` scans a stretch of text and returns every number it can read, with its
exact span; it does not judge whether the number is a claim (``figures`` does that).
Money is read to its full value ("$2bn" → 2e9, currency "USD"); percentages keep the
stated value (30 for "30%"); fractions ("a third of") are values below one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from claims.pipeline.lexicon import STOP_WORDS
from claims.pipeline.measures import CURRENCY_WORDS

_SMALL = """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen"""
_UNITS = {w: i for i, w in enumerate(_SMALL.split())}
_TENS_WORDS = "- - twenty thirty forty fifty sixty seventy eighty ninety"
_TENS = {w: 10 * i for i, w in enumerate(_TENS_WORDS.split()) if w != "-"}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
_WORDS = sorted(
    [*_UNITS, *_TENS, *_SCALES, "hundred", "dozen", *_DENOMINATORS],
    key=len,
    reverse=True,
)


def _trie(words: list[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie, which ``re`` matches much faster."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(c) + emit(sub) for c, sub in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


# Spelled out in three casings instead of re.I: a case-sensitive trie scans ~7x faster.
_NW = _trie([v for w in _WORDS for v in (w, w.capitalize(), w.upper())]) + r"\b"
# Separators are fixed strings, so a run of number words is read in one linear pass.
WORDS_RE = re.compile(
    rf"\b{_NW}(?:(?:[ \u00a0]+and[ \u00a0]+a|[ \u00a0]+and|[ \u00a0]+a)?[ \u00a0-]+{_NW})*"
)
# "4,1%" or "6,42 metres" (a comma before one or two digits and then a unit, a word
# or a percent sign) is a decimal comma left by a translation, read first as 4.1: a
# thousands separator is always followed by three digits. A list ("1,2 and 3") is not.
# The look-behind sits after the first digit so that ``re`` can skip ahead to digits.
DIGITS_RE = re.compile(
    r"\d(?<![\w.,]\d)"
    r"(?:\d{0,2},\d{1,2}(?=[ \u00a0]?(?:%|(?!(?:and|or|to)\b)[^\W\d_]))"
    r"|\d{0,2}(?:,\d{3})+(?!\d)|\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d*)"
    r"(?:\.\d+)?(?![\d])"
)
_TOKEN_RE = re.compile(r"[a-z]+")
_LETTERS_RE = re.compile(r"[A-Za-z]*")
_ARTICLE_RE = re.compile(r"\b(?:a|an)[ \u00a0]+$", re.I)
_NEXT_WORD_RE = re.compile(r"[ \u00a0]*([A-Za-z]+)")

_CURRENCY_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "a$": "AUD",
    "c$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "r$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₴": "UAH",
    "₺": "TRY",
    "₩": "KRW",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "inr": "INR",
    "rub": "RUB",
    "uah": "UAH",
    "chf": "CHF",
    "rs": "INR",
    "rs.": "INR",
}
_SYMBOLS = frozenset("$€£¥₹₽₴₺₩")
_CURRENCY_BEFORE_RE = re.compile(
    r"(?:(?<![A-Za-z])(?:US|A|C|NZ|HK|S|R)?\$|[€£¥₹₽₴₺₩]|\b(?:USD|EUR|GBP|JPY|CNY|RMB|INR|RUB|UAH"
    r"|CHF|Rs\.?))[ \u00a0]?$"
)
_SCALE_AFTER_RE = re.compile(
    r"(?:[ \u00a0]|-)?(trillion|billion|million|thousand|dozen|crore|lakh)\b"
    r"|[ \u00a0]?(bn|mn|mln|tn)\b|(m|b|k)\b",
    re.I,
)
ABBREVIATED_SCALES = {
    "bn": 1e9,
    "b": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "tn": 1e12,
    "k": 1e3,
    "dozen": 12,
    "crore": 1e7,
    "lakh": 1e5,
}
_PERCENT_RE = re.compile(r"[ \u00a0]?(?:%|per[ \u00a0]?cent\b|percent\b)", re.I)
_CURRENCY_AFTER_RE = re.compile(
    r"[ \u00a0](?:(?:US|American|Canadian|Australian|Hong Kong|Singapore)[ \u00a0])?"
    r"(dollars?|euros?|pounds(?: sterling)?|sterling|yen|yuan|renminbi|rubles?|roubles?|hryvnias?"
    r"|hryvnas|rupees|francs|pesos|soles|reais|shekels|liras?|rand|naira|zlotys|USD|EUR|GBP)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from text: ``text[start:end]`` is the whole number phrase."""

    start: int
    end: int
    value: float
    currency: str | None = None
    percent: bool = False
    fraction: bool = False
    word: bool = False
    # The digits as written (no scale or sign); empty for words. Years and codes need it.
    digits: str = ""
    # Letters glued to the digits ("105mm" → "mm", "5th" → "th"), lower case.
    glued: str = ""


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number readable in ``text[start:end]``, in order, offsets into ``text``."""
    end = len(text) if end is None else end
    found = [_digit_number(text, m, start, end) for m in DIGITS_RE.finditer(text, start, end)]
    starts = [n.start for n in found]
    for match in WORDS_RE.finditer(text, start, end):
        for number in _word_numbers(text, match, start, end):
            # Drop a word that overlaps a digit number ("million" in "1.5 million").
            k = bisect_right(starts, number.end - 1) - 1
            if k < 0 or found[k].end <= number.start:
                found.append(number)
    found.sort(key=lambda n: n.start)
    return _ratios(text, found)


# "one in five residents", "nine out of ten targets": a share, written as two numbers.
_RATIO_GAP_RE = re.compile(r"[ \u00a0]+(?:in|out[ \u00a0]+of)[ \u00a0]+(?:every[ \u00a0]+)?")
_RATIO_DENOMINATORS = frozenset((2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 100, 1000))


def _ratios(text: str, found: list[Number]) -> list[Number]:
    """Join "N in M" and "N out of M" (M a round denominator above N) into one fraction."""
    out: list[Number] = []
    k = 0
    while k < len(found):
        a = found[k]
        b = found[k + 1] if k + 1 < len(found) else None
        if (
            b is not None
            and _plain_count(a)
            and _plain_count(b)
            and b.value in _RATIO_DENOMINATORS
            and 1 <= a.value < b.value
            and _RATIO_GAP_RE.fullmatch(text, a.end, b.start)
        ):
            out.append(
                Number(a.start, b.end, a.value / b.value, fraction=True, word=a.word and b.word)
            )
            k += 2
            continue
        out.append(a)
        k += 1
    return out


def _plain_count(number: Number) -> bool:
    return number.value.is_integer() and not (
        number.currency or number.percent or number.fraction or number.glued
    )


def parse_number(phrase: str) -> float | None:
    """The value of a phrase that is one number and nothing else, e.g. "1.5 million"."""
    stripped = phrase.strip()
    numbers = find_numbers(stripped)
    if len(numbers) == 1 and numbers[0].start == 0 and numbers[0].end == len(stripped):
        return numbers[0].value
    return None


def _digit_number(text: str, match: re.Match[str], floor: int, limit: int) -> Number:
    raw = match.group()
    if "," in raw and len(raw) - raw.rindex(",") <= 3:
        raw = raw.replace(",", ".")  # "4,1%": a decimal comma left by a translation
    digits = raw.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    value = float(digits)
    start, end = match.start(), match.end()
    currency = None
    mark = text[max(floor, start - 2) : start].strip(" \u00a0")[-1:]
    before = None
    if mark and (mark in _SYMBOLS or mark.isalpha() or mark == "."):
        before = _CURRENCY_BEFORE_RE.search(text, max(floor, start - 5), start)
    if before:
        currency = _CURRENCY_SYMBOLS[before.group().strip().lower()]
        start = before.start()
    scale = _SCALE_AFTER_RE.match(text, end, limit)
    if scale:
        word = (scale.group(1) or scale.group(2) or scale.group(3)).lower()
        # A bare "m", "b" or "k" is a scale only on money: "5m" alone is five metres.
        if scale.group(3) is None or currency:
            value *= _SCALES.get(word) or ABBREVIATED_SCALES[word]
            end = scale.end()
    glued = ""
    if end == match.end() and end < limit and text[end].isalpha():
        glued = _LETTERS_RE.match(text, end, limit).group().lower()
    percent = False
    if not glued:
        end, currency, percent = _money_or_percent(text, end, limit, currency)
    return Number(start, end, value, currency=currency, percent=percent, digits=digits, glued=glued)


def _money_or_percent(
    text: str, end: int, limit: int, currency: str | None
) -> tuple[int, str | None, bool]:
    """Extend a number over a following "%", "per cent" or currency word."""
    percent = _PERCENT_RE.match(text, end, limit)
    if percent:
        return percent.end(), currency, True
    if currency is None:
        after = _CURRENCY_AFTER_RE.match(text, end, limit)
        if after:
            return after.end(), _currency_word(after.group(1)), False
    return end, currency, False


def _currency_word(word: str) -> str:
    word = word.lower().split()[0]
    return CURRENCY_WORDS.get(word) or CURRENCY_WORDS.get(word.rstrip("s"), "USD")


def _word_numbers(text: str, match: re.Match[str], lo: int, hi: int) -> list[Number]:
    tokens = [
        (t.group(), match.start() + t.start(), match.start() + t.end())
        for t in _TOKEN_RE.finditer(match.group().lower())
    ]
    numbers = []
    for first, last, value, fraction in _read_words([t[0] for t in tokens]):
        start, end = tokens[first][1], tokens[last][2]
        lead = tokens[first][0]
        if lead in _SCALES or lead in ("hundred", "dozen") or lead in _DENOMINATORS:
            article = _ARTICLE_RE.search(text, max(lo, start - 4), start)
            if article:
                start -= len(article.group())
            elif lead != "half":
                continue  # "hundred" alone, or "third" as an ordinal
        if fraction and not _fraction_ends(text, end, hi):
            continue  # "a third" before a noun is the ordinal ("a third term")
        end, currency, percent = _money_or_percent(text, end, hi, None)
        numbers.append(
            Number(
                start, end, value, currency=currency, percent=percent, fraction=fraction, word=True
            )
        )
    return numbers


def _fraction_ends(text: str, end: int, hi: int) -> bool:
    """A fraction word is a fraction before "of", a preposition or punctuation, not a noun."""
    following = _NEXT_WORD_RE.match(text, end, hi)
    return following is None or following.group(1).lower() in STOP_WORDS


def _read_words(words: list[str]) -> list[tuple[int, int, float, bool]]:
    """Split a run of number words into numbers: (first, last, value, is_fraction)."""
    out: list[tuple[int, int, float, bool]] = []
    i = 0
    while i < len(words):
        if words[i] in ("and", "a"):
            i += 1
            continue
        j, value, fraction = _read_one(words, i)
        out.append((i, j - 1, value, fraction))
        i = j
    return out


def _read_one(words: list[str], i: int) -> tuple[int, float, bool]:
    """Read one number from ``words[i:]``; return the index after it, its value, fraction."""
    total = 0.0
    current = 0.0
    last = ""  # category of the previous word
    top_scale = float("inf")
    j = i
    while j < len(words):
        w = words[j]
        nxt = words[j + 1] if j + 1 < len(words) else ""
        if w == "and":
            if (
                nxt == "a"
                and j + 2 < len(words)
                and words[j + 2] == "half"
                and last in ("unit", "teen", "tens")
            ):
                current += 0.5
                last, j = "half", j + 3
                continue
            if last in ("hundred", "scale") and (nxt in _UNITS or nxt in _TENS):
                j += 1
                continue
            break
        if w == "a":
            break
        if w in _UNITS and _UNITS[w] < 10:
            if last not in ("", "tens", "hundred", "scale", "and"):
                break
            current += _UNITS[w]
            last = "unit"
        elif w in _UNITS:
            if last not in ("", "hundred", "scale"):
                break
            current += _UNITS[w]
            last = "teen"
        elif w in _TENS:
            if last not in ("", "hundred", "scale"):
                break
            current += _TENS[w]
            last = "tens"
        elif w == "hundred":
            if last not in ("", "unit", "teen") or current >= 100:
                break
            current = (current or 1) * 100
            last = "hundred"
        elif w in _SCALES:
            if _SCALES[w] >= top_scale or last == "scale":
                break
            total += (current or 1) * _SCALES[w]
            top_scale, current, last = _SCALES[w], 0.0, "scale"
        elif w == "dozen":
            if last not in ("", "unit", "teen"):
                break
            current = (current or 1) * 12
            last = "hundred"
        elif w == "half" and last == "":
            if nxt == "a" and j + 2 < len(words) and words[j + 2] in _SCALES:
                return j + 3, 0.5 * _SCALES[words[j + 2]], False
            return j + 1, 0.5, True
        elif w in _DENOMINATORS:
            if last not in ("", "unit") or w in ("half", "halves"):
                break
            return j + 1, (current or 1) / _DENOMINATORS[w], True
        else:
            break
        j += 1
    if j == i:  # a word that cannot start a number on its own, e.g. a stray "hundred"
        return i + 1, _UNITS.get(words[i], 0.0), False
    return j, total + current, False

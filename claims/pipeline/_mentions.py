# Typographic quote marks and apostrophes are what this file is about.
# ruff: noqa: RUF001
"""Capitalised-name mentions and the titles around them.

A mention is a run of capitalised words ("US Secretary of State Antony Blinken").
Leading sentence words and titles are peeled off so that what remains is the name
("Antony Blinken"); runs that are only titles, places or organisations are kept with
that kind because attribution can still use them ("the Kremlin said").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.pipeline._name_lexicon import (
    CAP_STOPWORDS,
    FEMALE_TITLES,
    HONORIFICS,
    MALE_TITLES,
    MULTIWORD_PLACES,
    NATIONALITIES,
    ORG_WORDS,
    PLACES,
    TITLE_WORDS,
)
from claims.pipeline._speech_lexicon import PERSON_ROLE_NOUNS, ROLE_MODIFIERS


def _upper_class() -> str:
    """A regex character class of the upper-case letters of the Latin, Greek and
    Cyrillic blocks (``re`` has no ``\\p{Lu}``)."""
    points = [c for c in (*range(0x41, 0x530), *range(0x1E00, 0x1F00)) if chr(c).isupper()]
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        first, last = re.escape(chr(points[i])), re.escape(chr(points[j]))
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "[" + "".join(parts) + "]"


UPPER = _upper_class()
_ABBREVIATIONS = "Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Adm|Sen|Rep|Gov|Prof|St|Jr|Sr"
_TOKEN = (
    rf"(?:{UPPER}\.(?:{UPPER}\.)+|(?:{_ABBREVIATIONS})\.|{UPPER}\.(?=\s)"
    rf"|{UPPER}(?:[\w'’\-]|\.(?=\w))*)"
)
_PARTICLE = (
    r"(?:of(?:[ \u00a0]+the)?|for|von|van|der|den|de|da|di|del|della|du|dos|das|bin|ibn|al|el"
    r"|ter|le|la)"
)
RUN_RE = re.compile(rf"(?<![\w'’]){_TOKEN}(?:[ \u00a0]+(?:{_PARTICLE}(?:[ \u00a0]+|-))*{_TOKEN})*")
_DOTTED_RE = re.compile(rf"^(?:{UPPER}\.)+$|^(?:{_ABBREVIATIONS})\.$")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_CUT_PARTICLES = frozenset(("of", "for", "the"))
_TRIM = frozenset(("the", "a", "an", "of", "for", "and"))
# Abbreviated military and political titles ("Gen. Syrskyi", "Sen. Rubio").
_TITLES = PERSON_ROLE_NOUNS | frozenset(
    ("gen", "sen", "rep", "col", "lt", "maj", "sgt", "capt", "adm", "gov", "prof")
)


@dataclass(slots=True)
class Mention:
    """One capitalised run, reduced to the name it holds (or to its kind)."""

    start: int
    end: int
    run_start: int
    # person (two or more name words), single (one word), title, org, place, other
    kind: str
    tokens: tuple[str, ...]
    possessive: bool = False
    gender: str | None = None
    # A title or honorific stands right before the name ("President Biden", "Mr Smith").
    titled: bool = False
    cluster: int | None = None


def base(word: str) -> str:
    """Lower-case word without a possessive ending."""
    return _POSSESSIVE_RE.sub("", word.lower()) if len(word) > 2 else word.lower()


def is_role_noun(word: str) -> bool:
    """Whether ``word`` heads a noun phrase naming a person by role."""
    b = base(word).rstrip(".")
    if b in PERSON_ROLE_NOUNS:
        return True
    singular = b[:-3] + "man" if b.endswith("men") else b[:-1] if b.endswith("s") else b
    return singular in PERSON_ROLE_NOUNS


def _acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 1 < len(letters) <= 5 and letters.isalpha() and letters.isupper()


def _modifier(word: str, has_more: bool) -> bool:
    """Whether a capitalised word can stand in a title before a name."""
    low, b = word.lower(), base(word)
    if low in TITLE_WORDS or low in NATIONALITIES or _acronym(word):
        return True
    return has_more and (b in PLACES or b in ORG_WORDS or (b != low and b not in CAP_STOPWORDS))


def classify(text: str, run_start: int, run_end: int) -> Mention | None:
    """Read one capitalised run as a person, title, organisation or place mention."""
    toks = [
        (m.start() + run_start, m.end() + run_start, m.group())
        for m in re.finditer(r"\S+", text[run_start:run_end])
    ]
    i = 0
    while i < len(toks) and base(toks[i][2]) in CAP_STOPWORDS:
        i += 1
    if i == len(toks):
        return None
    j, gender, titled = i, None, False
    while j < len(toks):
        word = toks[j][2]
        low = word.lower()
        after_title = titled and toks[j - 1][2].lower() not in _CUT_PARTICLES
        if low in HONORIFICS:
            gender, titled = HONORIFICS[low] or gender, True
        elif after_title and low not in TITLE_WORDS:
            # After "Minister", "German" or "Jordan" is a given name, not a qualifier.
            break
        elif _modifier(word, j + 1 < len(toks)):
            gender = "f" if low in FEMALE_TITLES else "m" if low in MALE_TITLES else gender
            titled = titled or low.rstrip(".") in _TITLES
        else:
            break
        j += 1
    # "President of Moldavia": what follows "of" completes the title, it is no name.
    name = toks[j:] if j == i or toks[j - 1][2] not in _CUT_PARTICLES else []
    for k, tok in enumerate(name):
        if tok[2] in _CUT_PARTICLES:
            name = name[:k]
            break
    words = [base(t[2]) for t in toks[i:]]
    span = (toks[i][0], toks[-1][1], run_start)
    org = any(w in ORG_WORDS for w in words)
    if not name:
        kind = "org" if org else "title" if any(w in PERSON_ROLE_NOUNS for w in words) else "place"
        return Mention(*span, kind, tuple(t[2] for t in toks[i:]))
    if any(base(t[2]) in ORG_WORDS for t in name) or (org and len(name) == 1 and not titled):
        return Mention(*span, "org", tuple(t[2] for t in toks[i:]))
    names = [t[2] for t in name]
    last = names[-1]
    possessive = bool(_POSSESSIVE_RE.search(last)) and len(last) > 2
    if possessive:
        names[-1] = _POSSESSIVE_RE.sub("", last)
    end = name[-1][0] + len(names[-1])
    folded = [base(w) for w in names]
    if " ".join(folded) in MULTIWORD_PLACES or all(w in PLACES for w in folded):
        return Mention(name[0][0], end, run_start, "place", tuple(names), possessive)
    core = [w for w in names if not w.islower()]
    if any(c.isdigit() for w in names for c in w) or len(core) > 4:
        return Mention(name[0][0], end, run_start, "other", tuple(names), possessive)
    if any(w.isupper() and len(w) > 1 for w in names):
        kind = "org" if len(names) == 1 else "other"
        return Mention(name[0][0], end, run_start, kind, tuple(names), possessive)
    kind = "person" if len(core) >= 2 else "single"
    return Mention(name[0][0], end, run_start, kind, tuple(names), possessive, gender, titled)


def find_mentions(text: str) -> list[Mention]:
    """Every capitalised-name mention in ``text``, in order."""
    found = []
    # The same runs ("Moscow", "President Zelensky") recur: classify each text once.
    seen: dict[str, Mention | None] = {}
    for m in RUN_RE.finditer(text):
        run = m.group()
        if run not in seen:
            seen[run] = classify(run, 0, len(run))
        shape = seen[run]
        if shape is not None:
            at = m.start()
            found.append(
                Mention(
                    shape.start + at,
                    shape.end + at,
                    at,
                    shape.kind,
                    shape.tokens,
                    shape.possessive,
                    shape.gender,
                    shape.titled,
                )
            )
    return found


def _roleish(word: str) -> bool:
    low, b = word.lower(), base(word)
    if low in ROLE_MODIFIERS or is_role_noun(word) or low in TITLE_WORDS or b in NATIONALITIES:
        return True
    if not word[:1].isupper() or b in CAP_STOPWORDS:
        return False
    return b in PLACES or b in ORG_WORDS or _acronym(word) or b != low


def loose_roleish(word: str) -> bool:
    """Role-phrase word, counting any capitalised word as a possible qualifier
    ("a Downing Street spokesman")."""
    return _roleish(word) or (word[:1].isupper() and base(word) not in CAP_STOPWORDS)


def _role_text(text: str, toks: list[tuple[int, int, str]]) -> str | None:
    while toks and toks[0][2].lower() in _TRIM:
        toks = toks[1:]
    while toks and toks[-1][2].lower() in _TRIM:
        toks = toks[:-1]
    if not toks or not any(is_role_noun(t[2]) for t in toks):
        return None
    return text[toks[0][0] : toks[-1][1]]


def _tokens_before(text: str, pos: int, lo: int):
    """Whitespace-separated tokens before ``pos``, nearest first, computed lazily."""
    p = pos
    while True:
        while p > lo and text[p - 1].isspace():
            p -= 1
        q = p
        while q > lo and not text[q - 1].isspace():
            q -= 1
        if q == p:
            return
        yield q, p, text[q:p]
        p = q


def role_before(text: str, pos: int) -> str | None:
    """The title or appositive right before a name ("Russian President", "The President
    of Ukraine, …")."""
    collected: list[tuple[int, int, str]] = []
    # Capitalised words not known as places, held until an "of" shows they complete a
    # title ("President of Moldavia").
    pending: list[tuple[int, int, str]] = []
    for n, (start, end, word) in enumerate(_tokens_before(text, pos, max(0, pos - 160))):
        if n == 0 and word.endswith(",") and len(word) > 1:
            word, end = word[:-1], end - 1
        elif not word[-1:].isalnum() and not _DOTTED_RE.match(word):
            break
        capitalised = word[:1].isupper() and base(word) not in CAP_STOPWORDS
        if pending:
            if word.lower() in ("of", "for"):
                collected += pending
                pending = []
            elif (capitalised or word == "the") and len(pending) < 6:
                pending.append((start, end, word))
                continue
            else:
                break
        if len(collected) >= 8:
            break
        qualifier = capitalised or base(word) in ORG_WORDS
        if _roleish(word) or (qualifier and collected and collected[0][2].islower()):
            # Names and organisations may qualify a lower-case title: "Zelensky adviser",
            # "foreign ministry spokeswoman".
            collected.append((start, end, word))
        elif capitalised:
            pending.append((start, end, word))
        else:
            break
    return _role_text(text, collected[::-1])


def role_after(text: str, end: int) -> str | None:
    """An appositive right after a name ("Peskov, the Kremlin spokesman, said")."""
    m = re.compile(r",\s+").match(text, end)
    if m is None:
        return None
    collected: list[tuple[int, int, str]] = []
    for t in re.finditer(r"\S+", text[m.end() : m.end() + 160]):
        word, start = t.group(), t.start() + m.end()
        closing = word[-1] in ",.;"
        word = word.rstrip(",.;")
        article = not collected and word.lower() in ("a", "an")
        fits = article or _roleish(word) or base(word) in ORG_WORDS
        if not word or not fits or len(collected) == 8:
            return None
        collected.append((start, start + len(word), word))
        if closing:
            return _role_text(text, collected)
    return None

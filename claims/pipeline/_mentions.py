# Typographic quote marks and apostrophes are what this file is about.
# ruff: noqa: RUF001
"""Capitalised-name mentions and the titles around them.

A mention is a run of capitalised words ("US Secretary of State Antony Blinken").
Leading sentence words and titles are peeled off so that what remains is the name
("Antony Blinken"); runs that are only titles, places or organisations are kept with
that kind because attribution can still use them ("the Kremlin said").
"""

from __future__ import annotations

import functools
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
# Letters after a name for an honour, a rank at the bar or a seat ("KC", "MP", "OBE").
_POSTNOMINALS = frozenset(
    ("kc", "qc", "sc", "mp", "mep", "msp", "mla", "td", "obe", "mbe", "cbe", "kbe", "dbe", "phd")
)
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


@functools.lru_cache(maxsize=65536)
def base(word: str) -> str:
    """Lower-case word without a possessive ending."""
    return _POSSESSIVE_RE.sub("", word.lower()) if len(word) > 2 else word.lower()


def is_role_noun(word: str) -> bool:
    """Whether ``word`` heads a noun phrase naming a person by role."""
    b = base(word).rstrip(".")
    if b in PERSON_ROLE_NOUNS:
        return True
    singular = b[:-3] + "man" if b.endswith("men") else b[:-1] if b.endswith("s") else b
    return singular in PERSON_ROLE_NOUNS or bool(_PROFESSION_RE.fullmatch(singular))


# Professions by their suffix: hydrologist, seismologist, pharmacist, physician,
# statistician; the short "-ist" words that are not professions are left out.
_PROFESSION_RE = re.compile(
    r"[a-z]{2,}(?:ologist|ician)|[a-z]{4,}(?<!ex|ss|ns|rs|tw|wr|kl|yl|tl|hl)ist"
)


def _acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 1 < len(letters) <= 5 and letters.isalpha() and letters.isupper()


def _modifier(word: str, has_more: bool, title_follows: bool) -> bool:
    """Whether a capitalised word can stand in a title before a name. A place or an
    organisation word does only when a title follows ("Kyiv Mayor Vitali Klitschko"),
    since a place name can also be a given name ("Sofia Marchetti")."""
    low, b = word.lower(), base(word)
    if low in TITLE_WORDS or low in NATIONALITIES or _acronym(word):
        return True
    if b != low and b not in CAP_STOPWORDS:
        return has_more
    return title_follows and (b in PLACES or b in ORG_WORDS)


@functools.lru_cache(maxsize=16384)
def _is_title_noun(word: str) -> bool:
    return word.lower().rstrip(".") in _TITLES or is_role_noun(word)


def _name_after_qualifiers(name: list, titled: bool) -> tuple[list, bool]:
    """Drop post-nominal letters ("Alison Reade KC") and any qualifier ending in a title,
    an acronym or a possessive that the title lexicon did not peel off ("Omaha Police
    Chief Raymond Ashby", "Independent MP Rachel Dunmore", "Plaid Cymru's Nia Roberts")."""
    while len(name) > 1 and name[-1][2].lower().rstrip(".") in _POSTNOMINALS:
        name = name[:-1]
    for k in range(len(name) - 2, -1, -1):
        word = name[k][2]
        rest = len(name) - k - 1
        possessive = len(word) > 2 and _POSSESSIVE_RE.search(word) is not None
        if _is_title_noun(word) or possessive or (_acronym(word) and rest >= 2):
            return name[k + 1 :], titled or _is_title_noun(word)
    return name, titled


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
    # Whether a title word comes later in the run, for each position.
    title_after = [False] * (len(toks) + 1)
    for k in range(len(toks) - 1, -1, -1):
        title_after[k] = title_after[k + 1] or _is_title_noun(toks[k][2])
    while j < len(toks):
        word = toks[j][2]
        low = word.lower()
        after_title = titled and toks[j - 1][2].lower() not in _CUT_PARTICLES
        if low in HONORIFICS:
            gender, titled = HONORIFICS[low] or gender, True
        elif after_title and low not in TITLE_WORDS:
            # After "Minister", "German" or "Jordan" is a given name, not a qualifier.
            break
        elif _modifier(word, j + 1 < len(toks), title_after[j + 1]):
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
    name, titled = _name_after_qualifiers(name, titled)
    while name and name[-1][2] == "I":
        # "In Kłodzko I meet …": the narrator's "I" ends the run, it is no name.
        name = name[:-1]
        toks = toks[: len(toks) - 1]
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
    # Initials written without stops ("JD Vance", "AJ Tracey") are a given name.
    initials = len(names) == 2 and len(names[0]) == 2 and names[1][1:].islower()
    if any(w.isupper() and len(w) > 1 for w in names[initials:]):
        kind = "org" if len(names) == 1 else "other"
        return Mention(name[0][0], end, run_start, kind, tuple(names), possessive)
    kind = "person" if len(core) >= 2 else "single"
    return Mention(name[0][0], end, run_start, kind, tuple(names), possessive, gender, titled)


_THE_BEFORE_RE = re.compile(r"(?:^|\b)[Tt]he[ \t\u00a0]$")


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
            kind = shape.kind
            if (
                kind in ("person", "single")
                and not shape.titled
                and _THE_BEFORE_RE.search(text, max(0, at - 4), at)
            ):
                # "in the Old Town", "on the Nysa Kłodzka": a name after a bare "the" is a
                # place or a thing; people are named without an article.
                kind = "other"
            found.append(
                Mention(
                    shape.start + at,
                    shape.end + at,
                    at,
                    kind,
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
    if b != low and (b in ORG_WORDS or b in ROLE_MODIFIERS):
        # An owner before a title: "the union's district leader".
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
    return _role_text(text, collected[::-1]) or _appositive_role(text, pos)


_APPOSITIVE_BEFORE_RE = re.compile(r"(?<![\w'’])[Tt]he\s+[^,;:.!?\"“”«»\n]{2,100},\s*$")


def _appositive_role(text: str, pos: int) -> str | None:
    """A role phrase with a complement set off before a name ("The prosecutor of the
    Valparaíso region, Claudia Perivancich, …")."""
    m = _APPOSITIVE_BEFORE_RE.search(text, max(0, pos - 120), pos)
    if m is None:
        return None
    phrase = m.group().rstrip(", \t\n")
    words = phrase.split()[1:]
    for k, word in enumerate(words[:5]):
        if is_role_noun(word):
            return phrase if all(_roleish(w) for w in words[:k]) else None
    return None


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

"""One canonical name per person named in an article.

Mentions are grouped by family name: spellings within a small edit distance ("Zelensky",
"Zelenski", "Zelenskyy") with compatible given names or initials are one person, and a
short lexicon joins transliterations too far apart for the general rule ("Vladimir" /
"Volodymyr" Zelensky). A person's canonical name is the lexicon's form when one applies,
else the fullest form the article uses.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from claims.pipeline._name_lexicon import (
    FAMILY_NAME_FIRST,
    FEMALE_NAMES,
    MALE_NAMES,
    NAME_VARIANTS,
)

_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))
_BUCKET_SCAN = 16
_VARIANTS_BY_INITIAL: dict[str, list] = {}
for _entry in NAME_VARIANTS:
    for _initial in {last[:1] for last in _entry[2]}:
        _VARIANTS_BY_INITIAL.setdefault(_initial, []).append(_entry)


@functools.lru_cache(maxsize=32768)
def fold(word: str) -> str:
    """Lower-case ASCII-ish form used to compare spellings."""
    decomposed = unicodedata.normalize("NFKD", word)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in kept.lower() if c.isalnum())


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` once it is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    # One edit changes at most two letters of the letter sets: a cheap bound first.
    if len(set(a) ^ set(b)) > 2 * limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def split_name(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """Folded given names and family name of a name's words."""
    words = [fold(t) for t in tokens if not t.islower()]
    words = [w for w in words if w and w not in _SUFFIXES] or [fold(tokens[-1])]
    if len(words) > 1 and words[0] in FAMILY_NAME_FIRST:
        return tuple(words[1:]), words[0]
    return tuple(words[:-1]), words[-1]


def surnames_match(a: str, b: str) -> bool:
    """Same family name up to a small spelling difference."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    # Slavic feminine forms are other people: Zelenska is not Zelensky.
    if min(len(a), len(b)) > 4 and a.endswith("a") != b.endswith("a"):
        return False
    limit = 1 if min(len(a), len(b)) <= 5 else 2
    return edit_distance(a, b, limit) <= limit


def _given_pair(x: str, y: str) -> bool:
    if x == y:
        return True
    if x[0] != y[0]:
        return False
    return min(len(x), len(y)) == 1 or (min(len(x), len(y)) >= 4 and edit_distance(x, y, 2) <= 2)


def givens_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two lists of given names (or initials) can belong to one person."""
    if not a or not b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(_given_pair(x, y) for y in long_) for x in short)


@functools.lru_cache(maxsize=8192)
def lexicon_entry(given: tuple[str, ...], surname: str) -> str | None:
    """Canonical form of a frequent name spelled in one of its known ways."""
    for canonical, firsts, lasts in _VARIANTS_BY_INITIAL.get(surname[:1], ()):
        known = surname in lasts or any(surnames_match(surname, last) for last in lasts)
        if known and (not given or any(g in firsts for g in given)):
            return canonical
    return None


@dataclass
class Person:
    """Everything an article says about one person's name."""

    surname: str
    entry: str | None
    givens: list[tuple[str, ...]] = field(default_factory=list)
    forms: Counter = field(default_factory=Counter)
    positions: list[int] = field(default_factory=list)
    genders: Counter = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)

    @property
    def canonical(self) -> str:
        """The lexicon's form, else the fullest (then most frequent, then first) form."""
        if self.entry:
            return self.entry
        order = list(self.forms)
        best = max(order, key=lambda f: (len(f.split()), self.forms[f], -order.index(f)))
        return best

    @property
    def gender(self) -> str | None:
        """Majority gender from honorifics, titles and given names, if any."""
        if not self.genders:
            return None
        (top, n), *rest = [*self.genders.most_common(2), (None, 0)]
        return top if n > rest[0][1] else None

    @property
    def role(self) -> str | None:
        """The most specific title seen with this person (most words, then first)."""
        return max(self.roles, key=lambda r: len(r.split()), default=None)

    def seen_at(self, pos: int, form: str, gender: str | None) -> None:
        bisect.insort(self.positions, pos)
        self.forms[form] += 1
        if gender:
            self.genders[gender] += 1


class PersonRegistry:
    """Groups person mentions into people as they are added."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        # People by (initial, length) of family name: a spelling variant differs by at
        # most two letters, so only five buckets need comparing.
        self._buckets: dict[tuple[str, int], list[int]] = {}
        self._by_entry: dict[str, list[int]] = {}
        self._single_by_key: dict[str, int] = {}
        # Full-name people by their first given name, for "Rosa Muñoz … Rosa says".
        self._by_given: dict[str, set[int]] = {}
        self._attach_cache: dict[str, list[int]] = {}

    def _gender(self, given: tuple[str, ...], gender: str | None) -> str | None:
        if gender or not given:
            return gender
        return "f" if given[0] in FEMALE_NAMES else "m" if given[0] in MALE_NAMES else None

    def _new(self, surname: str, entry: str | None, full: bool) -> int:
        idx = len(self.people)
        self.people.append(Person(surname, entry))
        if full:
            self._attach_cache.clear()
            self._buckets.setdefault((surname[:1], len(surname)), []).append(idx)
        if entry is not None:
            self._by_entry.setdefault(entry, []).append(idx)
        return idx

    def _similar(self, surname: str) -> list[int]:
        """Full-name people whose family name may be a variant of ``surname``; only the
        latest few candidates are compared, which bounds the work on odd input."""
        near: list[int] = []
        for length in range(len(surname) - 2, len(surname) + 3):
            near += self._buckets.get((surname[:1], length), ())[-_BUCKET_SCAN:]
        near = sorted(near)[-_BUCKET_SCAN:]
        return [i for i in near if surnames_match(self.people[i].surname, surname)]

    def add_full(self, tokens: tuple[str, ...], pos: int, gender: str | None = None) -> int:
        """Add a name of two or more words; returns the person's number."""
        given, surname = split_name(tokens)
        entry = lexicon_entry(given, surname)
        found = None
        if entry is not None and entry in self._by_entry:
            found = self._by_entry[entry][0]
        for idx in self._similar(surname) if found is None else ():
            if any(givens_match(g, given) for g in self.people[idx].givens):
                found = idx
                break
        if found is None:
            found = self._new(surname, entry, full=True)
        person = self.people[found]
        person.givens.append(given)
        if given and len(given[0]) > 2:
            self._by_given.setdefault(given[0], set()).add(found)
        person.seen_at(pos, " ".join(tokens), self._gender(given, gender))
        return found

    def attach(self, word: str, pos: int, gender: str | None = None) -> int | None:
        """Join a one-word mention to the person it most likely names, if any."""
        key = fold(word)
        if not key:
            return None
        if key not in self._attach_cache:
            entry = lexicon_entry((), key)
            self._attach_cache[key] = self._similar(key) + self._by_entry.get(entry or "", [])
        candidates = list(self._attach_cache[key])
        if key in self._single_by_key:
            candidates.append(self._single_by_key[key])
        if not candidates:
            return None
        exact = [i for i in candidates if self.people[i].surname == key]
        if exact:
            # "Kiprono said" after Brian Kiprono and Daniel Kiptoo: a spelling variant is
            # only a fallback when nobody has exactly this family name.
            candidates = exact

        def recency(i: int) -> tuple[int, int]:
            before = bisect.bisect_right(self.people[i].positions, pos)
            last = self.people[i].positions[before - 1] if before else -1
            return (last, -self.people[i].positions[0])

        best = max(candidates, key=recency)
        self.people[best].seen_at(pos, word, gender)
        return best

    def attach_given(self, word: str, pos: int, gender: str | None = None) -> int | None:
        """Join a one-word mention to the only person whose given name it is, when no
        family name matches (features call people by their first name)."""
        found = self._by_given.get(fold(word), ())
        if len(found) != 1:
            return None
        (idx,) = found
        if self.people[idx].positions[0] > pos:
            return None
        self.people[idx].seen_at(pos, word, gender)
        return idx

    def add_single(self, word: str, pos: int, gender: str | None = None) -> int:
        """Start a person known by one word only ("Peskov said")."""
        key = fold(word)
        entry = lexicon_entry((), key)
        if entry is not None and entry in self._by_entry:
            idx = self._by_entry[entry][0]
        else:
            idx = self._new(key, entry, full=False)
            self._single_by_key[key] = idx
            self.people[idx].givens.append(())
        self.people[idx].seen_at(pos, word, gender)
        return idx

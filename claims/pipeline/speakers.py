# Typographic quote marks and apostrophes are what this file is about.
# ruff: noqa: RUF001
"""Who is speaking: people named in an article, and what a speaker phrase refers to.

``SpeakerIndex`` reads an article once: it finds every capitalised-name mention, groups
the people among them under one canonical name (see ``_names``), remembers the titles
seen with each person and which mentions are sentence subjects. It then turns the
phrase that introduces a quote (a name, "he", "the minister", "the Kremlin") into a
``Speaker`` with a canonical name and role.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from claims.pipeline._mentions import (
    Mention,
    base,
    find_mentions,
    role_after,
    role_before,
)
from claims.pipeline._name_lexicon import (
    CAP_STOPWORDS,
    NATIONALITIES,
    ORG_WORDS,
    PLACES,
)
from claims.pipeline._names import PersonRegistry, fold, lexicon_entry
from claims.pipeline._quote_marks import Paragraphs, QuoteSpan
from claims.pipeline._speaker_refs import (
    KIN_BEFORE_RE,
    KIN_GENDER,
    PRONOUN_KIN_RE,
    ROLE_SYNONYMS,
    Speaker,
    SpeakerRef,
    head_noun,
    refers_back,
)
from claims.pipeline._speech_lexicon import (
    PRONOUNS,
    SPEECH_VERB_RE,
    SPEECH_VERBS,
    trie_pattern,
    verb_after,
)
from claims.pipeline.types import Sentence

__all__ = ["Speaker", "SpeakerIndex", "SpeakerRef"]

# How far back a pronoun or a quote without attribution looks for its speaker.
PRONOUN_LOOKBACK = 2500
CONTEXT_LOOKBACK = 3000

_PREPOSITION_BEFORE_RE = re.compile(
    r"\b(?:by|with|to|from|for|of|against|about|at|in|on|and|or|between|than|like|toward|"
    r"towards|under|met|meet|meets|meeting|thanked|urged|told|called|invited)\s+$",
    re.IGNORECASE,
)
_LOWER_WORD_RE = re.compile(r"(?<![\w'’])[a-z][\w'’\-]*")
_HEADLINE_COLON_RE = re.compile("[ \t]*:[ \t]*[\"“‘']")
_INVERTED_END_RE = re.compile(r"[ \t]*(?:[,.;:!?)\n]|$)")
_VERB_BEFORE_RE = re.compile(r"\b" + trie_pattern(sorted(SPEECH_VERBS)) + r"\s+$", re.I)


class SpeakerIndex:
    """Mentions, people and sentence subjects of one article, for attribution."""

    def __init__(
        self,
        text: str,
        quotes: Sequence[QuoteSpan],
        sentences: Sequence[Sentence],
        paras: Paragraphs,
    ):
        self.text = text
        self.paras = paras
        self.sentence_starts = [s.start for s in sentences]
        self.sentences = list(sentences)
        self._quotes = sorted((q.open, q.close) for q in quotes)
        self._quote_starts = [q[0] for q in self._quotes]
        self.mentions = find_mentions(text)
        self.mention_starts = [m.start for m in self.mentions]
        self.by_start: dict[int, Mention] = {}
        self.by_end: dict[int, Mention] = {}
        for m in self.mentions:
            self.by_start.setdefault(m.run_start, m)
            self.by_start[m.start] = m
            self.by_end[m.end] = m
        self.registry = PersonRegistry()
        self._roles: dict[int, str | None] = {}
        self._lowercase_words: set[str] | None = None
        self._group_people()
        self._subjects: list[tuple[int, int, bool]] = []
        self._find_subjects()
        self._events: list[tuple[int, int]] = []

    # -- building -----------------------------------------------------------------

    def in_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies between the marks of a quote."""
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and self._quotes[i][0] <= pos < self._quotes[i][1]

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos``; its paragraph when no sentence does."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i].start, self.sentences[i].end
        return self.paras.bounds(pos)

    def role_of(self, m: Mention) -> str | None:
        """The title written before or after a mention, cached."""
        if m.start not in self._roles:
            self._roles[m.start] = role_before(self.text, m.start) or role_after(self.text, m.end)
        return self._roles[m.start]

    def _common_word(self, word: str) -> bool:
        """A capitalised word that also appears in lower case is a common word."""
        if self._lowercase_words is None:
            # Built once, on first need: one pass however many candidates there are.
            self._lowercase_words = set(_LOWER_WORD_RE.findall(self.text))
        return word.lower() in self._lowercase_words

    def _speech_adjacent(self, m: Mention) -> bool:
        text = self.text
        if verb_after(SPEECH_VERB_RE, text, m.end, m.end + 300) is not None:
            return True
        # "…," said Zelensky. / said Marchetti, a spokesperson — but not "said Northstar
        # was in talks", where the name is the subject of what was said.
        return (
            _VERB_BEFORE_RE.search(text, max(0, m.run_start - 30), m.run_start) is not None
            and _INVERTED_END_RE.match(text, m.end) is not None
        )

    def _group_people(self) -> None:
        registry = self.registry
        for m in self.mentions:
            if m.kind == "person":
                m.cluster = registry.add_full(m.tokens, m.start, m.gender)
        last_full: Mention | None = None
        for m in self.mentions:
            if m.kind == "person":
                last_full = m
            if m.kind != "single":
                continue
            word = m.tokens[-1]
            family = self._kin_family(m, last_full)
            if family is not None:
                # "Haddad's widow, Leila, said" / "Her husband, Karl, added": the
                # relative shares the family name.
                family_name, kin_noun = family
                gender = KIN_GENDER.get(kin_noun.lower(), m.gender)
                m.cluster = registry.add_full((word, family_name), m.start, gender)
                continue
            m.cluster = registry.attach(word, m.start, m.gender)
            if m.cluster is None and base(word) not in PLACES and base(word) not in ORG_WORDS:
                m.cluster = registry.attach_given(word, m.start, m.gender)
            if m.cluster is None and (
                m.titled
                or lexicon_entry((), fold(word)) is not None
                or self._speech_adjacent(m)
                or _HEADLINE_COLON_RE.match(self.text, m.end)
            ):
                low = base(word)
                if low in PLACES or low in NATIONALITIES or low in ORG_WORDS:
                    continue
                if low not in CAP_STOPWORDS and not self._common_word(word):
                    m.cluster = registry.add_single(" ".join(m.tokens), m.start, m.gender)
        for m in self.mentions:
            if m.cluster is not None:
                role = self.role_of(m)
                if role:
                    registry.people[m.cluster].roles.append(role)

    def _kin_family(self, m: Mention, last_full: Mention | None) -> tuple[str, str] | None:
        """Family name and kin noun when a first name follows "X's widow," or "her son,"."""
        text = self.text
        if not _INVERTED_END_RE.match(text, m.end):
            return None
        kin = KIN_BEFORE_RE.search(text, max(0, m.run_start - 80), m.run_start)
        if kin is not None:
            return kin.group(1), kin.group(2)
        kin = PRONOUN_KIN_RE.search(text, max(0, m.run_start - 40), m.run_start)
        if kin is not None and last_full is not None and m.start - last_full.end < 600:
            return last_full.tokens[-1], kin.group(1)
        return None

    def _find_subjects(self) -> None:
        """Person mentions that are the subject of their sentence or of a speech verb."""
        last_sentence = None
        text = self.text
        for m in self.mentions:
            if m.cluster is None or self.in_quote(m.start):
                continue
            bounds = self.sentence_bounds(m.start)
            first = bounds != last_sentence
            last_sentence = bounds
            speech = self._speech_adjacent(m)
            lo = max(bounds[0], m.run_start - 30)
            if m.possessive and not speech:
                continue
            # "In Kłodzko I meet …": the run's own capitalised first word may be the
            # preposition.
            lead = text[m.run_start : m.start].lower()
            after_preposition = _PREPOSITION_BEFORE_RE.search(text, lo, m.run_start) or (
                lead and _PREPOSITION_BEFORE_RE.search(lead)
            )
            if speech or (first and not after_preposition):
                self._subjects.append((m.start, m.cluster, speech))

    # -- resolution ---------------------------------------------------------------

    def speaker_of(self, ref: SpeakerRef) -> Speaker:
        """Turn a speaker phrase into a canonical speaker."""
        people = self.registry.people
        if ref.kind == "person" and ref.person is not None:
            person = people[ref.person]
            return Speaker(person.canonical, ref.role or person.role, ref.person)
        if ref.kind == "pronoun":
            pid = self.salient_person(ref.start, PRONOUNS.get(ref.text.lower()))
            if pid is not None:
                return Speaker(people[pid].canonical, people[pid].role, pid)
            return Speaker(None)
        if ref.kind == "role":
            found = self.person_with_role(ref.text, ref.start)
            if found is not None:
                pid, role = found
                return Speaker(people[pid].canonical, role, pid)
            if ref.definite and refers_back(ref.text):
                # "Vladimir Putin warned… the Russian president said": a definite title
                # names the last subject whose title the article has not given.
                pid = self.salient_person(ref.start, None, untitled=True)
                if pid is not None:
                    # Later quotes by this person then carry the title too.
                    people[pid].roles.append(ref.text)
                    return Speaker(people[pid].canonical, ref.text, pid)
            return Speaker(None, ref.text)
        if ref.kind == "orgnoun":
            org = self.org_named(ref.text, ref.start)
            return Speaker(org or ref.text)
        return Speaker(ref.text)

    def remember(self, pos: int, speaker: Speaker) -> None:
        """Record a resolved quote speaker; later pronouns and bare quotes prefer it."""
        if speaker.person is not None:
            self._events.append((pos, speaker.person))

    def salient_person(
        self, pos: int, gender: str | None, speech_only: bool = False, untitled: bool = False
    ) -> int | None:
        """The last speaker or sentence subject before ``pos`` that fits ``gender`` (and
        has no known title, if ``untitled``)."""
        limit = PRONOUN_LOOKBACK if not speech_only else CONTEXT_LOOKBACK
        window = _between(self._subjects, pos - limit, pos)
        candidates = [(p, pid) for p, pid, speech in window if speech or not speech_only]
        candidates += [(p, pid) for p, pid in _between(self._events, pos - limit, pos)]
        candidates.sort(reverse=True)
        people = self.registry.people
        for _, pid in candidates:
            if untitled and people[pid].role is not None:
                continue
            if gender is None or people[pid].gender in (None, gender):
                return pid
        if speech_only or untitled:
            return None
        # No subject fits: any person named shortly before ("…met Igor Sokolov. '…,' he said").
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and pos - self.mentions[i].start < PRONOUN_LOOKBACK:
            m = self.mentions[i]
            i -= 1
            if m.cluster is None or self.in_quote(m.start):
                continue
            if gender is None or people[m.cluster].gender in (None, gender):
                return m.cluster
        return None

    def person_with_role(self, phrase: str, pos: int) -> tuple[int, str] | None:
        """The last person before ``pos`` whose title contains the phrase's head noun."""
        head = head_noun(phrase)
        heads = ROLE_SYNONYMS.get(head, (head,))
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and pos - self.mentions[i].start < CONTEXT_LOOKBACK * 2:
            m = self.mentions[i]
            role = self.role_of(m) if m.cluster is not None else None
            # Whole words: "resident" is not in "President".
            if role and any(h in {base(w) for w in role.split()} for h in heads):
                return m.cluster, self.registry.people[m.cluster].role or role
            i -= 1
        return None

    def org_named(self, phrase: str, pos: int) -> str | None:
        """The last organisation mention before ``pos`` whose name holds the head noun."""
        head = head_noun(phrase)
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and pos - self.mentions[i].start < CONTEXT_LOOKBACK * 2:
            m = self.mentions[i]
            if m.kind == "org" and any(base(t) == head for t in m.tokens):
                return self.text[m.start : m.end]
            i -= 1
        return None

    def first_subject(self, lo: int, hi: int) -> SpeakerRef | None:
        """The first person mention in ``[lo, hi)`` that reads as a clause subject."""
        i = bisect.bisect_left(self.mention_starts, lo)
        while i < len(self.mentions) and self.mentions[i].start < hi:
            m = self.mentions[i]
            i += 1
            if m.cluster is None or m.possessive or self.in_quote(m.start):
                continue
            if _PREPOSITION_BEFORE_RE.search(self.text, max(lo, m.run_start - 30), m.run_start):
                continue
            return self.person_ref(m)
        return None

    def person_ref(self, m: Mention, role: str | None = None) -> SpeakerRef:
        """A speaker phrase for a person mention, with the title written beside it."""
        return SpeakerRef(
            "person", m.start, m.end, self.text[m.start : m.end], m.cluster, role or self.role_of(m)
        )


def _between(items: list, lo: int, hi: int) -> list:
    """Items (sorted by their first field, a position) with position in ``[lo, hi)``."""
    return items[bisect.bisect_left(items, (lo,)) : bisect.bisect_left(items, (hi,))]

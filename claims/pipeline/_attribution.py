# Typographic quote marks and apostrophes are what this file is about.
# ruff: noqa: RUF001, RUF002
"""Find the words that attribute one quote: a speech verb and the phrase naming its speaker.

Patterns, tried in order:
- after the closing mark: ``"…," said X`` / ``"…," X said`` / ``"…," X, the minister, told``
  / ``"…," according to X`` / headline ``‘…’: X``;
- before the opening mark in the same clause: ``X said: "…"`` / ``X said that "…"`` /
  ``X condemned the launch of "…"`` (the last speech verb and its subject) /
  ``According to X, "…"`` / headline ``X: "…"``;
- no verb at all: the first person named in the clause (``subject``), which the caller
  only trusts for longer quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.pipeline._mentions import base, is_role_noun, loose_roleish
from claims.pipeline._quote_marks import QuoteSpan
from claims.pipeline._speech_lexicon import (
    GAP_TAIL_RE,
    ORG_NOUNS,
    REPORTING_VERB_RE,
    SPEECH_VERB_RE,
    verb_after,
)
from claims.pipeline.speakers import SpeakerIndex, SpeakerRef

AFTER_WINDOW = 250
BEFORE_WINDOW = 400

_LEAD_RE = re.compile(r"[ \t\u00a0]*(?:[,;]|[—–]|--)?[ \t\u00a0]*")
_COLON_RE = re.compile(r"[ \t\u00a0]*:[ \t\u00a0]*")
_WS_RE = re.compile(r"\s*")
_PRONOUN_RE = re.compile(r"(?:he|she|they|it)\b", re.IGNORECASE)
_PRONOUN_END_RE = re.compile(r"(?<![\w'’])(?:he|she|they|it)$", re.IGNORECASE)
_WORD_RE = re.compile(r"[\w'’.\-]+")
_DETERMINERS = frozenset(["the", "a", "an", "one", "another", "two", "three", "several", "some"])
# Verbs that never put their speaker after them ("…," said Zelensky, but not "told X").
_NOT_INVERTED = frozenset(["told", "tells", "tell"])
# The -s forms of speech verbs that are also nouns ("an answer", "a note"), which the
# speech lexicon leaves out; right after a pronoun they can only be verbs.
_PRONOUN_NOUNISH_VERB_RE = re.compile(
    r"[ \t\u00a0]+(answers|notes|comments|replies|recalls|reports|states|claims|adds)\b"
)
_APPOSITIVE_END_RE = re.compile(r",[^,;:“”\"\n]{1,120},\s*$")
_NAME_COMMA_RE = re.compile(r",\s*$")
# "the union's leader in Saxony, Katrin Ohlendorf,"; "SSEN's director of operations, Ruth
# McAllister,": a complement of up to four capitalised or two lower-case words.
_COMPLEMENT_THEN_NAME_RE = re.compile(
    r"(?:[ \t]+(?:in|at|of|for|from|with)[ \t]+(?:[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,3}"
    r"|[a-z][\w\-]*(?:[ \t]+[a-z][\w\-]*)?)){0,2}"
    r",?\s+"
)
_POSTNOMINAL_END_RE = re.compile(r"[ \t]+(?:KC|QC|SC|MP|MEP|MSP|MLA|TD|OBE|MBE|CBE)$")
_DESCRIBED_RE = re.compile(
    r"the[ \t]+(?:[\w]+(?:-[a-z]+)?-year-old|(?:man|woman|boy|girl|teenager|mother|father|"
    r"grandmother|grandfather|widow|pensioner|retiree|victim)(?![\w'’-]))",
    re.IGNORECASE,
)
_DESCRIBED_GENDER = {
    "man": "he",
    "boy": "he",
    "father": "he",
    "grandfather": "he",
    "woman": "she",
    "girl": "she",
    "mother": "she",
    "grandmother": "she",
    "widow": "she",
}
_COMPLEMENT_RE = re.compile(r"[ \t]+(?:of|from|at|with)[ \t]")
_PARTICIPLE_LEAD_RE = re.compile(
    r"(?:,|\b(?:while|when|after|before|as|by|in|without))[ \t]*$", re.IGNORECASE
)
_PAREN_TAIL_RE = re.compile(r",[^,;:“”\"\n]{1,120}$")
# A verb joined to an earlier one, its subject left unsaid: "… and said", "but added".
_COORDINATED_VERB_RE = re.compile(
    r"(?<![\w'’])(?:and|but)[ \t\u00a0]+(?:(?:also|then|later)[ \t\u00a0]+)?$", re.IGNORECASE
)
# Between a closing mark and the next speech verb: ' and that Russia would respond '.
_SECOND_COMPLEMENT_RE = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*(?:and|but)[ \t\u00a0]+that\b")
# "Mohamed Hamdan Dagalo, known as Hemedti, said": a by-name in apposition to the name.
_ALIAS_BEFORE_RE = re.compile(
    r",\s*(?:(?:also|better|widely|popularly)\s+)?(?:known\s+as|nicknamed|dubbed|alias)\s+$",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(r"\s*(?:who|whose|whom|which|of|from)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Attribution:
    """What a quote's own context says about who said it."""

    verb: str | None
    ref: SpeakerRef | None
    how: str  # after | before | colon | subject


def _is_head(word: str) -> bool:
    return is_role_noun(word) or base(word) in ORG_NOUNS


def _verb_text(m: re.Match) -> str:
    return " ".join(m.group().lower().split())


def _rstrip(text: str, lo: int, e: int) -> int:
    while e > lo and text[e - 1].isspace():
        e -= 1
    return e


class Attributor:
    """Reads the attribution of each quote from the text around its marks."""

    def __init__(self, index: SpeakerIndex):
        self.index = index
        self.text = index.text

    # -- speaker phrases ----------------------------------------------------------

    def speaker_at(self, pos: int, limit: int) -> SpeakerRef | None:
        """A speaker phrase starting at ``pos``: pronoun, name, role or organisation."""
        text, index = self.text, self.index
        m = _PRONOUN_RE.match(text, pos, limit)
        if m:
            return SpeakerRef("pronoun", m.start(), m.end(), m.group())
        m = _DESCRIBED_RE.match(text, pos, limit)
        if m:
            # "the 58-year-old said", "the woman said": someone the article just named.
            noun = m.group().split()[-1].lower()
            return SpeakerRef("pronoun", m.start(), m.end(), _DESCRIBED_GENDER.get(noun, "they"))
        words: list[re.Match] = []
        for w in _WORD_RE.finditer(text, pos, limit):
            gap = text[words[-1].end() : w.start()] if words else text[pos : w.start()]
            if gap.strip(" \u00a0"):
                break
            mention = index.by_start.get(w.start())
            if mention is not None and mention.cluster is not None:
                titled = self._titled_name_after(mention.end, limit)
                if titled is not None:
                    return titled
                return index.person_ref(mention, self._role_of(words))
            word = w.group().rstrip(".")
            if (
                not (
                    loose_roleish(word)
                    or word.lower() in ORG_NOUNS
                    or (not words and word.lower() in _DETERMINERS)
                    or (word.islower() and self._role_ahead(w.end(), limit))
                )
                or len(words) == 9
            ):
                break
            words.append(w)
        ref = self._role_ref(words)
        if ref is not None:
            # "the union's district leader in Saxony, Katrin Ohlendorf, said"
            after = _COMPLEMENT_THEN_NAME_RE.match(text, ref.end, limit)
            mention = index.by_start.get(after.end()) if after else None
            if mention is not None and mention.cluster is not None:
                return index.person_ref(mention, ref.text if ref.kind == "role" else None)
            return ref
        mention = index.by_start.get(pos)
        if mention is not None and mention.kind in ("org", "place", "single"):
            return SpeakerRef("org", mention.start, mention.end, text[mention.start : mention.end])
        return None

    def _titled_name_after(self, pos: int, limit: int) -> SpeakerRef | None:
        """A person named after a title that the mention ending at ``pos`` qualifies.

        In "Ukrenergo chief executive Vitalii Zaichenko said" the company opens the
        title, and an article that quoted the company before knows it as a speaker; the
        person named after the title is the one speaking.
        """
        text, index = self.text, self.index
        role_words: list[re.Match] = []
        for w in _WORD_RE.finditer(text, pos, min(limit, pos + 80)):
            gap = text[role_words[-1].end() if role_words else pos : w.start()]
            if gap.strip(" \u00a0"):
                return None
            named = index.by_start.get(w.start())
            if named is not None and named.cluster is not None and role_words:
                if any(is_role_noun(r.group()) for r in role_words):
                    return index.person_ref(
                        named, text[role_words[0].start() : role_words[-1].end()]
                    )
                return None
            word = w.group()
            if not word.islower() or not loose_roleish(word) or len(role_words) == 4:
                return None
            role_words.append(w)
        return None

    def _role_ahead(self, pos: int, limit: int) -> bool:
        """Whether a role noun follows within three lower-case words ("Gaza civil
        defence spokesman"), so the words before it qualify a title."""
        for n, w in enumerate(_WORD_RE.finditer(self.text, pos, min(limit, pos + 60))):
            word = w.group()
            if is_role_noun(word):
                return True
            if n == 2 or not word.islower():
                return False
        return False

    def _role_of(self, words: list[re.Match]) -> str | None:
        ref = self._role_ref(words)
        return ref.text if ref is not None and ref.kind == "role" else None

    def _role_ref(self, words: list[re.Match]) -> SpeakerRef | None:
        """A role or organisation noun phrase from words, trimmed to its head noun."""
        definite = bool(words) and words[0].group().lower() == "the"
        while words and words[0].group().lower() in _DETERMINERS | {"of", "for", "and"}:
            words = words[1:]
        heads = [i for i, w in enumerate(words) if _is_head(w.group())]
        if not heads:
            return None
        head = heads[-1]
        kind = "role" if is_role_noun(words[head].group()) else "orgnoun"
        last = head
        # Keep a complement: "the mayor of Sumy", "a resident of Kherson".
        if head + 2 < len(words) and words[head + 1].group().lower() in ("of", "for"):
            last = len(words) - 1
        start, end = words[0].start(), words[last].end()
        return SpeakerRef(kind, start, end, self.text[start:end], definite=definite)

    def speaker_ending_at(self, end: int, lo: int) -> SpeakerRef | None:
        """A speaker phrase that ends right before a verb at ``end`` (gap words allowed)."""
        text = self.text
        tail = GAP_TAIL_RE.search(text, lo, end)
        pe = tail.start() if tail else end
        for e in dict.fromkeys((end, pe)):
            ref = self._phrase_ending_at(_rstrip(text, lo, e), lo)
            if ref is not None:
                return ref
        if not (pe > lo and text[pe - 1] == ","):
            return None
        # "X, …, said": X is right before the comma ("The President, Zelensky, said")
        # or opens the parenthetical ("Hlibova, the mayor of Sumy, said"), which may be
        # a relative clause or come after an age ("Delgado, 19, who works …, said").
        ref = self._phrase_ending_at(_rstrip(text, lo, pe - 1), lo)
        parenthetical = _APPOSITIVE_END_RE.search(text, lo, pe)
        relative = parenthetical is not None and _RELATIVE_RE.match(text, parenthetical.start() + 1)
        alias = ref is not None and _ALIAS_BEFORE_RE.search(text, lo, ref.start) is not None
        if ref is not None and ref.kind == "person" and not relative and not alias:
            return ref
        if alias:
            ref = None  # "Dagalo, known as Hemedti, warned": the name before speaks
        stop = pe
        for n in range(3):
            parenthetical = (_APPOSITIVE_END_RE if n == 0 else _PAREN_TAIL_RE).search(
                text, lo, stop
            )
            if parenthetical is None:
                break
            stop = parenthetical.start()
            inner = self._phrase_ending_at(_rstrip(text, lo, stop), lo)
            if inner is not None and (inner.kind == "person" or ref is None):
                return inner
            if inner is not None:
                break
        return ref

    def _phrase_ending_at(self, e: int, lo: int) -> SpeakerRef | None:
        text, index = self.text, self.index
        m = _PRONOUN_END_RE.search(text, max(lo, e - 5), e)
        if m:
            return SpeakerRef("pronoun", m.start(), m.end(), m.group())
        letters = _POSTNOMINAL_END_RE.search(text, max(lo, e - 6), e)
        if letters is not None:
            e = letters.start()
        mention = index.by_end.get(e)
        if mention is not None and mention.start >= lo and not mention.possessive:
            if mention.cluster is not None:
                return index.person_ref(mention)
            if mention.kind == "title":
                return SpeakerRef("role", mention.start, mention.end, text[mention.start : e])
            if mention.kind in ("org", "place"):
                return SpeakerRef("org", mention.start, mention.end, text[mention.start : e])
        words = [w for w in _WORD_RE.finditer(text, max(lo, e - 120), e)]
        if not words or words[-1].end() != e:
            return None
        kept: list[re.Match] = []
        for w in reversed(words):
            if kept and text[w.end() : kept[-1].start()].strip():
                break
            word = w.group().rstrip(".")
            if not (loose_roleish(word) or base(word) in ORG_NOUNS or word.lower() in _DETERMINERS):
                break
            kept.append(w)
        ref = self._role_ref(kept[::-1])
        if ref is None or ref.end != e:
            return None
        # "Detective Inspector Rob Keane of West Yorkshire Police said": the person
        # named inside the phrase speaks, not the force named after "of".
        for w in reversed(kept):
            named = index.by_start.get(w.start())
            if (
                named is not None
                and named.cluster is not None
                and named.end < e
                and _COMPLEMENT_RE.match(text, named.end)
            ):
                return index.person_ref(named)
        # "Peskov, the Kremlin spokesman, said": the role is an appositive to a name.
        comma = _NAME_COMMA_RE.search(text, lo, kept[-1].start())
        if comma is not None:
            named = index.by_end.get(comma.start())
            if named is not None and named.cluster is not None:
                return index.person_ref(named, ref.text if ref.kind == "role" else None)
        return ref

    # -- patterns -----------------------------------------------------------------

    def after(self, span: QuoteSpan) -> Attribution | None:
        """Attribution right after the closing mark."""
        text = self.text
        _, para_end = self.index.paras.bounds(span.start)
        limit = min(para_end, span.close + AFTER_WINDOW)
        if span.close >= limit:
            return None
        colon = _COLON_RE.match(text, span.close, limit)
        if colon and colon.end() > span.close:
            ref = self.speaker_at(colon.end(), limit)
            return Attribution(None, ref, "colon") if ref and ref.kind == "person" else None
        pos = _LEAD_RE.match(text, span.close, limit).end()
        verb = REPORTING_VERB_RE.match(text, pos, limit)
        if verb:
            name = _verb_text(verb)
            if name not in _NOT_INVERTED:
                ref = self.speaker_at(_WS_RE.match(text, verb.end()).end(), limit)
                if ref is not None:
                    return Attribution(name, ref, "after")
            return None
        ref = self.speaker_at(pos, limit)
        if ref is None:
            return None
        verb = verb_after(REPORTING_VERB_RE, text, ref.end, limit)
        if verb is None and ref.kind == "pronoun":
            # '— she answers', '," he notes': after a pronoun these are verbs, not nouns.
            verb = _PRONOUN_NOUNISH_VERB_RE.match(text, ref.end, limit)
            if verb is not None:
                return Attribution(verb.group(1).lower(), ref, "after")
        if verb is None or _verb_text(verb) == "according to":
            return None
        return Attribution(_verb_text(verb), ref, "after")

    def _sentence_subject(self, pos: int, hi: int) -> SpeakerRef | None:
        """The speaker of the first speech verb of the sentence at ``pos``, before ``hi``."""
        para_start, _ = self.index.paras.bounds(pos)
        lo = max(self.index.sentence_bounds(pos)[0], para_start, hi - BEFORE_WINDOW)
        for verb in SPEECH_VERB_RE.finditer(self.text, lo, hi):
            ref = self.speaker_ending_at(verb.start(), lo)
            if ref is not None:
                return ref
        return self.index.first_subject(lo, hi)

    def before_window(self, span: QuoteSpan, prev_close: int) -> tuple[int, int]:
        """The clause before the opening mark: from the sentence start, or from the
        sentence before when this one opens with the quote after a colon."""
        text, index = self.text, self.index
        hi = span.open
        para_start, _ = index.paras.bounds(span.open)
        lo = max(index.sentence_bounds(span.open)[0], para_start, prev_close, hi - BEFORE_WINDOW)
        if text[lo:hi].strip():
            return lo, hi
        # 'Zelensky wrote on Telegram:' then the quote, possibly in the next paragraph.
        k = lo
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k > 0 and text[k - 1] == ":" and k - 1 >= prev_close:
            start = max(index.sentence_bounds(k - 1)[0], k - 1 - BEFORE_WINDOW, prev_close)
            return start, k - 1
        return lo, lo

    def before(self, span: QuoteSpan, prev_close: int) -> Attribution | None:
        """Attribution in the clause before the opening mark."""
        text = self.text
        lo, hi = self.before_window(span, prev_close)
        if hi <= lo:
            return None
        if text[lo:hi].rstrip().endswith(":") or hi < span.open:
            colon_at = text.rindex(":", lo, span.open)
            verbs = list(SPEECH_VERB_RE.finditer(text, lo, colon_at))
            if not verbs:
                ref = self.speaker_ending_at(colon_at, lo)
                if ref is not None and ref.kind == "person":
                    return Attribution(None, ref, "colon")
        verbs = [v for v in SPEECH_VERB_RE.finditer(text, lo, hi)]
        if not verbs:
            ref = self.index.first_subject(lo, hi)
            return Attribution(None, ref, "subject") if ref else None
        verb = verbs[-1]
        name = _verb_text(verb)
        if lo == prev_close and _SECOND_COMPLEMENT_RE.match(text, lo, verb.start()):
            # 'Peskov told reporters that the attacks "…" and that Russia would respond
            # "…"': the second "that" clause is more of what Peskov said, and its subject
            # is no speaker; the quote goes to whoever spoke the first part.
            return None
        coordinated = _COORDINATED_VERB_RE.search(text, lo, verb.start())
        if coordinated is not None:
            # 'Rutte condemned … and said allies would "…"': the verb shares the subject
            # of the sentence's first verb, which the window may not reach.
            ref = self._sentence_subject(span.open, coordinated.start())
            if ref is not None:
                return Attribution(name, ref, "before")
        if name in ("according to", "in the words of"):
            ref = self.speaker_at(_WS_RE.match(text, verb.end()).end(), hi)
        elif name.startswith("in "):
            # "In his words, '…'": the pronoun is the speaker.
            pronoun = name.split()[1]
            ref = SpeakerRef(
                "pronoun",
                verb.start(),
                verb.end(),
                {"his": "he", "her": "she"}.get(pronoun, "they"),
            )
        elif name.endswith("ing") and _PARTICIPLE_LEAD_RE.search(text, lo, verb.start()):
            # "Benavent said …, but defended the service, saying …": a participle after a
            # comma has the clause's subject as its speaker, not the phrase before it.
            earlier = self.speaker_ending_at(verbs[-2].start(), lo) if len(verbs) > 1 else None
            ref = (
                earlier
                or self.index.first_subject(lo, verb.start())
                or self.speaker_ending_at(verb.start(), lo)
            )
        else:
            ref = self.speaker_ending_at(verb.start(), lo) or self.index.first_subject(
                lo, verb.start()
            )
            if ref is None and name not in _NOT_INVERTED:
                # '"…," said Sofia Marchetti, a spokesperson, "not …"': the verb and its
                # speaker stand between two parts of one quotation.
                ref = self.speaker_at(_WS_RE.match(text, verb.end()).end(), hi)
            for earlier in reversed(verbs[:-1]) if ref is None else ():
                # '…, he said, while assuring that the police would show «…»': the last
                # verb has no speaker of its own; an earlier one in the clause does.
                ref = self.speaker_ending_at(earlier.start(), lo)
                if ref is not None:
                    name = _verb_text(earlier)
                    break
        return Attribution(name, ref, "before")

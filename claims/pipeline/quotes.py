# Typographic quote marks and apostrophes are what this file is about.
# ruff: noqa: RUF001
"""Direct quotations and who said them.

``extract_quotes`` returns one ``quote`` claim per quoted stretch, with ``start``/``end``
the text between the marks (a trailing comma dropped), so ``text[start:end]`` is the
claim's ``text`` and ``quote`` alike. Two choices keep that invariant everywhere:

- a quote interrupted by its attribution (``"I am here," he said, "to stay."``) gives
  two claims with the same speaker and verb;
- a quotation continued over paragraphs by the newspaper convention gives one claim per
  paragraph, all with the speaker found anywhere in the chain.

Quoted words that are not speech are dropped: scare quotes (one or two words with no
speech verb and no attribution, or after "so-called") and titles or names (title-case
words after "titled", "the film", … or with no speech verb at all).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from claims.pipeline._attribution import Attribution, Attributor
from claims.pipeline._quote_marks import QuoteSpan, find_quote_spans
from claims.pipeline._speech_lexicon import (
    SCARE_MARKERS_RE,
    TITLE_MARKERS_RE,
    TITLE_SMALL_WORDS,
)
from claims.pipeline.speakers import Speaker, SpeakerIndex
from claims.pipeline.types import Claim, Sentence

# Quotes of up to this many words need a speech verb or attribution to count.
SHORT_QUOTE_WORDS = 2
# Quotes of up to this many words right after a possessive or an article, with no speech
# verb, are terms rather than speech.
TERM_WORDS = 4
_WORDS_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_INTRODUCER_RE = re.compile(r"[ \t]*(?::|,?[ \t]*[“\"‘])")
_EXPLICIT = ("after", "before", "colon")
_NAMING_RE = re.compile(
    r"titled|named|nicknamed|dubbed|known\s+as|code-?named|slogan|hashtag|motto|film|book|"
    r"song|album|novel|documentary|programme|program|operation",
    re.IGNORECASE,
)
_TERM_LEAD_RE = re.compile(
    r"(?:\w['’]s|(?<![\w'’])(?:the|a|an|its|their|his|her|this|that|these|those|our|your))"
    r"[ \t\u00a0]*$",
    re.IGNORECASE,
)
# 'A red "danger to life" warning': quoted words between a determiner (and one adjective)
# and the noun they modify are a label, not speech.
_MODIFIER_LEAD_RE = re.compile(
    r"(?<![\w'’])(?:the|a|an|its|their|his|her|this|that)[ \t\u00a0]+[a-z][\w-]*[ \t\u00a0]*$",
    re.IGNORECASE,
)
_NOUN_AFTER_RE = re.compile(r"[ \t\u00a0]+[a-z]{3,}\b(?![ \t\u00a0]*[,:])")
_KNOWN_AS_RE = re.compile(
    r"\b(?:known|referred[ \t]+to)(?:[ \t]+[\w'’]+){0,3}?[ \t]+as(?:[ \t]+(?:a|an|the))?[ \t]*$",
    re.IGNORECASE,
)
_POSSESSIVE_LEAD_RE = re.compile(r"\w['’]s[ \t\u00a0]*$")


def _named(attr: Attribution | None) -> bool:
    """An attribution in the quote's own words that names who speaks."""
    return attr is not None and attr.how in _EXPLICIT and attr.ref is not None


def _is_title(words: list[str], content: str) -> bool:
    """Title-case words without sentence punctuation ("All Quiet on the Western Front")."""
    if not words or len(words) > 12 or content.rstrip()[-1:] in ".?!,;:":
        return False
    return (
        all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)
        and words[0][0].isupper()
    )


def _introduces_next(after: Attribution, text: str, span: QuoteSpan) -> bool:
    """Whether the verb after a finished quote introduces the next one instead
    ('"…." Biden said: "…"'); after an unfinished one it interrupts ('"I am," he said,
    "here."')."""
    tail_start = min(after.ref.end, span.close + 200) if after.ref else span.close
    tail = text[tail_start : tail_start + 200]
    verb_at = tail.lower().find(after.verb or "\0")
    if verb_at < 0:
        return False
    m = _INTRODUCER_RE.match(tail, verb_at + len(after.verb or ""))
    if m is None:
        return False
    return m.group().strip().startswith(":") or text[span.end - 1] in ".!?"


def _choose(after: Attribution | None, before: Attribution | None, text: str, span: QuoteSpan):
    """Prefer the attribution after the quote, unless the words before introduce it
    ('X said: "…"') or the words after introduce the next quote."""
    if after is not None and after.how == "after" and _introduces_next(after, text, span):
        after = None
    lead = text[max(0, span.open - 3) : span.open].rstrip()
    if before is not None and before.how in _EXPLICIT and lead.endswith((":", ",")):
        return before
    return after or before


class _Extractor:
    def __init__(self, text: str, sentences: Sequence[Sentence]):
        self.text = text
        self.sentences = list(sentences)
        self.starts = [s.start for s in self.sentences]
        self.spans, paras = find_quote_spans(text)
        self.index = SpeakerIndex(text, self.spans, self.sentences, paras) if self.spans else None

    def attributions(self) -> list[Attribution | None]:
        attributor = Attributor(self.index)
        found: list[Attribution | None] = []
        prev_close = 0
        for span in self.spans:
            after = attributor.after(span)
            before = attributor.before(span, prev_close)
            found.append(_choose(after, before, self.text, span))
            prev_close = max(prev_close, span.close)
        # A quotation continued over paragraphs is attributed once, anywhere in it.
        by_chain: dict[int, Attribution] = {}
        for span, attr in zip(self.spans, found, strict=True):
            if _named(attr) and span.chain not in by_chain:
                by_chain[span.chain] = attr
        return [
            attr if _named(attr) else by_chain.get(s.chain, attr)
            for s, attr in zip(self.spans, found, strict=True)
        ]

    def keep(self, span: QuoteSpan, attr: Attribution | None) -> bool:
        """Whether quoted words are speech rather than scare quotes or a title."""
        text = self.text
        content = text[span.start : span.end]
        words = _WORDS_RE.findall(content)
        lead = text[max(0, span.open - 40) : span.open]
        if SCARE_MARKERS_RE.search(lead):
            return False
        explicit = attr is not None and attr.how in _EXPLICIT
        spoken = explicit and (attr.verb is not None or attr.how == "colon")
        if spoken and attr.ref is None and attr.verb == "according to":
            # "According to a poll, … since the «yellow vests»": nobody speaks here.
            spoken = False
        if _POSSESSIVE_LEAD_RE.search(lead) and _is_title(words, content):
            # "CNBC's "Squawk Box"", "the agency's "Safe Roads" plan": a name.
            return False
        if _KNOWN_AS_RE.search(lead):
            # 'a storm known in Spain as a "DANA"': a name for a thing.
            return False
        marker = TITLE_MARKERS_RE.search(lead)
        if marker and _NAMING_RE.search(marker.group()) and not (explicit and attr.how == "after"):
            # 'the slogan "No to war"', 'code-named "Iron Sword"': a name, whatever its case.
            return False
        titled = marker is not None or not spoken
        if titled and _is_title(words, content) and not (explicit and attr.how != "before"):
            return False
        if not spoken and len(words) <= TERM_WORDS and _TERM_LEAD_RE.search(lead):
            # 'Russia's "special military operation"', 'the "filtration camps"': a term
            # held at a distance, not words someone is reported to have said.
            return False
        if (
            not spoken
            and len(words) <= TERM_WORDS
            and _MODIFIER_LEAD_RE.search(lead)
            and _NOUN_AFTER_RE.match(text, span.close)
            and "," not in text[span.end : span.close]
            and text[span.end - 1] not in ".!?"
        ):
            return False
        return len(words) > SHORT_QUOTE_WORDS or spoken

    def speaker(self, span: QuoteSpan, attr: Attribution | None) -> Speaker:
        index = self.index
        words = len(_WORDS_RE.findall(self.text[span.start : span.end]))
        trusted = attr is not None and (attr.how != "subject" or words > SHORT_QUOTE_WORDS)
        if trusted and attr.ref is not None:
            return index.speaker_of(attr.ref)
        if trusted and attr.how == "before" and attr.verb is not None:
            # "The ministry's statement said that "…"": a verb whose subject names no one
            # we know; the last speaker is no better a guess.
            return Speaker(None)
        pid = index.salient_person(span.open, None, speech_only=True)
        if pid is None:
            pid = index.salient_person(span.open, None)
        if pid is None:
            return Speaker(None)
        person = index.registry.people[pid]
        return Speaker(person.canonical, person.role, pid)

    def sentence_of(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return self.sentences[0] if self.sentences else None
        return self.sentences[i]

    def claims(self) -> list[Claim]:
        if self.index is None:
            return []
        claims = []
        # A quote attributed from context ('"…," she said. "…"' then a bare paragraph)
        # carries the verb its speaker was last quoted with.
        last_verb: dict[str, str] = {}
        previous: tuple[int, Speaker, str | None] | None = None
        for span, attr in zip(self.spans, self.attributions(), strict=True):
            if not self.keep(span, attr):
                continue
            para = self.index.paras.index(span.open)
            if (
                previous is not None
                and previous[0] == para
                and (attr is None or attr.how == "subject")
            ):
                # '"…," a spokesperson said. "…"': a bare quote continues the paragraph's
                # last speaker, named or not.
                _, speaker, verb = previous
            else:
                speaker = self.speaker(span, attr)
                verb = attr.verb if attr is not None else None
            self.index.remember(span.open, speaker)
            if speaker.name is not None:
                if verb is None and (attr is None or attr.how == "subject"):
                    verb = last_verb.get(speaker.name)
                elif verb is not None:
                    last_verb[speaker.name] = verb
            previous = (self.index.paras.index(span.close - 1), speaker, verb)
            sentence = self.sentence_of(span.start)
            role = sentence.role if sentence is not None else "body"
            quote = self.text[span.start : span.end]
            claims.append(
                Claim(
                    kind="quote",
                    start=span.start,
                    end=span.end,
                    sentence_index=sentence.index if sentence is not None else 0,
                    text=quote,
                    quote=quote,
                    speaker=speaker.name,
                    speaker_role=speaker.role,
                    speech_verb=verb,
                    role=role,
                    flagged=role in ("caption", "boilerplate"),
                )
            )
        return claims


def extract_quotes(text: str, sentences: Sequence[Sentence]) -> list[Claim]:
    """Quote claims with speaker, role and speech verb, in document order."""
    return _Extractor(text, sentences).claims()

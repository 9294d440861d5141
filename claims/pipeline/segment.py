"""Sentence splitting with exact character offsets.

One regex pass finds every place a sentence could end (terminal punctuation, line
breaks, list bullets); each candidate is then judged from a few characters around it
with an abbreviation lexicon. No per-character Python loop runs, and every regex is
possessive or bounded, so time stays linear even on megabytes without a full stop.

Decisions, in short:
- A blank line always ends a sentence.
- A single line break ends a sentence unless the line reads as hard-wrapped prose:
  the next line starts lower-case after a line of three or more words, or the line
  ends with a comma, semicolon or dash, or a long line ends with a function word.
  So headlines, credits and menu items end at their line; wrapped text does not.
- After terminal punctuation (plus closing quotes and brackets), a lower-case next
  word never starts a sentence; a capital, digit or other mark does, unless the word
  before the full stop is an abbreviation, an initial or a list marker.
- Ambiguous abbreviations ("U.S.", "Co.", "a.m.") end a sentence only before a
  typical sentence opener ("The", "It", "How" ...), titles ("Mr.", "Dr.") never.
"""

from __future__ import annotations

import itertools
import re

from claims.pipeline.abbreviations import (
    CAPITALISED,
    CONNECTIVES,
    FUNCTION_WORDS,
    GENERAL,
    NUMERIC_PREFIXES,
    SENTENCE_STARTERS,
    TITLES,
)
from claims.pipeline.lists import ListMarkers, ordinal
from claims.pipeline.types import Sentence

_TERMINALS = ".?!…‽"
_BULLETS = "•\u2043▪◦‣●"
_OPENERS = "\"'“\u2018«([{¿¡"
_QUOTES = "\"'”\u2019»"

# Every event starts with one of these characters, so the regex engine can skip
# ahead in C between them. The continuation after a terminal swallows the whole run
# (". . . .", "?!", closing quotes) possessively: no backtracking, no re-scanning.
_EVENTS = re.compile(
    r"[\n.?!…‽•\u2043▪◦‣●)]"
    r"(?:(?<=\n)(?:[^\S\n]*+\n\s*+)?"
    r"|(?<=[.?!…‽])(?:[.?!…‽]| \.)*+[\"'”\u2019»)\]]*+)?"
)
_NEXT = re.compile(r"(\s*+)[\"'“\u2018«(\[{¿¡*]*+(\w{0,40})")
_HSPACE = re.compile(r"[^\S\n]*+")
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.){2,}")
_MARKER_ONLY = re.compile(
    r"\s*(?:[•\u2043▪◦‣●*\-\u2013]\s*)*(?:(?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})(?:\.\)|[.)])?)?\s*"
)
_SPEECH_TAG = re.compile(
    r"\s+(?:[A-Z][\w.'\u2019-]*\s+){1,4}(?:said|says|asked|asks|told|added|wrote|replied|"
    r"shouted|exclaimed|cried|wondered|insisted|continued)\b"
)
_CLOCK = frozenset(("a.m", "p.m"))
# Hard-wrapped prose has long lines; below this a line ending in "of" may be a title.
_WRAPPED_LINE = 40


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets index ``text`` exactly."""
    return _Splitter(text).run()


class _Splitter:
    """One pass over one text; holds the little state the decisions need."""

    def __init__(self, text: str):
        self.text = text
        self.n = len(text)
        self.cuts: list[int] = []
        self.seg_start = 0
        self.line_start = 0
        self.lists = ListMarkers(text)

    def run(self) -> list[Sentence]:
        """Visit every candidate, then build the sentences between the cuts."""
        text = self.text
        for m in _EVENTS.finditer(text):
            pos = m.start()
            ch = text[pos]
            if ch == "\n":
                self._newline(pos, m.end())
            elif ch in _TERMINALS:
                self._terminal(pos, m.end())
            elif ch == ")":
                self._paren_marker(pos)
            elif pos >= self.seg_start and (pos == 0 or text[pos - 1].isspace()):
                self._cut_before(pos)
        return self._sentences()

    # -- cuts ---------------------------------------------------------------------

    def _cut(self, pos: int) -> None:
        if pos > self.seg_start:
            self.cuts.append(pos)
            self.seg_start = pos

    def _cut_before(self, pos: int) -> None:
        """Start a new sentence at ``pos`` unless only a list marker precedes it."""
        if pos > self.seg_start and not self._marker_only(self.seg_start, pos):
            self._cut(pos)

    def _marker_only(self, start: int, end: int) -> bool:
        # Bounded so that the check never grows with the segment.
        if end - start > 12:
            return False
        return _MARKER_ONLY.fullmatch(self.text, start, end) is not None

    def _sentences(self) -> list[Sentence]:
        text = self.text
        out: list[Sentence] = []
        bounds = [0, *self.cuts, self.n]
        for a, b in itertools.pairwise(bounds):
            piece = text[a:b]
            stripped = piece.lstrip()
            if not stripped:
                continue
            start = a + len(piece) - len(stripped)
            body = stripped.rstrip()
            out.append(Sentence(start, start + len(body), body, len(out)))
        return out

    # -- line breaks --------------------------------------------------------------

    def _newline(self, pos: int, end: int) -> None:
        text = self.text
        if end - pos > 1 and "\n" in text[pos + 1 : end]:
            self._cut(pos)
            self.seg_start = max(self.seg_start, end)
            self.line_start = end
            return
        line_from = max(self.line_start, self.seg_start)
        self.line_start = pos + 1
        line = text[line_from:pos].rstrip()
        if not line.strip():
            return
        nxt = _HSPACE.match(text, pos + 1).end()
        if nxt >= self.n:
            return
        if not self._joins(line, text[nxt]):
            self._cut(pos)

    def _joins(self, line: str, first: str) -> bool:
        """Whether a single line break sits inside a sentence (hard-wrapped text)."""
        last = line[-1]
        core = line.rstrip(_QUOTES + ")]")
        if core and core[-1] in _TERMINALS:
            # The terminal punctuation was already judged with the next word in view.
            return True
        if last == ":":
            return False
        if last in ",;\u2013—-(":
            return True
        if first.islower():
            return len(line.split(None, 2)) >= 3
        if len(line) >= _WRAPPED_LINE:
            tail = line.rsplit(None, 1)[-1]
            return tail in FUNCTION_WORDS
        return False

    # -- terminal punctuation -------------------------------------------------------

    def _terminal(self, cs: int, ce: int) -> None:
        text, n = self.text, self.n
        if cs < self.seg_start:
            return
        if ce < n and not text[ce].isspace():
            if ce == cs + 1 and text[cs] == "." and self._glued(cs):
                self._cut(ce)
            return
        nm = _NEXT.match(text, ce)
        if nm.start(2) >= n:
            return
        first = text[nm.start(2)]
        word = nm.group(2)
        if first.islower():
            return
        cluster_end = ce
        while cluster_end > cs and text[cluster_end - 1] not in _TERMINALS:
            cluster_end -= 1
        cluster = text[cs:cluster_end]
        closers = text[cluster_end:ce]
        if "?" in cluster or "!" in cluster or "‽" in cluster:
            if any(q in closers for q in _QUOTES) and _SPEECH_TAG.match(text, ce):
                return
            self._cut(ce)
            return
        attached = cs > 0 and not text[cs - 1].isspace()
        if " " in cluster:
            self._spaced_ellipsis(cs, ce, cluster.count("."), attached)
            return
        if len(cluster) > 1 or "…" in cluster:
            if attached and text[cs - 1] not in "[(":
                self._cut(ce)
            return
        self._full_stop(cs, ce, first, word, attached)

    def _spaced_ellipsis(self, cs: int, ce: int, dots: int, attached: bool) -> None:
        """Spaced ellipsis: ". . ." runs on, "word. . . ." is a full stop plus ellipsis."""
        if attached and dots >= 4:
            self._cut(cs + 1)
        elif attached or dots != 3:
            self._cut(ce)

    def _full_stop(self, cs: int, ce: int, first: str, word: str, attached: bool) -> None:
        text = self.text
        if not attached:
            self._cut(ce)
            return
        token = _token_before(text, cs, self.seg_start)
        if self._list_marker(token, cs, ce, first):
            return
        if self._marker_only(self.seg_start, ce):
            return
        lower = token.lower()
        if lower in TITLES or lower in CONNECTIVES:
            return
        if (
            lower in NUMERIC_PREFIXES
            or lower in GENERAL
            or token in CAPITALISED
            or (len(token) == 1 and token.isalpha())
            or _DOTTED.fullmatch(token + ".")
        ):
            if first.isdigit():
                return
            if (
                (token == "I" and _pronoun_i(text, cs - 1))
                or word in SENTENCE_STARTERS
                or (lower in _CLOCK and word.lower() in TITLES and self._clock_closes(cs))
            ):
                self._cut(ce)
            return
        self._cut(ce)

    def _clock_closes(self, cs: int) -> bool:
        """Whether a clock time closes its sentence ("… left at 6 p.m. Mr. Smith …").

        Fronted ("At 5 a.m. Mr. Smith went …") the time opens the sentence instead.
        """
        before = self.text[max(self.seg_start, cs - 200) : cs].split(None, 4)
        return len(before) > 4

    def _glued(self, cs: int) -> bool:
        """Whether a full stop without a space ("world.Today") ends a sentence."""
        text = self.text
        if cs < 2 or cs + 2 >= self.n:
            return False
        if not (text[cs + 1].isupper() and text[cs + 2].islower()):
            return False
        if not (text[cs - 1].islower() or text[cs - 1].isdigit()):
            return False
        if not (text[cs - 2].isalnum() or text[cs - 2] == ","):
            return False
        token = _token_before(text, cs)
        after = text[cs + 1 : cs + 65].split(None, 1)[0]
        chunk = token + after
        if "@" in chunk or "/" in chunk or "www" in chunk.lower():
            return False
        lower = token.lower()
        return not (lower in TITLES or lower in GENERAL or lower in NUMERIC_PREFIXES)

    # -- lists --------------------------------------------------------------------

    def _list_marker(self, token: str, cs: int, ce: int, first: str) -> bool:
        """Handle "1. …" / "a. …" / "2.) …" items; True when the dot was a marker."""
        if not (first.isupper() or first.isdigit()) or ordinal(token) is None:
            return False
        start = cs - len(token)
        if not self._marker_can_start(start):
            return False
        style = ".)" if self.text[cs + 1 : ce].startswith(")") else "."
        if self.lists.starts_item(token, start, ce, style, heads=self._heads(start)):
            self._cut_before(start)
            return True
        return False

    def _paren_marker(self, pos: int) -> None:
        """Handle "1) The first item 2) The second item"."""
        text = self.text
        if pos < self.seg_start or pos + 1 >= self.n or not text[pos + 1].isspace():
            return
        token = _token_before(text, pos)
        start = pos - len(token)
        if ordinal(token) is None or not self._marker_can_start(start):
            return
        nm = _NEXT.match(text, pos + 1)
        if nm.start(2) >= self.n or not text[nm.start(2)].isupper():
            return
        if self.lists.starts_item(token, start, pos + 1, ")", heads=self._heads(start)):
            self._cut_before(start)

    def _heads(self, start: int) -> bool:
        """Whether only whitespace or bullets precede ``start`` in the current sentence."""
        return start <= self.seg_start or self._marker_only(self.seg_start, start)

    def _marker_can_start(self, start: int) -> bool:
        return start == 0 or self.text[start - 1].isspace() or self.text[start - 1] in _BULLETS


def _token_before(text: str, pos: int, floor: int = 0) -> str:
    """The whitespace-delimited token ending at ``pos``, minus opening punctuation."""
    window = text[max(floor, pos - 64) : pos]
    if not window or window[-1].isspace():
        return ""
    return window.rsplit(None, 1)[-1].lstrip(_OPENERS)


def _pronoun_i(text: str, pos: int) -> bool:
    """Whether the "I" at ``pos`` follows a lower-case word, i.e. is the pronoun."""
    before = text[max(0, pos - 40) : pos].split()
    return bool(before) and not before[-1][:1].isupper()

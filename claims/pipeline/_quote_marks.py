# Typographic quote marks and apostrophes are what this file is about.
# ruff: noqa: RUF001, RUF002
"""Find quoted stretches of text from the quote marks alone.

Which way a mark faces is read from its neighbours first (a mark after a space and before
a word opens; one after a word and before a space or punctuation closes) and from its
glyph only when the neighbours do not tell, because typed text often uses the wrong curly
mark or none. Quotes never cross a paragraph break except by the newspaper convention: a
paragraph that ends inside a quote and a next paragraph that opens with a mark continue
one quotation. Each paragraph of such a quotation is its own span, so that every span's
text is exactly what stands between its marks; the spans share a ``chain`` number.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claims.pipeline._speech_lexicon import SPEECH_VERBS

# An unclosed quote longer than this is a stray mark, not a quotation: it must not
# swallow a long paragraph (or a whole unparagraphed document).
MAX_UNCLOSED_CHARS = 2000
MAX_QUOTE_CHARS = 5000
MAX_SINGLE_CHARS = 400

_DOUBLE_RE = re.compile('["“”„‟«»]')
_OPEN_GLYPHS = "“„‟«"
_CLOSE_GLYPHS = "”»"
_BEFORE_OPEN = "([{—–-/:'‘\"“„«"
_AFTER_CLOSE = ".,;:!?)]}—–-…'’\"”»"
_OPEN, _CLOSE, _EITHER = 1, 2, 3
_INNER_SPACES = " \u00a0\u202f\u2009"

# A single mark opens only after a space or opening punctuation and before a letter.
_SINGLE_OPEN_RE = re.compile("(?<![^\\s(\\[{\u2014\u2013/“\"«-])['‘‛](?=[^\\W\\d_])")
_SINGLE_CLOSE_RE = re.compile("(?<=\\S)['’](?=[\\s.,;:!?)\\]}\u2014\u2013…\"”-]|$)")
_ELISIONS = frozenset(["em", "til", "tis", "twas", "cause", "bout", "n"])
_WORD_RE = re.compile(r"[^\W\d_]+")
# A dialogue dash opens a paragraph and touches the first word; a spaced dash before a
# lower-case word starts the attribution; a dash before punctuation ends it.
_DIALOGUE_OPEN_RE = re.compile('(?m)^[ \t]*[\u2014\u2015\u2013](?=[¿¡"“]?[^\\W\\d_])')
# Polish, Russian and Ukrainian papers (and their translations) space the dash and may
# open speech mid-paragraph after a full stop: "…, she informed. — We stay — she said."
_SPACED_DIALOGUE_OPEN_RE = re.compile(
    '(?:^|(?<=[.!?…] ))[ \t]*([\u2014\u2015\u2013])[ \t\u00a0]+(?=["“„]?[^\\W\\d_])', re.M
)
_DIALOGUE_CUT_RE = re.compile("[ \t\u00a0][\u2014\u2015\u2013](?=[a-z])")
# After spaced speech the attribution may also be the reporter's "I ask".
_SPACED_DIALOGUE_CUT_RE = re.compile("[ \t\u00a0][\u2014\u2015\u2013][ \t\u00a0]+(?=[a-z]|I\\b)")
_DIALOGUE_RESUME_RE = re.compile("[\u2014\u2015\u2013][.,;:]?[ \t]+(?=\\S)")
_HARD_BREAK_END = ".!?:;\"”’'»)]"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Quoted text between two marks (``start``/``end``) and where the marks stand."""

    start: int
    end: int
    open: int
    # Just past the closing mark; the paragraph end when the quote is not closed.
    close: int
    closed: bool
    chain: int
    single: bool = False


class Paragraphs:
    """Paragraph bounds by bisection over the hard line breaks of a text."""

    def __init__(self, text: str):
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text) if self._hard(m.start())]

    def _hard(self, pos: int) -> bool:
        # A line broken mid-sentence ("…the\nminister said") is wrapped text, not a new
        # paragraph.
        text = self.text
        before = text[pos - 1] if pos else "\n"
        after = text[pos + 1] if pos + 1 < len(text) else "\n"
        return not (before.isalnum() or before == ",") or not after.islower()

    def index(self, pos: int) -> int:
        """Number of the paragraph holding ``pos``."""
        return bisect.bisect_right(self.breaks, pos - 1)

    def bounds(self, pos: int) -> tuple[int, int]:
        """Start and end offsets of the paragraph holding ``pos``."""
        i = self.index(pos)
        start = self.breaks[i - 1] + 1 if i else 0
        end = self.breaks[i] if i < len(self.breaks) else len(self.text)
        return start, end

    def next_start(self, pos: int) -> int | None:
        """Offset of the first non-space character after the paragraph holding ``pos``."""
        _, end = self.bounds(pos)
        text = self.text
        n = len(text)
        i = end
        while i < n and text[i].isspace():
            i += 1
        return i if i < n else None


def _direction(text: str, pos: int) -> int:
    ch = text[pos]
    prev = text[pos - 1] if pos else " "
    nxt = text[pos + 1] if pos + 1 < len(text) else " "
    # French typography puts a space inside guillemets ("« Non », dit-il"): a space
    # there says nothing about direction, so the glyph decides.
    if ch == "«" and nxt in _INNER_SPACES:
        return _OPEN
    if ch == "»" and prev in _INNER_SPACES:
        return _CLOSE
    can_open = (prev.isspace() or prev in _BEFORE_OPEN) and not nxt.isspace()
    can_close = (nxt.isspace() or nxt in _AFTER_CLOSE) and not prev.isspace()
    if can_open != can_close:
        return _OPEN if can_open else _CLOSE
    if ch in _OPEN_GLYPHS:
        return _OPEN
    if ch in _CLOSE_GLYPHS:
        return _CLOSE
    return _EITHER


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and a trailing comma, which belongs to the attribution."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.paras = Paragraphs(text)
        self.spans: list[QuoteSpan] = []
        self.chains = 0
        # Chain to continue and the offset of the mark that may continue it.
        self.pending: tuple[int, int] | None = None

    def _emit(self, open_pos: int, stop: int, close: int, closed: bool, chain: int) -> None:
        start, end = _trim(self.text, open_pos + 1, stop)
        if end > start and _WORD_RE.search(self.text, start, end):
            self.spans.append(QuoteSpan(start, end, open_pos, close, closed, chain))

    def _new_chain(self, pos: int) -> int:
        if self.pending is not None and self.pending[1] == pos:
            return self.pending[0]
        self.chains += 1
        return self.chains

    def _unclosed(self, open_pos: int, chain: int) -> None:
        _, para_end = self.paras.bounds(open_pos)
        if para_end - open_pos > MAX_UNCLOSED_CHARS:
            return
        nxt = self.paras.next_start(open_pos)
        if nxt is not None and self.text[nxt] in '"“„«':
            self.pending = (chain, nxt)
        self._emit(open_pos, para_end, para_end, False, chain)

    def doubles(self) -> None:
        text, paras = self.text, self.paras
        open_pos: int | None = None
        open_para = chain = -1
        for m in _DOUBLE_RE.finditer(text):
            pos = m.start()
            para = paras.index(pos)
            if open_pos is not None and para != open_para:
                self._unclosed(open_pos, chain)
                open_pos = None
            direction = _direction(text, pos)
            if open_pos is None:
                if direction != _CLOSE:
                    open_pos, open_para, chain = pos, para, self._new_chain(pos)
            elif direction != _OPEN:
                if pos - open_pos <= MAX_QUOTE_CHARS:
                    self._emit(open_pos, pos, pos + 1, True, chain)
                open_pos = None
            else:
                # A second opening mark: the first one was never closed.
                open_pos, chain = pos, self._new_chain(pos)
        if open_pos is not None:
            self._unclosed(open_pos, chain)

    def dashes(self) -> None:
        """Dialogue set off by dashes, as Spanish and its translations write it: a
        paragraph opening with a dash attached to a word is speech up to a spaced dash
        before the attribution ("—We stay —the minister said—. Nothing changes.")."""
        text = self.text
        taken = sorted((s.open, s.close) for s in self.spans)
        starts = [a for a, _ in taken]
        for m in _DIALOGUE_OPEN_RE.finditer(text):
            open_pos = m.end() - 1
            _, para_end = self.paras.bounds(open_pos)
            if para_end - open_pos > MAX_UNCLOSED_CHARS or _overlaps(
                starts, taken, open_pos, para_end
            ):
                continue
            self.chains += 1
            pos = open_pos
            while pos < para_end:
                cut = _DIALOGUE_CUT_RE.search(text, pos + 1, para_end)
                stop = cut.start() if cut else para_end
                self._emit(pos, stop, cut.start() + 2 if cut else para_end, True, self.chains)
                if cut is None:
                    break
                # The attribution runs to a closing dash; speech may resume after it.
                resume = _DIALOGUE_RESUME_RE.search(text, cut.end(), para_end)
                if resume is None:
                    break
                pos = resume.end() - 1

    def spaced_dashes(self) -> None:
        """Dialogue opened by a spaced dash before a capital ("— In 1997 we had three days
        — she says. — I took the documents."). Unlike the attached Spanish dash, a spaced
        dash is also an English parenthesis or a byline, so the speech counts only when a
        spaced dash before a lower-case attribution ("— she says") closes it."""
        text = self.text
        taken = sorted((s.open, s.close) for s in self.spans)
        starts = [a for a, _ in taken]
        for m in _SPACED_DIALOGUE_OPEN_RE.finditer(text):
            dash = m.start(1)
            first = m.end()
            if not text[first].isupper() and text[first] not in '"“„':
                continue
            _, para_end = self.paras.bounds(dash)
            cut = _SPACED_DIALOGUE_CUT_RE.search(text, first, para_end)
            if (
                cut is None
                or cut.start() - dash > MAX_UNCLOSED_CHARS
                or _inside(starts, taken, dash)
                or _overlaps(starts, taken, dash, cut.start())
            ):
                continue
            self.chains += 1
            self._emit(first - 1, cut.start(), cut.start() + 2, True, self.chains)
            # Speech resumes after the attribution when a sentence ends and another
            # spaced dash opens ("— she says. — I took the documents.").
            resume = _SPACED_DIALOGUE_OPEN_RE.search(text, cut.end(), para_end)
            if resume is None or not text[resume.end()].isupper():
                continue
            nxt = _SPACED_DIALOGUE_CUT_RE.search(text, resume.end(), para_end)
            stop = nxt.start() if nxt else para_end
            self._emit(resume.end() - 1, stop, stop, True, self.chains)

    def singles(self) -> None:
        text = self.text
        taken = sorted((s.open, s.close) for s in self.spans)
        starts = [a for a, _ in taken]
        last_end = -1
        for m in _SINGLE_OPEN_RE.finditer(text):
            pos = m.start()
            if pos < last_end or _inside(starts, taken, pos):
                continue
            word = _WORD_RE.match(text, pos + 1)
            if word and word.group().lower() in _ELISIONS:
                continue
            _, para_end = self.paras.bounds(pos)
            close = self._single_close(pos, min(para_end, pos + MAX_SINGLE_CHARS))
            if close is None or _inside(starts, taken, close):
                continue
            self.chains += 1
            before = len(self.spans)
            self._emit(pos, close, close + 1, True, self.chains)
            if len(self.spans) > before:
                self.spans[-1] = _as_single(self.spans[-1])
            last_end = close + 1

    def _single_close(self, pos: int, limit: int) -> int | None:
        text = self.text
        fallback = None
        for m in _SINGLE_CLOSE_RE.finditer(text, pos + 2, limit):
            at = m.start()
            if text[at - 1] in "sS" and _possessive(text, at):
                fallback = at if fallback is None else fallback
                continue
            return at
        return fallback


def _possessive(text: str, at: int) -> bool:
    """Whether ``s’`` at ``at`` reads as a plural possessive ("the workers’ union")."""
    word = _WORD_RE.match(text, at + 2)
    if at + 1 >= len(text) or text[at + 1] != " " or word is None:
        return False
    return word.group()[0].islower() and word.group().lower() not in SPEECH_VERBS


def _overlaps(starts: list[int], spans: list[tuple[int, int]], lo: int, hi: int) -> bool:
    i = bisect.bisect_left(starts, lo)
    return _inside(starts, spans, lo) or (i < len(starts) and starts[i] < hi)


def _inside(starts: list[int], spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _as_single(span: QuoteSpan) -> QuoteSpan:
    return QuoteSpan(span.start, span.end, span.open, span.close, span.closed, span.chain, True)


def find_quote_spans(text: str) -> tuple[list[QuoteSpan], Paragraphs]:
    """All quoted stretches of ``text`` in document order, and its paragraphs."""
    scanner = _Scanner(text)
    scanner.doubles()
    scanner.dashes()
    scanner.spaced_dashes()
    scanner.singles()
    scanner.spans.sort(key=lambda s: s.open)
    return scanner.spans, scanner.paras

"""Give every sentence a role: headline, body, caption or boilerplate.

Page furniture is marked, never dropped, so offsets and provenance survive. Roles are
decided per line first (scraped articles put a caption, a teaser or a share prompt on
a line of its own), then per sentence. A "Source: X" line also names the original
publisher. Section subheads inside the body stay ``body``: they are part of the
article, carry no claims of their own and rarely look different from short sentences.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Sequence

from claims.pipeline.furniture import caption_key, has_credit, is_boilerplate, source_of
from claims.pipeline.publishers import canonical_publisher
from claims.pipeline.types import Document, Role, Sentence

_LINE = re.compile(r"[^\n]+")
# A title is short, has at most two sentences and does not end with a full stop.
_MAX_TITLE_CHARS = 250
_MAX_TITLE_SENTENCES = 2
_MIN_TITLE_WORDS = 3
# Where to look for a line equal to the known title.
_TITLE_SEARCH_LINES = 5
# A line up to this length was checked whole for credits and prompts, so only short
# sentences inside it (a glued "Advertisement", "Photo: …") need a look of their own.
_MAX_CHECKED_LINE = 600
_MAX_FURNITURE_SENTENCE = 150
_BYLINE = re.compile(r"^(?:by|por|updated|published|posted)\b", re.I)


def assign_roles(
    document: Document, sentences: Sequence[Sentence]
) -> tuple[Document, list[Sentence]]:
    """Return the document (publisher and title filled in) and sentences with roles."""
    lines = _Lines(document.text)
    by_line: dict[int, list[int]] = {}
    for i, sentence in enumerate(sentences):
        by_line.setdefault(lines.index_of(sentence.start), []).append(i)

    roles: list[Role] = ["body"] * len(sentences)
    publisher = document.original_publisher
    for line_no, members in by_line.items():
        line = lines.text(line_no)
        source = source_of(line)
        if source is not None:
            publisher = publisher or canonical_publisher(source)
        line_role: Role | None = None
        if source is not None or is_boilerplate(line):
            line_role = "boilerplate"
        elif has_credit(line):
            line_role = "caption"
        for i in members:
            roles[i] = line_role or _sentence_role(sentences[i].text, line)

    _demote_repeated_captions(sentences, roles, lines, by_line)
    title = _mark_headline(document, sentences, roles, lines, by_line)
    document = dataclasses.replace(
        document, original_publisher=publisher, title=document.title or title
    )
    # The constructor directly: dataclasses.replace is several times slower.
    return document, [
        Sentence(s.start, s.end, s.text, s.index, role, s.score)
        for s, role in zip(sentences, roles, strict=True)
    ]


def _sentence_role(text: str, line: str) -> Role:
    """Furniture glued into a longer line: short sentences, or any in very long lines."""
    if len(text) > _MAX_FURNITURE_SENTENCE and len(line) <= _MAX_CHECKED_LINE:
        return "body"
    if is_boilerplate(text):
        return "boilerplate"
    if has_credit(text):
        return "caption"
    return "body"


def _demote_repeated_captions(
    sentences: Sequence[Sentence],
    roles: list[Role],
    lines: _Lines,
    by_line: dict[int, list[int]],
) -> None:
    """A caption repeated word for word counts once; later copies become boilerplate."""
    seen_lines: set[str] = set()
    seen_sentences: set[str] = set()
    for line_no in sorted(by_line):
        members = [i for i in by_line[line_no] if roles[i] == "caption"]
        if not members:
            continue
        line_key = caption_key(lines.text(line_no))
        repeated_line = bool(line_key) and line_key in seen_lines
        seen_lines.add(line_key)
        for i in members:
            key = caption_key(sentences[i].text)
            if repeated_line or (key and key in seen_sentences):
                roles[i] = "boilerplate"
            seen_sentences.add(key)


def _mark_headline(
    document: Document,
    sentences: Sequence[Sentence],
    roles: list[Role],
    lines: _Lines,
    by_line: dict[int, list[int]],
) -> str | None:
    """Mark the article title among the first body lines; return its text."""
    body_lines = [
        line_no for line_no in sorted(by_line) if all(roles[i] == "body" for i in by_line[line_no])
    ][:_TITLE_SEARCH_LINES]
    if not body_lines:
        return None
    chosen = None
    if document.title:
        wanted = _fold(document.title)
        chosen = next((n for n in body_lines if _fold(lines.text(n)) == wanted), None)
    if chosen is None:
        chosen = _first_title_line(lines, body_lines, by_line, sentences)
    if chosen is None:
        return None
    for i in by_line[chosen]:
        roles[i] = "headline"
    return lines.text(chosen).strip()


def _first_title_line(
    lines: _Lines,
    body_lines: list[int],
    by_line: dict[int, list[int]],
    sentences: Sequence[Sentence],
) -> int | None:
    """The first substantive line if it reads as a title, passing over kickers and bylines."""
    for line_no in body_lines:
        line = lines.text(line_no).strip()
        label = len(line.split()) < _MIN_TITLE_WORDS and line[-1] not in ".?!"
        if label or _BYLINE.match(line):
            continue
        return line_no if _looks_like_title(lines, line_no, by_line, sentences) else None
    return None


def _looks_like_title(
    lines: _Lines, line_no: int, by_line: dict[int, list[int]], sentences: Sequence[Sentence]
) -> bool:
    line = lines.text(line_no).strip()
    members = by_line[line_no]
    if line_no == len(lines) - 1 or len(line) > _MAX_TITLE_CHARS:
        return False
    if len(members) > _MAX_TITLE_SENTENCES or len(line.split()) < _MIN_TITLE_WORDS:
        return False
    # A sentence that starts here but runs on into the next line is prose.
    if sentences[members[-1]].end > lines.end(line_no):
        return False
    if line.endswith(".") and not line.endswith("..."):
        return False
    first = line.lstrip("\"'“\u2018«¿¡")[:1]
    return (first.isupper() or first.isdigit()) and not _BYLINE.match(line)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Lines:
    """The non-empty lines of a text, found by offset."""

    def __init__(self, text: str):
        self._text = text
        self._spans = [m.span() for m in _LINE.finditer(text)]
        self._starts = [start for start, _ in self._spans]

    def __len__(self) -> int:
        return len(self._spans)

    def index_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def text(self, line_no: int) -> str:
        start, end = self._spans[line_no]
        return self._text[start:end]

    def end(self, line_no: int) -> int:
        return self._spans[line_no][1]

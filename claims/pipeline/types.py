"""The records that flow between pipeline steps.

Every step takes and returns these frozen dataclasses; none of them knows about Django.
All offsets are character offsets into ``Document.text`` (the cleaned text that is
stored on the article), so ``document.text[s.start:s.end] == s.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["headline", "body", "caption", "boilerplate"]
Kind = Literal["casualty", "count", "numeric", "quote"]
Qualifier = Literal[
    "exact", "at_least", "more_than", "fewer_than", "about", "almost", "up_to", "range"
]

ROLES: tuple[Role, ...] = ("headline", "body", "caption", "boilerplate")
KINDS: tuple[Kind, ...] = ("casualty", "count", "numeric", "quote")
QUALIFIERS: tuple[Qualifier, ...] = (
    "exact",
    "at_least",
    "more_than",
    "fewer_than",
    "about",
    "almost",
    "up_to",
    "range",
)

# The normalised fields of a claim, in the order they are shown and exported.
NORMALISED_FIELDS = (
    "value",
    "value_min",
    "value_max",
    "qualifier",
    "counted",
    "unit",
    "actor",
    "location",
    "speaker",
    "speaker_role",
    "speech_verb",
    "quote",
)


@dataclass(frozen=True, slots=True)
class Document:
    """Cleaned article text plus what cleaning learned about it."""

    text: str
    title: str | None = None
    original_publisher: str | None = None
    language: str | None = None
    source_format: Literal["text", "html"] = "text"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text`` is exactly ``document.text[start:end]``."""

    start: int
    end: int
    text: str
    index: int = 0
    role: Role = "body"
    # Check-worthiness in [0, 1]; only body sentences get a non-zero score.
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Claim:
    """One extracted claim with its normalised fields.

    ``value`` is the number as stated (7 for "at least seven"); ``value_min`` and
    ``value_max`` are the interval it denotes, ``None`` meaning unbounded on that side.
    """

    kind: Kind
    start: int
    end: int
    sentence_index: int
    text: str
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    qualifier: Qualifier | None = None
    counted: str | None = None
    unit: str | None = None
    actor: str | None = None
    location: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    speech_verb: str | None = None
    quote: str | None = None
    score: float = 0.0
    role: Role = "body"
    # Found in a caption or boilerplate: kept, but out of the review queue by default.
    flagged: bool = False


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the pipeline produced for one input."""

    document: Document
    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]

"""Find the claims that match a free-text claim, best first.

On PostgreSQL the candidates come from pg_trgm word similarity (GIN-indexed) against
the claim text and quote, ranked together with full-text relevance. Elsewhere (SQLite)
a portable fallback scores candidates found by word containment with the same
trigram measure computed in Python. Figures in the query are read by the extraction
pipeline, as the claims themselves were, so both sides mean the same by "more than 20",
"about 1.5 million" or "three dozen", and dates, years and names with digits are not
figures; a query that is only a number ("120") is read as that number. Each figure's
interval is compared with each claim's: overlapping figures agree, disjoint ones
conflict.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection, transaction
from django.db.models import FloatField, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest

from claims.api.selectors import claim_rows
from claims.pipeline import extract
from claims.pipeline.numbers import find_numbers
from claims.pipeline.qualifiers import interval, merge_ranges
from claims.pipeline.traps import trap

# How much of the query must appear in a claim for it to be a candidate (0..1).
WORD_SIMILARITY_THRESHOLD = 0.3
CANDIDATES = 200
NUMBER_BONUS = 0.15

_WORD = re.compile(r"[^\W_]{3,}", re.UNICODE)


@dataclass(frozen=True)
class Interval:
    low: float | None
    high: float | None

    def overlaps(self, other: Interval) -> bool:
        low = max(_lo(self.low), _lo(other.low))
        high = min(_hi(self.high), _hi(other.high))
        return low <= high


def _lo(value):
    return -math.inf if value is None else value


def _hi(value):
    return math.inf if value is None else value


def query_figures(text: str) -> list[Interval]:
    """The figures of a free-text query as intervals: "more than 20 drones" is [21, ∞)."""
    figures = [
        Interval(claim.value_min, claim.value_max)
        for claim in extract(text, is_html=False).claims
        if claim.kind != "quote" and (claim.value_min, claim.value_max) != (None, None)
    ]
    if figures:
        return figures
    # Nothing the pipeline counts as a figure: a bare number still says what is asked.
    return [
        Interval(low, high)
        for number, upper, _ in merge_ranges(text, find_numbers(text))
        if not trap(text, number, lo=0, ranged=upper is not None, qualified=False)
        for low, high in [_bare_interval(number, upper)]
    ]


def _bare_interval(number, upper) -> tuple[float | None, float | None]:
    if upper is None:
        return number.value, number.value
    return interval(number.value, "range", discrete=False, upper=upper.value)


def claim_interval(row: dict) -> Interval | None:
    if row["value_min"] is None and row["value_max"] is None:
        if row["value"] is None:
            return None
        return Interval(row["value"], row["value"])
    return Interval(row["value_min"], row["value_max"])


def numbers_verdict(figures: list[Interval], row: dict) -> str:
    interval = claim_interval(row)
    if not figures or interval is None:
        return "none"
    return "agree" if any(f.overlaps(interval) for f in figures) else "conflict"


def claims_lookup(
    *, text: str, claims: QuerySet, limit: int, figures: list[Interval] | None = None
) -> list[tuple[dict, float, str]]:
    """``(row, similarity, numbers)`` of the best matches, best first (``figures``: the
    query's, if already read)."""
    if figures is None:
        figures = query_figures(text)
    if connection.vendor == "postgresql":
        scored = _postgres_candidates(text, claims)
    else:
        scored = _portable_candidates(text, claims)
    results = []
    for row, similarity in scored:
        numbers = numbers_verdict(figures, row)
        bonus = {"agree": NUMBER_BONUS, "conflict": -NUMBER_BONUS}.get(numbers, 0.0)
        results.append((row, round(similarity, 4), numbers, similarity + bonus))
    results.sort(key=lambda r: (-r[3], r[0]["id"]))
    return [(row, similarity, numbers) for row, similarity, numbers, _ in results[:limit]]


def _postgres_candidates(text: str, claims: QuerySet) -> list[tuple[dict, float]]:
    words = " ".join(_WORD.findall(text)) or text
    query = SearchQuery(words, search_type="plain", config="english")
    similarity = Greatest(
        TrigramWordSimilarity(Value(text), "text"),
        TrigramWordSimilarity(Value(text), "quote"),
    )
    rank = Coalesce(
        SearchRank(SearchVector("text", "quote", config="english"), query),
        Value(0.0),
        output_field=FloatField(),
    )
    matching = (
        claims.filter(superseded_at__isnull=True)
        .filter(Q(text__trigram_word_similar=text) | Q(quote__trigram_word_similar=text))
        .annotate(similarity=similarity, rank=rank)
        .order_by("-similarity", "id")
    )
    rows = claim_rows(matching, "similarity", "rank")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                [str(WORD_SIMILARITY_THRESHOLD)],
            )
        found = list(rows[:CANDIDATES])
    return [(row, min(1.0, row["similarity"] + min(row["rank"], 1.0) * 0.1)) for row in found]


def _portable_candidates(text: str, claims: QuerySet) -> list[tuple[dict, float]]:
    words = sorted({w.lower() for w in _WORD.findall(text)}, key=len, reverse=True)[:8]
    if not words:
        return []
    contains = Q()
    for word in words:
        contains |= Q(text__icontains=word) | Q(quote__icontains=word)
    found = claim_rows(claims.filter(superseded_at__isnull=True).filter(contains))[: CANDIDATES * 5]
    scored = []
    for row in found:
        similarity = max(word_similarity(text, row["text"]), word_similarity(text, row["quote"]))
        if similarity >= WORD_SIMILARITY_THRESHOLD:
            scored.append((row, similarity))
    return scored


def _trigrams(text: str) -> set[str]:
    grams = set()
    for word in _WORD.findall(text.lower()) + re.findall(r"\d+", text):
        padded = f"  {word.lower()} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def word_similarity(query: str, text: str) -> float:
    """Share of the query's trigrams found in the text (pg_trgm's idea, simplified)."""
    wanted = _trigrams(query)
    if not wanted or not text:
        return 0.0
    return len(wanted & _trigrams(text)) / len(wanted)

"""The whole pipeline on one input: clean → segment → roles → score → extract.

``extract`` is what the ingestion task, the command line, the benchmark and the
evaluation call; it returns an :class:`~claims.pipeline.types.Extraction` whose
offsets all point into ``extraction.document.text``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from claims.pipeline.checkworthiness import score_sentences
from claims.pipeline.clean import clean
from claims.pipeline.figures import extract_figures
from claims.pipeline.quotes import extract_quotes
from claims.pipeline.roles import assign_roles
from claims.pipeline.segment import split_sentences
from claims.pipeline.types import Claim, Extraction, Sentence


def extract(text_or_html: str, *, is_html: bool | None = None) -> Extraction:
    """Run every step on raw text or HTML and return sentences and claims."""
    document = clean(text_or_html, is_html=is_html)
    sentences = split_sentences(document.text)
    document, sentences = assign_roles(document, sentences)
    scored, claims = extract_from_sentences(document.text, sentences)
    return Extraction(document, tuple(scored), tuple(claims))


def extract_from_sentences(
    text: str, sentences: Sequence[Sentence]
) -> tuple[list[Sentence], list[Claim]]:
    """Score sentences that already carry roles and extract their claims.

    The worker runs segmentation and extraction as separate stages; this is the second
    one, so that both stages and ``extract`` share one composition.
    """
    scored = score_sentences(sentences)
    figures = extract_figures(text, scored)
    quotes = extract_quotes(text, scored)
    claims = attribute_figures(figures, quotes) + list(quotes)
    claims = with_sentence_scores(claims, scored)
    claims.sort(key=lambda c: (c.start, c.end, c.kind))
    return scored, claims


def attribute_figures(figures: Sequence[Claim], quotes: Sequence[Claim]) -> list[Claim]:
    """Give each figure said inside a quote that quote's speaker (innermost quote wins).

    A figure the extractor already attributed keeps its speaker.
    """
    spoken = sorted((q for q in quotes if q.speaker), key=lambda q: (q.start, q.end))
    starts = [q.start for q in spoken]
    # Running maximum of quote ends: lets the backwards walk stop as soon as no earlier
    # quote can still reach the figure, so long inputs stay linear-ish.
    reach: list[int] = []
    for q in spoken:
        reach.append(max(q.end, reach[-1]) if reach else q.end)
    out = []
    for figure in figures:
        quote = None if figure.speaker else _innermost(figure, spoken, starts, reach)
        if quote is not None:
            figure = replace(figure, speaker=quote.speaker, speaker_role=quote.speaker_role)
        out.append(figure)
    return out


def _innermost(
    figure: Claim, spoken: list[Claim], starts: list[int], reach: list[int]
) -> Claim | None:
    best = None
    i = bisect_right(starts, figure.start) - 1
    while i >= 0 and reach[i] >= figure.end:
        q = spoken[i]
        inside = q.start <= figure.start and figure.end <= q.end
        if inside and (best is None or q.end - q.start < best.end - best.start):
            best = q
        i -= 1
    return best


def with_sentence_scores(claims: Sequence[Claim], sentences: Sequence[Sentence]) -> list[Claim]:
    """Copy each claim's sentence score onto the claim."""
    scores = {s.index: s.score for s in sentences}
    return [replace(c, score=scores.get(c.sentence_index, 0.0)) for c in claims]

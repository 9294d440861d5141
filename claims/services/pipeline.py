"""The bridge from pipeline records to rows: segmentation and extraction of one article.

Both steps lock the article row and are idempotent, so a task that is delivered twice
(a worker killed after the commit, a sweep re-sending) changes nothing the second time.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict

from django.db import transaction
from django.utils import timezone

from claims.models import Article, ArticleStatus, Claim, Sentence
from claims.pipeline import types
from claims.pipeline.checkworthiness import score_sentences
from claims.pipeline.config import PIPELINE_VERSION
from claims.pipeline.roles import assign_roles
from claims.pipeline.run import extract_from_sentences
from claims.pipeline.segment import split_sentences
from claims.pipeline.types import NORMALISED_FIELDS

SEGMENTABLE = (ArticleStatus.QUEUED, ArticleStatus.SEGMENTING)


def article_segment(*, article_id: int) -> bool:
    """Split the article into sentences with roles; return whether extraction should run."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.status == ArticleStatus.EXTRACTING:
            return True  # already segmented by an earlier delivery of this task
        if article.status not in SEGMENTABLE:
            return False
        if not article.sentences.exists():
            document = types.Document(
                text=article.text, title=article.title or None, source_format=article.raw_format
            )
            document, sentences = assign_roles(document, split_sentences(article.text))
            Sentence.objects.bulk_create(
                Sentence(
                    article=article,
                    index=s.index,
                    start=s.start,
                    end=s.end,
                    role=s.role,
                    score=s.score,
                )
                for s in score_sentences(sentences)
            )
            if document.original_publisher and not article.original_publisher:
                article.original_publisher = document.original_publisher
        article.status = ArticleStatus.EXTRACTING
        article.status_changed_at = timezone.now()
        article.save()
    return True


def article_extract(*, article_id: int) -> bool:
    """Extract claims from the stored sentences; return whether anything was done.

    Re-running with a newer pipeline never alters a claim a reviewer has touched: new
    findings are added and untouched claims the pipeline no longer finds are marked
    superseded.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        is_rerun = (
            article.status == ArticleStatus.READY and article.pipeline_version != PIPELINE_VERSION
        )
        if article.status != ArticleStatus.EXTRACTING and not is_rerun:
            return False
        rows = list(article.sentences.order_by("index"))
        sentences = [
            types.Sentence(
                start=row.start,
                end=row.end,
                text=article.text[row.start : row.end],
                index=row.index,
                role=row.role,
            )
            for row in rows
        ]
        # Sentence scores were stored at segmentation; extraction recomputes the same ones.
        _, found = extract_from_sentences(article.text, sentences)
        _sync_claims(article, {row.index: row for row in rows}, found)
        article.status = ArticleStatus.READY
        article.error = ""
        article.pipeline_version = PIPELINE_VERSION
        article.status_changed_at = timezone.now()
        article.save()
    return True


def claim_fingerprint(claim: types.Claim) -> str:
    """What identifies one finding across runs: its span and its normalised fields."""
    parts = [claim.kind, claim.start, claim.end, *(getattr(claim, f) for f in NORMALISED_FIELDS)]
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def _sync_claims(
    article: Article, sentences_by_index: dict[int, Sentence], found: list[types.Claim]
) -> None:
    existing = {c.fingerprint: c for c in article.claims.all()}
    wanted = {claim_fingerprint(c): c for c in found}
    Claim.objects.bulk_create(
        _claim_row(article, sentences_by_index[c.sentence_index], fp, c)
        for fp, c in wanted.items()
        if fp not in existing
    )
    vanished = [
        c.pk
        for fp, c in existing.items()
        if fp not in wanted and c.touched_at is None and c.superseded_at is None
    ]
    Claim.objects.filter(pk__in=vanished).update(superseded_at=timezone.now())
    # A finding that comes back after being superseded is current again.
    returned = [c.pk for fp, c in existing.items() if fp in wanted and c.superseded_at]
    Claim.objects.filter(pk__in=returned, touched_at__isnull=True).update(superseded_at=None)


def _claim_row(article: Article, sentence: Sentence, fingerprint: str, c: types.Claim) -> Claim:
    fields = {f: getattr(c, f) for f in NORMALISED_FIELDS}
    text_fields = {f: ("" if v is None else v) for f, v in fields.items() if f not in _NUMBERS}
    return Claim(
        article=article,
        sentence=sentence,
        kind=c.kind,
        start=c.start,
        end=c.end,
        text=c.text,
        value=c.value,
        value_min=c.value_min,
        value_max=c.value_max,
        **text_fields,
        score=c.score,
        role=c.role,
        flagged=c.flagged,
        fingerprint=fingerprint,
        extracted=_jsonable(asdict(c)),
        pipeline_version=PIPELINE_VERSION,
    )


_NUMBERS = ("value", "value_min", "value_max")


def _jsonable(record: dict) -> dict:
    return {k: v for k, v in record.items() if v is not None}

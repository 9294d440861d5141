"""Writes around articles: ingestion, hand-off to the workers, retries and the sweep."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from claims.pipeline.clean import clean, decode
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import PENDING_STATUSES, Article, ArticleStatus
from claims.pipeline.config import MAX_INPUT_BYTES
from claims.pipeline.errors import InputTooLarge

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    """The stored article and whether this call created it."""

    article: Article
    created: bool


def content_hash(text: str) -> str:
    """sha256 of the clean text: two inputs that clean to the same text are one article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_ingest(
    *,
    raw: str | bytes,
    is_html: bool | None = None,
    title: str = "",
    url: str = "",
    outlet: str = "",
    original_publisher: str = "",
    language: str = "",
    published_at: datetime | None = None,
) -> IngestResult:
    """Store an article and hand it to the workers once the row is committed.

    Bad input (empty, binary, too large, unreadable HTML, invalid metadata) raises a
    ``PipelineError`` or ``ValidationError`` before anything is written.
    """
    if isinstance(raw, bytes):
        raw = decode(raw)
    size = len(raw.encode("utf-8", errors="surrogatepass"))
    if size > MAX_INPUT_BYTES:
        raise InputTooLarge(
            f"The article is {size:,} bytes; the limit is {MAX_INPUT_BYTES:,} bytes."
        )
    document = clean(raw, is_html=is_html)
    digest = content_hash(document.text)

    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return IngestResult(article=existing, created=False)

    article = Article(
        raw=raw,
        raw_format=document.source_format,
        text=document.text,
        content_hash=digest,
        title=(title or document.title or "")[:500],
        url=url,
        outlet=outlet,
        original_publisher=original_publisher or document.original_publisher or "",
        language=language or document.language or "en",
        published_at=published_at,
        status=ArticleStatus.QUEUED,
    )
    article.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            article.save()
            transaction.on_commit(lambda: article_enqueue(article_id=article.pk))
    except IntegrityError:
        # Another process stored the same content between our check and our insert.
        return IngestResult(article=Article.objects.get(content_hash=digest), created=False)
    return IngestResult(article=article, created=True)


def article_enqueue(*, article_id: int) -> bool:
    """Send the article to the workers; if the broker is down it stays queued for the sweep."""
    from claims.tasks import segment_article

    try:
        segment_article.delay(article_id)
    except Exception as exc:  # kombu and redis raise many kinds; none may lose the article
        logger.warning("Could not enqueue article %s, the sweep will retry: %s", article_id, exc)
        Article.objects.filter(pk=article_id).update(enqueued_at=None)
        return False
    Article.objects.filter(pk=article_id).update(enqueued_at=timezone.now())
    return True


def article_set_status(
    *, article_id: int, status: str, error: str = "", only_from: tuple[str, ...] = ()
) -> None:
    """Record a pipeline stage on the article so that it is visible while it runs.

    ``only_from`` limits the change to articles in those statuses, so a task delivered
    twice cannot move a finished article backwards.
    """
    articles = Article.objects.filter(pk=article_id)
    if only_from:
        articles = articles.filter(status__in=only_from)
    articles.update(status=status, error=error, status_changed_at=timezone.now())


def article_fail(*, article_id: int, error: str) -> None:
    """Mark an article failed with a readable error; it can be retried later."""
    article_set_status(article_id=article_id, status=ArticleStatus.FAILED, error=error[:5000])


def article_retry(*, article_id: int) -> Article:
    """Put a failed (or stuck) article back in the queue."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        if article.status == ArticleStatus.READY:
            return article
        if article.status == ArticleStatus.FAILED:
            # Start again from the stage that was reached; segmentation keeps its rows.
            article.status = (
                ArticleStatus.EXTRACTING if article.sentences.exists() else ArticleStatus.QUEUED
            )
        article.error = ""
        article.status_changed_at = timezone.now()
        article.save(update_fields=["status", "error", "status_changed_at", "updated_at"])
        transaction.on_commit(lambda: article_enqueue(article_id=article.pk))
    return article


def article_requeue_stuck(*, older_than: timedelta | None = None) -> int:
    """Re-send articles that never reached the broker or have waited too long.

    Re-sending is safe because the tasks are idempotent.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.FACTCHECK_STUCK_AFTER_SECONDS)
    cutoff = timezone.now() - older_than
    pending = Article.objects.filter(status__in=PENDING_STATUSES)
    never_sent = pending.filter(enqueued_at__isnull=True)
    waited_too_long = pending.filter(status_changed_at__lt=cutoff, enqueued_at__lt=cutoff)
    ids = list((never_sent | waited_too_long).values_list("pk", flat=True).order_by("pk"))
    return sum(article_enqueue(article_id=pk) for pk in ids)

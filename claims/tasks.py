"""Celery tasks: each takes an id, calls one service, and records failure readably."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError, transaction

from claims.models import ArticleStatus
from claims.pipeline.errors import PipelineError
from claims.services.articles import (
    article_fail,
    article_requeue_stuck,
    article_set_status,
)
from claims.services.pipeline import article_extract, article_segment

logger = logging.getLogger(__name__)

# Database hiccups are worth another try; anything else is a real failure.
TRANSIENT = (OperationalError, InterfaceError)
PIPELINE_TASK = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": TRANSIENT,
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(bind=True, **PIPELINE_TASK)
def segment_article(self, article_id: int) -> None:
    """Split an article into sentences, then hand it to extraction."""
    article_set_status(
        article_id=article_id, status=ArticleStatus.SEGMENTING, only_from=(ArticleStatus.QUEUED,)
    )
    with _failures_recorded(self, article_id, "Segmentation"):
        if article_segment(article_id=article_id):
            transaction.on_commit(lambda: extract_article.delay(article_id))


@shared_task(bind=True, **PIPELINE_TASK)
def extract_article(self, article_id: int) -> None:
    """Extract and score the claims of a segmented article."""
    with _failures_recorded(self, article_id, "Extraction"):
        article_extract(article_id=article_id)


@shared_task
def requeue_stuck_articles() -> int:
    """Periodic sweep: re-send articles the broker never got or the workers dropped."""
    return article_requeue_stuck()


class _failures_recorded:
    """Turn a task's failure into a readable error on the article.

    Transient database errors propagate so that Celery retries them; only once the
    retries are exhausted is the article marked failed.
    """

    def __init__(self, task, article_id: int, stage: str):
        self.task, self.article_id, self.stage = task, article_id, stage

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        # A worker being shut down (SystemExit) must not fail the article: the task is
        # redelivered and finishes elsewhere.
        if exc is None or not isinstance(exc, Exception):
            return False
        if isinstance(exc, TRANSIENT) and self.task.request.retries < self.task.max_retries:
            return False
        if isinstance(exc, SoftTimeLimitExceeded):
            message = f"{self.stage} took longer than the time limit and was stopped."
        elif isinstance(exc, PipelineError):
            message = f"{self.stage} refused the input: {exc.message}"
        else:
            logger.exception("%s of article %s failed", self.stage, self.article_id)
            message = f"{self.stage} failed: {type(exc).__name__}: {exc}"
        article_fail(article_id=self.article_id, error=message)
        return True

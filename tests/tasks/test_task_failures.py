"""How tasks turn failures into a readable article error, or into a retry."""

import pytest
from django.db import OperationalError

from claims import tasks
from claims.models import Article, ArticleStatus
from claims.services.articles import article_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_article():
    return article_ingest(raw="Officials said 40 homes were destroyed by the fire.\n").article


def test_a_transient_database_error_is_retried_with_backoff_before_it_fails(
    queued_article, monkeypatch
):
    calls = []

    def flaky(*, article_id):
        calls.append(article_id)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(tasks, "article_segment", flaky)
    result = tasks.segment_article.apply(args=[queued_article.pk])
    # The first attempt plus every retry ran, then the article was marked failed.
    assert len(calls) == tasks.segment_article.max_retries + 1
    assert result.successful()
    article = Article.objects.get(pk=queued_article.pk)
    assert article.status == ArticleStatus.FAILED
    assert "OperationalError" in article.error
    assert tasks.segment_article.retry_backoff


def test_an_unexpected_error_fails_the_article_at_once_with_its_message(
    queued_article, monkeypatch
):
    def broken(*, article_id):
        raise KeyError("sentence index 12")

    monkeypatch.setattr(tasks, "article_segment", broken)
    tasks.segment_article.apply(args=[queued_article.pk])
    article = Article.objects.get(pk=queued_article.pk)
    assert article.status == ArticleStatus.FAILED
    assert article.error == "Segmentation failed: KeyError: 'sentence index 12'"

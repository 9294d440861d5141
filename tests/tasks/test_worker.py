"""Background work on real Celery worker processes and a real Redis."""

import random

import pytest
from django.conf import settings

from claims.models import Article, ArticleStatus, Claim
from claims.pipeline.segment import split_sentences
from claims.services.articles import article_ingest
from tests.conftest import ARTIFACTS
from tests.support.processes import RedisServer, Worker, manage, wait_for

# Redis hands a dead worker's task out again after 30 s (longer than the task takes, or it
# would be handed out while still running), and workers look every second.
FAST_REDELIVERY = {
    "CELERY_VISIBILITY_TIMEOUT": "30",
    "CELERY_UNACKED_RESTORE_INTERVAL": "1",
    "CELERY_UNACKED_RESTORE_THROTTLE": "1",
}

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _status(pk):
    return Article.objects.values_list("status", flat=True).get(pk=pk)


def _ready(pk):
    return _status(pk) in (ArticleStatus.READY, ArticleStatus.FAILED)


def _assert_no_duplicates(article):
    indexes = list(article.sentences.order_by("index").values_list("index", flat=True))
    assert indexes == list(range(len(split_sentences(article.text))))
    keys = list(
        Claim.objects.filter(article=article).values_list("kind", "start", "end", "counted")
    )
    assert len(keys) == len(set(keys))


def test_a_worker_process_takes_the_seed_article_to_ready(worker, seed_text):
    article = article_ingest(raw=seed_text).article
    wait_for(lambda: _ready(article.pk), timeout=60, what="the seed article to be processed")
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY, article.error
    assert article.enqueued_at is not None
    claims = Claim.objects.filter(article=article)
    assert claims.filter(kind="casualty", value=7, qualifier="at_least").exists()
    assert claims.filter(kind="count", value=16, counted__contains="intercepted").exists()
    assert claims.filter(kind="quote", speaker="Antony Blinken").exists()
    _assert_no_duplicates(article)


def _long_article(paragraphs: int = 2000) -> str:
    rng = random.Random(7)
    places = ["Kharkiv", "Odesa", "Dnipro", "Sumy", "Lviv", "Poltava"]
    lines = []
    for i in range(paragraphs):
        place = rng.choice(places)
        lines.append(
            f"Officials in {place} said {rng.randint(2, 90)} drones were launched overnight "
            f"in wave {i}. Air defences intercepted {rng.randint(1, 40)} of them, and at least "
            f"{rng.randint(1, 9)} people were injured, the regional governor said."
        )
    return "\n\n".join(lines)


def test_a_worker_killed_mid_task_finishes_after_a_restart_with_no_duplicates(real_broker, request):
    log = ARTIFACTS / "workers" / f"{request.node.name}.log"
    first = Worker(redis_url=settings.CELERY_BROKER_URL, log=log, **FAST_REDELIVERY)
    first.start()
    article = article_ingest(raw=_long_article()).article
    try:
        wait_for(
            lambda: _status(article.pk) in (ArticleStatus.SEGMENTING, ArticleStatus.EXTRACTING),
            interval=0.01,
            what="the task to start",
        )
    finally:
        first.kill()
    assert _status(article.pk) != ArticleStatus.READY, "the worker finished before the kill"

    second = Worker(redis_url=settings.CELERY_BROKER_URL, log=log, **FAST_REDELIVERY)
    second.start()
    try:
        wait_for(lambda: _ready(article.pk), timeout=120, what="the article after restart")
    finally:
        second.stop()
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY, article.error
    _assert_no_duplicates(article)
    assert Claim.objects.filter(article=article).count() > 2000


def test_an_article_ingested_while_the_broker_is_down_is_sent_by_the_sweep_later(
    real_broker, request, tmp_path
):
    broker = RedisServer()  # not started yet: the broker is down
    story = tmp_path / "ferry.txt"
    story.write_text(
        "A ferry carrying 312 passengers ran aground off the island on Friday.\n\n"
        "Coastguard officials said at least 19 people were injured.\n"
    )
    result = manage("ingest", str(story), redis_url=broker.url)
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stdout
    article = Article.objects.get()
    assert article.status == ArticleStatus.QUEUED
    assert article.enqueued_at is None

    broker.start()
    worker = Worker(redis_url=broker.url, log=ARTIFACTS / "workers" / f"{request.node.name}.log")
    worker.start()
    try:
        sweep = manage("requeue_stuck", redis_url=broker.url)
        assert sweep.returncode == 0, sweep.stderr
        assert "Re-sent 1 article(s)" in sweep.stdout
        wait_for(lambda: _ready(article.pk), timeout=60, what="the swept article")
    finally:
        worker.stop()
        broker.stop()
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY, article.error
    assert Claim.objects.filter(article=article, kind="casualty", value=19).exists()

"""Idempotency keys expire and are purged; finished webhook deliveries are purged too."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from claims.api import housekeeping
from claims.api.tasks import purge_api_records
from claims.models import (
    Article,
    ChangeEvent,
    IdempotencyKey,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from factcheck.celery import app as celery_app
from tests.api.test_articles import STORY

pytestmark = pytest.mark.django_db


def _age(queryset, **delta):
    queryset.update(created_at=timezone.now() - timedelta(**delta))


def test_an_idempotency_key_past_its_expiry_counts_as_new(reviewer):
    headers = {"HTTP_IDEMPOTENCY_KEY": "submit-ferry"}
    first = reviewer.post("/api/v1/articles/", {"text": STORY}, **headers)
    _age(IdempotencyKey.objects.all(), hours=settings.FACTCHECK_IDEMPOTENCY_KEY_HOURS, minutes=1)
    other = reviewer.post("/api/v1/articles/", {"text": STORY + "More.\n"}, **headers)
    assert other.status_code == 202, other.json()
    assert "Idempotent-Replayed" not in other
    assert other.json()["id"] != first.json()["id"]
    key = IdempotencyKey.objects.get()
    assert key.response_body["id"] == other.json()["id"]
    assert key.created_at > timezone.now() - timedelta(minutes=1)


def test_an_idempotency_key_within_its_expiry_is_still_honoured(reviewer):
    headers = {"HTTP_IDEMPOTENCY_KEY": "submit-ferry"}
    reviewer.post("/api/v1/articles/", {"text": STORY}, **headers)
    _age(IdempotencyKey.objects.all(), hours=settings.FACTCHECK_IDEMPOTENCY_KEY_HOURS - 1)
    other = reviewer.post("/api/v1/articles/", {"text": STORY + "More.\n"}, **headers)
    assert other.status_code == 422
    assert Article.objects.count() == 1


def test_the_command_purges_expired_keys_only(users):
    for key in ("old", "fresh"):
        IdempotencyKey.objects.create(
            user=users["reviewer"], scope="articles.submit", key=key, request_hash="0" * 64
        )
    _age(IdempotencyKey.objects.filter(key="old"), hours=25)
    out = StringIO()
    call_command("purge_api_records", stdout=out)
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["fresh"]
    assert out.getvalue().startswith("Deleted 1 idempotency key(s) older than 24 h and 0 webhook")


@pytest.fixture
def deliveries(claims_factory):
    """Deliveries of every status, each with one logged attempt: two old, one recent."""
    claim = claims_factory(1)[0]
    subscription = WebhookSubscription.objects.create(
        url="https://consumer.example.org/hooks", secret="s" * 32, events=["claim.status_changed"]
    )
    made = {}
    for name, status in [
        ("old_succeeded", "succeeded"),
        ("old_failed", "failed"),
        ("old_pending", "pending"),
        ("recent_succeeded", "succeeded"),
    ]:
        event = ChangeEvent.objects.create(
            type="claim.status_changed", claim=claim, status="in_review", version=1
        )
        delivery = WebhookDelivery.objects.create(
            subscription=subscription, event=event, status=status, attempts=1
        )
        WebhookAttempt.objects.create(
            delivery=delivery, number=1, requested_at=timezone.now(), duration_ms=5
        )
        made[name] = delivery
    days = settings.FACTCHECK_WEBHOOK_LOG_DAYS
    old = [delivery.pk for name, delivery in made.items() if name.startswith("old")]
    _age(WebhookDelivery.objects.filter(pk__in=old), days=days + 1)
    _age(WebhookDelivery.objects.filter(pk=made["recent_succeeded"].pk), days=days - 1)
    return made


def test_the_periodic_task_purges_finished_deliveries_past_the_retention(deliveries, monkeypatch):
    monkeypatch.setattr(housekeeping, "BATCH", 1)  # the loop runs over several batches
    result = purge_api_records.delay().get()
    assert result == {"idempotency_keys": 0, "webhook_deliveries": 2, "webhook_attempts": 2}
    kept = {deliveries[n].pk for n in ("old_pending", "recent_succeeded")}
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == kept
    assert set(WebhookAttempt.objects.values_list("delivery_id", flat=True)) == kept


def test_the_retention_is_a_setting(deliveries, settings):
    settings.FACTCHECK_WEBHOOK_LOG_DAYS = 1
    assert housekeeping.api_records_purge().webhook_deliveries == 3
    assert list(WebhookDelivery.objects.values_list("status", flat=True)) == ["pending"]


def test_celery_beat_runs_the_purge_every_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["purge-api-records"]
    assert entry["task"] == purge_api_records.name == "claims.api.tasks.purge_api_records"
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"] == 3600.0

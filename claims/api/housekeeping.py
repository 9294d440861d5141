"""Deleting what the API no longer needs: expired idempotency keys, old delivery logs.

Celery beat runs ``api_records_purge`` every hour (``purge_api_records`` task); the
``purge_api_records`` command does the same by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.models import IdempotencyKey, WebhookAttempt, WebhookDelivery

# Deliveries are deleted in batches, so the first purge of a long log holds no lock for
# long and never loads the whole log into memory.
BATCH = 1000


@dataclass(frozen=True)
class Purged:
    idempotency_keys: int
    webhook_deliveries: int
    webhook_attempts: int


def idempotency_key_expiry(now: datetime | None = None) -> datetime:
    """Keys created before this moment are expired: a request with one counts as new."""
    return (now or timezone.now()) - timedelta(hours=settings.FACTCHECK_IDEMPOTENCY_KEY_HOURS)


def idempotency_keys_purge(*, now: datetime | None = None) -> int:
    expired = IdempotencyKey.objects.filter(created_at__lt=idempotency_key_expiry(now))
    deleted, _ = expired.delete()
    return deleted


def webhook_deliveries_purge(*, now: datetime | None = None) -> tuple[int, int]:
    """Delete finished deliveries older than the retention, with their attempts.

    Pending deliveries are kept whatever their age: they are still being sent.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.FACTCHECK_WEBHOOK_LOG_DAYS)
    old = WebhookDelivery.objects.filter(created_at__lt=cutoff).exclude(
        status=WebhookDelivery.Status.PENDING
    )
    deliveries = attempts = 0
    while ids := list(old.order_by("pk").values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic():
            _, per_model = WebhookDelivery.objects.filter(pk__in=ids).delete()
        deliveries += per_model.get(WebhookDelivery._meta.label, 0)
        attempts += per_model.get(WebhookAttempt._meta.label, 0)
    return deliveries, attempts


def api_records_purge(*, now: datetime | None = None) -> Purged:
    keys = idempotency_keys_purge(now=now)
    deliveries, attempts = webhook_deliveries_purge(now=now)
    return Purged(idempotency_keys=keys, webhook_deliveries=deliveries, webhook_attempts=attempts)

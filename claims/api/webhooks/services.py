"""Writes around webhooks: subscriptions, deliveries and their attempts."""

from __future__ import annotations

import logging
import secrets
import time
from datetime import timedelta
from enum import Enum

import orjson
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.api.webhooks.signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    sign,
)
from claims.api.webhooks.targets import UnsafeTarget, check_subscription_url
from claims.api.webhooks.transport import Reply, post
from claims.models import ChangeEvent, WebhookAttempt, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

# Answers worth another try; any other 4xx means the receiver refused the request.
RETRYABLE_STATUS = {408, 425, 429}
USER_AGENT = "factcheck-webhooks/1"


class Outcome(Enum):
    SUCCEEDED = "succeeded"
    RETRY = "retry"
    FAILED = "failed"
    SKIPPED = "skipped"


def subscription_create(
    *,
    user,
    url: str,
    events: list[str],
    secret: str = "",
    description: str = "",
    is_active: bool = True,
) -> WebhookSubscription:
    """A new subscription; a random secret is made when none is given."""
    _check_url(url)
    subscription = WebhookSubscription(
        url=url,
        events=sorted(set(events)),
        secret=secret or secrets.token_urlsafe(32),
        description=description,
        is_active=is_active,
        created_by=user,
    )
    subscription.full_clean()
    subscription.save()
    return subscription


def subscription_update(*, subscription_id: int, **fields) -> WebhookSubscription:
    if "url" in fields:
        _check_url(fields["url"])  # before the row is locked: it may wait for DNS
    with transaction.atomic():
        return _subscription_change(subscription_id, fields)


def _subscription_change(subscription_id: int, fields: dict) -> WebhookSubscription:
    subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription_id)
    if "events" in fields:
        fields["events"] = sorted(set(fields["events"]))
    for name, value in fields.items():
        setattr(subscription, name, value)
    subscription.full_clean()
    subscription.save()
    return subscription


def _check_url(url: str) -> None:
    try:
        check_subscription_url(url)
    except UnsafeTarget as exc:
        raise ValidationError({"url": ValidationError(str(exc), code="unsafe_url")}) from exc


def subscription_delete(*, subscription_id: int) -> None:
    WebhookSubscription.objects.filter(pk=subscription_id).delete()


def deliveries_create(*, event: ChangeEvent) -> list[WebhookDelivery]:
    """One pending delivery per interested subscription, sent once the event commits."""
    wanted = [s for s in WebhookSubscription.objects.filter(is_active=True) if s.wants(event.type)]
    deliveries = [WebhookDelivery.objects.create(subscription=s, event=event) for s in wanted]
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: delivery_enqueue(delivery_id=pk))
    return deliveries


def delivery_enqueue(*, delivery_id: int, countdown: float = 0) -> bool:
    """Hand a delivery to the workers; with the broker down it stays pending for the sweep."""
    from claims.api.tasks import deliver_webhook

    try:
        deliver_webhook.apply_async((delivery_id,), countdown=countdown)
    except Exception as exc:  # kombu and redis raise many kinds; none may lose the delivery
        logger.warning("Could not enqueue webhook delivery %s: %s", delivery_id, exc)
        return False
    return True


def delivery_body(event: ChangeEvent) -> bytes:
    from claims.api.representations import Ratings, change_event

    row = {f: getattr(event, f) for f in ("id", "txid", "type", "status", "version")}
    row.update(
        claim_id=event.claim_id,
        previous_status=event.previous_status,
        rating=event.rating,
        previous_rating=event.previous_rating,
        created_at=event.created_at,
    )
    return orjson.dumps(change_event(row, ratings=Ratings()), option=orjson.OPT_UTC_Z)


def delivery_attempt(*, delivery_id: int) -> Outcome:
    """POST the event once, log the attempt, and say whether to try again."""
    delivery = WebhookDelivery.objects.select_related("subscription", "event").get(pk=delivery_id)
    if delivery.status != WebhookDelivery.Status.PENDING:
        return Outcome.SKIPPED
    subscription = delivery.subscription
    body = delivery_body(delivery.event)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: delivery.event.type,
        DELIVERY_HEADER: str(delivery.pk),
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(secret=subscription.secret, timestamp=timestamp, body=body),
    }
    requested_at = timezone.now()
    started = time.monotonic()
    reply = post(subscription.url, body, headers)
    duration_ms = int((time.monotonic() - started) * 1000)
    return _record(delivery.pk, requested_at, duration_ms, reply)


@transaction.atomic
def _record(delivery_id: int, requested_at, duration_ms: int, reply: Reply) -> Outcome:
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
    delivery.attempts += 1
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempts,
        requested_at=requested_at,
        duration_ms=duration_ms,
        status_code=reply.status_code,
        error=reply.error,
        response_excerpt=reply.excerpt,
    )
    ok = _ok(reply.status_code)
    delivery.last_status_code = reply.status_code
    delivery.last_error = reply.error or ("" if ok else f"HTTP {reply.status_code}")
    if ok:
        outcome = Outcome.SUCCEEDED
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = timezone.now()
        delivery.next_attempt_at = None
    elif (
        not reply.final
        and _retryable(reply.status_code)
        and delivery.attempts < settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS
    ):
        outcome = Outcome.RETRY
        delivery.next_attempt_at = timezone.now() + timedelta(
            seconds=retry_delay(delivery.attempts)
        )
    else:
        outcome = Outcome.FAILED
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
    delivery.save()
    return outcome


def retry_delay(attempts: int) -> float:
    """Exponential backoff: the base delay, doubled after each failed attempt, capped."""
    delay = settings.FACTCHECK_WEBHOOK_BACKOFF * 2 ** max(attempts - 1, 0)
    return min(delay, settings.FACTCHECK_WEBHOOK_BACKOFF_MAX)


def _ok(status_code: int | None) -> bool:
    return status_code is not None and 200 <= status_code < 300


def _retryable(status_code: int | None) -> bool:
    return status_code is None or status_code >= 500 or status_code in RETRYABLE_STATUS


def deliveries_resend_due() -> int:
    """Sweep: re-send pending deliveries whose retry is due or that never reached a worker."""
    grace = timezone.now() - timedelta(seconds=settings.FACTCHECK_WEBHOOK_TIMEOUT * 4 + 60)
    due = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING).filter(
        next_attempt_at__lt=grace
    ) | WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__isnull=True, created_at__lt=grace
    )
    ids = list(due.values_list("pk", flat=True).order_by("pk")[:1000])
    return sum(delivery_enqueue(delivery_id=pk) for pk in ids)

"""Celery tasks of the API: webhook deliveries, their sweep, and housekeeping."""

from celery import shared_task
from django.utils import timezone

from claims.api.housekeeping import api_records_purge
from claims.api.webhooks.services import Outcome, deliveries_resend_due, delivery_attempt
from claims.models import WebhookDelivery


@shared_task(bind=True, acks_late=True, max_retries=None)
def deliver_webhook(self, delivery_id: int) -> str:
    """POST one delivery; on a retryable failure, try again after the recorded backoff.

    The number of attempts is counted on the delivery row, not by Celery, so a retry
    re-sent by the sweep counts the same as one scheduled here.
    """
    try:
        outcome = delivery_attempt(delivery_id=delivery_id)
    except WebhookDelivery.DoesNotExist:
        return Outcome.SKIPPED.value
    if outcome is Outcome.RETRY:
        due = WebhookDelivery.objects.values_list("next_attempt_at", flat=True).get(pk=delivery_id)
        raise self.retry(countdown=max((due - timezone.now()).total_seconds(), 0))
    return outcome.value


@shared_task
def resend_pending_webhooks() -> int:
    """Periodic sweep: re-send deliveries the broker never got or whose retry was lost."""
    return deliveries_resend_due()


@shared_task
def purge_api_records() -> dict:
    """Periodic housekeeping: expired idempotency keys and old webhook delivery logs."""
    return vars(api_records_purge())

"""python manage.py purge_api_records — delete expired idempotency keys and old delivery logs."""

from django.conf import settings
from django.core.management.base import BaseCommand

from claims.api.housekeeping import api_records_purge


class Command(BaseCommand):
    help = (
        "Delete idempotency keys older than FACTCHECK_IDEMPOTENCY_KEY_HOURS and finished "
        "webhook deliveries older than FACTCHECK_WEBHOOK_LOG_DAYS; Celery beat runs this hourly."
    )

    def handle(self, *args, **options):
        purged = api_records_purge()
        self.stdout.write(
            f"Deleted {purged.idempotency_keys} idempotency key(s) older than "
            f"{settings.FACTCHECK_IDEMPOTENCY_KEY_HOURS} h and {purged.webhook_deliveries} "
            f"webhook delivery(ies) with {purged.webhook_attempts} attempt(s) older than "
            f"{settings.FACTCHECK_WEBHOOK_LOG_DAYS} days."
        )

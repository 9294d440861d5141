"""python manage.py requeue_stuck — re-send articles the workers never got or dropped."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from claims.services.articles import article_requeue_stuck


class Command(BaseCommand):
    help = "Re-send queued articles whose hand-off to the broker failed or that waited too long."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            metavar="SECONDS",
            help="Also re-send articles stuck in a stage for this long (default: the setting).",
        )

    def handle(self, *args, older_than, **options):
        delta = None if older_than is None else timedelta(seconds=older_than)
        sent = article_requeue_stuck(older_than=delta)
        self.stdout.write(f"Re-sent {sent} article(s) to the workers.")

"""python manage.py demo_setup — demo accounts and the seed articles, for `make run`."""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from claims.models import Article
from claims.services.accounts import user_create


class Command(BaseCommand):
    help = "Ingest seeds/ and create a demo reviewer and editor, printing their credentials."

    def handle(self, *args, **options):
        call_command("ingest", str(Path(settings.BASE_DIR) / "seeds"), stdout=self.stdout)
        # Demo passwords are new on every run, so no fixed password is ever published.
        accounts = {name: f"{name}-{secrets.token_urlsafe(6)}" for name in ("reviewer", "editor")}
        for name, password in accounts.items():
            user_create(username=name, role=name, password=password)
        ready = Article.objects.filter(status="ready").count()
        self.stdout.write(f"{ready} article(s) ready.")
        self.stdout.write("Demo accounts (log in at http://127.0.0.1:8000/admin/):")
        for name, password in accounts.items():
            self.stdout.write(f"  {name:9} password: {password}")

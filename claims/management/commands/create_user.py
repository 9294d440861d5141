"""python manage.py create_user NAME --role reviewer|editor|admin."""

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.services.accounts import ROLES, user_create


class Command(BaseCommand):
    help = (
        "Create (or update) a user in a role. The password comes from FACTCHECK_PASSWORD "
        "or is asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, email, **options):
        password = os.environ.get("FACTCHECK_PASSWORD") or self._ask_password()
        try:
            user_create(username=username, role=role, password=password, email=email)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"User {username!r} is a {role}.")

    def _ask_password(self) -> str:
        if not sys.stdin.isatty():
            raise CommandError(
                "No password given: set FACTCHECK_PASSWORD or run the command in a terminal."
            )
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return first

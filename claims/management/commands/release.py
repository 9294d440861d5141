"""python manage.py release create|verify — build a dataset release, or check one.

release create --version 1.2.0 [--out DIR] [--kind quote] [--rating false]
               [--outlet "Daily Ledger"] [--language en] [--from 2024-01-01] [--to …]
               [--background]
release verify DIR
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.models import ReleaseStatus
from claims.releases.services import release_create
from claims.releases.storage import release_copy_out
from claims.releases.verify import verify_directory
from claims.services.errors import DomainError


class Command(BaseCommand):
    help = "Create a verified-dataset release, or verify a release folder."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Build and publish a release.")
        create.add_argument("--version", required=True, help="MAJOR.MINOR.PATCH, e.g. 1.2.0")
        create.add_argument("--out", type=Path, help="Also copy the files into this folder.")
        create.add_argument("--from", dest="approved_from", help="Approved on or after (UTC).")
        create.add_argument("--to", dest="approved_to", help="Approved on or before (UTC).")
        for name in ("kind", "rating", "outlet", "language"):
            create.add_argument(
                f"--{name}", dest=f"{name}s", action="append", default=[],
                help=f"Only this {name}; repeat or separate with commas.",
            )  # fmt: skip
        create.add_argument(
            "--background", action="store_true", help="Hand the build to the workers and return."
        )
        verify = actions.add_parser("verify", help="Re-check every size, hash and schema.")
        verify.add_argument("directory", type=Path)

    def handle(self, *args, action, **options):
        if action == "verify":
            return self.verify(options["directory"])
        return self.create(options)

    def create(self, options):
        out = options["out"]
        if out is not None and out.exists() and any(out.iterdir()):
            raise CommandError(f"{out} is not empty; choose a new or empty folder.")
        filters = {
            name: options[name]
            for name in ("approved_from", "approved_to", "kinds", "ratings", "outlets", "languages")
            if options[name]
        }
        for name in ("kinds", "ratings", "outlets", "languages"):
            if name in filters:
                filters[name] = [v for value in filters[name] for v in value.split(",")]
        try:
            release = release_create(
                version=options["version"], filters=filters, enqueue=options["background"]
            )
        except DomainError as exc:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
            raise CommandError(f"{exc.message} {details}".strip()) from None
        if options["background"]:
            self.stdout.write(f"Release {release.version} (id {release.pk}) handed to the workers.")
            return
        from claims.releases.tasks import build_release

        # The same task the workers run, executed here so the command waits for it.
        build_release.apply(args=[release.pk])
        release.refresh_from_db()
        if release.status != ReleaseStatus.PUBLISHED:
            raise CommandError(f"Release {release.version} failed: {release.error}")
        self.stdout.write(
            f"Release {release.version} published: {release.claim_count} claims, "
            f"{release.source_count} sources, {len(release.files)} files in {release.location}/."
        )
        if out is not None:
            release_copy_out(release.location, [f["name"] for f in release.files], out)
            self.stdout.write(f"Copied to {out}.")

    def verify(self, directory: Path):
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder.")
        problems = verify_directory(directory)
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in {directory}.")
        self.stdout.write(f"{directory}: every file matches datapackage.json.")

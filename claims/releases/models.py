"""A dataset release: its version, filters, progress, files and membership."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SEMVER = re.compile(r"^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$")


def parse_version(version: str) -> tuple[int, int, int]:
    """'1.10.0' → (1, 10, 0); refuses anything but MAJOR.MINOR.PATCH."""
    match = SEMVER.match(version or "")
    if not match:
        raise ValidationError(
            _("%(value)r is not a version of the form MAJOR.MINOR.PATCH, e.g. 1.2.0."),
            code="invalid_version",
            params={"value": version},
        )
    return tuple(int(part) for part in match.groups())


class ReleaseStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")


class DatasetRelease(models.Model):
    """One versioned snapshot of verified claims; immutable once published."""

    version = models.CharField(
        _("version"), max_length=32, validators=[parse_version], help_text=_("e.g. 1.2.0")
    )
    major = models.PositiveIntegerField(editable=False)
    minor = models.PositiveIntegerField(editable=False)
    patch = models.PositiveIntegerField(editable=False)
    filters = models.JSONField(
        _("filters"), default=dict, blank=True, help_text=_('e.g. {"kinds": ["casualty"]}')
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReleaseStatus.choices, default=ReleaseStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    claim_count = models.PositiveIntegerField(_("claims"), null=True, blank=True)
    source_count = models.PositiveIntegerField(_("sources"), null=True, blank=True)
    counts = models.JSONField(
        _("counts"), default=dict, blank=True, help_text=_("Claims by kind, rating and outlet.")
    )
    files = models.JSONField(
        _("files"), default=list, blank=True, help_text=_("[{name, bytes, sha256}], by name.")
    )
    location = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("Folder in the release storage.")
    )
    snapshot_at = models.DateTimeField(
        _("snapshot time"),
        null=True,
        blank=True,
        help_text=_("The latest approval included; the package's `created`."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        _("last progress"), null=True, blank=True, help_text=_("A stale running build is retaken.")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-major", "-minor", "-patch", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version"],
                condition=~Q(status="failed"),
                name="release_unique_live_version",
                violation_error_code="version_taken",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="release_progress_range"),
            models.CheckConstraint(
                condition=~Q(status="published")
                | (Q(published_at__isnull=False) & ~Q(files=[]) & ~Q(location="")),
                name="release_published_has_files",
            ),
        ]

    def __str__(self):
        return f"Release {self.version} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.major, self.minor, self.patch = parse_version(self.version)
        if self.pk and DatasetRelease.objects.filter(pk=self.pk, status="published").exists():
            raise ValidationError(_("A published release cannot change."), code="immutable")
        super().save(*args, **kwargs)

    @property
    def version_key(self) -> tuple[int, int, int]:
        return self.major, self.minor, self.patch

    def file(self, name: str) -> dict | None:
        return next((f for f in self.files if f["name"] == name), None)


class ReleaseItem(models.Model):
    """One claim in a release, with the verdict it was released with.

    Plain ids, not foreign keys: the record of what was released outlives later edits.
    A release inserts a row per claim in one statement, so the link to the release is
    left to the primary key's index, without a per-row foreign-key check.
    """

    pk = models.CompositePrimaryKey("release_id", "claim_id")
    release = models.ForeignKey(
        DatasetRelease,
        on_delete=models.CASCADE,
        related_name="items",
        db_constraint=False,
        db_index=False,
    )
    claim_id = models.BigIntegerField()
    verdict_id = models.BigIntegerField()
    rating = models.CharField(max_length=32)

    def __str__(self):
        return f"{self.release_id}:{self.claim_id}"

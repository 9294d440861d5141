"""Writes around releases: create one, build it (the task's body), publish it."""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import DatasetRelease, ReleaseItem, ReleaseStatus
from claims.releases.build import BuildResult, release_files_write
from claims.releases.context import PreviousRelease, ReleaseContext
from claims.releases.filters import ReleaseFilters
from claims.releases.limits import ReleaseTooSlow
from claims.releases.models import parse_version
from claims.releases.selectors import release_previous
from claims.releases.storage import Staging, release_unpublish
from claims.services.errors import Conflict, Forbidden, Invalid

logger = logging.getLogger(__name__)

# A running build that has not reported progress for this long is taken as dead.
STALE_AFTER = dt.timedelta(minutes=10)


def release_check(*, version: str, filters: dict | None = None) -> ReleaseFilters:
    """Refuse a version or filters a new release cannot have; return the parsed filters."""
    try:
        major, minor, patch = parse_version(version)
    except ValidationError as exc:
        raise Invalid(
            exc.messages[0], code="invalid_version", fields={"version": exc.messages}
        ) from None
    parsed = ReleaseFilters.from_json(filters)
    live = DatasetRelease.objects.exclude(status=ReleaseStatus.FAILED)
    if live.filter(version=version).exists():
        raise Conflict(f"Release {version} already exists.", code="version_taken")
    newer = live.filter(
        Q(major__gt=major)
        | Q(major=major, minor__gt=minor)
        | Q(major=major, minor=minor, patch__gt=patch)
    ).first()
    if newer is not None:
        raise Conflict(
            f"Release {newer.version} is newer; a new release needs a higher version.",
            code="version_not_newer",
        )
    return parsed


def release_create(
    *, version: str, filters: dict | None = None, user=None, enqueue: bool = True
) -> DatasetRelease:
    """Record a pending release and hand it to the workers once committed.

    ``user`` None means the command line; a user needs the permission to add releases.
    """
    if user is not None and not user.has_perm("claims.add_datasetrelease"):
        raise Forbidden("Only editors and admins may create releases.", code="forbidden")
    parsed = release_check(version=version, filters=filters)
    try:
        with transaction.atomic():
            release = DatasetRelease.objects.create(
                version=version, filters=parsed.as_json(), created_by=user
            )
            if enqueue:
                transaction.on_commit(lambda: release_enqueue(release_id=release.pk))
    except IntegrityError:
        raise Conflict(f"Release {version} already exists.", code="version_taken") from None
    return release


def release_enqueue(*, release_id: int) -> None:
    """Send the build to the workers; if that fails, the release fails readably."""
    from claims.releases.tasks import build_release

    try:
        build_release.delay(release_id)
    except Exception as exc:  # kombu and redis raise many kinds
        logger.warning("Could not enqueue release %s: %s", release_id, exc)
        release_fail(release_id=release_id, error=f"Could not reach the workers: {exc}")


def release_fail(*, release_id: int, error: str) -> None:
    DatasetRelease.objects.filter(pk=release_id).exclude(status=ReleaseStatus.PUBLISHED).update(
        status=ReleaseStatus.FAILED, error=error[:5000], heartbeat_at=timezone.now()
    )


def release_progress(*, release_id: int, percent: int) -> None:
    DatasetRelease.objects.filter(pk=release_id, status=ReleaseStatus.RUNNING).update(
        progress=percent, heartbeat_at=timezone.now()
    )


def _take(release_id: int) -> bool:
    """Mark the release running unless another build has it (or it is finished)."""
    now = timezone.now()
    takeable = Q(status=ReleaseStatus.PENDING) | Q(
        status=ReleaseStatus.RUNNING, heartbeat_at__lt=now - STALE_AFTER
    )
    return bool(
        DatasetRelease.objects.filter(takeable, pk=release_id).update(
            status=ReleaseStatus.RUNNING, started_at=now, heartbeat_at=now, progress=0, error=""
        )
    )


def release_build(*, release_id: int) -> DatasetRelease:
    """Build and publish a pending release; on any failure leave nothing behind.

    Returns the release as it ended: published, failed, or untouched when another
    build holds it.
    """
    if not _take(release_id):
        return DatasetRelease.objects.get(pk=release_id)
    release = DatasetRelease.objects.get(pk=release_id)
    previous = release_previous(release=release)
    ctx = ReleaseContext.current(
        version=release.version,
        filters=ReleaseFilters.from_json(release.filters),
        previous=previous and PreviousRelease(previous.pk, previous.version, previous.filters),
        release_id=release.pk,
    )
    # Elsewhere than PostgreSQL the build reads and publishes in one transaction.
    portable = connection.vendor != "postgresql"
    staging = Staging()
    try:
        ReleaseItem.objects.filter(release_id=release.pk).delete()
        with transaction.atomic() if portable else nullcontext():
            result = release_files_write(
                ctx=ctx,
                directory=staging.directory,
                on_progress=lambda percent: release_progress(
                    release_id=release.pk, percent=percent
                ),
            )
            return release_publish(release_id=release.pk, result=result, staging=staging)
    except BaseException as exc:
        staging.discard()
        if staging.published is not None:
            # The files moved but the row did not commit: take them down again.
            release_unpublish(staging.published, staging.names, storage=staging.storage)
        ReleaseItem.objects.filter(release_id=release.pk).delete()
        release_fail(release_id=release.pk, error=_describe(exc))
        if not isinstance(exc, Exception):
            raise
        logger.exception("Release %s failed", release.version)
        return DatasetRelease.objects.get(pk=release.pk)


def release_publish(*, release_id: int, result: BuildResult, staging: Staging) -> DatasetRelease:
    """Move the staged files to the release's location and mark it published, atomically."""
    with transaction.atomic():
        release = DatasetRelease.objects.select_for_update().get(pk=release_id)
        if release.status != ReleaseStatus.RUNNING:
            raise Conflict(f"Release {release.version} is {release.status}.", code="not_running")
        staging.publish(release.version, [f.name for f in result.files])
        release.status = ReleaseStatus.PUBLISHED
        release.progress = 100
        release.location = release.version
        release.files = [f.as_json() for f in result.files]
        release.claim_count = result.figures.claims
        release.source_count = result.figures.sources
        release.counts = result.figures.counts_json()
        release.snapshot_at = result.figures.snapshot_at
        release.published_at = release.heartbeat_at = timezone.now()
        release.save()
    return release


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ReleaseTooSlow):
        return str(exc)
    if type(exc).__name__ == "SoftTimeLimitExceeded":
        return "The release outlived its Celery time limit and was stopped."
    return f"{type(exc).__name__}: {exc}"

"""Reads for releases: which claims a release takes, and releases themselves."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, FilteredRelation, Q, QuerySet

from claims.models import Claim, ClaimStatus, DatasetRelease, ReleaseStatus
from claims.releases.filters import ReleaseFilters


def claims_for_release(
    *, filters: ReleaseFilters, id_range: tuple[int, int] | None = None
) -> QuerySet[Claim]:
    """Verified claims with an approved current verdict that pass the filters, by id;
    only those with ids in ``id_range`` (half-open) when it is given.

    Each row is annotated with its current verdict: ``verdict_id``, ``rating``,
    ``approved_at``.
    """
    # One filter() call, so every condition on the current verdict uses the same join.
    conditions = Q(status=ClaimStatus.VERIFIED, current_verdict__approved_at__isnull=False)
    if id_range is not None:
        low, high = id_range
        # The range on the verdicts' claim ids too: PostgreSQL does not carry a range
        # across a join, and with it the chunk's verdicts are one index range, merged
        # with the claims instead of looked up claim by claim.
        conditions &= Q(id__gte=low, id__lt=high)
        conditions &= Q(current_verdict__claim_id__gte=low, current_verdict__claim_id__lt=high)
    if filters.approved_from:
        conditions &= Q(current_verdict__approved_at__gte=_midnight(filters.approved_from))
    if filters.approved_to:
        end = _midnight(filters.approved_to + dt.timedelta(days=1))
        conditions &= Q(current_verdict__approved_at__lt=end)
    if filters.kinds:
        conditions &= Q(kind__in=filters.kinds)
    if filters.ratings:
        conditions &= Q(current_verdict__rating__in=filters.ratings)
    if filters.outlets:
        conditions &= Q(article__outlet__in=filters.outlets)
    if filters.languages:
        conditions &= Q(article__language__in=filters.languages)
    claims = (
        Claim.objects.annotate(
            current_verdict=FilteredRelation("verdicts", condition=Q(verdicts__is_current=True))
        )
        .filter(conditions)
        .annotate(
            verdict_id=F("current_verdict__id"),
            rating=F("current_verdict__rating"),
            approved_at=F("current_verdict__approved_at"),
        )
    )
    return claims.order_by("id")


def release_previous(*, release: DatasetRelease) -> DatasetRelease | None:
    """The published release with the highest version below this one."""
    older = (
        Q(major__lt=release.major)
        | Q(major=release.major, minor__lt=release.minor)
        | Q(major=release.major, minor=release.minor, patch__lt=release.patch)
    )
    return (
        DatasetRelease.objects.filter(older, status=ReleaseStatus.PUBLISHED)
        .order_by("-major", "-minor", "-patch")
        .first()
    )


def release_list(*, user=None) -> QuerySet[DatasetRelease]:
    """Published releases for everyone; every release for users who may create them."""
    releases = DatasetRelease.objects.select_related("created_by")
    if user is not None and user.has_perm("claims.add_datasetrelease"):
        return releases
    return releases.filter(status=ReleaseStatus.PUBLISHED)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)

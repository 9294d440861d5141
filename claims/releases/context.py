"""Everything a release's files depend on besides the claims themselves."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model

from claims.releases.filters import ReleaseFilters
from claims.releases.scale import ReleaseRating, release_scale, scale_bounds


def reviewer_pseudonym(user_id: int, salt: str | None = None) -> str:
    """A reviewer's id in releases: keyed, so it cannot be reversed without the salt."""
    key = (salt if salt is not None else settings.FACTCHECK_RELEASE_SALT).encode()
    return "r-" + hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class PreviousRelease:
    id: int
    version: str
    filters: dict


@dataclass(frozen=True)
class ReleaseContext:
    """The version, filters and settings one release is built from."""

    version: str
    filters: ReleaseFilters
    publisher: dict
    license: dict
    claim_url: str
    scale: tuple[ReleaseRating, ...]
    worst: int
    best: int
    pseudonyms: dict[int, str] = field(repr=False)
    previous: PreviousRelease | None = None
    release_id: int | None = None

    @classmethod
    def current(
        cls,
        *,
        version: str,
        filters: ReleaseFilters,
        previous: PreviousRelease | None = None,
        release_id: int | None = None,
    ) -> ReleaseContext:
        worst, best = scale_bounds()
        user_ids = get_user_model().objects.order_by("pk").values_list("pk", flat=True)
        return cls(
            version=version,
            filters=filters,
            publisher=dict(settings.FACTCHECK_DATASET_PUBLISHER),
            license=dict(settings.FACTCHECK_DATASET_LICENSE),
            claim_url=settings.FACTCHECK_CLAIM_URL,
            scale=release_scale(),
            worst=worst,
            best=best,
            pseudonyms={pk: reviewer_pseudonym(pk) for pk in user_ids.iterator()},
            previous=previous,
            release_id=release_id,
        )

    def rating(self, code: str) -> ReleaseRating | None:
        return next((r for r in self.scale if r.code == code), None)

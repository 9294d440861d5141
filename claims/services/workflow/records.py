"""Loading a claim for a write and saving it with its version, history and follow-ups."""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone

from claims.models import Claim
from claims.services.errors import Conflict, Invalid, NotFound
from claims.signals import claim_transitioned

logger = logging.getLogger(__name__)

# Always written with a claim save, besides the fields a service changed.
BOOKKEEPING = ("version", "touched_at", "updated_at")


def claim_for_update(*, claim_id: int, version: int | None = None) -> Claim:
    """Lock the claim row for the current transaction and check the caller's version.

    ``version`` is the version the caller's change is based on; ``None`` skips the check
    (assignment and bulk actions act on whatever is current).
    """
    try:
        claim = Claim.objects.select_for_update().get(pk=claim_id)
    except (Claim.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"Claim {claim_id} does not exist.", code="claim_not_found") from None
    if version is not None:
        version = _as_version(version)
        if claim.version != version:
            raise Conflict(
                f"This claim was changed by someone else while you were working on it "
                f"(you had version {version}, it is now version {claim.version}). "
                "Reload it to see the changes, then try again.",
                code="stale_version",
            )
    return claim


def claim_save(claim: Claim, *, user, reason: str, fields: list[str]) -> Claim:
    """Save the changed ``fields`` with a new version, the acting user and a history reason."""
    claim.version += 1
    if claim.touched_at is None:
        claim.touched_at = timezone.now()
    claim._history_user = user
    claim._change_reason = reason
    claim.save(update_fields=[*dict.fromkeys([*fields, *BOOKKEEPING])])
    return claim


def claim_touch(claim: Claim) -> None:
    """Mark a claim as touched by a reviewer without a new version (sources, comments)."""
    if claim.touched_at is None:
        claim.touched_at = timezone.now()
        Claim.objects.filter(pk=claim.pk, touched_at__isnull=True).update(
            touched_at=claim.touched_at
        )


def announce_transition(*, claim: Claim, action: str, from_status: str, user) -> None:
    """Tell listeners about a transition once, and only if, it commits."""
    transaction.on_commit(
        partial(
            _send,
            claim_id=claim.pk,
            action=action,
            from_status=from_status,
            to_status=claim.status,
            user_id=getattr(user, "pk", None),
        )
    )


def _send(**kwargs) -> None:
    for receiver, result in claim_transitioned.send_robust(sender=Claim, **kwargs):
        if isinstance(result, Exception):
            logger.error("A claim_transitioned receiver failed: %s", receiver, exc_info=result)


def _as_version(version) -> int:
    try:
        return int(version)
    except (TypeError, ValueError):
        raise Invalid(
            "The version must be a whole number.",
            code="invalid_version",
            fields={"version": ["Send the version you last read."]},
        ) from None

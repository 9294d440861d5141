"""Bulk actions for editors: all selected claims change, or none does."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

from claims.models import Claim
from claims.services.errors import DomainError, Invalid
from claims.services.workflow import rules
from claims.services.workflow.assignment import claim_assign
from claims.services.workflow.transitions import claim_dismiss, claim_start_review

# How many refusals a bulk error spells out before summarising the rest.
SHOWN_REFUSALS = 5


def claim_bulk_assign(*, claim_ids: Iterable[int], user, assignee) -> list[Claim]:
    """Assign every selected claim to ``assignee``."""
    return _each(
        claim_ids,
        user,
        "assign claims in bulk",
        lambda pk: claim_assign(claim_id=pk, user=user, assignee=assignee),
    )


def claim_bulk_start_review(*, claim_ids: Iterable[int], user) -> list[Claim]:
    """Move every selected claim from new to in review."""
    return _each(
        claim_ids,
        user,
        "start reviews in bulk",
        lambda pk: claim_start_review(claim_id=pk, user=user, version=None),
    )


def claim_bulk_dismiss(
    *, claim_ids: Iterable[int], user, reason: str, note: str = ""
) -> list[Claim]:
    """Dismiss every selected claim with one reason."""
    return _each(
        claim_ids,
        user,
        "dismiss claims in bulk",
        lambda pk: claim_dismiss(claim_id=pk, user=user, version=None, reason=reason, note=note),
    )


@transaction.atomic
def _each(
    claim_ids: Iterable[int], user, doing: str, service: Callable[[int], Claim]
) -> list[Claim]:
    rules.require_editor(user, doing)
    ids = sorted(set(claim_ids))
    if not ids:
        raise Invalid("Select at least one claim.", code="nothing_selected")
    # Locking in id order keeps two bulk actions from deadlocking each other.
    list(Claim.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
    done, refused = [], {}
    for pk in ids:
        try:
            done.append(service(pk))
        except DomainError as exc:
            refused[pk] = exc
    if refused:
        raise _refusal(refused, total=len(ids))
    return done


def _refusal(refused: dict[int, DomainError], *, total: int) -> DomainError:
    first = next(iter(refused.values()))
    shown = [f"claim {pk}: {exc.message}" for pk, exc in list(refused.items())[:SHOWN_REFUSALS]]
    more = len(refused) - len(shown)
    message = (
        f"{len(refused)} of {total} claims were refused, so none was changed. "
        + " ".join(shown)
        + (f" …and {more} more." if more else "")
    )
    return type(first)(
        message,
        code="bulk_refused",
        fields={str(pk): [exc.message] for pk, exc in refused.items()},
    )

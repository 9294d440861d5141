"""Who works on a claim: assign, unassign and take ("assign to me")."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from claims.models import Claim
from claims.services.errors import Conflict, Invalid
from claims.services.workflow import rules
from claims.services.workflow.records import claim_for_update, claim_save


@transaction.atomic
def claim_assign(*, claim_id: int, user, assignee, version: int | None = None) -> Claim:
    """Give the claim to ``assignee`` (a user or a user id). Assigning others is for editors."""
    claim = claim_for_update(claim_id=claim_id, version=version)
    assignee = _assignee(assignee)
    if assignee.pk != user.pk:
        rules.require_editor(user, "assign claims to others")
    return _set_assignee(claim, user=user, assignee=assignee)


@transaction.atomic
def claim_take(*, claim_id: int, user, version: int | None = None) -> Claim:
    """Assign the claim to oneself. A reviewer cannot take a claim someone else holds."""
    claim = claim_for_update(claim_id=claim_id, version=version)
    rules.require_reviewer(user, "take claims")
    if claim.assignee_id not in (None, user.pk) and not rules.is_editor(user):
        raise Conflict(
            f"This claim is already assigned to {claim.assignee.get_username()}; "
            "ask an editor to reassign it.",
            code="assigned_to_other",
        )
    return _set_assignee(claim, user=user, assignee=user)


@transaction.atomic
def claim_unassign(*, claim_id: int, user, version: int | None = None) -> Claim:
    """Leave the claim unassigned. Its assignee may give it back; editors may take it away."""
    claim = claim_for_update(claim_id=claim_id, version=version)
    rules.require_reviewer(user, "unassign claims")
    if claim.assignee_id != user.pk:
        rules.require_editor(user, "unassign other people's claims")
    return _set_assignee(claim, user=user, assignee=None)


def _set_assignee(claim: Claim, *, user, assignee) -> Claim:
    if not claim.is_open:
        raise Conflict(
            f"A claim that is {claim.get_status_display().lower()} has no assignee to change; "
            "reopen it first.",
            code="claim_closed",
        )
    if claim.assignee_id == getattr(assignee, "pk", None):
        return claim
    reason = f"Assigned to {assignee.get_username()}" if assignee else "Unassigned"
    claim.assignee = assignee
    return claim_save(claim, user=user, reason=reason, fields=["assignee"])


def _assignee(assignee):
    User = get_user_model()
    if not isinstance(assignee, User):
        assignee = User.objects.filter(pk=assignee).first() if str(assignee).isdigit() else None
    if assignee is None or not rules.is_reviewer(assignee):
        raise Invalid(
            "Claims can only be assigned to active reviewers, editors or admins.",
            code="assignee_not_reviewer",
            fields={"assignee": ["Choose an active reviewer, editor or admin."]},
        )
    return assignee

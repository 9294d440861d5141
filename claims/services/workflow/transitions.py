"""One service per workflow transition, and a dispatcher by action name.

Each service locks the claim row, checks the caller's version, the status map on the
model and the role rules, validates its input, then saves with a new version and a
history entry and announces the transition once the transaction commits.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from claims.models import Claim, ClaimAction, DismissalReason, Source, Verdict
from claims.ratings import rating_get, rating_label, rating_scale
from claims.services.errors import Conflict, Invalid
from claims.services.workflow import rules
from claims.services.workflow.records import announce_transition, claim_for_update, claim_save

# Sources that take a side; context alone cannot establish a true/false rating.
STANCE_BEARING = (Source.Stance.SUPPORTS, Source.Stance.REFUTES, Source.Stance.MIXED)


@transaction.atomic
def claim_start_review(*, claim_id: int, user, version: int) -> Claim:
    """new → in_review. A reviewer who starts an unassigned claim becomes its assignee."""
    claim = claim_for_update(claim_id=claim_id, version=version)
    rules.check_actor(user, claim, ClaimAction.START_REVIEW)
    before = claim.status
    claim.status = claim.check_transition(ClaimAction.START_REVIEW)
    fields = ["status"]
    if claim.assignee_id is None and not rules.is_editor(user):
        claim.assignee = user
        fields.append("assignee")
    claim_save(claim, user=user, reason="Review started", fields=fields)
    announce_transition(claim=claim, action=ClaimAction.START_REVIEW, from_status=before, user=user)
    return claim


@transaction.atomic
def claim_propose(
    *,
    claim_id: int,
    user,
    version: int,
    rating: str,
    rationale: str = "",
    valid_as_of: datetime | None = None,
) -> Claim:
    """in_review → proposed, with a new verdict that waits for an editor's approval."""
    claim = claim_for_update(claim_id=claim_id, version=version)
    rules.check_actor(user, claim, ClaimAction.PROPOSE)
    before = claim.status
    claim.status = claim.check_transition(ClaimAction.PROPOSE)
    rationale = (rationale or "").strip()
    _check_verdict_input(claim, rating=rating, rationale=rationale, valid_as_of=valid_as_of)
    verdict = Verdict(
        claim=claim,
        rating=rating,
        rationale=rationale,
        valid_as_of=valid_as_of or timezone.now(),
        proposed_by=user,
    )
    verdict._history_user = user
    verdict.save()
    claim_save(claim, user=user, reason=f"Proposed: {rating_label(rating)}", fields=["status"])
    announce_transition(claim=claim, action=ClaimAction.PROPOSE, from_status=before, user=user)
    return claim


@transaction.atomic
def claim_approve(*, claim_id: int, user, version: int) -> Claim:
    """proposed → verified. The approver is never the proposer; the verdict becomes current."""
    claim = claim_for_update(claim_id=claim_id, version=version)
    rules.require_editor(user, "approve claims")
    before = claim.status
    claim.status = claim.check_transition(ClaimAction.APPROVE)
    verdict = _pending_verdict(claim)
    rules.require_not_proposer(user, verdict)
    # Sources may have changed since the proposal; the rule holds at approval too.
    _check_verdict_input(claim, rating=verdict.rating, rationale=verdict.rationale)
    now = timezone.now()
    for previous in claim.verdicts.filter(is_current=True):
        previous.is_current = False
        previous._history_user = user
        previous.save(update_fields=["is_current"])
    verdict.approved_by, verdict.approved_at, verdict.is_current = user, now, True
    verdict._history_user = user
    verdict.save(update_fields=["approved_by", "approved_at", "is_current"])
    claim_save(
        claim, user=user, reason=f"Approved: {rating_label(verdict.rating)}", fields=["status"]
    )
    announce_transition(claim=claim, action=ClaimAction.APPROVE, from_status=before, user=user)
    return claim


@transaction.atomic
def claim_reject(*, claim_id: int, user, version: int, comment: str) -> Claim:
    """proposed → in_review: the proposal is sent back with the editor's comment."""
    claim = claim_for_update(claim_id=claim_id, version=version)
    rules.require_editor(user, "reject proposals")
    before = claim.status
    claim.status = claim.check_transition(ClaimAction.REJECT)
    comment = _required_text(comment, "comment", "Say what the reviewer should change.")
    verdict = _pending_verdict(claim)
    verdict.rejected_by, verdict.rejected_at, verdict.rejection_comment = (
        user,
        timezone.now(),
        comment,
    )
    verdict._history_user = user
    verdict.save(update_fields=["rejected_by", "rejected_at", "rejection_comment"])
    claim_save(claim, user=user, reason=f"Proposal rejected: {comment}", fields=["status"])
    announce_transition(claim=claim, action=ClaimAction.REJECT, from_status=before, user=user)
    return claim


# What a dismissal sets and a reopening clears.
DISMISSAL_FIELDS = (
    "dismissal_reason",
    "dismissal_note",
    "dismissed_by",
    "dismissed_at",
    "duplicate_of",
)


@transaction.atomic
def claim_dismiss(
    *,
    claim_id: int,
    user,
    version: int,
    reason: str,
    note: str = "",
    duplicate_of: int | None = None,
) -> Claim:
    """new/in_review → dismissed, with one of the dismissal reasons; a duplicate may name
    the claim it repeats (``duplicate_of``, a claim id)."""
    claim = claim_for_update(claim_id=claim_id, version=version)
    rules.check_actor(user, claim, ClaimAction.DISMISS)
    before = claim.status
    claim.status = claim.check_transition(ClaimAction.DISMISS)
    if not reason:
        raise Invalid(
            "Choose a dismissal reason.",
            code="reason_required",
            fields={"reason": [f"Choose one of: {', '.join(DismissalReason.values)}."]},
        )
    if reason not in DismissalReason.values:
        raise Invalid(
            f"Unknown dismissal reason {reason!r}.",
            code="unknown_reason",
            fields={"reason": [f"Choose one of: {', '.join(DismissalReason.values)}."]},
        )
    claim.dismissal_reason = reason
    claim.dismissal_note = (note or "").strip()
    claim.dismissed_by, claim.dismissed_at = user, timezone.now()
    claim.duplicate_of = _original(claim, reason, duplicate_of)
    label = DismissalReason(reason).label
    if claim.duplicate_of is not None:
        label = f"{label} of claim {claim.duplicate_of.pk}"
    if claim.dismissal_note:
        label = f"{label} ({claim.dismissal_note})"
    claim_save(
        claim,
        user=user,
        reason=f"Dismissed: {label}",
        fields=["status", *DISMISSAL_FIELDS],
    )
    announce_transition(claim=claim, action=ClaimAction.DISMISS, from_status=before, user=user)
    return claim


def _original(claim: Claim, reason: str, duplicate_of) -> Claim | None:
    """The claim a duplicate repeats: the original of the named claim if that one is a
    duplicate too, so every duplicate points at a claim that is not one."""
    if duplicate_of in (None, ""):
        return None
    if reason != DismissalReason.DUPLICATE:
        raise Invalid(
            "Only a claim dismissed as a duplicate names the claim it repeats.",
            code="duplicate_of_without_duplicate",
            fields={"duplicate_of": ["Leave it empty, or choose the reason Duplicate."]},
        )
    try:
        original = Claim.objects.get(pk=int(duplicate_of))
    except (TypeError, ValueError, OverflowError, Claim.DoesNotExist):
        original = None
    seen = {claim.pk}
    while original is not None and original.duplicate_of_id is not None:
        if original.pk in seen:
            break
        seen.add(original.pk)
        original = original.duplicate_of
    if original is None or original.pk in seen:
        raise Invalid(
            f"There is no other claim {duplicate_of} for this one to repeat.",
            code="unknown_original",
            fields={"duplicate_of": ["The id of another claim."]},
        )
    return original


@transaction.atomic
def claim_reopen(*, claim_id: int, user, version: int, reason: str) -> Claim:
    """verified/dismissed → in_review. A verified claim's verdict is withdrawn, not deleted."""
    claim = claim_for_update(claim_id=claim_id, version=version)
    rules.require_editor(user, "reopen claims")
    before = claim.status
    claim.status = claim.check_transition(ClaimAction.REOPEN)
    reason = _required_text(reason, "reason", "Say why the claim needs another look.")
    now = timezone.now()
    for verdict in claim.verdicts.filter(is_current=True):
        verdict.is_current = False
        verdict.withdrawn_by, verdict.withdrawn_at, verdict.withdrawal_reason = user, now, reason
        verdict._history_user = user
        verdict.save(
            update_fields=["is_current", "withdrawn_by", "withdrawn_at", "withdrawal_reason"]
        )
    claim.dismissal_reason, claim.dismissal_note = "", ""
    claim.dismissed_by, claim.dismissed_at = None, None
    claim.duplicate_of = None
    claim_save(
        claim,
        user=user,
        reason=f"Reopened: {reason}",
        fields=["status", *DISMISSAL_FIELDS],
    )
    announce_transition(claim=claim, action=ClaimAction.REOPEN, from_status=before, user=user)
    return claim


SERVICES = {
    ClaimAction.START_REVIEW: (claim_start_review, set(), set()),
    ClaimAction.PROPOSE: (claim_propose, {"rating"}, {"rationale", "valid_as_of"}),
    ClaimAction.APPROVE: (claim_approve, set(), set()),
    ClaimAction.REJECT: (claim_reject, {"comment"}, set()),
    ClaimAction.DISMISS: (claim_dismiss, {"reason"}, {"note", "duplicate_of"}),
    ClaimAction.REOPEN: (claim_reopen, {"reason"}, set()),
}


def claim_transition(*, claim_id: int, user, action: str, version: int, **params) -> Claim:
    """Run the transition named ``action`` (start_review, propose, approve, reject,
    dismiss, reopen) with its parameters."""
    if action not in SERVICES:
        raise Invalid(
            f"Unknown action {action!r}.",
            code="unknown_action",
            fields={"action": [f"Choose one of: {', '.join(SERVICES)}."]},
        )
    service, required, optional = SERVICES[action]
    missing = sorted(required - params.keys())
    unexpected = sorted(params.keys() - required - optional)
    if missing or unexpected:
        fields = {name: ["This field is required."] for name in missing}
        fields |= {name: [f"Not a parameter of {action}."] for name in unexpected}
        raise Invalid(
            f"Wrong parameters for {action}.",
            code="missing_parameter" if missing else "unexpected_parameter",
            fields=fields,
        )
    return service(claim_id=claim_id, user=user, version=version, **params)


def _pending_verdict(claim: Claim) -> Verdict:
    verdict = claim.verdicts.pending().select_related("proposed_by").first()
    if verdict is None:
        raise Conflict("This claim has no proposal waiting for approval.", code="no_proposal")
    return verdict


def _check_verdict_input(
    claim: Claim, *, rating: str, rationale: str, valid_as_of: datetime | None = None
) -> None:
    found = rating_get(rating) if isinstance(rating, str) else None
    if found is None:
        codes = ", ".join(r.code for r in rating_scale())
        raise Invalid(
            f"Unknown rating {rating!r}.",
            code="unknown_rating",
            fields={"rating": [f"Choose one of: {codes}."]},
        )
    if found.needs_sources:
        if not claim.sources.filter(stance__in=STANCE_BEARING).exists():
            raise Invalid(
                f"A rating of {found.label!r} needs at least one source that supports, refutes "
                "or gives a mixed picture of the claim; context sources alone are not enough.",
                code="source_required",
                fields={"sources": ["Add a source with a stance first."]},
            )
    elif not rationale:
        raise Invalid(
            f"A rating of {found.label!r} needs a rationale that says what was tried.",
            code="rationale_required",
            fields={"rationale": ["This field is required for this rating."]},
        )
    if valid_as_of is not None:
        if not isinstance(valid_as_of, datetime) or timezone.is_naive(valid_as_of):
            raise Invalid(
                "valid_as_of must be a date and time with a time zone.",
                code="invalid_datetime",
                fields={"valid_as_of": ["Give a date and time with a time zone."]},
            )
        if valid_as_of > timezone.now():
            raise Invalid(
                "A verdict cannot be valid as of a time in the future.",
                code="future_datetime",
                fields={"valid_as_of": ["Give a time that has passed."]},
            )


def _required_text(value: str, field: str, hint: str) -> str:
    value = (value or "").strip()
    if not value:
        raise Invalid(
            f"A {field} is required. {hint}",
            code=f"{field}_required",
            fields={field: ["This field is required."]},
        )
    return value

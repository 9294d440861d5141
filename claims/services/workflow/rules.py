"""Who may do what to a claim: the role rules of the workflow, in one place.

Roles are Django groups holding two permissions: ``claims.review_claim`` (reviewers,
editors, admins) and ``claims.decide_claim`` (editors and admins). The status rules live
on the model (``Claim.check_transition``); these functions add who may act.
"""

from __future__ import annotations

from claims.models import Claim, ClaimAction, ClaimStatus, Verdict
from claims.services.errors import Forbidden

REVIEW = "claims.review_claim"
DECIDE = "claims.decide_claim"
# Sources and normalised fields change only while a claim is being worked on; a proposal
# or a verdict is judged on what it was made with.
EDITABLE = (ClaimStatus.NEW, ClaimStatus.IN_REVIEW)


def is_reviewer(user) -> bool:
    """Reviewers, editors and admins."""
    return bool(user and user.is_active and user.has_perm(REVIEW))


def is_editor(user) -> bool:
    """Editors and admins."""
    return bool(user and user.is_active and user.has_perm(DECIDE))


def require_reviewer(user, doing: str) -> None:
    if not is_reviewer(user):
        raise Forbidden(f"Only reviewers, editors and admins can {doing}.", code="not_a_reviewer")


def require_editor(user, doing: str) -> None:
    if not is_editor(user):
        raise Forbidden(f"Only editors and admins can {doing}.", code="not_an_editor")


def require_assignee_or_editor(user, claim: Claim, doing: str) -> None:
    """Work on a claim belongs to its assignee; editors may step in."""
    if is_editor(user):
        return
    require_reviewer(user, doing)
    if claim.assignee_id != user.pk:
        holder = "nobody" if claim.assignee_id is None else claim.assignee.get_username()
        raise Forbidden(
            f"Only the claim's assignee or an editor can {doing}; it is assigned to {holder}. "
            "Take the claim first.",
            code="not_the_assignee",
        )


def may_edit(user, claim: Claim) -> bool:
    """Whether ``user`` may change the claim's sources and fields now."""
    works_on_it = is_editor(user) or (is_reviewer(user) and claim.assignee_id == user.pk)
    return works_on_it and claim.status in EDITABLE


def require_not_proposer(user, verdict: Verdict) -> None:
    """The four-eyes rule: whoever proposed a verdict cannot approve it."""
    if verdict.proposed_by_id == user.pk:
        raise Forbidden(
            "You proposed this verdict, so someone else must approve it.",
            code="approver_is_proposer",
        )


def check_actor(user, claim: Claim, action: str, *, pending: Verdict | None = None) -> None:
    """Raise ``Forbidden`` unless ``user`` may perform ``action`` on ``claim``.

    ``pending`` is the claim's proposal waiting for approval, needed for the four-eyes rule.
    """
    label = ClaimAction(action).label.lower()
    if action == ClaimAction.START_REVIEW:
        require_reviewer(user, "start a review")
        if not is_editor(user) and claim.assignee_id not in (None, user.pk):
            require_assignee_or_editor(user, claim, "start its review")
    elif action in (ClaimAction.PROPOSE, ClaimAction.DISMISS):
        require_assignee_or_editor(user, claim, label)
    elif action in (ClaimAction.APPROVE, ClaimAction.REJECT, ClaimAction.REOPEN):
        require_editor(user, f"{label} claims")
        if action == ClaimAction.APPROVE and pending is not None:
            require_not_proposer(user, pending)

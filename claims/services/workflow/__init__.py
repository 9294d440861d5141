"""The review workflow: transitions, assignment, sources, comments and corrections.

Every service is keyword-only, runs in one transaction, locks the claim row, and raises a
``claims.services.errors.DomainError`` (``Conflict``, ``Forbidden``, ``Invalid``,
``NotFound``) when it refuses, in which case nothing was written.
"""

from claims.services.workflow.assignment import claim_assign, claim_take, claim_unassign
from claims.services.workflow.bulk import (
    claim_bulk_assign,
    claim_bulk_dismiss,
    claim_bulk_start_review,
)
from claims.services.workflow.comments import comment_add
from claims.services.workflow.corrections import claim_correct
from claims.services.workflow.sources import source_add, source_remove
from claims.services.workflow.transitions import (
    claim_approve,
    claim_dismiss,
    claim_propose,
    claim_reject,
    claim_reopen,
    claim_start_review,
    claim_transition,
)

__all__ = [
    "claim_approve",
    "claim_assign",
    "claim_bulk_assign",
    "claim_bulk_dismiss",
    "claim_bulk_start_review",
    "claim_correct",
    "claim_dismiss",
    "claim_propose",
    "claim_reject",
    "claim_reopen",
    "claim_start_review",
    "claim_take",
    "claim_transition",
    "claim_unassign",
    "comment_add",
    "source_add",
    "source_remove",
]

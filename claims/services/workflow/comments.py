"""Reviewers' comments on claims, shown in the claim's timeline."""

from __future__ import annotations

from django.db import transaction

from claims.models import Comment
from claims.services.errors import Invalid
from claims.services.workflow import rules
from claims.services.workflow.records import claim_for_update, claim_touch

MAX_COMMENT_CHARS = 10_000


@transaction.atomic
def comment_add(*, claim_id: int, user, body: str) -> Comment:
    """Add a comment to a claim in any status; any reviewer may comment."""
    rules.require_reviewer(user, "comment on claims")
    body = (body or "").strip()
    if not body:
        raise Invalid(
            "A comment cannot be empty.",
            code="comment_required",
            fields={"body": ["This field is required."]},
        )
    if len(body) > MAX_COMMENT_CHARS:
        raise Invalid(
            f"A comment can be at most {MAX_COMMENT_CHARS:,} characters long.",
            code="comment_too_long",
            fields={"body": [f"Shorten it to {MAX_COMMENT_CHARS:,} characters."]},
        )
    claim = claim_for_update(claim_id=claim_id)
    comment = Comment(claim=claim, author=user, body=body)
    comment._history_user = user
    comment.save()
    claim_touch(claim)
    return comment

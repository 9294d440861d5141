"""Comments, and the timeline that shows them with the claim's history."""

import pytest
from django.contrib.auth.models import AnonymousUser

from claims.models import Comment
from claims.selectors import claim_get, claim_timeline
from claims.services.errors import Forbidden, Invalid
from claims.services.workflow import (
    claim_correct,
    claim_reject,
    claim_reopen,
    comment_add,
)
from claims.services.workflow.comments import MAX_COMMENT_CHARS
from tests.support.workflow import advance, make_claim, make_desk

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return make_desk()


def test_any_reviewer_may_comment_on_any_claim(desk):
    claim = advance(make_claim(), "verified", desk)
    comment = comment_add(claim_id=claim.pk, user=desk.other_reviewer, body="  Seen on TV too. ")
    assert (comment.author, comment.body) == (desk.other_reviewer, "Seen on TV too.")
    for user in (desk.nobody, AnonymousUser()):
        with pytest.raises(Forbidden):
            comment_add(claim_id=claim.pk, user=user, body="hello")
    assert Comment.objects.count() == 1


def test_an_empty_or_overlong_comment_is_refused(desk):
    claim = make_claim()
    for body, code in [
        ("  ", "comment_required"),
        ("x" * (MAX_COMMENT_CHARS + 1), "comment_too_long"),
    ]:
        with pytest.raises(Invalid) as refused:
            comment_add(claim_id=claim.pk, user=desk.reviewer, body=body)
        assert refused.value.code == code
    assert not Comment.objects.exists()


def test_a_comment_marks_the_claim_as_touched_without_a_new_version(desk):
    claim = make_claim()
    comment_add(claim_id=claim.pk, user=desk.reviewer, body="Looks like a date, not a count.")
    claim.refresh_from_db()
    assert claim.touched_at is not None
    assert claim.version == 1


def test_the_timeline_tells_the_whole_story_in_order(desk):
    claim = advance(make_claim(), "in_review", desk)
    claim = claim_correct(claim_id=claim.pk, user=desk.reviewer, version=claim.version, value=8)
    comment_add(claim_id=claim.pk, user=desk.editor, body="Check the ministry <b>first</b>.")
    claim = advance(claim, "proposed", desk)
    claim = claim_reject(
        claim_id=claim.pk,
        user=desk.editor,
        version=claim.version,
        comment="Needs the ministry figure.",
    )
    claim = advance(claim, "verified", desk)
    claim = claim_reopen(
        claim_id=claim.pk, user=desk.admin, version=claim.version, reason="Toll revised"
    )

    entries = claim_timeline(claim=claim_get(claim_id=claim.pk))
    story = [(e.kind, e.user, e.text) for e in entries]
    assert story[0] == ("extracted", None, "Extracted by pipeline test")
    assert ("change", "rita", "Review started") in story
    assert ("change", "rita", "Corrected value: 7 → 8") in story
    assert ("comment", "edna", "Check the ministry <b>first</b>.") in story
    assert ("change", "edna", "Proposal rejected: Needs the ministry figure.") in story
    assert story[-1] == ("change", "ada", "Reopened: Toll revised")
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    reopened = entries[-1]
    assert [(c.field, c.old, c.new) for c in reopened.changes] == [
        ("status", "Verified", "In review")
    ]
    corrected = next(e for e in entries if e.text.startswith("Corrected"))
    assert [(c.field, c.old, c.new) for c in corrected.changes] == [("value", "7.0", "8.0")]

"""Assign, unassign, take; and bulk actions, which are all-or-nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser

from claims.models import Claim, ClaimStatus
from claims.services.errors import Conflict, Forbidden, Invalid
from claims.services.workflow import (
    claim_assign,
    claim_bulk_assign,
    claim_bulk_dismiss,
    claim_bulk_start_review,
    claim_take,
    claim_unassign,
)
from tests.support.workflow import advance, make_claim, make_desk, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return make_desk()


def test_a_reviewer_takes_an_unassigned_claim(desk):
    claim = make_claim()
    taken = claim_take(claim_id=claim.pk, user=desk.reviewer)
    assert (taken.assignee, taken.version) == (desk.reviewer, 2)
    assert taken.touched_at is not None
    assert taken.history.latest().history_change_reason == "Assigned to rita"
    again = claim_take(claim_id=claim.pk, user=desk.reviewer, version=2)
    assert again.version == 2  # nothing changed, so no new version


def test_a_reviewer_cannot_take_a_claim_someone_else_holds(desk):
    claim = claim_take(claim_id=make_claim().pk, user=desk.reviewer)
    with pytest.raises(Conflict) as refused:
        claim_take(claim_id=claim.pk, user=desk.other_reviewer)
    assert refused.value.code == "assigned_to_other"
    assert "rita" in refused.value.message
    assert claim_take(claim_id=claim.pk, user=desk.editor).assignee == desk.editor


@pytest.mark.parametrize("who", ["nobody", "anonymous"])
def test_people_without_a_role_cannot_take_or_unassign(desk, who):
    user = AnonymousUser() if who == "anonymous" else desk.nobody
    claim = make_claim()
    with pytest.raises(Forbidden):
        claim_take(claim_id=claim.pk, user=user)
    with pytest.raises(Forbidden):
        claim_unassign(claim_id=claim.pk, user=user)


def test_only_editors_assign_claims_to_others(desk):
    claim = make_claim()
    with pytest.raises(Forbidden) as refused:
        claim_assign(claim_id=claim.pk, user=desk.reviewer, assignee=desk.other_reviewer)
    assert refused.value.code == "not_an_editor"
    assert (
        claim_assign(claim_id=claim.pk, user=desk.reviewer, assignee=desk.reviewer).assignee
        == desk.reviewer
    )
    done = claim_assign(claim_id=claim.pk, user=desk.editor, assignee=desk.other_reviewer.pk)
    assert done.assignee == desk.other_reviewer


def test_claims_go_only_to_active_people_with_a_role(desk):
    claim = make_claim()
    inactive = make_user("reviewer", "gone")
    inactive.is_active = False
    inactive.save()
    for assignee in (desk.nobody, inactive, 999999, "abc", None):
        with pytest.raises(Invalid) as refused:
            claim_assign(claim_id=claim.pk, user=desk.editor, assignee=assignee)
        assert refused.value.code == "assignee_not_reviewer"
        assert "assignee" in refused.value.fields
    assert Claim.objects.get(pk=claim.pk).assignee is None


def test_the_assignee_or_an_editor_unassigns(desk):
    claim = claim_take(claim_id=make_claim().pk, user=desk.reviewer)
    with pytest.raises(Forbidden):
        claim_unassign(claim_id=claim.pk, user=desk.other_reviewer)
    assert claim_unassign(claim_id=claim.pk, user=desk.reviewer).assignee is None
    claim = claim_take(claim_id=claim.pk, user=desk.reviewer)
    assert claim_unassign(claim_id=claim.pk, user=desk.editor).assignee is None


@pytest.mark.parametrize("status", ["verified", "dismissed"])
def test_closed_claims_keep_their_assignment(desk, status):
    claim = advance(make_claim(), status, desk)
    with pytest.raises(Conflict) as refused:
        claim_assign(claim_id=claim.pk, user=desk.editor, assignee=desk.other_reviewer)
    assert refused.value.code == "claim_closed"
    assert Claim.objects.get(pk=claim.pk).assignee == desk.reviewer


def test_assignment_with_a_stale_version_is_refused(desk):
    claim = make_claim()
    claim_take(claim_id=claim.pk, user=desk.reviewer, version=1)
    with pytest.raises(Conflict) as refused:
        claim_assign(claim_id=claim.pk, user=desk.editor, assignee=desk.other_reviewer, version=1)
    assert refused.value.code == "stale_version"


def test_an_editor_assigns_many_claims_at_once(desk):
    claims = [make_claim() for _ in range(3)]
    done = claim_bulk_assign(
        claim_ids=[c.pk for c in claims], user=desk.editor, assignee=desk.reviewer
    )
    assert len(done) == 3
    assert set(Claim.objects.values_list("assignee", flat=True)) == {desk.reviewer.pk}


@pytest.mark.parametrize(
    "bulk",
    [
        lambda ids, user: claim_bulk_assign(claim_ids=ids, user=user, assignee=user),
        lambda ids, user: claim_bulk_start_review(claim_ids=ids, user=user),
        lambda ids, user: claim_bulk_dismiss(claim_ids=ids, user=user, reason="duplicate"),
    ],
    ids=["assign", "start_review", "dismiss"],
)
def test_bulk_actions_are_for_editors(desk, bulk):
    claim = make_claim()
    with pytest.raises(Forbidden) as refused:
        bulk([claim.pk], desk.reviewer)
    assert refused.value.code == "not_an_editor"
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_a_bulk_action_changes_all_claims_or_none(desk):
    fresh = [make_claim() for _ in range(2)]
    verified = advance(make_claim(), "verified", desk)
    ids = [c.pk for c in fresh] + [verified.pk]
    with pytest.raises(Conflict) as refused:
        claim_bulk_start_review(claim_ids=ids, user=desk.editor)
    assert refused.value.code == "bulk_refused"
    assert f"claim {verified.pk}" in refused.value.message
    assert "none was changed" in refused.value.message
    assert list(refused.value.fields) == [str(verified.pk)]
    assert [Claim.objects.get(pk=c.pk).status for c in fresh] == ["new", "new"]
    done = claim_bulk_start_review(claim_ids=[c.pk for c in fresh], user=desk.editor)
    assert {c.status for c in done} == {ClaimStatus.IN_REVIEW}


def test_bulk_dismissal_needs_a_reason_and_a_selection(desk):
    claim = make_claim()
    with pytest.raises(Invalid) as no_reason:
        claim_bulk_dismiss(claim_ids=[claim.pk], user=desk.editor, reason="")
    assert no_reason.value.code == "bulk_refused"
    with pytest.raises(Invalid) as nothing:
        claim_bulk_dismiss(claim_ids=[], user=desk.editor, reason="duplicate")
    assert nothing.value.code == "nothing_selected"
    done = claim_bulk_dismiss(claim_ids=[claim.pk], user=desk.editor, reason="not_check_worthy")
    assert (done[0].status, done[0].dismissed_by) == ("dismissed", desk.editor)

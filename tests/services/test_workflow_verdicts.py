"""Verdict rules: sources, rationale, two-person approval, rejection, reopening, history."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimStatus, Verdict, VerdictState
from claims.ratings import rating_scale
from claims.services.errors import Conflict, Forbidden, Invalid
from claims.services.workflow import (
    claim_approve,
    claim_assign,
    claim_propose,
    claim_reject,
    claim_reopen,
    claim_start_review,
    source_add,
)
from claims.signals import claim_transitioned
from tests.support.workflow import advance, make_claim, make_desk

pytestmark = pytest.mark.django_db

NUMERIC_RATINGS = [r.code for r in rating_scale() if r.value is not None]


@pytest.fixture
def desk():
    return make_desk()


@pytest.fixture
def in_review(desk):
    return advance(make_claim(), "in_review", desk)


def propose(claim, user, **params):
    claim.refresh_from_db()
    return claim_propose(claim_id=claim.pk, user=user, version=claim.version, **params)


def add_source(claim, user, stance="supports", url="https://example.org/report"):
    return source_add(claim_id=claim.pk, user=user, url=url, stance=stance)


@pytest.mark.parametrize("rating", NUMERIC_RATINGS)
def test_a_rating_on_the_scale_needs_a_source(desk, in_review, rating):
    with pytest.raises(Invalid) as refused:
        propose(in_review, desk.reviewer, rating=rating, rationale="Looks right.")
    assert refused.value.code == "source_required"
    assert "sources" in refused.value.fields
    assert not Verdict.objects.filter(claim=in_review).exists()
    assert Claim.objects.get(pk=in_review.pk).status == ClaimStatus.IN_REVIEW


def test_a_context_source_alone_does_not_support_a_rating(desk, in_review):
    add_source(in_review, desk.reviewer, stance="context")
    with pytest.raises(Invalid) as refused:
        propose(in_review, desk.reviewer, rating="false")
    assert refused.value.code == "source_required"
    add_source(in_review, desk.reviewer, stance="mixed", url="https://example.org/other")
    assert propose(in_review, desk.reviewer, rating="false").status == ClaimStatus.PROPOSED


def test_unverifiable_needs_a_rationale_but_no_source(desk, in_review):
    with pytest.raises(Invalid) as refused:
        propose(in_review, desk.reviewer, rating="unverifiable", rationale="   ")
    assert refused.value.code == "rationale_required"
    assert list(refused.value.fields) == ["rationale"]
    claim = propose(
        in_review, desk.reviewer, rating="unverifiable", rationale="No authority has a count."
    )
    verdict = claim.verdicts.get()
    assert (verdict.rating, verdict.rationale) == ("unverifiable", "No authority has a count.")
    assert verdict.state == VerdictState.PROPOSED


def test_a_rating_outside_the_scale_is_refused(desk, in_review):
    add_source(in_review, desk.reviewer)
    with pytest.raises(Invalid) as refused:
        propose(in_review, desk.reviewer, rating="pants_on_fire")
    assert refused.value.code == "unknown_rating"
    assert "unverifiable" in refused.value.fields["rating"][0]


def test_the_scale_comes_from_the_setting(desk, in_review, settings):
    settings.FACTCHECK_RATING_SCALE = [
        {"code": "correct", "value": 2, "label": "Correct"},
        {"code": "wrong", "value": 1, "label": "Wrong"},
        {"code": "unverifiable", "value": None, "label": "Unverifiable"},
    ]
    add_source(in_review, desk.reviewer)
    with pytest.raises(Invalid):
        propose(in_review, desk.reviewer, rating="true")
    assert propose(in_review, desk.reviewer, rating="correct").verdicts.get().rating == "correct"


def test_valid_as_of_defaults_to_now_and_cannot_be_in_the_future(desk, in_review):
    add_source(in_review, desk.reviewer)
    with pytest.raises(Invalid) as future:
        propose(
            in_review, desk.reviewer, rating="true", valid_as_of=timezone.now() + timedelta(days=1)
        )
    assert future.value.code == "future_datetime"
    with pytest.raises(Invalid) as naive:
        propose(in_review, desk.reviewer, rating="true", valid_as_of=datetime(2024, 1, 1))
    assert naive.value.code == "invalid_datetime"
    before = timezone.now()
    verdict = propose(in_review, desk.reviewer, rating="true").verdicts.get()
    assert before <= verdict.valid_as_of <= timezone.now()


def test_the_proposer_never_approves_even_as_an_editor(desk):
    claim = make_claim()
    claim = claim_assign(claim_id=claim.pk, user=desk.editor, assignee=desk.editor)
    claim = claim_start_review(claim_id=claim.pk, user=desk.editor, version=claim.version)
    add_source(claim, desk.editor)
    claim = propose(claim, desk.editor, rating="mostly_true")
    with pytest.raises(Forbidden) as refused:
        claim_approve(claim_id=claim.pk, user=desk.editor, version=claim.version)
    assert refused.value.code == "approver_is_proposer"
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.PROPOSED
    approved = claim_approve(claim_id=claim.pk, user=desk.admin, version=claim.version)
    verdict = approved.verdicts.get()
    assert (verdict.proposed_by, verdict.approved_by) == (desk.editor, desk.admin)


def test_approval_rechecks_the_sources(desk):
    claim = advance(make_claim(), "proposed", desk)
    claim.sources.all().delete()
    with pytest.raises(Invalid) as refused:
        claim_approve(claim_id=claim.pk, user=desk.editor, version=claim.version)
    assert refused.value.code == "source_required"


def test_approving_makes_the_verdict_current(desk):
    claim = advance(make_claim(), "verified", desk)
    verdict = claim.verdicts.get()
    assert verdict.is_current and verdict.state == VerdictState.APPROVED
    assert verdict.approved_at is not None


def test_rejecting_needs_a_comment_and_sends_the_claim_back(desk):
    claim = advance(make_claim(), "proposed", desk)
    with pytest.raises(Invalid) as refused:
        claim_reject(claim_id=claim.pk, user=desk.editor, version=claim.version, comment=" ")
    assert refused.value.code == "comment_required"
    claim = claim_reject(
        claim_id=claim.pk, user=desk.editor, version=claim.version, comment="Cite the ministry."
    )
    assert claim.status == ClaimStatus.IN_REVIEW
    assert claim.assignee == desk.reviewer
    verdict = claim.verdicts.get()
    assert verdict.state == VerdictState.REJECTED
    assert (verdict.rejected_by, verdict.rejection_comment) == (desk.editor, "Cite the ministry.")
    assert not verdict.is_current
    # The reviewer can propose again; the rejected proposal stays on record.
    claim = propose(claim, desk.reviewer, rating="mostly_true")
    assert claim.verdicts.count() == 2


def test_reopening_a_verified_claim_withdraws_its_verdict_and_keeps_it(desk):
    claim = advance(make_claim(), "verified", desk)
    with pytest.raises(Invalid) as refused:
        claim_reopen(claim_id=claim.pk, user=desk.editor, version=claim.version, reason="")
    assert refused.value.code == "reason_required"
    claim = claim_reopen(
        claim_id=claim.pk, user=desk.editor, version=claim.version, reason="New toll published."
    )
    assert claim.status == ClaimStatus.IN_REVIEW
    old = claim.verdicts.get()
    assert old.state == VerdictState.WITHDRAWN and not old.is_current
    assert (old.withdrawn_by, old.withdrawal_reason) == (desk.editor, "New toll published.")

    claim = propose(claim, desk.reviewer, rating="mostly_false")
    claim = claim_approve(claim_id=claim.pk, user=desk.admin, version=claim.version)
    verdicts = list(claim.verdicts.order_by("proposed_at"))
    assert [v.rating for v in verdicts] == ["true", "mostly_false"]
    assert [v.is_current for v in verdicts] == [False, True]
    assert verdicts[0].approved_by == desk.editor  # the old approval is still on record


def test_reopening_a_dismissed_claim_clears_the_dismissal_but_history_keeps_it(desk):
    claim = advance(make_claim(), "dismissed", desk)
    assert (claim.dismissal_reason, claim.dismissed_by) == ("duplicate", desk.reviewer)
    claim = claim_reopen(
        claim_id=claim.pk, user=desk.editor, version=claim.version, reason="Not a duplicate."
    )
    assert (claim.dismissal_reason, claim.dismissed_by, claim.dismissed_at) == ("", None, None)
    reasons = list(claim.history.values_list("dismissal_reason", flat=True))
    assert "duplicate" in reasons


def test_every_transition_is_recorded_with_its_user_and_reason(desk):
    claim = advance(make_claim(), "verified", desk)
    claim = claim_reopen(
        claim_id=claim.pk, user=desk.editor, version=claim.version, reason="Revised figures"
    )
    records = list(claim.history.order_by("history_date", "history_id"))
    steps = [(r.status, r.history_user, r.history_change_reason) for r in records[1:]]
    assert steps == [
        ("in_review", desk.reviewer, "Review started"),
        ("proposed", desk.reviewer, "Proposed: True"),
        ("verified", desk.editor, "Approved: True"),
        ("in_review", desk.editor, "Reopened: Revised figures"),
    ]
    assert [r.version for r in records[1:]] == [2, 3, 4, 5]


def test_a_dismissal_needs_one_of_the_reasons(desk):
    claim = advance(make_claim(), "in_review", desk)
    from claims.services.workflow import claim_dismiss

    for reason, code in [("", "reason_required"), ("boring", "unknown_reason")]:
        with pytest.raises(Invalid) as refused:
            claim_dismiss(
                claim_id=claim.pk, user=desk.reviewer, version=claim.version, reason=reason
            )
        assert refused.value.code == code
    claim = claim_dismiss(
        claim_id=claim.pk,
        user=desk.reviewer,
        version=claim.version,
        reason="extraction_error",
        note="The 7 is a date.",
    )
    assert (claim.status, claim.dismissal_note) == ("dismissed", "The 7 is a date.")
    assert claim.history.latest().history_change_reason == (
        "Dismissed: Extraction error (The 7 is a date.)"
    )


def test_listeners_hear_of_a_transition_only_once_it_commits(
    desk, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    claim_transitioned.connect(listener)
    try:
        claim = make_claim()
        with django_capture_on_commit_callbacks() as callbacks:
            claim_start_review(claim_id=claim.pk, user=desk.reviewer, version=1)
            with pytest.raises(Conflict):
                claim_start_review(claim_id=claim.pk, user=desk.reviewer, version=2)
        assert heard == []
        assert len(callbacks) == 1
        callbacks[0]()
    finally:
        claim_transitioned.disconnect(listener)
    assert heard == [
        {
            "signal": claim_transitioned,
            "claim_id": claim.pk,
            "action": "start_review",
            "from_status": "new",
            "to_status": "in_review",
            "user_id": desk.reviewer.pk,
        }
    ]


def test_a_failing_listener_does_not_break_the_transition(desk, django_capture_on_commit_callbacks):
    def broken(sender, **kwargs):
        raise RuntimeError("mail server down")

    claim_transitioned.connect(broken)
    try:
        claim = make_claim()
        with django_capture_on_commit_callbacks(execute=True):
            claim = claim_start_review(claim_id=claim.pk, user=desk.reviewer, version=1)
    finally:
        claim_transitioned.disconnect(broken)
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.IN_REVIEW


def test_a_malformed_rating_scale_fails_the_system_check(settings):
    from claims.ratings import check_rating_scale

    assert check_rating_scale(None) == []
    settings.FACTCHECK_RATING_SCALE = [
        {"code": "true", "value": 5, "label": "True"},
        {"code": "true", "value": 4.5, "label": ""},
    ]
    assert {e.id for e in check_rating_scale(None)} == {"claims.E002", "claims.E004", "claims.E005"}
    settings.FACTCHECK_RATING_SCALE = [{"code": "true"}]
    assert [e.id for e in check_rating_scale(None)] == ["claims.E001"]

"""Two people on one claim: the second save is refused, never silently applied."""

import threading

import pytest
from django.db import connection, transaction

from claims.models import Claim, ClaimStatus
from claims.services.errors import Conflict
from claims.services.workflow import (
    claim_correct,
    claim_dismiss,
    claim_start_review,
    claim_take,
)
from tests.support.workflow import advance, make_claim, make_desk


@pytest.mark.django_db
def test_two_reviewers_acting_on_the_same_version_the_second_is_refused():
    desk = make_desk()
    claim = advance(make_claim(), "in_review", desk)
    seen = claim.version  # both people loaded the page at this version
    claim_correct(claim_id=claim.pk, user=desk.reviewer, version=seen, value=8, value_min=8)
    with pytest.raises(Conflict) as refused:
        claim_dismiss(claim_id=claim.pk, user=desk.editor, version=seen, reason="not_a_claim")
    assert refused.value.code == "stale_version"
    assert "changed by someone else" in refused.value.message
    claim.refresh_from_db()
    assert (claim.status, claim.value, claim.version) == (ClaimStatus.IN_REVIEW, 8, seen + 1)


@pytest.mark.django_db(transaction=True)
def test_a_transition_waits_for_the_row_lock_and_then_sees_the_new_version():
    desk = make_desk()
    claim = make_claim()
    outcome = {}
    started = threading.Event()

    def second_person():
        started.set()
        try:
            claim_start_review(claim_id=claim.pk, user=desk.reviewer, version=claim.version)
            outcome["result"] = "saved"
        except Conflict as exc:
            outcome["result"] = exc.code
        finally:
            connection.close()

    with transaction.atomic():
        # The first person's transaction holds the row while the second one arrives.
        claim_take(claim_id=claim.pk, user=desk.other_reviewer, version=claim.version)
        thread = threading.Thread(target=second_person)
        thread.start()
        started.wait(5)
        thread.join(0.5)
        assert thread.is_alive(), "the second transition should wait for the lock"
    thread.join(10)
    assert outcome == {"result": "stale_version"}
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.status, claim.assignee, claim.version) == ("new", desk.other_reviewer, 2)

"""Every transition, allowed and refused, for every role; and the model's transition map."""

import pytest
from django.contrib.auth.models import AnonymousUser

from claims.models import TRANSITIONS, Claim, ClaimAction, ClaimStatus
from claims.services.errors import Conflict, Forbidden, Invalid
from claims.services.workflow import claim_assign, claim_transition, source_add
from tests.support.workflow import advance, make_claim, make_desk

pytestmark = pytest.mark.django_db

ACTORS = ("assignee", "other_reviewer", "editor", "admin", "nobody", "anonymous")
# action, the status it starts from, valid parameters, who may do it
CASES = [
    ("start_review", "new", {}, {"assignee", "editor", "admin"}),
    ("propose", "in_review", {"rating": "mostly_false"}, {"assignee", "editor", "admin"}),
    ("approve", "proposed", {}, {"editor", "admin"}),
    ("reject", "proposed", {"comment": "Find the ministry's figure."}, {"editor", "admin"}),
    ("dismiss", "new", {"reason": "not_check_worthy"}, {"assignee", "editor", "admin"}),
    ("dismiss", "in_review", {"reason": "not_a_claim"}, {"assignee", "editor", "admin"}),
    ("reopen", "verified", {"reason": "The ministry revised its count."}, {"editor", "admin"}),
    ("reopen", "dismissed", {"reason": "It is a claim after all."}, {"editor", "admin"}),
]
VALID_PARAMS = {
    "start_review": {},
    "propose": {"rating": "unverifiable", "rationale": "No record found."},
    "approve": {},
    "reject": {"comment": "More sources."},
    "dismiss": {"reason": "duplicate"},
    "reopen": {"reason": "New evidence."},
}


@pytest.fixture
def desk():
    return make_desk()


def actor(desk, name):
    if name == "anonymous":
        return AnonymousUser()
    if name == "assignee":
        return desk.reviewer
    return getattr(desk, name)


def claim_in(status, desk) -> Claim:
    """A claim in ``status`` whose assignee is the desk's reviewer, with a source."""
    claim = make_claim()
    if status == "new":
        return claim_assign(claim_id=claim.pk, user=desk.editor, assignee=desk.reviewer)
    claim = advance(claim, status, desk)
    if status == "in_review":
        source_add(
            claim_id=claim.pk, user=desk.reviewer, url="https://example.org/a", stance="refutes"
        )
    return claim


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize(("action", "start", "params", "allowed"), CASES)
def test_each_role_may_or_may_not_perform_each_transition(
    desk, who, action, start, params, allowed
):
    claim = claim_in(start, desk)
    history = claim.history.count()
    call = {
        "claim_id": claim.pk,
        "user": actor(desk, who),
        "action": action,
        "version": claim.version,
        **params,
    }
    if who in allowed:
        done = claim_transition(**call)
        assert done.status == TRANSITIONS[action].target
        assert Claim.objects.get(pk=claim.pk).version == claim.version + 1
        assert claim.history.count() == history + 1
    else:
        with pytest.raises(Forbidden) as refused:
            claim_transition(**call)
        assert refused.value.code in {"not_a_reviewer", "not_an_editor", "not_the_assignee"}
        assert refused.value.message
        unchanged = Claim.objects.get(pk=claim.pk)
        assert (unchanged.status, unchanged.version) == (start, claim.version)
        assert claim.history.count() == history


ILLEGAL = [
    (action, status)
    for action, transition in TRANSITIONS.items()
    for status in ClaimStatus.values
    if status not in transition.sources
]


@pytest.mark.parametrize(("action", "status"), ILLEGAL)
def test_a_transition_from_a_status_the_map_does_not_allow_is_a_conflict(desk, action, status):
    claim = claim_in(status, desk)
    with pytest.raises(Conflict) as refused:
        claim_transition(
            claim_id=claim.pk,
            user=desk.admin,
            action=action,
            version=claim.version,
            **VALID_PARAMS[action],
        )
    assert refused.value.code == "illegal_transition"
    assert ClaimStatus(status).label.lower() in refused.value.message
    assert Claim.objects.get(pk=claim.pk).status == status


@pytest.mark.parametrize("action", ClaimAction.values)
def test_a_transition_based_on_a_stale_version_is_refused(desk, action):
    start = next(iter(TRANSITIONS[action].sources))
    claim = claim_in(start, desk)
    with pytest.raises(Conflict) as refused:
        claim_transition(
            claim_id=claim.pk,
            user=desk.admin,
            action=action,
            version=claim.version - 1,
            **VALID_PARAMS[action],
        )
    assert refused.value.code == "stale_version"
    assert f"now version {claim.version}" in refused.value.message
    assert Claim.objects.get(pk=claim.pk).status == start


def test_the_model_map_lists_the_actions_of_each_status():
    claim = Claim(status=ClaimStatus.NEW)
    assert claim.allowed_actions() == ["start_review", "dismiss"]
    claim.status = ClaimStatus.PROPOSED
    assert claim.allowed_actions() == ["approve", "reject"]
    claim.status = ClaimStatus.VERIFIED
    assert claim.allowed_actions() == ["reopen"]
    assert claim.check_transition("reopen") == ClaimStatus.IN_REVIEW
    with pytest.raises(Conflict):
        claim.check_transition("approve")


def test_a_reviewer_who_starts_an_unassigned_claim_becomes_its_assignee(desk):
    claim = make_claim()
    done = claim_transition(
        claim_id=claim.pk, user=desk.other_reviewer, action="start_review", version=1
    )
    assert done.assignee == desk.other_reviewer
    assert done.touched_at is not None


def test_an_editor_who_starts_a_review_leaves_the_assignment_alone(desk):
    claim = make_claim()
    done = claim_transition(claim_id=claim.pk, user=desk.editor, action="start_review", version=1)
    assert done.status == ClaimStatus.IN_REVIEW
    assert done.assignee is None


def test_an_inactive_reviewer_can_do_nothing(desk):
    desk.reviewer.is_active = False
    desk.reviewer.save()
    claim = make_claim()
    with pytest.raises(Forbidden):
        claim_transition(claim_id=claim.pk, user=desk.reviewer, action="start_review", version=1)


def test_the_dispatcher_refuses_unknown_actions_and_wrong_parameters(desk):
    claim = make_claim()
    with pytest.raises(Invalid) as unknown:
        claim_transition(claim_id=claim.pk, user=desk.editor, action="publish", version=1)
    assert unknown.value.code == "unknown_action"
    with pytest.raises(Invalid) as missing:
        claim_transition(claim_id=claim.pk, user=desk.editor, action="dismiss", version=1)
    assert (missing.value.code, list(missing.value.fields)) == ("missing_parameter", ["reason"])
    with pytest.raises(Invalid) as unexpected:
        claim_transition(
            claim_id=claim.pk, user=desk.editor, action="start_review", version=1, rating="true"
        )
    assert (unexpected.value.code, list(unexpected.value.fields)) == (
        "unexpected_parameter",
        ["rating"],
    )


def test_a_missing_claim_is_not_found(desk):
    from claims.services.errors import NotFound

    with pytest.raises(NotFound) as missing:
        claim_transition(claim_id=999999, user=desk.editor, action="start_review", version=1)
    assert missing.value.code == "claim_not_found"
    assert missing.value.status_code == 404


def test_domain_errors_carry_an_http_status_and_plain_data(desk):
    claim = make_claim()
    with pytest.raises(Invalid) as refused:
        claim_transition(
            claim_id=claim.pk, user=desk.editor, action="dismiss", version=1, reason="boring"
        )
    assert refused.value.status_code == 400
    assert refused.value.as_dict() == {
        "code": "unknown_reason",
        "detail": "Unknown dismissal reason 'boring'.",
        "fields": refused.value.fields,
    }
    assert Conflict("x").status_code == 409 and Forbidden("x").status_code == 403

"""Reviewer writes through the API: transitions, sources, conflicts and the role matrix."""

import pytest

from claims.models import Claim, ClaimStatus

pytestmark = pytest.mark.django_db


def _transition(client, claim, action, version=None, **params):
    if version is None:
        version = Claim.objects.get(pk=claim.pk).version
    return client.post(
        f"/api/v1/claims/{claim.pk}/transitions/",
        {"action": action, "version": version, **params},
        format="json",
    )


def _source(client, claim, url="https://example.org/report", stance="supports"):
    return client.post(
        f"/api/v1/claims/{claim.pk}/sources/", {"url": url, "stance": stance}, format="json"
    )


def test_a_claim_goes_from_new_to_verified_through_the_api(
    reviewer, editor, anonymous, claims_factory
):
    claim = claims_factory(1)[0]
    started = _transition(reviewer, claim, "start_review")
    assert started.status_code == 200, started.json()
    assert started.json()["status"] == "in_review"
    assert started.json()["assignee"] == "reviewer"
    added = _source(reviewer, claim)
    assert added.status_code == 201
    assert added.json()["stance"] == "supports"
    proposed = _transition(reviewer, claim, "propose", rating="false", rationale="Ten, not 11.")
    assert proposed.json()["status"] == "proposed"
    approved = _transition(editor, claim, "approve")
    assert approved.status_code == 200
    body = approved.json()
    assert body["status"] == "verified"
    assert body["verdict"]["rating"] == "false"
    assert body["verdict"]["label"] == "False"
    assert body["verdict"]["rating_value"] == 1
    assert [h["status"] for h in body["history"]] == ["new", "in_review", "proposed", "verified"]
    assert body["sources"][0]["url"] == "https://example.org/report"
    public = anonymous.get(f"/api/v1/claims/{claim.pk}/").json()
    assert public["verdict"]["rating"] == "false"
    assert public["history"][-1]["by"] is None


def test_a_stale_version_is_a_409_conflict_and_changes_nothing(reviewer, claims_factory):
    claim = claims_factory(1)[0]
    response = _transition(reviewer, claim, "start_review", version=claim.version + 5)
    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.NEW


def test_an_illegal_transition_is_a_409_with_a_readable_message(editor, claims_factory):
    claim = claims_factory(1)[0]
    response = _transition(editor, claim, "approve")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "illegal_transition"
    assert "new" in body["message"].lower()


def test_a_reviewer_may_not_approve_and_gets_403(reviewer, claims_factory):
    claim = claims_factory(1, status=ClaimStatus.IN_REVIEW)[0]
    response = _transition(reviewer, claim, "reopen", reason="Look again")
    assert response.status_code == 403
    assert response.json()["code"] == "not_an_editor"


def test_the_proposer_cannot_approve_their_own_verdict(users, claims_factory):
    from tests.api.conftest import client_for

    editor = client_for(users["editor"])
    claim = claims_factory(1)[0]
    _transition(editor, claim, "start_review")
    _source(editor, claim)
    _transition(editor, claim, "propose", rating="true")
    response = _transition(editor, claim, "approve")
    assert response.status_code == 403
    assert response.json()["code"] == "approver_is_proposer"


def test_anonymous_writes_are_401_and_outsider_writes_are_403(anonymous, outsider, claims_factory):
    claim = claims_factory(1)[0]
    assert _transition(anonymous, claim, "start_review").status_code == 401
    assert _source(anonymous, claim).status_code == 401
    refused = _transition(outsider, claim, "start_review")
    assert refused.status_code == 403
    assert refused.json()["code"] == "not_a_reviewer"


def test_bad_transition_input_gets_field_errors(reviewer, claims_factory):
    claim = claims_factory(1)[0]
    response = reviewer.post(
        f"/api/v1/claims/{claim.pk}/transitions/", {"action": "publish"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"action", "version"}
    _transition(reviewer, claim, "start_review")
    missing = _transition(reviewer, claim, "propose")
    assert missing.status_code == 400
    assert "rating" in missing.json()["fields"]


def test_a_rating_without_a_source_is_refused(reviewer, claims_factory):
    claim = claims_factory(1)[0]
    _transition(reviewer, claim, "start_review")
    response = _transition(reviewer, claim, "propose", rating="false")
    assert response.status_code == 400
    assert response.json()["code"] == "source_required"


def test_the_same_source_url_twice_is_refused(reviewer, claims_factory):
    claim = claims_factory(1)[0]
    _transition(reviewer, claim, "start_review")
    assert _source(reviewer, claim).status_code == 201
    again = _source(reviewer, claim)
    assert again.status_code in (400, 409)
    assert again.json()["code"]


def test_a_source_needs_a_web_url_and_a_known_stance(reviewer, claims_factory):
    claim = claims_factory(1)[0]
    response = _source(reviewer, claim, url="ftp://example.org/x", stance="agrees")
    assert response.status_code == 400
    assert set(response.json()["fields"]) >= {"stance"}


def test_transitions_on_a_missing_claim_are_404(editor):
    response = editor.post(
        "/api/v1/claims/999999/transitions/", {"action": "approve", "version": 1}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["code"] in {"claim_not_found", "not_found"}


def test_a_duplicate_is_dismissed_naming_its_original(reviewer, claims_factory):
    original, repeat = claims_factory(2)
    _transition(reviewer, repeat, "start_review")
    wrong = _transition(reviewer, repeat, "dismiss", reason="not_a_claim", duplicate_of=original.pk)
    assert wrong.status_code == 400
    assert wrong.json()["code"] == "duplicate_of_without_duplicate"
    assert "duplicate_of" in wrong.json()["fields"]
    done = _transition(reviewer, repeat, "dismiss", reason="duplicate", duplicate_of=original.pk)
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "dismissed"
    assert Claim.objects.get(pk=repeat.pk).duplicate_of_id == original.pk
    reasons = [entry.get("reason") for entry in done.json()["history"]]
    assert f"Dismissed: Duplicate of claim {original.pk}" in reasons

"""The change feed: every status and verdict change once, in order, from any cursor."""

import pytest

from claims.models import ChangeEvent
from tests.api.test_workflow_writes import _source, _transition

pytestmark = pytest.mark.django_db


def _verify(reviewer, editor, claim, rating="false"):
    _transition(reviewer, claim, "start_review")
    _source(reviewer, claim, url=f"https://example.org/{claim.pk}")
    _transition(reviewer, claim, "propose", rating=rating)
    return _transition(editor, claim, "approve")


def _walk(client, since="0", limit=2):
    seen, cursor = [], since
    while True:
        page = client.get("/api/v1/changes/", {"since": cursor, "limit": limit}).json()
        seen.extend(page["results"])
        if not page["results"]:
            return seen, page["cursor"]
        cursor = page["cursor"]


def test_the_feed_lists_status_and_verdict_changes_in_order(reviewer, editor, claims_factory):
    claim = claims_factory(1)[0]
    _verify(reviewer, editor, claim)
    events, _ = _walk(reviewer)
    statuses = [(e["type"], e["previous_status"], e["status"]) for e in events]
    assert statuses == [
        ("claim.status_changed", "new", "in_review"),
        ("claim.status_changed", "in_review", "proposed"),
        ("claim.verdict_changed", "proposed", "proposed"),
        ("claim.status_changed", "proposed", "verified"),
    ]
    verdict_event = events[2]
    assert verdict_event["verdict"] == {"rating": "false", "label": "False", "rating_value": 1}
    assert verdict_event["previous_verdict"] is None
    assert events[-1]["verdict"]["rating"] == "false"
    assert all(e["claim"] == claim.pk for e in events)


def test_a_consumer_that_keeps_its_cursor_gets_only_new_changes(reviewer, editor, claims_factory):
    first, _untouched = claims_factory(2)
    _verify(reviewer, editor, first)
    seen, cursor = _walk(reviewer)
    _transition(editor, first, "reopen", reason="New figures")
    later, _ = _walk(reviewer, since=cursor)
    types = [(e["type"], e["status"], e["verdict"]) for e in later]
    assert types[0] == ("claim.verdict_changed", "verified", None)
    assert types[-1][:2] == ("claim.status_changed", "in_review")
    assert not {e["cursor"] for e in seen} & {e["cursor"] for e in later}


def test_the_public_feed_shows_claims_entering_and_leaving_verified_only(
    anonymous, reviewer, editor, claims_factory
):
    claim = claims_factory(1)[0]
    _verify(reviewer, editor, claim)
    _transition(editor, claim, "reopen", reason="New figures")
    public, _ = _walk(anonymous, limit=50)
    assert [(e["previous_status"], e["status"]) for e in public] == [
        ("proposed", "verified"),
        ("verified", "verified"),
        ("verified", "in_review"),
    ]


def test_an_empty_page_keeps_the_cursor_and_says_nothing_more(reviewer, claims_factory):
    claims_factory(1)
    page = reviewer.get("/api/v1/changes/", {"since": "0"}).json()
    assert page == {
        "results": [],
        "cursor": "0",
        "has_more": False,
        "next": page["next"],
    }
    assert "since=0" in page["next"]


def test_a_malformed_cursor_is_400(reviewer):
    response = reviewer.get("/api/v1/changes/", {"since": "yesterday"})
    assert response.status_code == 400
    assert "since" in response.json()["fields"]


def test_events_record_who_made_the_change(reviewer, users, claims_factory):
    claim = claims_factory(1)[0]
    _transition(reviewer, claim, "start_review")
    assert ChangeEvent.objects.get().actor == users["reviewer"]


def test_the_feed_costs_the_same_queries_for_long_pages(reviewer, editor, claims_factory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for claim in claims_factory(4):
        _verify(reviewer, editor, claim)
    counts = []
    for limit in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            reviewer.get("/api/v1/changes/", {"limit": limit})
        counts.append(len(queries))
    assert counts[0] == counts[1]

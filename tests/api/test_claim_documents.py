"""Claim documents rendered by PostgreSQL are the same bytes as the ORM-built ones."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.api.documents import DIRECT_MARK, claim_etag_row
from claims.api.renderers import FastJSONRenderer
from claims.api.representations import Ratings, claim_summary
from claims.api.selectors import claim_etag_parts, claim_rows, claims_listed, claims_visible
from claims.api.views.claims import claim_etag, claim_payload
from claims.models import Claim, ClaimStatus, Verdict

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="documents are rendered by PostgreSQL"
    ),
]

ODD_TEXT = 'He said "11" drones\\\t\n\u2014 \u00e9t\u00e9 \u2028 \x01 end'


def _render(data) -> bytes:
    return FastJSONRenderer().render(data)


def _reference_detail(claim_id: int, user, *, desk: bool) -> bytes:
    claims = claims_visible(user=user)
    return _render(claim_payload(claims=claims, claim_id=claim_id, desk=desk))


def _reference_page(user, *, desk: bool, ordering=("-score", "-id"), filters=None) -> list:
    rows = claim_rows(claims_listed(filters=filters or {}, user=user), desk=desk)
    ratings = Ratings()
    return [claim_summary(r, ratings=ratings, desk=desk) for r in rows.order_by(*ordering)]


@pytest.fixture
def varied_claims(users, claims_factory):
    """Claims with and without verdicts, sources, history, assignees and odd values."""
    plain, rated, retired, odd = claims_factory(4, status=ClaimStatus.VERIFIED)
    editor = users["editor"]
    Verdict.objects.create(
        claim=rated,
        rating="mostly_false",
        rationale='Ten, not "11".',
        valid_as_of=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
        proposed_by=users["reviewer"],
        approved_by=editor,
        approved_at=datetime(2026, 3, 2, 8, 30, 15, 120000, tzinfo=UTC),
        is_current=True,
    )
    Verdict.objects.create(
        claim=retired,
        rating="pants_on_fire",
        proposed_by=users["reviewer"],
        approved_by=editor,
        approved_at=datetime(2026, 3, 2, tzinfo=UTC),
        is_current=True,
    )
    rated.sources.create(
        url="https://example.org/report?a=1&b=2",
        stance="refutes",
        title="Report \u201cdrones\u201d",
        publisher="Ministry",
        published_at=datetime(2026, 2, 28, tzinfo=UTC),
        accessed_at=datetime(2026, 3, 1, 9, 5, 7, 1, tzinfo=UTC),
        excerpt=ODD_TEXT,
    )
    rated.sources.create(url="https://example.org/b", stance="supports", archived_url="")
    odd.text = ODD_TEXT
    odd.speaker = 'Ana "the \\ speaker"'
    odd.unit = ""
    odd.value, odd.value_min, odd.value_max = 7.0, 0.30000000000000004, 2.5e16
    odd.score = 1e-7
    odd.assignee = users["reviewer"]
    odd.extracted = {"value": 7.0, "unit": "drones", "nested": {"b": 1, "a": [1, 2.5, None]}}
    odd._change_reason = "Fixed the speaker"
    odd.save()
    Claim.objects.filter(pk=plain.pk).update(value=None, value_min=-3.0, value_max=1234.5)
    Claim.objects.filter(pk=retired.pk).update(value=0.0, value_min=-2.5e-8, value_max=1e15)
    return {"plain": plain, "rated": rated, "retired": retired, "odd": odd}


@pytest.mark.parametrize("role", ["anonymous", "reviewer"])
def test_rendered_details_match_the_orm_built_ones_byte_for_byte(
    role, request, users, varied_claims
):
    client = request.getfixturevalue(role)
    user = users["reviewer"] if role == "reviewer" else None
    for claim in varied_claims.values():
        response = client.get(f"/api/v1/claims/{claim.pk}/")
        assert response.status_code == 200
        desk = role == "reviewer"
        assert response.content == _reference_detail(claim.pk, user, desk=desk), claim
        parts = claim_etag_parts(claims=claims_visible(user=user), claim_id=claim.pk)
        assert response["ETag"] == claim_etag(claim.pk, parts, desk=desk)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ["anonymous", "reviewer"])
def test_details_read_through_libpq_are_the_same_bytes(
    role, request, users, varied_claims, settings
):
    """Outside a transaction the detail's statement skips Django's cursor; it is still
    counted as a query, and renders what the ORM builds."""
    settings.FACTCHECK_API_CACHE_SECONDS = 0  # every request renders
    client = request.getfixturevalue(role)
    user = users["reviewer"] if role == "reviewer" else None
    desk = role == "reviewer"
    for claim in varied_claims.values():
        url = f"/api/v1/claims/{claim.pk}/"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert [DIRECT_MARK in q["sql"] for q in queries].count(True) == 1, queries.captured_queries
        assert response.content == _reference_detail(claim.pk, user, desk=desk), claim
        parts = claim_etag_parts(claims=claims_visible(user=user), claim_id=claim.pk)
        assert response["ETag"] == claim_etag(claim.pk, parts, desk=desk)
        with CaptureQueriesContext(connection) as queries:
            conditional = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert conditional.status_code == 304
        assert [DIRECT_MARK in q["sql"] for q in queries].count(True) == 1
    missing = client.get("/api/v1/claims/999999999/")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


@pytest.mark.django_db(transaction=True)
def test_a_statement_gone_from_the_session_is_prepared_again(anonymous, varied_claims, settings):
    settings.FACTCHECK_API_CACHE_SECONDS = 0
    url = f"/api/v1/claims/{varied_claims['rated'].pk}/"
    first = anonymous.get(url)
    connection.connection.pgconn.exec_(b"DEALLOCATE ALL")
    again = anonymous.get(url)
    assert again.status_code == 200
    assert again.content == first.content


@pytest.mark.parametrize("role", ["anonymous", "reviewer"])
def test_rendered_list_pages_match_the_orm_built_ones_byte_for_byte(
    role, request, users, varied_claims, claims_factory
):
    claims_factory(3)
    client = request.getfixturevalue(role)
    user = users["reviewer"] if role == "reviewer" else None
    desk = role == "reviewer"
    response = client.get("/api/v1/claims/")
    expected = _render({"next": None, "results": _reference_page(user, desk=desk)})
    assert response.content == expected
    by_update = client.get("/api/v1/claims/", {"ordering": "updated_at"})
    rows = _reference_page(user, desk=desk, ordering=("updated_at", "id"))
    assert by_update.content == _render({"next": None, "results": rows})


def test_a_filtered_page_matches_the_orm_built_one_and_links_the_next(
    reviewer, users, varied_claims
):
    expected = _reference_page(users["reviewer"], desk=True)
    filters = {"kind": "count", "min_score": 0, "page_size": 2}
    first = reviewer.get("/api/v1/claims/", filters)
    assert first.content.endswith(b',"results":' + _render(expected[:2]) + b"}")
    second = reviewer.get(first.json()["next"])
    assert second.content.endswith(b',"results":' + _render(expected[2:4]) + b"}")


def test_a_filter_that_matches_no_one_gives_an_empty_page(reviewer, varied_claims):
    response = reviewer.get("/api/v1/claims/", {"assignee": "nobody-by-that-name"})
    assert response.content == b'{"next":null,"results":[]}'


def test_a_claim_that_stops_being_verified_disappears_from_the_public_detail(
    anonymous, varied_claims
):
    claim = varied_claims["rated"]
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.IN_REVIEW)
    assert anonymous.get(f"/api/v1/claims/{claim.pk}/").status_code == 404


def test_a_rendered_page_and_detail_cost_one_statement_and_a_changed_etag_two(
    anonymous, varied_claims, claims_factory
):
    claims_factory(5, status=ClaimStatus.VERIFIED)
    counts = []
    for size in (1, 9):
        with CaptureQueriesContext(connection) as queries:
            anonymous.get("/api/v1/claims/", {"page_size": size})
        counts.append(len(queries))
    url = f"/api/v1/claims/{varied_claims['rated'].pk}/"
    with CaptureQueriesContext(connection) as detail:
        etag = anonymous.get(url)["ETag"]
    with CaptureQueriesContext(connection) as unchanged:
        assert anonymous.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    with CaptureQueriesContext(connection) as changed:
        assert anonymous.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    assert counts == [1, 1]
    assert [len(detail), len(unchanged), len(changed)] == [1, 1, 2]


@pytest.mark.parametrize("desk", [False, True])
def test_the_etag_parts_read_by_sql_are_the_orm_ones(desk, users, varied_claims):
    user = users["reviewer"] if desk else None
    Claim.objects.filter(pk=varied_claims["plain"].pk).update(status=ClaimStatus.NEW)
    for claim in varied_claims.values():
        orm = claim_etag_parts(claims=claims_visible(user=user), claim_id=claim.pk)
        assert claim_etag_row(claim_id=claim.pk, desk=desk) == orm


def test_an_id_beyond_the_database_range_is_a_404(anonymous):
    response = anonymous.get(f"/api/v1/claims/{2**64}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_dismissed_claims_detail_says_why_in_both_renderings(reviewer, users, claims_factory):
    original, repeat, other, kept = claims_factory(4)
    Claim.objects.filter(pk=repeat.pk).update(
        status=ClaimStatus.DISMISSED,
        dismissal_reason="duplicate",
        dismissal_note=ODD_TEXT,
        duplicate_of=original.pk,
    )
    Claim.objects.filter(pk=other.pk).update(
        status=ClaimStatus.DISMISSED, dismissal_reason="not_a_claim"
    )
    expected = {
        repeat.pk: {"reason": "duplicate", "note": ODD_TEXT, "duplicate_of": original.pk},
        other.pk: {"reason": "not_a_claim", "note": None, "duplicate_of": None},
        kept.pk: None,
    }
    for pk, dismissal in expected.items():
        response = reviewer.get(f"/api/v1/claims/{pk}/")
        assert response.status_code == 200
        assert response.json()["dismissal"] == dismissal
        assert response.content == _reference_detail(pk, users["reviewer"], desk=True)

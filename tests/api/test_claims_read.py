"""Reading claims: visibility by role, filters, cursor pages, ETags and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, ClaimStatus
from tests.api.conftest import make_claims

pytestmark = pytest.mark.django_db


def _ids(response):
    return [c["id"] for c in response.json()["results"]]


def test_anonymous_callers_see_only_verified_claims(anonymous, claims_factory):
    hidden = claims_factory(3)
    shown = claims_factory(2, status=ClaimStatus.VERIFIED)
    response = anonymous.get("/api/v1/claims/")
    assert response.status_code == 200
    assert sorted(_ids(response)) == sorted(c.pk for c in shown)
    detail = anonymous.get(f"/api/v1/claims/{hidden[0].pk}/")
    assert detail.status_code == 404
    assert detail.json()["code"] == "not_found"


def test_public_reads_can_be_switched_off(anonymous, claims_factory, settings):
    claims_factory(1, status=ClaimStatus.VERIFIED)
    settings.FACTCHECK_API_PUBLIC_READ = False
    response = anonymous.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_reviewers_see_claims_in_every_status(reviewer, claims_factory):
    claims = claims_factory(2) + claims_factory(1, status=ClaimStatus.VERIFIED)
    assert sorted(_ids(reviewer.get("/api/v1/claims/"))) == sorted(c.pk for c in claims)


def test_a_logged_in_user_without_a_role_reads_like_the_public(outsider, claims_factory):
    claims_factory(2)
    verified = claims_factory(1, status=ClaimStatus.VERIFIED)
    assert _ids(outsider.get("/api/v1/claims/")) == [verified[0].pk]


def test_the_list_filters_by_article_status_score_and_words(reviewer, claims_factory):
    first = claims_factory(5)
    claims_factory(3)
    by_article = reviewer.get("/api/v1/claims/", {"article": first[0].article_id})
    assert sorted(_ids(by_article)) == sorted(c.pk for c in first)
    Claim.objects.filter(pk=first[0].pk).update(status=ClaimStatus.IN_REVIEW)
    in_review = reviewer.get("/api/v1/claims/", {"status": "in_review,proposed"})
    assert _ids(in_review) == [first[0].pk]
    high = reviewer.get("/api/v1/claims/", {"min_score": 0.65})
    assert all(c["score"] >= 0.65 for c in high.json()["results"])
    assert len(high.json()["results"]) >= 1
    odesa = reviewer.get("/api/v1/claims/", {"q": "11 drones"})
    assert [c["text"] for c in odesa.json()["results"]] == ["11 drones", "11 drones"]


def test_the_list_filters_by_speaker_assignee_and_update_time(reviewer, users, claims_factory):
    claims = claims_factory(4)
    Claim.objects.filter(pk=claims[0].pk).update(speaker="Antony Blinken", kind="quote")
    Claim.objects.filter(pk=claims[1].pk).update(assignee=users["reviewer"])
    speaker = reviewer.get("/api/v1/claims/", {"speaker": "antony blinken"})
    assert _ids(speaker) == [claims[0].pk]
    mine = reviewer.get("/api/v1/claims/", {"assignee": "me"})
    assert _ids(mine) == [claims[1].pk]
    assert mine.json()["results"][0]["assignee"] == "reviewer"
    unassigned = reviewer.get("/api/v1/claims/", {"assignee": "none", "kind": "quote"})
    assert _ids(unassigned) == [claims[0].pk]
    later = reviewer.get("/api/v1/claims/", {"updated_since": "2999-01-01T00:00:00Z"})
    assert _ids(later) == []


def test_unknown_filter_values_are_refused_with_field_errors(reviewer):
    response = reviewer.get("/api/v1/claims/", {"status": "approved", "min_score": "lots"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] in {"invalid_choice", "invalid"}
    assert set(body["fields"]) == {"status", "min_score"}


def test_cursor_pages_walk_every_claim_once_in_score_order(reviewer, claims_factory):
    claims = claims_factory(23)
    seen, url = [], "/api/v1/claims/?page_size=5"
    while url:
        page = reviewer.get(url).json()
        seen.extend((c["score"], c["id"]) for c in page["results"])
        url = page["next"]
    assert sorted(i for _, i in seen) == sorted(c.pk for c in claims)
    assert seen == sorted(seen, key=lambda s: (-s[0], -s[1]))


def test_a_cursor_from_another_ordering_or_forged_is_refused(reviewer, claims_factory):
    claims_factory(3)
    page = reviewer.get("/api/v1/claims/?page_size=1").json()
    cursor = page["next"].split("cursor=")[1].split("&")[0]
    other = reviewer.get(f"/api/v1/claims/?page_size=1&ordering=id&cursor={cursor}")
    assert other.status_code == 400
    assert other.json()["code"] == "invalid_cursor"
    forged = reviewer.get("/api/v1/claims/?cursor=bm9wZQ")
    assert forged.status_code == 400


def test_query_count_stays_the_same_as_pages_grow(reviewer, claims_factory):
    claims_factory(60)
    reviewer.get("/api/v1/claims/?page_size=1")  # the token is looked up, then remembered
    counts = []
    for size in (5, 60):
        with CaptureQueriesContext(connection) as queries:
            response = reviewer.get(f"/api/v1/claims/?page_size={size}")
        assert len(response.json()["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_detail_has_span_sentence_fields_sources_history_and_version(reviewer, claims_factory):
    claim = claims_factory(3)[1]
    response = reviewer.get(f"/api/v1/claims/{claim.pk}/")
    body = response.json()
    assert response.status_code == 200
    assert body["span"] == {"start": claim.start, "end": claim.end}
    assert body["text"] == "11 drones"
    assert (
        body["sentence"]["text"] == "Officials said 11 drones were shot down over Odesa on Monday."
    )
    assert body["value_min"] == 11 and body["qualifier"] == "exact"
    assert body["verdict"] is None
    assert body["sources"] == []
    assert body["history"][0]["change"] == "created"
    assert body["version"] == claim.version
    assert body["article"]["id"] == claim.article_id


def test_an_unchanged_claim_answers_304_to_its_etag_and_200_after_a_change(
    reviewer, claims_factory
):
    claim = claims_factory(1)[0]
    first = reviewer.get(f"/api/v1/claims/{claim.pk}/")
    etag = first["ETag"]
    again = reviewer.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    claim.location = "Kyiv"
    claim.save()
    changed = reviewer.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert changed.json()["location"] == "Kyiv"


def test_the_public_and_the_desk_get_different_etags(anonymous, reviewer, claims_factory):
    claim = claims_factory(1, status=ClaimStatus.VERIFIED)[0]
    public = anonymous.get(f"/api/v1/claims/{claim.pk}/")
    desk = reviewer.get(f"/api/v1/claims/{claim.pk}/")
    assert public["ETag"] != desk["ETag"]
    assert (
        reviewer.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=public["ETag"]).status_code
        == 200
    )


def test_the_detail_costs_the_same_queries_with_many_sources(reviewer, users, claims_factory):
    few, many = claims_factory(2)
    for i in range(12):
        many.sources.create(url=f"https://example.org/{i}", stance="supports")
    reviewer.get(f"/api/v1/claims/{few.pk}/")  # the token is looked up, then remembered
    counts = []
    for claim in (few, many):
        with CaptureQueriesContext(connection) as queries:
            reviewer.get(f"/api/v1/claims/{claim.pk}/")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_helpers_build_claims_whose_text_matches_the_article(db):
    claim = make_claims(2)[1]
    assert claim.article.text[claim.start : claim.end] == claim.text


def test_filtering_by_an_unknown_assignee_finds_nothing(reviewer, claims_factory):
    claims_factory(2)
    response = reviewer.get("/api/v1/claims/", {"assignee": "nobody-by-that-name"})
    assert response.status_code == 200
    assert response.json()["results"] == []

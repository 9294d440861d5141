"""Lookup by free text: matching claims best first, figures compared as intervals."""

import pytest

from claims.api.lookup import Interval, query_figures, word_similarity
from claims.models import Claim, ClaimStatus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "interval"),
    [
        ("21 drones were shot down", Interval(21, 21)),
        ("more than 20 drones", Interval(21, None)),
        ("at least 7 people killed", Interval(7, None)),
        ("fewer than 10 missiles", Interval(None, 9)),
        ("between 20 and 30 shells", Interval(20, 30)),
        ("1.5 million people evacuated", Interval(1.5e6, 1.5e6)),
        ("up to 1,200 troops", Interval(None, 1200)),
        # As the extraction pipeline reads figures in articles:
        ("three dozen missiles intercepted", Interval(36, 36)),
        ("almost 800 people fled", Interval(None, 799)),
        ("about 1.5 million refugees", Interval(1_350_000, 1_650_000)),
        ("On 3 March, 120 drones were launched", Interval(120, 120)),
        # A query that is only a number or a range is read as it is.
        ("120", Interval(120, 120)),
        ("20-30", Interval(20, 30)),
    ],
)
def test_figures_in_a_query_become_intervals(text, interval):
    assert query_figures(text) == [interval]


@pytest.mark.parametrize(
    "text", ["In 2024 more drones flew", "F-16 jets arrived", "the G7 summit", "drones over Kyiv"]
)
def test_years_names_with_digits_and_words_alone_are_not_figures(text):
    assert query_figures(text) == []


def test_overlapping_intervals_agree_and_disjoint_ones_conflict():
    assert Interval(21, None).overlaps(Interval(21, 21))
    assert not Interval(16, 16).overlaps(Interval(18, 18))


def test_word_similarity_is_high_for_a_query_inside_the_text():
    assert word_similarity("11 drones", "Officials said 11 drones were shot down") == 1.0
    assert word_similarity("tanks in Kherson", "11 drones") < 0.3


def test_lookup_finds_verified_claims_best_first_with_their_verdict(anonymous, claims_factory):
    claims = claims_factory(5, status=ClaimStatus.VERIFIED)
    response = anonymous.get("/api/v1/claims/lookup/", {"text": "12 drones"})
    assert response.status_code == 200
    body = response.json()
    assert body["query"]["figures"] == [{"min": 12.0, "max": 12.0}]
    results = body["results"]
    assert results[0]["id"] == claims[2].pk
    assert results[0]["match"]["numbers"] == "agree"
    assert results[0]["status"] == "verified"
    assert "verdict" in results[0]
    others = [r for r in results[1:] if r["match"]["numbers"] == "conflict"]
    assert others, "claims about other drone counts are shown as conflicting"
    assert all(r["match"]["similarity"] <= results[0]["match"]["similarity"] for r in results)


def test_a_year_in_the_query_is_not_taken_for_a_conflicting_figure(anonymous, claims_factory):
    claims_factory(3, status=ClaimStatus.VERIFIED)
    body = anonymous.get("/api/v1/claims/lookup/", {"text": "drones in 2024"}).json()
    assert body["query"]["figures"] == []
    assert body["results"], "the claims about drones are found by their words"
    assert {r["match"]["numbers"] for r in body["results"]} == {"none"}


def test_lookup_hides_unverified_claims_from_the_public(anonymous, reviewer, claims_factory):
    claims_factory(3)
    assert anonymous.get("/api/v1/claims/lookup/", {"text": "11 drones"}).json()["results"] == []
    desk = reviewer.get("/api/v1/claims/lookup/", {"text": "11 drones"}).json()["results"]
    assert desk and desk[0]["text"] == "11 drones"


def test_lookup_matches_quotes_by_their_words(reviewer, claims_factory):
    claim = claims_factory(1)[0]
    Claim.objects.filter(pk=claim.pk).update(kind="quote", quote="We will rebuild every house")
    results = reviewer.get("/api/v1/claims/lookup/", {"text": "rebuild every house"}).json()
    assert [r["id"] for r in results["results"]] == [claim.pk]
    assert results["results"][0]["match"]["numbers"] == "none"


def test_lookup_needs_text(anonymous):
    response = anonymous.get("/api/v1/claims/lookup/")
    assert response.status_code == 400
    assert "text" in response.json()["fields"]

"""A release records its members, and its datasheet lists what changed since the last one."""

import pytest
from django.core.exceptions import ValidationError

from claims.models import ReleaseItem, Verdict
from claims.services import workflow
from tests.releases.factories import RELEASED, at, review

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_release_records_each_claim_with_the_verdict_it_was_released_with(claims, publish):
    release, _ = publish()
    items = {
        i.claim_id: (i.verdict_id, i.rating) for i in ReleaseItem.objects.filter(release=release)
    }
    expected = {
        claims[name].pk: tuple(
            Verdict.objects.filter(claim=claims[name], is_current=True).values_list("pk", "rating")[
                0
            ]
        )
        for name in RELEASED
    }
    assert items == expected


def test_the_datasheet_lists_claims_added_removed_and_given_a_new_verdict(claims, people, publish):
    publish("1.0.0")
    workflow.claim_reopen(
        claim_id=claims["cafe"].pk, user=people["editor"], version=claims["cafe"].version,
        reason="The café reopened; the count is in doubt.",
    )  # fmt: skip
    review(claims["killed"], people, "mostly_false", approved_at=at(10),
           sources=[("https://hospital.example/list", "refutes", {})])  # fmt: skip
    unapproved = claims["unapproved"]
    workflow.claim_reject(
        claim_id=unapproved.pk, user=people["editor"], version=unapproved.version,
        comment="Find the coastguard's statement.",
    )  # fmt: skip
    review(unapproved, people, "true", approved_at=at(11),
           sources=[("https://coastguard.example/aurora", "supports", {})])  # fmt: skip
    release, folder = publish("1.1.0")
    sheet = (folder / "DATASHEET.md").read_text()
    assert "## Changes since 1.0.0" in sheet
    assert "- Added: 1 claim(s)" in sheet and f"Added claim ids: {unapproved.pk}" in sheet
    assert "- Removed: 1 claim(s)" in sheet and f"Removed claim ids: {claims['cafe'].pk}" in sheet
    assert "- Verdict changed: 1 claim(s)" in sheet
    assert f"- claim {claims['killed'].pk}: false → mostly_false" in sheet
    assert release.claim_count == len(RELEASED)
    assert release.counts["rating"]["mostly_false"] == 1


def test_an_unchanged_release_reports_no_changes(claims, publish):
    publish("1.0.0")
    _, folder = publish("1.0.1")
    sheet = (folder / "DATASHEET.md").read_text()
    assert "- Added: 0 claim(s)" in sheet and "- Removed: 0 claim(s)" in sheet
    assert "- Verdict changed: 0 claim(s)" in sheet


def test_a_published_release_cannot_be_changed(claims, publish):
    release, _ = publish()
    release.version = "9.9.9"
    with pytest.raises(ValidationError) as refused:
        release.save()
    assert refused.value.code == "immutable"


def test_membership_rows_copied_in_keep_ratings_with_awkward_characters(db):
    from django.db import connection

    from claims.releases.postgres import MEMBERS_COPY
    from claims.releases.workers import tally_rows

    ratings = ["plain", "tab\there", "back\\slash", "new\nline", "carriage\rreturn", "\\N"]
    # Each row: the claim id, then the member columns (verdict, rating, kind, outlet, time),
    # at the positions given.
    rows = [(100 + k, 500 + k, rating, "count", "", at(k + 1)) for k, rating in enumerate(ratings)]
    tally, members = tally_rows(987, rows, (1, 2, 3, 4, 5), {100: [("a",), ("b",)]})
    with connection.cursor() as cursor, cursor.copy(MEMBERS_COPY) as copy:
        copy.write(members)
    stored = ReleaseItem.objects.filter(release_id=987).order_by("claim_id")
    assert [(i.claim_id, i.verdict_id, i.rating) for i in stored] == [
        (100 + k, 500 + k, rating) for k, rating in enumerate(ratings)
    ]
    assert (tally.claims, tally.sources, tally.latest) == (6, 2, at(6))
    assert tally.kinds == {"count": 6} and tally.outlets == {"": 6}

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

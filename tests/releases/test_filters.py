"""Which claims a release takes, and which versions and filters it refuses."""

import json

import pytest

from claims.models import DatasetRelease, ReleaseStatus
from claims.releases.services import release_create
from claims.services.errors import Conflict, Invalid
from tests.releases import checks

pytestmark = pytest.mark.django_db(transaction=True)


def _released(folder) -> set[int]:
    return {json.loads(line)["claim_id"] for line in (folder / "claims.jsonl").open()}


def _ids(claims, *names) -> set[int]:
    return {claims[name].pk for name in names}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kinds": ["count"]}, ("launched", "shot_down", "passengers")),
        ({"kinds": ["quote", "casualty"]}, ("quote", "killed")),
        ({"ratings": ["true"]}, ("launched", "quote")),
        ({"outlets": ["Daily Ledger"]}, ("passengers", "hull", "cafe")),
        ({"languages": ["fr"]}, ("passengers", "hull", "cafe")),
        (
            {"approved_from": "2024-03-03", "approved_to": "2024-03-05"},
            ("killed", "evacuated", "quote"),
        ),
        ({"approved_to": "2024-03-01"}, ("launched",)),
        ({"kinds": ["numeric"], "languages": ["en"]}, ("evacuated",)),
    ],
)  # fmt: skip
def test_filters_choose_the_released_claims(claims, publish, filters, expected):
    release, folder = publish("1.0.0", **filters)
    assert _released(folder) == _ids(claims, *expected)
    assert release.claim_count == len(expected)
    assert release.filters == {
        k: sorted(v) if isinstance(v, list) else v for k, v in filters.items()
    }
    assert checks.package_problems(folder) == []
    sources = {int(r["claim_id"]) for r in checks.csv_rows(folder / "sources.csv")[1]}
    assert sources <= _released(folder)


def test_the_datasheet_states_the_filters(claims, publish):
    _, folder = publish("1.0.0", kinds=["count"], outlets=["Daily Ledger"])
    sheet = (folder / "DATASHEET.md").read_text()
    assert "- kinds: count" in sheet and "- outlets: Daily Ledger" in sheet


def test_a_filter_matching_nothing_gives_an_empty_but_sound_release(claims, publish):
    release, folder = publish("1.0.0", outlets=["Nobody Times"])
    assert release.claim_count == 0
    assert (folder / "claims.jsonl").read_bytes() == b""
    assert json.loads((folder / "claimreview-feed.json").read_text())["dataFeedElement"] == []
    assert checks.package_problems(folder) == []


@pytest.mark.parametrize(
    ("filters", "field", "fragment"),
    [
        ({"kinds": ["rumour"]}, "kinds", "rumour"),
        ({"ratings": ["pants_on_fire"]}, "ratings", "pants_on_fire"),
        ({"approved_from": "March 3"}, "approved_from", "YYYY-MM-DD"),
        ({"approved_from": "2024-03-05", "approved_to": "2024-03-01"}, "approved_to", "before"),
        ({"outlets": [3]}, "outlets", "list of strings"),
        ({"colour": "red"}, "colour", "Unknown filter"),
    ],
)
def test_bad_filters_are_refused_field_by_field(people, filters, field, fragment):
    with pytest.raises(Invalid) as refused:
        release_create(version="1.0.0", filters=filters, enqueue=False)
    assert refused.value.code == "invalid_filters"
    assert fragment in " ".join(refused.value.fields[field])
    assert not DatasetRelease.objects.exists()


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "1.0.0-beta", "01.0.0", "", "1.0.0.0"])
def test_versions_must_be_major_minor_patch(people, version):
    with pytest.raises(Invalid) as refused:
        release_create(version=version, enqueue=False)
    assert refused.value.code == "invalid_version"
    assert "version" in refused.value.fields


def test_a_version_is_taken_once_and_must_be_newer_than_the_last(people):
    release_create(version="1.2.0", enqueue=False)
    with pytest.raises(Conflict) as taken:
        release_create(version="1.2.0", enqueue=False)
    assert taken.value.code == "version_taken"
    with pytest.raises(Conflict) as older:
        release_create(version="1.1.9", enqueue=False)
    assert older.value.code == "version_not_newer"
    assert release_create(version="1.10.0", enqueue=False).version_key == (1, 10, 0)


def test_the_version_of_a_failed_release_can_be_used_again(people):
    failed = release_create(version="2.0.0", enqueue=False)
    DatasetRelease.objects.filter(pk=failed.pk).update(status=ReleaseStatus.FAILED)
    again = release_create(version="2.0.0", enqueue=False)
    assert again.pk != failed.pk and again.status == ReleaseStatus.PENDING

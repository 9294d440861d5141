"""POST /api/v1/releases/ and GET /api/v1/releases/{id}/: who may, and what they get."""

import hashlib

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import DatasetRelease
from claims.releases.services import release_create

pytestmark = pytest.mark.django_db(transaction=True)

LIST = "/api/v1/releases/"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_editor_starts_a_release_and_downloads_its_files(claims, people, release_root):
    editor = client_for(people["editor"])
    created = editor.post(
        LIST, {"version": "1.0.0", "filters": {"kinds": ["count"]}}, format="json"
    )
    assert created.status_code == 202, created.json()
    assert created["Location"].endswith(f"/api/v1/releases/{created.json()['id']}/")
    detail = editor.get(created["Location"]).json()
    assert detail["status"] == "published" and detail["progress"] == 100
    assert detail["filters"] == {"kinds": ["count"]}
    assert detail["claim_count"] == 3
    names = [f["name"] for f in detail["files"]]
    assert names == sorted(names) and "datapackage.json" in names and len(names) == 8
    for entry in detail["files"]:
        assert set(entry) == {"name", "bytes", "sha256", "url"}
        download = client_for().get(entry["url"])
        assert download.status_code == 200
        data = _body(download)
        assert len(data) == entry["bytes"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]


def test_admins_may_create_releases(claims, people, release_root):
    response = client_for(people["admin"]).post(LIST, {"version": "0.1.0"}, format="json")
    assert response.status_code == 202
    assert DatasetRelease.objects.get().created_by == people["admin"]


def test_reviewers_may_not_create_releases(people):
    response = client_for(people["reviewer"]).post(LIST, {"version": "1.0.0"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert response.json()["message"]
    assert not DatasetRelease.objects.exists()


def test_anonymous_users_may_not_create_releases(people):
    response = client_for().post(LIST, {"version": "1.0.0"}, format="json")
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"
    assert not DatasetRelease.objects.exists()


@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        ({}, "invalid", "version"),
        ({"version": "one"}, "invalid_version", "version"),
        ({"version": "1.0.0", "filters": {"kinds": ["rumour"]}}, "invalid_filters", "kinds"),
        ({"version": "1.0.0", "filters": ["kinds"]}, "invalid", "filters"),
    ],
)
def test_bad_requests_get_a_code_a_message_and_the_fields_at_fault(people, payload, code, field):
    response = client_for(people["editor"]).post(LIST, payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == code and body["message"]
    assert field in body["fields"]
    assert not DatasetRelease.objects.exists()


def test_a_version_already_released_is_a_conflict(people):
    release_create(version="1.0.0", enqueue=False)
    response = client_for(people["editor"]).post(LIST, {"version": "1.0.0"}, format="json")
    assert response.status_code == 409
    assert response.json() == {"code": "version_taken", "message": "Release 1.0.0 already exists."}


def test_unfinished_releases_are_shown_to_editors_only(people):
    pending = release_create(version="1.0.0", enqueue=False)
    url = reverse("releases:detail", args=[pending.pk])
    assert client_for().get(url).status_code == 404
    assert client_for(people["reviewer"]).get(url).status_code == 404
    detail = client_for(people["editor"]).get(url).json()
    assert detail["status"] == "pending" and detail["progress"] == 0 and detail["files"] == []
    assert client_for().get(LIST).json() == []
    assert [r["version"] for r in client_for(people["editor"]).get(LIST).json()] == ["1.0.0"]


def test_files_of_unpublished_releases_or_unknown_names_are_not_found(claims, people, publish):
    pending = release_create(version="0.9.0", enqueue=False)
    assert (
        client_for().get(reverse("releases:file", args=[pending.pk, "claims.csv"])).status_code
        == 404
    )
    release, _ = publish("1.0.0")
    missing = client_for().get(reverse("releases:file", args=[release.pk, "secrets.txt"]))
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_the_list_shows_published_releases_newest_version_first(claims, publish):
    publish("1.2.0")
    publish("1.10.0")
    versions = [r["version"] for r in client_for().get(LIST).json()]
    assert versions == ["1.10.0", "1.2.0"]

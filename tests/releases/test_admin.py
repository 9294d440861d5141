"""The releases admin: a form to start a release, its progress, files and retries."""

import pytest
from django.urls import reverse

from claims.models import DatasetRelease, ReleaseStatus
from claims.releases.services import _take as take
from claims.releases.services import release_create, release_progress

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor_client(client, people):
    client.force_login(people["editor"])
    return client


def test_an_editor_creates_a_release_from_the_admin_form(claims, editor_client, release_root):
    page = editor_client.get(reverse("admin:claims_datasetrelease_add"))
    assert page.status_code == 200 and b"approved_from" in page.content
    response = editor_client.post(
        reverse("admin:claims_datasetrelease_add"),
        {"version": "1.0.0", "kinds": ["count"], "outlets": "Global Happenings"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    release = DatasetRelease.objects.get()
    assert release.filters == {"kinds": ["count"], "outlets": ["Global Happenings"]}
    assert release.status == ReleaseStatus.PUBLISHED and release.claim_count == 2
    detail = editor_client.get(reverse("admin:claims_datasetrelease_change", args=[release.pk]))
    html = detail.content.decode()
    assert '<progress value="100" max="100"></progress> 100%' in html
    for entry in release.files:
        assert reverse("releases:file", args=[release.pk, entry["name"]]) in html
        assert entry["sha256"] in html


def test_the_admin_form_shows_the_service_refusals(claims, editor_client):
    release_create(version="2.0.0", enqueue=False)
    response = editor_client.post(reverse("admin:claims_datasetrelease_add"), {"version": "1.0.0"})
    assert response.status_code == 200
    assert "Release 2.0.0 is newer" in response.content.decode()
    response = editor_client.post(
        reverse("admin:claims_datasetrelease_add"), {"version": "2.1", "kinds": ["count"]}
    )
    assert "MAJOR.MINOR.PATCH" in response.content.decode()
    assert DatasetRelease.objects.count() == 1


def test_the_list_shows_the_progress_of_a_running_release(people, editor_client):
    release = release_create(version="1.0.0", enqueue=False)
    assert take(release.pk)
    release_progress(release_id=release.pk, percent=42)
    html = editor_client.get(reverse("admin:claims_datasetrelease_changelist")).content.decode()
    assert '<progress value="42" max="100"></progress> 42%' in html
    assert "Running" in html


def test_reviewers_see_releases_but_cannot_start_one(claims, client, people):
    client.force_login(people["reviewer"])
    assert client.get(reverse("admin:claims_datasetrelease_changelist")).status_code == 200
    assert client.get(reverse("admin:claims_datasetrelease_add")).status_code == 403


def test_failed_releases_are_retried_by_an_action_and_published_ones_never_deleted(
    claims, editor_client, people, release_root, client
):
    failed = release_create(version="1.0.0", enqueue=False)
    DatasetRelease.objects.filter(pk=failed.pk).update(status=ReleaseStatus.FAILED)
    response = editor_client.post(
        reverse("admin:claims_datasetrelease_changelist"),
        {"action": "retry", "_selected_action": [failed.pk]},
        follow=True,
    )
    assert "1.0.0: started again." in response.content.decode()
    published = DatasetRelease.objects.get(status=ReleaseStatus.PUBLISHED)
    assert published.version == "1.0.0"
    client.force_login(people["admin"])
    delete = reverse("admin:claims_datasetrelease_delete", args=[published.pk])
    assert client.get(delete).status_code == 403
    assert (
        client.get(reverse("admin:claims_datasetrelease_delete", args=[failed.pk])).status_code
        == 200
    )

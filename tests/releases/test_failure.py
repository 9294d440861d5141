"""A release that fails midway leaves no published release and no files."""

import tempfile
import threading
from pathlib import Path

import psycopg
import pytest
from django.core.files.storage import storages
from django.db import connection

from claims.models import DatasetRelease, ReleaseItem, ReleaseStatus
from claims.releases.services import release_build, release_create
from tests.releases import checks
from tests.support.processes import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bucket(settings):
    """Release storage without local paths, failing on the upload of fever.jsonl."""

    def use(fail_on=None):
        settings.STORAGES = {
            **settings.STORAGES,
            "releases": {
                "BACKEND": "tests.releases.storages.FlakyStorage",
                "OPTIONS": {"fail_on": fail_on},
            },
        }
        return storages["releases"]

    return use


def _local_staging() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("release-*")}


def test_an_upload_failing_halfway_leaves_no_release_and_no_files(claims, bucket):
    storage = bucket(fail_on="fever.jsonl")
    before = _local_staging()
    release = release_build(release_id=release_create(version="1.0.0", enqueue=False).pk)
    assert release.status == ReleaseStatus.FAILED
    assert "OSError: connection reset while uploading 1.0.0/fever.jsonl" in release.error
    assert release.files == [] and release.published_at is None
    assert storage.saved, "some files were uploaded before the failure"
    assert storage.listdir("")[1] == [] and not any(storage.exists(n) for n in storage.saved)
    assert not ReleaseItem.objects.filter(release=release).exists()
    assert _local_staging() == before


def test_a_failed_version_is_built_again_and_then_served_from_the_bucket(claims, bucket, people):
    bucket(fail_on="fever.jsonl")
    failed = release_build(release_id=release_create(version="1.0.0", enqueue=False).pk)
    assert failed.status == ReleaseStatus.FAILED
    storage = bucket()
    release = release_build(release_id=release_create(version="1.0.0", enqueue=False).pk)
    assert release.status == ReleaseStatus.PUBLISHED, release.error
    assert sorted(storage.listdir("1.0.0")[1]) == sorted(f["name"] for f in release.files)
    with storage.open("1.0.0/claims.jsonl") as handle:
        assert len(handle.read()) == release.file("claims.jsonl")["bytes"]


def _stream_backends():
    """The rendering workers' connections, waiting to read their claims' sentences (the
    only SELECTs waiting for a lock; their text is too long to show the table)."""
    rows = connection.cursor()
    rows.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND query LIKE 'SELECT%%' AND wait_event_type = 'Lock'"
    )
    return [pid for (pid,) in rows.fetchall()]


def test_a_database_failure_while_streaming_leaves_no_release_and_no_files(claims, release_root):
    release = release_create(version="1.0.0", enqueue=False)
    params = connection.get_connection_params()
    with psycopg.connect(**params) as blocker:
        # The workers read sentences, the membership and counts do not: the build gets as
        # far as opening every file, then its workers wait (one for so few claims), and
        # are cut off.
        blocker.execute("LOCK TABLE claims_sentence IN ACCESS EXCLUSIVE MODE")

        def build():
            try:
                release_build(release_id=release.pk)
            finally:
                connection.close()

        thread = threading.Thread(target=build)
        thread.start()
        stuck = wait_for(_stream_backends, timeout=60)
        staged = {p.name for p in release_root.glob("_staging/*/*")}
        assert {"claims.csv", "claims.jsonl", "claimreview-feed.json"} <= staged
        with connection.cursor() as cursor:
            for pid in stuck:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        blocker.rollback()
    thread.join(timeout=60)
    release.refresh_from_db()
    assert release.status == ReleaseStatus.FAILED
    assert "terminat" in release.error
    assert [p for p in release_root.rglob("*") if p.is_file()] == []
    assert not (release_root / "1.0.0").exists()
    assert not ReleaseItem.objects.filter(release=release).exists()
    assert DatasetRelease.objects.filter(status=ReleaseStatus.PUBLISHED).count() == 0


def test_after_a_failure_the_same_version_publishes_a_sound_release(claims, release_root, publish):
    failed = release_create(version="1.0.0", enqueue=False)
    DatasetRelease.objects.filter(pk=failed.pk).update(status=ReleaseStatus.FAILED, error="x")
    release, folder = publish("1.0.0")
    assert checks.package_problems(folder) == []
    assert release.pk != failed.pk

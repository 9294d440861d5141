"""The release task on a real Celery worker process, as deployments run it."""

import json

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from claims.models import DatasetRelease, ReleaseItem, ReleaseStatus
from claims.releases.services import release_create
from claims.releases.verify import verify_directory
from factcheck.celery import app as celery_app
from tests.conftest import ARTIFACTS
from tests.support.processes import Worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _status(pk):
    return DatasetRelease.objects.values_list("status", flat=True).get(pk=pk)


def test_a_worker_process_builds_and_publishes_a_release(claims, people, tmp_path, request):
    storage = tmp_path / "storage"
    worker = Worker(
        redis_url=settings.CELERY_BROKER_URL,
        log=ARTIFACTS / "workers" / f"{request.node.name}.log",
        RELEASES_STORAGE_OPTIONS=json.dumps({"location": str(storage)}),
    )
    worker.start()
    celery_app.conf.task_always_eager = False
    try:
        release = release_create(version="1.0.0", user=people["editor"])
        assert _status(release.pk) in (ReleaseStatus.PENDING, ReleaseStatus.RUNNING)
        wait_for(
            lambda: _status(release.pk) in (ReleaseStatus.PUBLISHED, ReleaseStatus.FAILED),
            timeout=120,
            what="the worker to build the release",
        )
    finally:
        worker.stop()
    release.refresh_from_db()
    assert release.status == ReleaseStatus.PUBLISHED, release.error
    assert release.progress == 100 and release.started_at <= release.published_at
    assert "claims.releases.tasks.build_release" in worker.output()
    assert sorted(p.name for p in (storage / "1.0.0").iterdir()) == [
        f["name"] for f in release.files
    ]
    assert verify_directory(storage / "1.0.0") == []
    assert not any((storage / "_staging").iterdir())


def test_a_release_running_past_its_time_limit_is_stopped_and_leaves_nothing(
    claims, people, tmp_path, request
):
    storage = tmp_path / "storage"
    worker = Worker(
        redis_url=settings.CELERY_BROKER_URL,
        log=ARTIFACTS / "workers" / f"{request.node.name}.log",
        RELEASES_STORAGE_OPTIONS=json.dumps({"location": str(storage)}),
        FACTCHECK_RELEASE_TIME_LIMIT="3",
    )
    worker.start()
    celery_app.conf.task_always_eager = False
    try:
        with psycopg.connect(**connection.get_connection_params()) as blocker:
            # Held until the limit strikes: the streams wait for it and never finish.
            blocker.execute("LOCK TABLE claims_sentence IN ACCESS EXCLUSIVE MODE")
            release = release_create(version="1.0.0", user=people["editor"])
            wait_for(lambda: _status(release.pk) == ReleaseStatus.FAILED, timeout=120)
            blocker.rollback()
    finally:
        worker.stop()
    release.refresh_from_db()
    assert "longer than FACTCHECK_RELEASE_TIME_LIMIT (3 s)" in release.error
    assert [p for p in storage.rglob("*") if p.is_file()] == []
    assert not ReleaseItem.objects.filter(release=release).exists()

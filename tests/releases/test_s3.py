"""Releases on an S3-compatible object store, chosen by settings alone.

A real S3 server (moto's standalone server, speaking the S3 HTTP protocol) runs on
loopback; the project reaches it through django-storages' S3 backend, configured only
by the two environment variables a deployment would set.
"""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.conf import settings

from claims.models import DatasetRelease, ReleaseStatus
from tests.releases import checks
from tests.support.processes import free_port, manage, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

BUCKET = "factcheck-releases"
CREDENTIALS = {"access_key": "release-test-key", "secret_key": "release-test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    port = free_port()
    server_command = Path(sys.executable).with_name("moto_server")
    log = tmp_path_factory.mktemp("s3") / "server.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(server_command), "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _answers(endpoint), timeout=30, what="the S3 server")
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def _answers(endpoint: str) -> bool:
    try:
        _client(endpoint).list_buckets()
    except Exception:
        return False
    return True


def _client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    )


@pytest.fixture
def bucket(s3_endpoint):
    s3 = _client(s3_endpoint)
    s3.create_bucket(Bucket=BUCKET)
    yield s3
    for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3.delete_bucket(Bucket=BUCKET)


def _storage_env(endpoint: str) -> dict[str, str]:
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": endpoint,
        "region_name": "us-east-1",
        **CREDENTIALS,
    }
    return {
        "RELEASES_STORAGE_BACKEND": "storages.backends.s3.S3Storage",
        "RELEASES_STORAGE_OPTIONS": json.dumps(options),
    }


def _objects(s3) -> dict[str, bytes]:
    listed = s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {o["Key"]: s3.get_object(Bucket=BUCKET, Key=o["Key"])["Body"].read() for o in listed}


def test_a_release_configured_by_environment_alone_lands_in_the_bucket(
    claims, bucket, s3_endpoint, tmp_path
):
    out = tmp_path / "out"
    created = manage(
        "release", "create", "--version", "1.0.0", "--out", str(out),
        redis_url=settings.CELERY_BROKER_URL, **_storage_env(s3_endpoint),
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    release = DatasetRelease.objects.get()
    assert release.status == ReleaseStatus.PUBLISHED

    stored = _objects(bucket)
    assert sorted(stored) == sorted(f"1.0.0/{f['name']}" for f in release.files)
    for record in release.files:
        data = stored[f"1.0.0/{record['name']}"]
        assert len(data) == record["bytes"]
        assert hashlib.sha256(data).hexdigest() == record["sha256"]
        # --out copies the files back from the bucket, byte for byte.
        assert (out / record["name"]).read_bytes() == data
    assert checks.package_problems(out) == []
    assert not any(key.startswith("_staging") for key in stored)


def test_release_files_are_downloaded_from_the_bucket_through_the_api(
    claims, bucket, s3_endpoint, settings, client
):
    options = json.loads(_storage_env(s3_endpoint)["RELEASES_STORAGE_OPTIONS"])
    settings.STORAGES = {
        **settings.STORAGES,
        "releases": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    from claims.releases.services import release_build, release_create

    release = release_build(release_id=release_create(version="2.0.0", enqueue=False).pk)
    assert release.status == ReleaseStatus.PUBLISHED, release.error

    record = release.file("claims.jsonl")
    response = client.get(f"/api/v1/releases/{release.pk}/files/claims.jsonl")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == record["sha256"]
    assert body == bucket.get_object(Bucket=BUCKET, Key="2.0.0/claims.jsonl")["Body"].read()


def test_an_unreachable_bucket_fails_the_release_and_publishes_nothing(
    claims, s3_endpoint, settings
):
    """No bucket of that name: every upload is refused, nothing is published."""
    options = {**json.loads(_storage_env(s3_endpoint)["RELEASES_STORAGE_OPTIONS"])}
    options["bucket_name"] = "no-such-bucket"
    settings.STORAGES = {
        **settings.STORAGES,
        "releases": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    from claims.releases.services import release_build, release_create

    release = release_build(release_id=release_create(version="1.0.0", enqueue=False).pk)
    assert release.status == ReleaseStatus.FAILED
    assert "NoSuchBucket" in release.error
    assert release.files == [] and release.published_at is None

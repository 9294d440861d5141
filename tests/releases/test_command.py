"""python manage.py release create|verify, run as a user would run them."""

import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from claims.models import DatasetRelease, ReleaseStatus
from tests.releases import checks
from tests.support.processes import manage

pytestmark = pytest.mark.django_db(transaction=True)


def _manage(*args, storage):
    options = json.dumps({"location": str(storage)})
    return manage(*args, redis_url=settings.CELERY_BROKER_URL, RELEASES_STORAGE_OPTIONS=options)


def test_create_publishes_a_release_and_copies_it_out_and_verify_accepts_it(claims, tmp_path):
    out = tmp_path / "out"
    created = _manage(
        "release", "create", "--version", "1.0.0", "--out", str(out), "--kind", "count,quote",
        storage=tmp_path / "storage",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert "Release 1.0.0 published: 4 claims" in created.stdout
    release = DatasetRelease.objects.get()
    assert release.status == ReleaseStatus.PUBLISHED and release.filters == {
        "kinds": ["count", "quote"]
    }
    assert checks.package_problems(out) == []
    stored = tmp_path / "storage" / "1.0.0"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {
        p.name: p.read_bytes() for p in stored.iterdir()
    }
    verified = _manage("release", "verify", str(out), storage=tmp_path / "storage")
    assert verified.returncode == 0, verified.stderr
    assert "every file matches datapackage.json" in verified.stdout


def test_verify_exits_non_zero_when_a_single_byte_changed(claims, publish, tmp_path):
    _, folder = publish()
    data = bytearray((folder / "claims.csv").read_bytes())
    data[-3] = ord("X") if data[-3] != ord("X") else ord("Y")
    (folder / "claims.csv").write_bytes(bytes(data))
    result = _manage("release", "verify", str(folder), storage=tmp_path)
    assert result.returncode != 0
    assert "claims.csv: sha256 is" in result.stderr


def test_create_refuses_a_bad_version_or_a_folder_that_is_not_empty(people, tmp_path):
    with pytest.raises(CommandError, match=r"MAJOR\.MINOR\.PATCH"):
        call_command("release", "create", "--version", "1.0")
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("release", "create", "--version", "1.0.0", "--out", str(tmp_path))
    with pytest.raises(CommandError, match="kinds: Unknown value"):
        call_command("release", "create", "--version", "1.0.0", "--kind", "rumour")
    assert not DatasetRelease.objects.exists()


def test_create_in_the_background_leaves_the_build_to_the_workers(people, capsys, release_root):
    call_command("release", "create", "--version", "3.0.0", "--background")
    assert "handed to the workers" in capsys.readouterr().out
    assert DatasetRelease.objects.get().version == "3.0.0"

"""The same data and version give the same bytes, whichever way they are written."""

import pytest
from django.db import transaction

from claims.models import DatasetRelease, ReleaseItem, ReleaseStatus, Verdict
from claims.releases.build import release_files_write
from claims.releases.context import ReleaseContext
from claims.releases.filters import ReleaseFilters
from claims.releases.services import release_create
from tests.releases.factories import at

pytestmark = pytest.mark.django_db(transaction=True)


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _retire(release):
    """Free a published version so the same version can be built again."""
    DatasetRelease.objects.filter(pk=release.pk).update(status=ReleaseStatus.FAILED)


def test_building_the_same_data_and_version_twice_gives_byte_identical_files(claims, publish):
    first, folder = publish("1.0.0")
    before = _files(folder)
    _retire(first)
    second, folder = publish("1.0.0")
    assert second.pk != first.pk
    assert _files(folder) == before
    assert second.files == first.files


def test_the_portable_writer_produces_the_same_bytes_as_postgresql(claims, tmp_path):
    release = release_create(version="1.0.0", enqueue=False)
    ctx = ReleaseContext.current(version="1.0.0", filters=ReleaseFilters(), release_id=release.pk)
    folders = {"postgresql": tmp_path / "pg", "portable": tmp_path / "py"}
    for way, folder in folders.items():
        folder.mkdir()
        ReleaseItem.objects.filter(release=release).delete()
        with transaction.atomic():
            release_files_write(
                ctx=ctx, directory=folder, on_progress=lambda p: None, portable=way == "portable"
            )
    postgresql, portable = _files(folders["postgresql"]), _files(folders["portable"])
    assert sorted(portable) == sorted(postgresql)
    for name in postgresql:
        assert portable[name] == postgresql[name], name


def test_created_is_the_latest_approval_so_the_clock_does_not_matter(claims, publish, people):
    release, folder = publish("1.0.0")
    assert release.snapshot_at == at(8)
    assert b'"created": "2024-03-08T12:00:00Z"' in (folder / "datapackage.json").read_bytes()
    Verdict.objects.filter(claim=claims["cafe"]).update(approved_at=at(9, 6))
    _, folder = publish("1.0.1")
    assert b'"created": "2024-03-09T06:00:00Z"' in (folder / "datapackage.json").read_bytes()


def test_rows_are_sorted_by_claim_id_in_every_file(claims, publish):
    import json

    _, folder = publish("1.0.0")
    ids = [json.loads(line)["claim_id"] for line in (folder / "claims.jsonl").open()]
    assert ids == sorted(ids)
    fever = [json.loads(line)["id"] for line in (folder / "fever.jsonl").open()]
    assert fever == ids

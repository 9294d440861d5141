"""Release files in the ``releases`` storage: staged out of sight, then published at once.

Files are written to a staging folder first. On the filesystem storage (the default)
staging lives inside the storage under ``_staging/`` and
publishing is one directory rename. On any other storage (S3 and friends) staging is a
local temporary folder and publishing uploads each file; the release only becomes
visible when its row turns published, after every upload succeeded, and a failed
upload deletes what was sent.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages

STAGING = "_staging"


def release_storage() -> Storage:
    return storages["releases"]


def _local_root(storage: Storage) -> Path | None:
    """The folder of a filesystem storage; None for any other kind."""
    if isinstance(storage, FileSystemStorage):
        return Path(storage.path(""))
    return None


class Staging:
    """A private folder for one build; ``publish`` moves it to the release's location."""

    def __init__(self, storage: Storage | None = None):
        self.storage = storage or release_storage()
        root = _local_root(self.storage)
        if root is not None:
            self.directory = root / STAGING / uuid.uuid4().hex
            self.directory.mkdir(parents=True)
        else:
            self.directory = Path(tempfile.mkdtemp(prefix="release-"))
        self._root = root
        self.published: str | None = None
        self.names: list[str] = []

    def publish(self, location: str, names: list[str]) -> None:
        """Make the staged files the release's files, all or none."""
        self.names = list(names)
        if self._root is not None:
            final = self._root / location
            if final.exists():
                # Left by a build that died after its rename but before its commit.
                shutil.rmtree(final)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.directory, final)
            self.published = location
            return
        uploaded = []
        try:
            for name in names:
                key = f"{location}/{name}"
                self.storage.delete(key)
                with open(self.directory / name, "rb") as handle:
                    saved = self.storage.save(key, File(handle, name=name))
                uploaded.append(saved)
                if saved != key:
                    raise OSError(f"The storage saved {key} as {saved}.")
        except BaseException:
            for key in uploaded:
                self.storage.delete(key)
            raise
        finally:
            self.discard()
        self.published = location

    def discard(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


def release_unpublish(location: str, names: list[str], storage: Storage | None = None) -> None:
    """Remove a release's files, e.g. when its row could not be committed after all."""
    storage = storage or release_storage()
    root = _local_root(storage)
    if root is not None:
        shutil.rmtree(root / location, ignore_errors=True)
        return
    for name in names:
        storage.delete(f"{location}/{name}")


def release_open(location: str, name: str, storage: Storage | None = None):
    return (storage or release_storage()).open(f"{location}/{name}", "rb")


def release_copy_out(location: str, names: list[str], directory: Path) -> None:
    """Copy a published release's files into a local folder, e.g. for ``--out``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        with release_open(location, name) as source, open(directory / name, "wb") as target:
            shutil.copyfileobj(source, target, 1 << 20)

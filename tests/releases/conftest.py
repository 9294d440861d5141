"""Fixtures for releases: people, the awkward dataset, and a private release storage."""

import pytest

from tests.releases import factories


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db):
    return factories.users()


@pytest.fixture
def claims(people):
    return factories.dataset(people)


@pytest.fixture
def release_root(settings, tmp_path):
    """Release files go to a folder of this test's own."""
    root = tmp_path / "releases"
    settings.STORAGES = {
        **settings.STORAGES,
        "releases": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


@pytest.fixture
def publish(release_root):
    """Create and build a release through the services; return it with its folder."""
    from claims.releases.services import release_build, release_create

    def publish(version="1.0.0", **filters):
        release = release_create(version=version, filters=filters, enqueue=False)
        release = release_build(release_id=release.pk)
        assert release.status == "published", release.error
        return release, release_root / release.location

    return publish

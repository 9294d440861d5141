"""The release task: takes a release id and calls the build service."""

from celery import shared_task
from django.conf import settings

from claims.releases.services import release_build


# The build stops itself at FACTCHECK_RELEASE_TIME_LIMIT; Celery's limits are a backstop.
@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.FACTCHECK_RELEASE_TIME_LIMIT + 60,
    time_limit=settings.FACTCHECK_RELEASE_TIME_LIMIT + 120,
)
def build_release(release_id: int) -> str:
    """Build and publish one release; returns its final status."""
    return release_build(release_id=release_id).status

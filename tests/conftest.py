"""Fixtures shared by the whole suite."""

import uuid
from pathlib import Path

import pytest
from django.conf import settings

from factcheck.celery import app as celery_app
from tests.support.processes import Worker

# Each test run gets its own queue, so concurrent runs on one Redis never steal each
# other's tasks.
settings.CELERY_TASK_DEFAULT_QUEUE = f"factcheck-test-{uuid.uuid4().hex[:12]}"
celery_app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE

ARTIFACTS = Path(__file__).resolve().parent.parent / "var" / "test-artifacts"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True)
def tasks_run_in_process():
    """Fast unit tests run tasks in-process; the `worker` fixture switches this off."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def real_broker(transactional_db):
    """Tasks go through Redis instead of running in-process."""
    celery_app.conf.task_always_eager = False


@pytest.fixture
def worker(real_broker, request):
    """A real Celery worker process on the suite's Redis, consuming this run's queue."""
    log = ARTIFACTS / "workers" / f"{request.node.name}.log"
    process = Worker(redis_url=settings.CELERY_BROKER_URL, log=log).start()
    yield process
    process.stop()


@pytest.fixture
def seed_text() -> str:
    return next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")

"""Webhooks: editors manage subscriptions; real workers POST signed events, retrying failures."""

import json
from itertools import pairwise

import pytest
from django.conf import settings

from claims.api.webhooks.signing import verify
from claims.models import WebhookDelivery, WebhookSubscription
from factcheck.celery import app as celery_app
from tests.api.receivers import Receiver
from tests.api.test_workflow_writes import _transition
from tests.conftest import ARTIFACTS
from tests.support.processes import Worker, wait_for

SECRET = "a-shared-secret-of-some-length"
# The receivers are local servers: loopback must be allowed, here and in the workers.
LOOPBACK = "127.0.0.0/8"


@pytest.fixture(autouse=True)
def loopback_allowed(settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_NETWORKS = [LOOPBACK]


@pytest.fixture
def worker(real_broker, request):
    """The suite's worker, allowed to deliver to the local receivers."""
    log = ARTIFACTS / "workers" / f"{request.node.name}.log"
    process = Worker(
        redis_url=settings.CELERY_BROKER_URL,
        log=log,
        FACTCHECK_WEBHOOK_ALLOWED_NETWORKS=LOOPBACK,
    ).start()
    yield process
    process.stop()


def _subscribe(client, url, events=("claim.status_changed",), secret=SECRET):
    return client.post(
        "/api/v1/webhooks/", {"url": url, "events": list(events), "secret": secret}, format="json"
    )


@pytest.mark.django_db
def test_editors_manage_subscriptions_and_others_may_not(editor, reviewer, anonymous):
    created = _subscribe(editor, "https://consumer.example.org/hooks")
    assert created.status_code == 201, created.json()
    assert created.json()["secret"] == SECRET
    pk = created.json()["id"]
    listed = editor.get("/api/v1/webhooks/").json()["results"]
    assert [s["id"] for s in listed] == [pk]
    assert "secret" not in listed[0]
    changed = editor.patch(f"/api/v1/webhooks/{pk}/", {"is_active": False}, format="json")
    assert changed.json()["is_active"] is False
    assert _subscribe(reviewer, "https://x.example.org/").status_code == 403
    assert anonymous.get("/api/v1/webhooks/").status_code == 401
    assert editor.delete(f"/api/v1/webhooks/{pk}/").status_code == 204
    assert not WebhookSubscription.objects.exists()


@pytest.mark.django_db
def test_a_subscription_without_a_secret_gets_a_random_one(editor):
    created = editor.post(
        "/api/v1/webhooks/",
        {"url": "https://consumer.example.org/hooks", "events": ["claim.verdict_changed"]},
        format="json",
    )
    assert len(created.json()["secret"]) >= 32


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"url": "ftp://example.org/hooks", "events": ["claim.status_changed"]},
        {"url": "https://example.org/hooks", "events": ["claim.deleted"]},
        {"url": "https://example.org/hooks", "events": []},
        {"url": "https://example.org/hooks", "events": ["claim.status_changed"], "secret": "x"},
    ],
)
def test_bad_subscriptions_are_refused_with_field_errors(editor, body):
    response = editor.post("/api/v1/webhooks/", body, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_posts_a_signed_event_to_the_subscriber(worker, editor, reviewer, claims_factory):
    claim = claims_factory(1)[0]
    with Receiver() as receiver:
        _subscribe(editor, receiver.url)
        assert _transition(reviewer, claim, "start_review").status_code == 200
        wait_for(lambda: receiver.requests, timeout=30, what="the webhook POST")
        delivery = wait_for(
            lambda: WebhookDelivery.objects.filter(status="succeeded").first(),
            timeout=30,
            what="the delivery to be recorded",
        )
    headers, body = receiver.requests[0]
    assert verify(
        secret=SECRET,
        timestamp=headers["X-Factcheck-Timestamp"],
        body=body,
        signature=headers["X-Factcheck-Signature"],
    )
    assert not verify(
        secret="another-secret",
        timestamp=headers["X-Factcheck-Timestamp"],
        body=body,
        signature=headers["X-Factcheck-Signature"],
    )
    event = json.loads(body)
    assert event["type"] == headers["X-Factcheck-Event"] == "claim.status_changed"
    assert (event["claim"], event["previous_status"], event["status"]) == (
        claim.pk,
        "new",
        "in_review",
    )
    assert headers["X-Factcheck-Delivery"] == str(delivery.pk)
    assert delivery.attempts == 1
    assert list(delivery.log.values_list("status_code", flat=True)) == [200]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_failed_delivery_is_retried_with_backoff_and_every_attempt_logged(
    request, editor, reviewer, claims_factory
):
    celery_app.conf.task_always_eager = False
    log = ARTIFACTS / "workers" / f"{request.node.name}.log"
    worker = Worker(
        redis_url=settings.CELERY_BROKER_URL,
        log=log,
        FACTCHECK_WEBHOOK_BACKOFF="0.5",
        FACTCHECK_WEBHOOK_ALLOWED_NETWORKS=LOOPBACK,
    ).start()
    claim = claims_factory(1)[0]
    try:
        with Receiver(statuses=(503, 500, 200)) as receiver:
            _subscribe(editor, receiver.url)
            _transition(reviewer, claim, "start_review")
            delivery = wait_for(
                lambda: WebhookDelivery.objects.filter(status="succeeded").first(),
                timeout=60,
                what="the delivery to succeed after retries",
            )
    finally:
        worker.stop()
    assert len(receiver.requests) == 3
    assert delivery.attempts == 3
    log_rows = list(delivery.log.values("number", "status_code", "requested_at"))
    assert [(r["number"], r["status_code"]) for r in log_rows] == [(1, 503), (2, 500), (3, 200)]
    gaps = [(b["requested_at"] - a["requested_at"]).total_seconds() for a, b in pairwise(log_rows)]
    assert gaps[0] >= 0.4 and gaps[1] >= 0.9, gaps
    assert all(
        verify(
            secret=SECRET,
            timestamp=h["X-Factcheck-Timestamp"],
            body=body,
            signature=h["X-Factcheck-Signature"],
        )
        for h, body in receiver.requests
    )
    deliveries = editor.get(f"/api/v1/webhooks/{delivery.subscription_id}/deliveries/").json()
    assert [a["status_code"] for a in deliveries["results"][0]["log"]] == [503, 500, 200]


@pytest.mark.django_db
def test_a_receiver_that_refuses_the_request_is_not_retried(editor, reviewer, claims_factory):
    from claims.api.webhooks.services import Outcome, delivery_attempt

    claim = claims_factory(1)[0]
    with Receiver(statuses=(401,)) as receiver:
        _subscribe(editor, receiver.url)
        _transition(reviewer, claim, "start_review")
        delivery = WebhookDelivery.objects.get()
        assert delivery_attempt(delivery_id=delivery.pk) is Outcome.FAILED
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.last_status_code == 401


@pytest.mark.django_db
def test_a_delivery_gives_up_after_the_last_allowed_attempt(
    editor, reviewer, claims_factory, settings
):
    from claims.api.webhooks.services import Outcome, delivery_attempt

    settings.FACTCHECK_WEBHOOK_MAX_ATTEMPTS = 3
    claim = claims_factory(1)[0]
    with Receiver(statuses=(503,)) as receiver:
        _subscribe(editor, receiver.url)
        _transition(reviewer, claim, "start_review")
        delivery = WebhookDelivery.objects.get()
        outcomes = [delivery_attempt(delivery_id=delivery.pk) for _ in range(4)]
    assert outcomes == [Outcome.RETRY, Outcome.RETRY, Outcome.FAILED, Outcome.SKIPPED]
    assert len(receiver.requests) == 3
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("failed", 3, "HTTP 503")


def test_the_backoff_doubles_up_to_its_cap(settings):
    from claims.api.webhooks.services import retry_delay

    settings.FACTCHECK_WEBHOOK_BACKOFF = 30.0
    settings.FACTCHECK_WEBHOOK_BACKOFF_MAX = 100.0
    assert [retry_delay(n) for n in range(1, 6)] == [30.0, 60.0, 100.0, 100.0, 100.0]


@pytest.mark.django_db
def test_only_active_subscriptions_to_the_event_type_get_a_delivery(
    editor, reviewer, claims_factory
):
    claim = claims_factory(1)[0]
    wanted = _subscribe(editor, "https://a.example.org/hooks").json()["id"]
    _subscribe(editor, "https://b.example.org/hooks", events=("claim.verdict_changed",))
    paused = _subscribe(editor, "https://c.example.org/hooks").json()["id"]
    editor.patch(f"/api/v1/webhooks/{paused}/", {"is_active": False}, format="json")
    _transition(reviewer, claim, "start_review")
    assert list(WebhookDelivery.objects.values_list("subscription_id", flat=True)) == [wanted]


@pytest.mark.django_db
def test_the_sweep_sends_a_delivery_that_never_reached_a_worker(editor, reviewer, claims_factory):
    """As after a broker outage: the delivery is pending, old, and was never attempted."""
    from datetime import timedelta

    from django.utils import timezone

    from claims.api.tasks import resend_pending_webhooks

    claim = claims_factory(1)[0]
    with Receiver() as receiver:
        _subscribe(editor, receiver.url)
        _transition(reviewer, claim, "start_review")  # on_commit never fires in this test
        WebhookDelivery.objects.update(created_at=timezone.now() - timedelta(hours=1))
        assert resend_pending_webhooks.delay().get() == 1
    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get().status == "succeeded"

"""Webhooks only reach public addresses: checked when subscribed and at every delivery."""

import ipaddress
import ssl
import subprocess

import pytest

from claims.api.webhooks.services import Outcome, delivery_attempt
from claims.api.webhooks.targets import Target, refusal_reason
from claims.api.webhooks.transport import EXCERPT_BYTES, send
from claims.models import WebhookDelivery, WebhookSubscription
from tests.api.receivers import Receiver
from tests.api.test_workflow_writes import _transition
from tests.support.processes import wait_for

pytestmark = pytest.mark.django_db
SECRET = "a-shared-secret-of-some-length"


@pytest.fixture(autouse=True)
def nothing_allowed(settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_NETWORKS = []


def _subscribe(client, url):
    body = {"url": url, "events": ["claim.status_changed"], "secret": SECRET}
    return client.post("/api/v1/webhooks/", body, format="json")


def _delivery_to(url, claims_factory, reviewer):
    """A pending delivery to ``url``, stored as an earlier, looser policy let it be."""
    WebhookSubscription.objects.create(url=url, secret=SECRET, events=["claim.status_changed"])
    _transition(reviewer, claims_factory(1)[0], "start_review")
    return WebhookDelivery.objects.get()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "224.0.0.1",
        "0.0.0.0",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::",
        "64:ff9b::a9fe:a9fe",
    ],
)
def test_private_and_special_addresses_are_refused(address):
    assert refusal_reason(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_accepted(address):
    assert refusal_reason(ipaddress.ip_address(address)) == ""


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8080/hooks", "loopback"),
        ("http://localhost:8080/hooks", "localhost resolves to 127.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.0.0.7/hooks", "private"),
        ("https://192.168.1.1/hooks", "private"),
        ("http://[::1]/hooks", "loopback"),
        ("http://[::ffff:127.0.0.1]/hooks", "embeds 127.0.0.1"),
        ("http://0.0.0.0/hooks", "unspecified"),
        ("http://224.0.0.1/hooks", "multicast"),
        ("https://user:password@consumer.example.org/hooks", "user name or password"),
    ],
)
def test_a_subscription_to_an_unsafe_url_is_400_with_a_url_error(editor, url, reason):
    response = _subscribe(editor, url)
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "unsafe_url"
    assert reason in body["fields"]["url"][0]
    assert set(body) == {"code", "message", "fields"}
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize("url", ["http://[::1/hooks", "http://host.example.org:99999/hooks"])
def test_a_url_that_cannot_be_taken_apart_fails_its_delivery_without_a_retry(url):
    from claims.api.webhooks.transport import post

    reply = post(url, b"{}", {})
    assert reply.final and reply.status_code is None and reply.error.startswith("Refused: ")


def test_an_allowed_network_may_receive_webhooks(editor, settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    assert _subscribe(editor, "http://localhost:8080/hooks").status_code == 201
    assert _subscribe(editor, "http://[::ffff:127.0.0.1]:8080/hooks").status_code == 201
    assert _subscribe(editor, "http://10.0.0.7/hooks").status_code == 400


def test_changing_a_subscription_to_an_unsafe_url_is_refused(editor):
    pk = _subscribe(editor, "https://consumer.example.org/hooks").json()["id"]
    response = editor.patch(
        f"/api/v1/webhooks/{pk}/", {"url": "http://169.254.169.254/"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "unsafe_url"
    assert WebhookSubscription.objects.get().url == "https://consumer.example.org/hooks"


def test_a_host_resolving_to_loopback_is_refused_at_delivery(claims_factory, reviewer):
    with Receiver() as receiver:
        delivery = _delivery_to(f"http://localhost:{receiver.port}/hooks", claims_factory, reviewer)
        assert delivery_attempt(delivery_id=delivery.pk) is Outcome.FAILED
    assert receiver.requests == []
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempts == 1
    assert "localhost resolves to 127.0.0.1, which is a loopback address" in delivery.last_error
    assert delivery.log.get().error == delivery.last_error


def test_the_metadata_address_is_refused_at_delivery(claims_factory, reviewer):
    delivery = _delivery_to("http://169.254.169.254/latest/meta-data/", claims_factory, reviewer)
    assert delivery_attempt(delivery_id=delivery.pk) is Outcome.FAILED
    delivery.refresh_from_db()
    assert delivery.last_error.startswith("Refused: 169.254.169.254 is a link-local address")
    assert delivery.last_status_code is None


def test_a_redirect_is_not_followed(claims_factory, reviewer, settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    elsewhere = Receiver()
    with elsewhere, Receiver((302,), headers={"Location": elsewhere.url}) as redirecting:
        delivery = _delivery_to(redirecting.url, claims_factory, reviewer)
        assert delivery_attempt(delivery_id=delivery.pk) is Outcome.FAILED
    assert len(redirecting.requests) == 1
    assert elsewhere.requests == []
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.last_status_code == 302
    assert delivery.last_error == (
        f"HTTP 302: redirects are not followed (Location: {elsewhere.url})"
    )


def test_the_request_goes_to_the_checked_address_with_the_original_host_name():
    """The name is never looked up again: hooks.invalid cannot resolve, yet the POST lands."""
    with Receiver() as receiver:
        target = Target("http", "hooks.invalid", receiver.port, "/hooks", ("127.0.0.1",))
        reply = send(target, b"{}", {"Content-Type": "application/json"})
    assert reply.status_code == 200, reply.error
    headers, body = receiver.requests[0]
    assert headers["Host"] == f"hooks.invalid:{receiver.port}"
    assert body == b"{}"


def test_only_the_start_of_a_large_answer_is_read(claims_factory, reviewer, settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    with Receiver(body=b"x" * 5_000_000) as receiver:
        delivery = _delivery_to(receiver.url, claims_factory, reviewer)
        assert delivery_attempt(delivery_id=delivery.pk) is Outcome.SUCCEEDED
    assert len(delivery.log.get().response_excerpt) == EXCERPT_BYTES


def test_a_receiver_slower_than_the_read_timeout_is_retried(claims_factory, reviewer, settings):
    settings.FACTCHECK_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.FACTCHECK_WEBHOOK_TIMEOUT = 0.3
    with Receiver(delay=1.5) as receiver:
        delivery = _delivery_to(receiver.url, claims_factory, reviewer)
        assert delivery_attempt(delivery_id=delivery.pk) is Outcome.RETRY
    attempt = delivery.log.get()
    assert "timed out" in attempt.error and attempt.duration_ms < 1400


@pytest.fixture
def certificate(tmp_path, monkeypatch):
    """A self-signed certificate for hooks.test, trusted by this process's TLS clients."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=hooks.test"),
            *("-addext", "subjectAltName=DNS:hooks.test"),
        ],
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    return server


def test_over_https_the_host_name_is_sent_in_sni_and_checked_on_the_certificate(certificate):
    names = []
    certificate.sni_callback = lambda sock, name, context: names.append(name)
    with Receiver(tls=certificate) as receiver:
        addresses = ("127.0.0.1",)
        good = send(Target("https", "hooks.test", receiver.port, "/hooks", addresses), b"{}", {})
        bad = send(Target("https", "other.test", receiver.port, "/hooks", addresses), b"{}", {})
    assert good.status_code == 200, good.error
    assert names[0] == "hooks.test"
    assert receiver.requests[0][0]["Host"] == f"hooks.test:{receiver.port}"
    assert bad.status_code is None and "certificate verify failed" in bad.error
    assert len(receiver.requests) == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_without_the_allow_setting_refuses_a_local_receiver(
    worker, claims_factory, reviewer
):
    with Receiver() as receiver:
        delivery = _delivery_to(receiver.url, claims_factory, reviewer)
        delivery = wait_for(
            lambda: WebhookDelivery.objects.filter(pk=delivery.pk, status="failed").first(),
            timeout=30,
            what="the worker to refuse the delivery",
        )
    assert receiver.requests == []
    assert delivery.last_error.startswith("Refused: 127.0.0.1 is a loopback address")

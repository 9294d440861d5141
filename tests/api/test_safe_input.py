"""Bad or oversized input gets a precise 4xx and leaves nothing behind; retries are safe."""

import json
import threading

import pytest
from django.db import connection

from claims.models import Article, IdempotencyKey, WebhookSubscription
from tests.api.conftest import client_for
from tests.api.test_articles import STORY

pytestmark = pytest.mark.django_db

TOO_BIG = 9 * 1024 * 1024  # over DATA_UPLOAD_MAX_MEMORY_SIZE (8 MB)


def _huge_json(**fields) -> str:
    return json.dumps({**fields, "padding": "x" * TOO_BIG})


@pytest.mark.parametrize(
    "path",
    ["/api/v1/webhooks/", "/api/v1/claims/{claim}/transitions/", "/api/v1/claims/{claim}/sources/"],
)
def test_a_body_over_the_read_limit_is_413_on_every_write(editor, claims_factory, path):
    claim = claims_factory(1)[0]
    body = _huge_json(url="https://consumer.example.org/hooks", events=["claim.status_changed"])
    response = editor.generic(
        "POST", path.format(claim=claim.pk), body, content_type="application/json"
    )
    assert response.status_code == 413, response.content[:200]
    assert response.json()["code"] == "too_large"
    assert not WebhookSubscription.objects.exists()
    assert claim.sources.count() == 0


def test_an_article_is_judged_by_its_text_not_by_its_escaped_json(reviewer):
    """Escaped as \\uXXXX, 1.6 MB of Cyrillic takes over 4 MB of JSON and is still accepted."""
    sentence = "Посадовці заявили, що над Києвом в понеділок збили 12 дронів. "
    text = sentence * (1_600_000 // len(sentence.encode()))
    body = json.dumps({"text": text}, ensure_ascii=True)
    assert len(body) > 4 * 1024 * 1024
    response = reviewer.generic("POST", "/api/v1/articles/", body, content_type="application/json")
    assert response.status_code == 202, response.content[:200]
    assert Article.objects.get().raw == text


@pytest.mark.parametrize("key", [" ", "k" * 256, "tab\there"])
def test_an_invalid_idempotency_key_is_400_and_stores_nothing(reviewer, key):
    response = reviewer.post("/api/v1/articles/", {"text": STORY}, HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_idempotency_key"
    assert set(body["fields"]) == {"Idempotency-Key"}
    assert not Article.objects.exists() and not IdempotencyKey.objects.exists()


def test_a_refused_submission_does_not_use_up_its_idempotency_key(reviewer):
    headers = {"HTTP_IDEMPOTENCY_KEY": "submit-ferry"}
    refused = reviewer.post("/api/v1/articles/", {"text": ""}, **headers)
    assert refused.status_code == 400
    assert not IdempotencyKey.objects.exists()
    corrected = reviewer.post("/api/v1/articles/", {"text": STORY}, **headers)
    assert corrected.status_code == 202
    assert "Idempotent-Replayed" not in corrected


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_with_one_idempotency_key_do_the_work_once(users):
    start = threading.Barrier(2)
    responses = []

    def submit():
        client = client_for(users["reviewer"])
        start.wait()
        try:
            responses.append(
                client.post("/api/v1/articles/", {"text": STORY}, HTTP_IDEMPOTENCY_KEY="same")
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [r.status_code for r in responses] == [202, 202]
    assert sorted(r.get("Idempotent-Replayed", "") for r in responses) == ["", "true"]
    assert responses[0].json() == responses[1].json()
    assert Article.objects.count() == 1 and IdempotencyKey.objects.count() == 1


def test_only_webhook_managers_read_the_delivery_log(reviewer, editor):
    created = editor.post(
        "/api/v1/webhooks/",
        {"url": "https://consumer.example.org/hooks", "events": ["claim.status_changed"]},
        format="json",
    )
    pk = created.json()["id"]
    assert reviewer.get(f"/api/v1/webhooks/{pk}/deliveries/").status_code == 403
    assert editor.get(f"/api/v1/webhooks/{pk}/deliveries/").json()["results"] == []
    missing = editor.get(f"/api/v1/webhooks/{pk + 1}/deliveries/")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"

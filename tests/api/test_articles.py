"""Submitting articles: 202 then 200 for the same content, idempotency keys, limits."""

import pytest

from claims.models import Article, IdempotencyKey
from claims.pipeline.config import MAX_INPUT_BYTES

pytestmark = pytest.mark.django_db

STORY = (
    "A ferry carrying 312 passengers ran aground off the island on Friday.\n\n"
    "Coastguard officials said at least 19 people were injured.\n"
)


def test_a_new_article_is_accepted_with_202_and_a_status_url(reviewer):
    response = reviewer.post(
        "/api/v1/articles/", {"text": STORY, "title": "Ferry", "outlet": "Coast News"}
    )
    assert response.status_code == 202, response.json()
    body = response.json()
    article = Article.objects.get(pk=body["id"])
    assert body["status"] == article.status
    assert body["status_url"] == f"/api/v1/articles/{article.pk}/"
    assert response["Location"] == body["status_url"]
    assert article.outlet == "Coast News" and article.raw == STORY
    status = reviewer.get(body["status_url"]).json()
    assert {"id", "status", "error", "sentence_count", "claim_count"} <= set(status)


def test_the_same_content_again_returns_200_with_the_stored_article(reviewer):
    first = reviewer.post("/api/v1/articles/", {"text": STORY})
    second = reviewer.post("/api/v1/articles/", {"text": STORY})
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert Article.objects.count() == 1


def test_html_is_accepted_and_recorded_as_html(reviewer):
    html = "<html><body><article><p>" + STORY.replace("\n\n", "</p><p>") + "</p></article>"
    response = reviewer.post("/api/v1/articles/", {"html": html + "</body></html>"})
    assert response.status_code == 202, response.json()
    assert response.json()["raw_format"] == "html"


def test_a_repeated_idempotency_key_replays_the_first_response(reviewer):
    headers = {"HTTP_IDEMPOTENCY_KEY": "submit-ferry-1"}
    first = reviewer.post("/api/v1/articles/", {"text": STORY}, **headers)
    second = reviewer.post("/api/v1/articles/", {"text": STORY}, **headers)
    assert first.status_code == second.status_code == 202
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert IdempotencyKey.objects.get().response_status == 202


def test_a_reused_idempotency_key_with_another_body_is_422(reviewer):
    headers = {"HTTP_IDEMPOTENCY_KEY": "submit-ferry-2"}
    reviewer.post("/api/v1/articles/", {"text": STORY}, **headers)
    other = reviewer.post("/api/v1/articles/", {"text": STORY + "More.\n"}, **headers)
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert Article.objects.count() == 1


def test_idempotency_keys_belong_to_their_user(reviewer, editor):
    headers = {"HTTP_IDEMPOTENCY_KEY": "shared-key"}
    reviewer.post("/api/v1/articles/", {"text": STORY}, **headers)
    theirs = editor.post("/api/v1/articles/", {"text": STORY + "Update.\n"}, **headers)
    assert theirs.status_code == 202


def test_an_article_over_the_size_limit_is_413(reviewer):
    huge = "Officials said 12 people were hurt. " * (MAX_INPUT_BYTES // 36 + 10)
    response = reviewer.post("/api/v1/articles/", {"text": huge})
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert Article.objects.count() == 0


def test_a_request_body_far_over_the_limit_is_refused_before_parsing(reviewer):
    response = reviewer.generic(
        "POST",
        "/api/v1/articles/",
        b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(50 * MAX_INPUT_BYTES),
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"text", "html"}),
        ({"text": STORY, "html": "<p>x</p>"}, {"text", "html"}),
        ({"text": ""}, {"text"}),
        ({"text": STORY, "url": "not a url"}, {"url"}),
        ({"text": STORY, "published_at": "yesterday"}, {"published_at"}),
    ],
)
def test_invalid_submissions_are_400_with_field_errors(reviewer, body, fields):
    response = reviewer.post("/api/v1/articles/", body)
    assert response.status_code == 400
    assert set(response.json()["fields"]) == fields
    assert Article.objects.count() == 0


def test_input_that_cleans_to_nothing_is_400_with_the_pipeline_code(reviewer):
    response = reviewer.post("/api/v1/articles/", {"text": "   \n\n  "})
    assert response.status_code == 400
    assert response.json()["code"] in {"empty", "blank"}


def test_only_the_desk_submits_and_lists_articles(anonymous, outsider, reviewer):
    assert anonymous.post("/api/v1/articles/", {"text": STORY}).status_code == 401
    assert outsider.post("/api/v1/articles/", {"text": STORY}).status_code == 403
    assert anonymous.get("/api/v1/articles/").status_code == 401
    reviewer.post("/api/v1/articles/", {"text": STORY})
    listed = reviewer.get("/api/v1/articles/").json()
    assert [a["title"] for a in listed["results"]] == [Article.objects.get().title]


def test_the_article_list_filters_by_status(reviewer):
    reviewer.post("/api/v1/articles/", {"text": STORY})
    Article.objects.update(status="failed", error="Extraction failed: boom")
    failed = reviewer.get("/api/v1/articles/", {"status": "failed"}).json()["results"]
    assert [a["error"] for a in failed] == ["Extraction failed: boom"]
    assert reviewer.get("/api/v1/articles/", {"status": "ready"}).json()["results"] == []

"""Every error has the shape {code, message, fields?}: 400, 401, 404, 405, 415, 429."""

import pytest

pytestmark = pytest.mark.django_db


def _shape(response):
    body = response.json()
    assert set(body) <= {"code", "message", "fields"}
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["message"], str) and body["message"]
    return body


def test_an_unknown_url_under_the_api_is_a_json_404(anonymous):
    response = anonymous.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert _shape(response)["code"] == "not_found"


def test_a_missing_trailing_slash_is_pointed_out(anonymous):
    response = anonymous.get("/api/v1/claims")
    assert response.status_code == 404
    assert "/api/v1/claims/" in _shape(response)["message"]


def test_a_wrong_method_is_405(anonymous):
    response = anonymous.delete("/api/v1/claims/")
    assert response.status_code == 405
    assert _shape(response)["code"] == "method_not_allowed"


def test_a_body_that_is_not_json_is_415(reviewer):
    response = reviewer.post("/api/v1/articles/", "text=hello", content_type="text/plain")
    assert response.status_code == 415
    assert _shape(response)["code"] == "unsupported_media_type"


def test_malformed_json_is_400(reviewer):
    response = reviewer.post("/api/v1/articles/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert _shape(response)["code"] == "parse_error"


def test_anonymous_callers_are_throttled_with_429_and_retry_after(anonymous, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonymous": "3/hour", "token": "1000/hour"},
    }
    codes = [anonymous.get("/api/v1/claims/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = anonymous.get("/api/v1/claims/")
    assert _shape(response)["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_each_token_is_throttled_on_its_own(reviewer, editor, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonymous": "1000/hour", "token": "2/hour"},
    }
    assert [reviewer.get("/api/v1/claims/").status_code for _ in range(3)] == [200, 200, 429]
    assert editor.get("/api/v1/claims/").status_code == 200


def test_a_bad_token_is_401_with_a_www_authenticate_header(anonymous):
    anonymous.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = anonymous.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert _shape(response)["code"] == "authentication_failed"


def test_a_token_is_issued_for_a_username_and_password(anonymous, users):
    from tests.api.conftest import PASSWORD

    response = anonymous.post(
        "/api/v1/auth/token/", {"username": "reviewer", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert anonymous.get("/api/v1/articles/").status_code == 200
    wrong = anonymous.post(
        "/api/v1/auth/token/", {"username": "reviewer", "password": "nope"}, format="json"
    )
    assert wrong.status_code == 400
    assert _shape(wrong)["fields"]


def test_the_schema_and_the_docs_are_served(anonymous):
    schema = anonymous.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/claims/{id}/transitions/" in paths
    assert "/api/v1/changes/" in paths
    docs = anonymous.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"/api/v1/schema/" in docs.content


def test_the_ping_view_answers_json(anonymous):
    assert anonymous.get("/api/v1/ping/").json() == {"ok": True}

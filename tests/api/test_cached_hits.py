"""Cache hits served before DRF's request handling (``claims.api.cached_hits``).

A response is told to come from that short way by DRF's ``APIView.initial`` not running
for it (the fixture ``full_path`` counts its calls). The same request is also sent with
an ``Accept`` header the short way leaves to DRF, which then serves the same cached
body: both answers must be the same bytes with the same headers.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.views import APIView

from claims.models import Claim, ClaimStatus
from tests.api.conftest import client_for, make_claims
from tests.support.calls import record_request_paths

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the cache needs PostgreSQL"),
]

LIST = "/api/v1/claims/?page_size=2"
# Satisfied by JSON, but not one of the few Accept values the short way answers itself.
FULL_PATH_ACCEPT = "application/json, text/plain;q=0.5"


@pytest.fixture
def full_path(monkeypatch):
    """The requests that went through DRF's request handling."""
    return record_request_paths(monkeypatch, APIView, "initial")


@pytest.fixture
def verified():
    return make_claims(3, status=ClaimStatus.VERIFIED)


def _detail(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/"


def _same_response(short, full) -> None:
    assert short.status_code == full.status_code
    assert short.content == full.content
    assert dict(short.items()) == dict(full.items())


def _short_and_full(client, url, full_path, **extra):
    """The same request answered from the cache by the short way and by DRF."""
    rendered = client.get(url, **extra)
    assert rendered.status_code in (200, 304), rendered.content
    before = len(full_path)
    with CaptureQueriesContext(connection) as queries:
        short = client.get(url, **extra)
    assert len(full_path) == before, "not served by the short way"
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        full = client.get(url, HTTP_ACCEPT=FULL_PATH_ACCEPT, **extra)
    assert len(full_path) == before + 1
    assert len(queries) == 0, "DRF's path did not find the cached body"
    _same_response(short, full)
    return rendered, short


@pytest.mark.parametrize("caller", ["anonymous", "reviewer", "outsider"])
def test_a_list_hit_is_the_same_response_as_drfs(caller, request, verified, full_path):
    client = request.getfixturevalue(caller)
    make_claims(2, status=ClaimStatus.NEW)
    rendered, short = _short_and_full(client, LIST, full_path)
    assert short.content == rendered.content
    assert short["Content-Type"] == "application/json"
    assert short["Allow"] == "GET, HEAD, OPTIONS"
    if caller == "anonymous":
        assert short["Vary"] == "Cookie"


@pytest.mark.parametrize("caller", ["anonymous", "reviewer"])
def test_a_detail_hit_is_the_same_response_as_drfs(caller, request, verified, full_path):
    client = request.getfixturevalue(caller)
    rendered, short = _short_and_full(client, _detail(verified[0]), full_path)
    _same_response(short, rendered)
    assert short["ETag"] and short["Cache-Control"] == "private, no-cache"
    assert short["Vary"] == "Authorization, Cookie"


def test_if_none_match_is_answered_304_by_the_short_way(anonymous, verified, full_path):
    url = _detail(verified[1])
    etag = anonymous.get(url)["ETag"]
    rendered, short = _short_and_full(anonymous, url, full_path, HTTP_IF_NONE_MATCH=etag)
    assert rendered.status_code == short.status_code == 304
    assert short.content == b""
    assert "Content-Type" not in short
    assert short["ETag"] == etag
    other = anonymous.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200
    assert other["ETag"] == etag


def test_the_short_way_counts_every_request_once(anonymous, verified, full_path, settings):
    rates = {"anonymous": "3/minute", "token": "1000/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    # A miss (counted by the short way, then rendered by DRF), two hits, then refused.
    codes = [anonymous.get(LIST).status_code for _ in range(3)]
    assert codes == [200, 200, 200]
    assert len(full_path) == 1
    refused = anonymous.get(LIST)
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert refused.json()["message"]
    assert int(refused["Retry-After"]) > 0
    assert refused["Content-Type"] == "application/json"


def test_each_token_is_still_throttled_on_the_short_way(users, verified, settings):
    rates = {"anonymous": "1000/minute", "token": "2/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    reviewer, editor = client_for(users["reviewer"]), client_for(users["editor"])
    assert [reviewer.get(_detail(verified[0])).status_code for _ in range(3)] == [200, 200, 429]
    assert reviewer.get(_detail(verified[0])).json()["code"] == "throttled"
    assert editor.get(_detail(verified[0])).status_code == 200


def test_a_session_goes_through_drf(users, verified, full_path):
    unverified = make_claims(1, status=ClaimStatus.NEW)[0]
    client_for().get(LIST)  # the public page, cached
    session = client_for()
    session.force_login(users["reviewer"])
    calls = len(full_path)
    listed = [c["id"] for c in session.get("/api/v1/claims/?page_size=10").json()["results"]]
    assert unverified.pk in listed  # the desk's page, not the public one
    assert session.get(_detail(unverified)).status_code == 200
    assert len(full_path) == calls + 2


@pytest.mark.parametrize(
    ("query", "status"), [("format=api", 404), ("format=json", 200), ("%66ormat=api", 404)]
)
def test_format_overrides_go_through_drf(anonymous, verified, full_path, query, status):
    anonymous.get(LIST)
    anonymous.get(LIST)
    calls = len(full_path)
    response = anonymous.get(f"{LIST}&{query}")
    assert response.status_code == status
    assert len(full_path) == calls + 1


def test_media_types_other_than_json_are_refused_by_drf(anonymous, verified, full_path):
    url = _detail(verified[0])
    anonymous.get(url)
    anonymous.get(url)
    calls = len(full_path)
    refused = anonymous.get(url, HTTP_ACCEPT="text/html")
    assert refused.status_code == 406
    assert refused.json()["code"] == "not_acceptable"
    assert len(full_path) == calls + 1


def test_an_unverified_claim_cached_for_the_desk_stays_hidden(anonymous, reviewer, full_path):
    unverified = make_claims(1, status=ClaimStatus.NEW)[0]
    url = _detail(unverified)
    assert reviewer.get(url).status_code == 200
    assert reviewer.get(url).status_code == 200
    hidden = anonymous.get(url)
    assert hidden.status_code == 404
    assert hidden.json()["code"] == "not_found"
    public = [c["id"] for c in anonymous.get(LIST).json()["results"]]
    assert unverified.pk not in public


def test_closed_public_reads_hold_for_cached_responses(anonymous, reviewer, verified, settings):
    anonymous.get(LIST)
    anonymous.get(_detail(verified[0]))
    settings.FACTCHECK_API_PUBLIC_READ = False
    for url in (LIST, _detail(verified[0])):
        refused = anonymous.get(url)
        assert refused.status_code == 401
        assert refused.json()["code"] == "not_authenticated"
    assert reviewer.get(LIST).status_code == 200


def test_a_bad_or_revoked_token_is_refused(users, verified, settings):
    settings.FACTCHECK_API_TOKEN_CACHE_SECONDS = 0
    client = client_for(users["outsider"])
    assert client.get(LIST).status_code == 200
    assert client.get(LIST).status_code == 200
    Token.objects.filter(user=users["outsider"]).delete()
    refused = client.get(LIST)
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == "Token"
    forged = client_for()
    forged.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert forged.get(LIST).status_code == 401


def test_a_write_is_served_fresh_at_once(anonymous, verified, full_path):
    claim = verified[0]
    for url in (LIST, _detail(claim)):
        anonymous.get(url)
    assert anonymous.get(_detail(claim)).json()["counted"] == "drones shot down"
    Claim.objects.filter(pk=claim.pk).update(counted="balloons")
    assert anonymous.get(_detail(claim)).json()["counted"] == "balloons"
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.IN_REVIEW)
    assert anonymous.get(_detail(claim)).status_code == 404
    assert claim.pk not in [c["id"] for c in anonymous.get(LIST).json()["results"]]


def test_a_database_connection_closed_by_the_server_is_opened_again(anonymous, verified):
    """The version read sent ahead of the Redis round trip stands in for the request's
    connection health check: a connection the server ended is replaced, not an error."""
    url = _detail(verified[0])
    anonymous.get(url)
    assert anonymous.get(url).status_code == 200
    pid = connection.connection.info.backend_pid
    connection.connection.pgconn.exec_(b"SELECT pg_terminate_backend(pg_backend_pid())")
    connection.health_check_done = False  # as at the start of a request
    response = anonymous.get(url)
    assert response.status_code == 200
    assert connection.connection.info.backend_pid != pid


def test_an_uncached_detail_is_rendered_as_drf_renders_it(reviewer, verified, full_path):
    url = _detail(verified[0])
    by_drf = reviewer.get(url, HTTP_ACCEPT=FULL_PATH_ACCEPT)
    assert len(full_path) == 1
    # Another claim's write makes the stored detail stale: the next read renders again.
    Claim.objects.filter(pk=verified[1].pk).update(counted="balloons")
    with CaptureQueriesContext(connection) as queries:
        short = reviewer.get(url)
    assert len(queries) >= 1, "not rendered again"
    assert len(full_path) == 1, "not rendered by the short way"
    _same_response(short, by_drf)
    missing = reviewer.get("/api/v1/claims/999999999/")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"

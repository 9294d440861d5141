"""Cached claim reads answered by ``CachedReadMiddleware`` before the rest of the stack.

Whether the rest of the stack ran for a request is told by the session middleware's
``process_request`` (the first middleware after this one); that the answer is the one
the stack would give is shown by sending the same request in a form the short way
leaves to the stack, as in ``test_cached_hits``.
"""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection

from claims.api.middleware import CachedReadMiddleware, _following, _Routes
from claims.api.views.claims import ClaimDetailView, ClaimListView
from claims.models import ClaimStatus
from tests.api.conftest import client_for, make_claims
from tests.support.calls import record_request_paths

LIST = "/api/v1/claims/?page_size=2"
FULL_PATH_ACCEPT = "application/json, text/plain;q=0.5"


@pytest.fixture
def stack(monkeypatch):
    """The requests that went on down the middleware stack."""
    return record_request_paths(monkeypatch, SessionMiddleware, "process_request")


def _same_response(short, full) -> None:
    assert short.status_code == full.status_code
    assert short.content == full.content
    assert dict(short.items()) == dict(full.items())


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("caller", ["anonymous", "reviewer"])
def test_list_and_detail_hits_never_reach_the_rest_of_the_stack(caller, request, stack):
    if connection.vendor != "postgresql":
        pytest.skip("the response cache needs PostgreSQL")
    client = request.getfixturevalue(caller)
    claim = make_claims(2, status=ClaimStatus.VERIFIED)[0]
    for url in (LIST, f"/api/v1/claims/{claim.pk}/"):
        client.get(url)  # rendered by the view: down the stack
        calls = len(stack)
        short = client.get(url)
        assert len(stack) == calls, f"{url} went down the stack"
        full = client.get(url, HTTP_ACCEPT=FULL_PATH_ACCEPT)
        assert len(stack) == calls + 1
        _same_response(short, full)
        # What the middleware that was skipped adds to every response.
        assert short["X-Frame-Options"] == "DENY"
        assert int(short["Content-Length"]) == len(short.content) > 0
        assert short["X-Content-Type-Options"] == "nosniff"  # SecurityMiddleware still ran


@pytest.mark.django_db(transaction=True)
def test_a_hit_under_a_script_prefix_links_under_it(anonymous, stack):
    if connection.vendor != "postgresql":
        pytest.skip("the response cache needs PostgreSQL")
    make_claims(3, status=ClaimStatus.VERIFIED)
    rendered = anonymous.get(LIST, SCRIPT_NAME="/desk")
    assert rendered.json()["next"].startswith("http://testserver/desk/api/v1/claims/?")
    calls = len(stack)
    short = anonymous.get(LIST, SCRIPT_NAME="/desk")
    assert len(stack) == calls
    assert short.content == rendered.content
    # Without the prefix it is another page (its next link differs), not the cached one.
    plain = anonymous.get(LIST)
    assert plain.json()["next"].startswith("http://testserver/api/v1/claims/?")


@pytest.mark.django_db(transaction=True)
def test_an_unknown_middleware_after_it_sends_every_read_down_the_stack(settings, stack):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.api.test_middleware.stamped"]
    make_claims(2, status=ClaimStatus.VERIFIED)
    client = client_for()  # a new client loads the middleware anew
    for _ in range(3):
        response = client.get(LIST)
        assert response.status_code == 200
        assert response["X-Stamped"] == "yes"
    assert len(stack) == 3


def stamped(get_response):
    """A middleware the cached reads know nothing about."""

    def middleware(request):
        response = get_response(request)
        response["X-Stamped"] = "yes"
        return response

    return middleware


@pytest.mark.django_db(transaction=True)
def test_writes_and_other_methods_go_down_the_stack(reviewer, stack):
    claim = make_claims(1, status=ClaimStatus.NEW)[0]
    url = f"/api/v1/claims/{claim.pk}/"
    reviewer.get(url)
    calls = len(stack)
    assert reviewer.head(url).status_code == 200
    assert reviewer.options(url).status_code == 200
    refused = reviewer.post(url, {}, format="json")
    assert refused.status_code == 405
    assert refused.json()["code"] == "method_not_allowed"
    assert len(stack) == calls + 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/claims/", (ClaimListView, {})),
        ("/api/v1/claims/12/", (ClaimDetailView, {"pk": 12})),
        ("/api/v1/claims/0012/", (ClaimDetailView, {"pk": 12})),
        ("/api/v1/claims/12", None),
        ("/api/v1/claims/12/sources/", None),
        ("/api/v1/claims/lookup/", None),
        ("/api/v1/claims/-3/", None),
        ("/api/v1/claims/\u0661\u0662/", None),  # Arabic-Indic digits: not the route's
        ("/api/v1/claims", None),
        ("/api/v1/articles/", None),
        ("/api/v1/claims/12/\n", None),
    ],
)
def test_routes_match_only_the_list_and_detail_paths(path, expected):
    assert _Routes().match(path) == expected


def test_the_middleware_that_follows_it_is_read_from_the_settings(settings):
    mine = "claims.api.middleware.CachedReadMiddleware"
    assert _following(["outer.One", mine, "inner.Two", "inner.Three"]) == [
        "inner.Two",
        "inner.Three",
    ]
    assert mine in settings.MIDDLEWARE
    assert CachedReadMiddleware(lambda request: None).enabled
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.api.test_middleware.stamped"]
    assert not CachedReadMiddleware(lambda request: None).enabled


@pytest.mark.django_db(transaction=True)
def test_a_host_not_allowed_is_refused_as_on_every_other_path(anonymous):
    make_claims(1, status=ClaimStatus.VERIFIED)
    anonymous.get(LIST)  # cached for the allowed host
    refused = anonymous.get(LIST, HTTP_HOST="attacker.example")
    elsewhere = anonymous.get("/api/v1/ping/", HTTP_HOST="attacker.example")
    assert refused.status_code == elsewhere.status_code == 400
    assert refused.content == elsewhere.content

"""Property-based fuzzing of the OpenAPI schema: no generated request gets a 5xx, and
every response matches the documented schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from claims.models import ClaimStatus
from factcheck.wsgi import application
from tests.api.conftest import client_for, make_claims

FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CHECKS = [not_a_server_error, response_schema_conformance]


schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture(autouse=True)
def connection_kept_across_requests():
    """As Django's test client does: the test's transaction outlives each WSGI request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def no_throttling(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonymous": "100000/minute", "token": "100000/minute"},
    }


@pytest.fixture
def editor_token(users):
    make_claims(3)
    make_claims(2, status=ClaimStatus.VERIFIED)
    client_for(users["editor"])
    return users["editor"].auth_token.key


@schema.parametrize()
@FUZZ
@pytest.mark.django_db
def test_anonymous_requests_never_get_a_server_error(case):
    case.call_and_validate(checks=CHECKS)


# Webhook writes are left out here: a created subscription would make the deliveries of
# later fuzzed transitions POST to generated addresses.
@schema.exclude(path_regex="^/api/v1/webhooks/", method=["POST", "PATCH"]).parametrize()
@FUZZ
@pytest.mark.django_db
def test_editor_requests_never_get_a_server_error(case, editor_token):
    case.call_and_validate(headers={"Authorization": f"Token {editor_token}"}, checks=CHECKS)

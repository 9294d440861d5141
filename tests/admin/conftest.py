"""Fixtures for admin tests: a desk of users and a logged-in client per role."""

import pytest
from django.test import Client

from tests.support.workflow import make_desk


@pytest.fixture
def desk(db):
    return make_desk()


@pytest.fixture
def client_for(desk):
    """``client_for("editor")`` is a client logged in as the desk's editor; "anonymous"
    gives a client that is not logged in."""

    def build(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(desk, role))
        return client

    return build

"""Users in each role, API clients holding their tokens, and claims built row by row."""

from __future__ import annotations

import uuid
from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.api.authentication import forget_tokens
from claims.models import Article, Claim, ClaimStatus, Sentence
from claims.services.accounts import user_create

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def private_cache(settings):
    """Throttle counts of one test never leak into another, nor into other runs on Redis."""
    caches = {name: dict(config) for name, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def tokens_looked_up_afresh():
    """Tokens remembered by the authentication of one test are not seen by the next."""
    forget_tokens()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def ensure_role_groups():
    """Recreate the role groups that a transactional test's flush removed.

    The data migrations create them once; flushing the tables after a transactional test
    deletes them while the permissions come back with the post-migrate signal.
    """
    if Group.objects.filter(name__in=("reviewer", "editor", "admin")).count() == 3:
        return
    roles = import_module("claims.migrations.0003_role_groups")
    workflow = import_module("claims.migrations.0005_review_permissions")
    api = import_module("claims.migrations.0007_api_integration")
    claims_permissions = Permission.objects.filter(content_type__app_label="claims")
    grants = {
        "reviewer": [*roles.REVIEWER, *workflow.GRANTS["reviewer"]],
        "editor": [*roles.EDITOR, *workflow.GRANTS["editor"], *api.EDITOR_PERMISSIONS],
    }
    for name, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(claims_permissions.filter(codename__in=codenames))
    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.set(claims_permissions)


@pytest.fixture
def users(db):
    ensure_role_groups()
    made = {
        role: user_create(username=role, role=role, password=PASSWORD)
        for role in ("reviewer", "editor", "admin")
    }
    made["second_reviewer"] = user_create(
        username="second_reviewer", role="reviewer", password=PASSWORD
    )
    from django.contrib.auth import get_user_model

    made["outsider"] = get_user_model().objects.create_user("outsider", password=PASSWORD)
    return made


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anonymous():
    return APIClient()


@pytest.fixture
def reviewer(users):
    return client_for(users["reviewer"])


@pytest.fixture
def editor(users):
    return client_for(users["editor"])


@pytest.fixture
def outsider(users):
    return client_for(users["outsider"])


SENTENCE = "Officials said {n} drones were shot down over {place} on Monday."
PLACES = ["Kyiv", "Odesa", "Kharkiv", "Lviv", "Dnipro"]


def make_claims(count: int, *, status: str = ClaimStatus.NEW, title: str = "") -> list[Claim]:
    """One article with ``count`` sentences, one count claim in each."""
    parts, spans = [], []
    offset = 0
    for i in range(count):
        n = 10 + i
        sentence = SENTENCE.format(n=n, place=PLACES[i % len(PLACES)])
        start = sentence.index(str(n))
        end = sentence.index(" were")
        spans.append((offset, offset + len(sentence), offset + start, offset + end, n))
        parts.append(sentence)
        offset += len(sentence) + 1
    text = " ".join(parts)
    article = Article.objects.create(
        raw=text, text=text, content_hash=uuid.uuid4().hex, title=title or "Drones", status="ready"
    )
    claims = []
    for index, (s_start, s_end, c_start, c_end, n) in enumerate(spans):
        sentence = Sentence.objects.create(
            article=article, index=index, start=s_start, end=s_end, role="body", score=0.5
        )
        claims.append(
            Claim.objects.create(
                article=article,
                sentence=sentence,
                kind="count",
                start=c_start,
                end=c_end,
                text=text[c_start:c_end],
                value=n,
                value_min=n,
                value_max=n,
                qualifier="exact",
                counted="drones shot down",
                score=round(0.3 + (index % 7) / 10, 2),
                role="body",
                fingerprint=uuid.uuid4().hex,
                pipeline_version="test",
                status=status,
            )
        )
    return claims


@pytest.fixture
def claims_factory(db):
    return make_claims

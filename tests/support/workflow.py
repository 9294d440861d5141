"""Building blocks for review-workflow tests: users in roles, claims in any status.

Claims are written as rows directly, so these tests do not depend on what the
extractor finds; the workflow itself always runs through the services.
"""

from __future__ import annotations

import hashlib
import importlib
import itertools
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from claims.models import CORRECTABLE_FIELDS, Article, Claim, Sentence
from claims.services.accounts import user_create
from claims.services.workflow import (
    claim_approve,
    claim_dismiss,
    claim_propose,
    claim_start_review,
    source_add,
)

PASSWORD = "a-long-test-passphrase-42"
TEXT = (
    "Officials said at least 7 people were killed in the strike on Monday. "
    'The army intercepted 16 of the 21 drones launched overnight, it said. "We will rebuild '
    'every house," said Mayor Anna Kovalenko.'
)
_serial = itertools.count(1)


def ensure_roles() -> None:
    """Recreate the role groups the data migrations made, after a transactional test
    flushed the database; uses the migrations' own permission lists."""
    if Group.objects.filter(name__in=["reviewer", "editor", "admin"]).count() == 3:
        return
    create_permissions(apps.get_app_config("claims"), verbosity=0)
    groups = importlib.import_module("claims.migrations.0003_role_groups").ROLE_PERMISSIONS
    grants = importlib.import_module("claims.migrations.0005_review_permissions").GRANTS
    claims_permissions = Permission.objects.filter(content_type__app_label="claims")
    for name, codenames in groups.items():
        group, _ = Group.objects.get_or_create(name=name)
        if codenames is None:
            group.permissions.set(claims_permissions)
        else:
            group.permissions.set(
                claims_permissions.filter(codename__in=[*codenames, *grants[name]])
            )


def make_user(role: str | None, username: str | None = None, *, password: bool = False):
    """A staff user in ``role`` (reviewer, editor, admin), or a plain user for None.

    Only users who log in with a password get one: hashing it costs half a second.
    """
    ensure_roles()
    username = username or f"{role or 'nobody'}{next(_serial)}"
    if password and role is not None:
        return user_create(username=username, role=role, password=PASSWORD)
    user = get_user_model()(username=username, is_staff=role is not None)
    user.is_superuser = role == "admin"
    if password:
        user.set_password(PASSWORD)
    else:
        user.set_unusable_password()
    user.save()
    if role is not None:
        user.groups.set([Group.objects.get(name=role)])
    return user


def make_article(text: str = TEXT, **fields) -> Article:
    """An article split into one sentence per line-free period, written as rows."""
    salt = f"{text}|{next(_serial)}"
    article = Article.objects.create(
        raw=text,
        text=text,
        content_hash=hashlib.sha256(salt.encode()).hexdigest(),
        status="ready",
        title=fields.pop("title", "Strike on the city"),
        outlet=fields.pop("outlet", "Daily Example"),
        **fields,
    )
    start = 0
    for index, end in enumerate(_sentence_ends(text)):
        while start < end and text[start] == " ":
            start += 1
        Sentence.objects.create(article=article, index=index, start=start, end=end, score=0.6)
        start = end
    return article


def make_claim(
    article: Article | None = None, span: str = "at least 7", kind: str = "casualty", **fields
) -> Claim:
    """A claim on the first occurrence of ``span`` in the article."""
    article = article or make_article()
    start = article.text.index(span)
    end = start + len(span)
    sentence = article.sentences.get(start__lte=start, end__gte=end)
    values = {
        "value": 7,
        "value_min": 7,
        "value_max": None,
        "qualifier": "at_least",
        "counted": "people killed",
        "score": 0.8,
    }
    values.update(fields)
    extracted = {k: v for k, v in values.items() if k in CORRECTABLE_FIELDS and v not in (None, "")}
    return Claim.objects.create(
        article=article,
        sentence=sentence,
        kind=kind,
        start=start,
        end=end,
        text=span,
        role="body",
        fingerprint=f"fp-{next(_serial)}",
        pipeline_version="test",
        extracted={"kind": kind, "text": span, **extracted},
        **values,
    )


@dataclass
class Desk:
    """A small desk: two reviewers, an editor, an admin and a user without a role."""

    reviewer: object
    other_reviewer: object
    editor: object
    admin: object
    nobody: object


def make_quote_claim(article: Article | None = None, span: str = "We will rebuild", **fields):
    """A quote claim: no value, qualifier or counted thing, as the extractor leaves them."""
    figureless = {"value": None, "value_min": None, "qualifier": "", "counted": ""}
    return make_claim(article, span=span, kind="quote", **{**figureless, **fields})


def make_desk() -> Desk:
    return Desk(
        reviewer=make_user("reviewer", "rita"),
        other_reviewer=make_user("reviewer", "omar"),
        editor=make_user("editor", "edna"),
        admin=make_user("admin", "ada"),
        nobody=make_user(None, "nora"),
    )


def advance(claim: Claim, status: str, desk: Desk) -> Claim:
    """Walk ``claim`` through the services from where it is to ``status``, with the desk's
    reviewer doing the review and its editor approving."""
    claim.refresh_from_db()
    if claim.status == status:
        return claim
    if claim.status == "new":
        claim = claim_start_review(claim_id=claim.pk, user=desk.reviewer, version=claim.version)
    if status == "dismissed":
        return claim_dismiss(
            claim_id=claim.pk, user=desk.reviewer, version=claim.version, reason="duplicate"
        )
    if status == "in_review":
        return claim
    if claim.status == "in_review":
        if not claim.sources.exclude(stance="context").exists():
            source_add(
                claim_id=claim.pk,
                user=desk.reviewer,
                url=f"https://example.org/report/{claim.pk}",
                stance="supports",
                title="Regional administration report",
            )
        claim = claim_propose(
            claim_id=claim.pk, user=desk.reviewer, version=claim.version, rating="true"
        )
    if status == "proposed":
        return claim
    return claim_approve(claim_id=claim.pk, user=desk.editor, version=claim.version)


def _sentence_ends(text: str) -> list[int]:
    ends, i = [], 0
    while i < len(text):
        if text[i] in ".!?" and (i + 1 == len(text) or text[i + 1] == " "):
            ends.append(i + 1)
        i += 1
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    return ends

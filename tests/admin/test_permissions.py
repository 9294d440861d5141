"""Who can open each admin page and use each admin action: anonymous, reviewer, editor, admin."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from claims.models import Article, Claim, Comment, Source
from claims.services.workflow import claim_assign, source_add
from tests.support.workflow import advance, make_article, make_claim

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reviewer", "editor", "admin")
STAFF = {"reviewer", "editor", "admin"}
EDITORS = {"editor", "admin"}


def claim_url(name, claim, *args):
    return reverse(f"admin:claims_claim_{name}", args=[claim.pk, *args])


PAGES = [
    ("claim list", lambda c: reverse("admin:claims_claim_changelist"), 200),
    ("claim page", lambda c: claim_url("change", c), 200),
    ("dashboard", lambda c: reverse("admin:claims_claim_dashboard"), 200),
    ("my queue", lambda c: reverse("admin:claims_claim_my_queue"), 302),
    ("article list", lambda c: reverse("admin:claims_article_changelist"), 200),
    ("article page", lambda c: reverse("admin:claims_article_change", args=[c.article_id]), 200),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("page", "url", "status"), PAGES, ids=[p[0] for p in PAGES])
def test_pages_open_for_staff_roles_and_send_anonymous_people_to_log_in(
    client_for, role, page, url, status
):
    response = client_for(role).get(url(make_claim()))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code == status


@dataclass
class Action:
    """One admin action: how to set the claim up, post, and tell whether it happened."""

    name: str
    start: str
    post: Callable
    happened: Callable
    allowed: set


def _post(client, address, **data):
    return client.post(address, data)


def _bulk(action, extra):
    def post(client, claim, desk):
        data = {"action": action, ACTION_CHECKBOX_NAME: [claim.pk], **extra(desk)}
        return client.post(reverse("admin:claims_claim_changelist"), data)

    return post


ACTIONS = [
    Action(
        "take",
        "unassigned",
        lambda c, claim, d: _post(c, claim_url("take", claim), version=claim.version),
        lambda claim, d: claim.assignee is not None,
        STAFF,
    ),
    Action(
        "assign to someone else",
        "unassigned",
        lambda c, claim, d: _post(
            c, claim_url("assign", claim), version=claim.version, assignee=d.other_reviewer.pk
        ),
        lambda claim, d: claim.assignee == d.other_reviewer,
        EDITORS,
    ),
    Action(
        "unassign",
        "new",
        lambda c, claim, d: _post(c, claim_url("unassign", claim), version=claim.version),
        lambda claim, d: claim.assignee is None,
        STAFF,
    ),
    Action(
        "start review",
        "new",
        lambda c, claim, d: _post(
            c, claim_url("transition", claim, "start_review"), version=claim.version
        ),
        lambda claim, d: claim.status == "in_review",
        STAFF,
    ),
    Action(
        "propose",
        "in_review",
        lambda c, claim, d: _post(
            c,
            claim_url("transition", claim, "propose"),
            version=claim.version,
            rating="false",
            rationale="No.",
        ),
        lambda claim, d: claim.status == "proposed",
        STAFF,
    ),
    Action(
        "approve",
        "proposed",
        lambda c, claim, d: _post(
            c, claim_url("transition", claim, "approve"), version=claim.version
        ),
        lambda claim, d: claim.status == "verified",
        EDITORS,
    ),
    Action(
        "reject",
        "proposed",
        lambda c, claim, d: _post(
            c,
            claim_url("transition", claim, "reject"),
            version=claim.version,
            comment="Weak source.",
        ),
        lambda claim, d: claim.status == "in_review",
        EDITORS,
    ),
    Action(
        "dismiss",
        "in_review",
        lambda c, claim, d: _post(
            c,
            claim_url("transition", claim, "dismiss"),
            version=claim.version,
            reason="not_a_claim",
        ),
        lambda claim, d: claim.status == "dismissed",
        STAFF,
    ),
    Action(
        "reopen",
        "verified",
        lambda c, claim, d: _post(
            c,
            claim_url("transition", claim, "reopen"),
            version=claim.version,
            reason="New figures.",
        ),
        lambda claim, d: claim.status == "in_review",
        EDITORS,
    ),
    Action(
        "add source",
        "in_review",
        lambda c, claim, d: _post(
            c, claim_url("source_add", claim), url="https://example.org/new", stance="context"
        ),
        lambda claim, d: claim.sources.filter(url="https://example.org/new").exists(),
        STAFF,
    ),
    Action(
        "remove source",
        "in_review",
        lambda c, claim, d: _post(c, claim_url("source_remove", claim, claim.sources.get().pk)),
        lambda claim, d: not claim.sources.exists(),
        STAFF,
    ),
    Action(
        "comment",
        "verified",
        lambda c, claim, d: _post(c, claim_url("comment_add", claim), body="Noted."),
        lambda claim, d: Comment.objects.filter(claim=claim).exists(),
        STAFF,
    ),
    Action(
        "correct fields",
        "in_review",
        lambda c, claim, d: _post(
            c,
            claim_url("change", claim),
            version=claim.version,
            kind=claim.kind,
            value="9",
            value_min="9",
            qualifier="exact",
            counted="people killed",
        ),
        lambda claim, d: claim.value == 9,
        STAFF,
    ),
    Action(
        "bulk assign",
        "unassigned",
        _bulk("assign_selected", lambda d: {"assignee": d.other_reviewer.pk}),
        lambda claim, d: claim.assignee == d.other_reviewer,
        EDITORS,
    ),
    Action(
        "bulk start review",
        "unassigned",
        _bulk("start_review_selected", lambda d: {}),
        lambda claim, d: claim.status == "in_review",
        EDITORS,
    ),
    Action(
        "bulk dismiss",
        "unassigned",
        _bulk("dismiss_selected", lambda d: {"reason": "duplicate"}),
        lambda claim, d: claim.status == "dismissed",
        EDITORS,
    ),
]


def set_up(start, desk) -> Claim:
    claim = make_claim()
    if start == "unassigned":
        return claim
    if start == "new":
        return claim_assign(claim_id=claim.pk, user=desk.editor, assignee=desk.reviewer)
    claim = advance(claim, start, desk)
    if start == "in_review":
        source_add(
            claim_id=claim.pk, user=desk.reviewer, url="https://example.org/old", stance="refutes"
        )
    return claim


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
def test_each_role_may_or_may_not_use_each_action(client_for, desk, role, action):
    claim = set_up(action.start, desk)
    sources = Source.objects.count()
    response = action.post(client_for(role), claim, desk)
    claim = Claim.objects.get(pk=claim.pk)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert action.happened(claim, desk) == (role in action.allowed), response
    if role not in action.allowed and action.name != "remove source":
        assert Source.objects.count() == sources


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_retry_an_article(client_for, role):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(status="failed", error="Extraction failed: boom")
    response = client_for(role).post(reverse("admin:claims_article_retry", args=[article.pk]))
    status = Article.objects.get(pk=article.pk).status
    if role in EDITORS:
        assert (response.status_code, status) == (302, "extracting")
    elif role == "reviewer":
        assert (response.status_code, status) == (403, "failed")
    else:
        assert response["Location"].startswith("/admin/login/") and status == "failed"


@pytest.mark.parametrize(
    "url",
    [
        lambda c: claim_url("take", c),
        lambda c: claim_url("transition", c, "approve"),
        lambda c: claim_url("source_add", c),
        lambda c: claim_url("comment_add", c),
        lambda c: reverse("admin:claims_article_retry", args=[c.article_id]),
    ],
)
def test_workflow_urls_only_accept_posts(client_for, url):
    assert client_for("editor").get(url(make_claim())).status_code == 405


def test_a_logged_in_person_without_staff_access_is_sent_to_log_in(desk, client):
    client.force_login(desk.nobody)
    response = client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

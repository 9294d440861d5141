"""The queue selector and what each person may do to a claim."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from claims.models import Claim
from claims.selectors import claim_available_actions, claim_get, claim_list
from claims.services.errors import Invalid, NotFound
from claims.services.workflow import claim_take
from tests.support.workflow import advance, make_article, make_claim, make_desk, make_quote_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return make_desk()


@pytest.fixture
def queue(desk):
    """Claims across two articles, statuses, kinds and scores."""
    first = make_article(outlet="Daily Example")
    second = make_article(outlet="Evening Post")
    claims = {
        "high": make_claim(first, score=0.95),
        "count": make_claim(first, span="16", kind="count", score=0.7),
        "quote": make_quote_claim(second, score=0.4),
        "flagged": make_claim(second, score=0.9, flagged=True),
        "superseded": make_claim(second, score=0.9, superseded_at=timezone.now()),
        "verified": advance(
            make_claim(second, span="21", kind="count", score=0.6), "verified", desk
        ),
    }
    return claims


def ids(queryset):
    return [c.pk for c in queryset]


def test_the_queue_leaves_out_flagged_and_superseded_claims_and_sorts_by_score(queue):
    found = ids(claim_list(filters={}))
    expected = [queue[k].pk for k in ("high", "count", "verified", "quote")]
    assert found == expected
    everything = ids(claim_list(filters={"include_flagged": "true", "include_superseded": True}))
    assert set(everything) == {c.pk for c in queue.values()}


@pytest.mark.parametrize(
    ("filters", "keys"),
    [
        ({"status": "verified"}, ["verified"]),
        ({"status": ["new", "verified"]}, ["high", "count", "verified", "quote"]),
        ({"kind": "count"}, ["count", "verified"]),
        ({"outlet": "Evening Post"}, ["verified", "quote"]),
        ({"score_min": 0.65, "score_max": 0.9}, ["count"]),
        ({"rating": "true"}, ["verified"]),
        ({"rating": "none"}, ["high", "count", "quote"]),
        ({"q": "rebuild"}, ["quote"]),
        ({"q": "STRIKE 16"}, ["count"]),
        ({"assignee": "none"}, ["high", "count", "quote"]),
    ],
)
def test_the_queue_filters(queue, filters, keys):
    assert ids(claim_list(filters=filters)) == [queue[k].pk for k in keys]


def test_the_queue_filters_by_assignee_and_article(queue, desk):
    claim_take(claim_id=queue["count"].pk, user=desk.other_reviewer)
    assert ids(claim_list(filters={"assignee": "me"}, user=desk.other_reviewer)) == [
        queue["count"].pk
    ]
    assert ids(claim_list(filters={"assignee": desk.reviewer.pk})) == [queue["verified"].pk]
    article = queue["high"].article_id
    assert ids(claim_list(filters={"article": str(article)})) == [
        queue["high"].pk,
        queue["count"].pk,
    ]


@pytest.mark.parametrize(
    "filters",
    [
        {"colour": "red"},
        {"status": "approved"},
        {"score_min": "high"},
        {"rating": "pants_on_fire"},
        {"assignee": "me"},
        {"updated_since": "yesterday"},
    ],
)
def test_bad_filters_are_refused_with_the_field(filters):
    with pytest.raises(Invalid) as refused:
        list(claim_list(filters=filters, user=AnonymousUser()))
    assert list(refused.value.fields) == list(filters)


def test_the_list_carries_the_current_rating(queue):
    found = {c.pk: c.current_rating for c in claim_list(filters={})}
    assert found[queue["verified"].pk] == "true"
    assert found[queue["high"].pk] is None


def test_a_missing_claim_is_not_found():
    with pytest.raises(NotFound):
        claim_get(claim_id=123456)
    with pytest.raises(NotFound):
        claim_get(claim_id="abc")


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        ("new", "reviewer", ["start_review", "take", "comment"]),
        (
            "new",
            "editor",
            ["start_review", "dismiss", "take", "assign", "correct", "add_source", "comment"],
        ),
        (
            "in_review",
            "reviewer",
            ["propose", "dismiss", "unassign", "correct", "add_source", "comment"],
        ),
        ("in_review", "other_reviewer", ["comment"]),
        ("proposed", "reviewer", ["unassign", "comment"]),
        ("proposed", "editor", ["approve", "reject", "take", "assign", "unassign", "comment"]),
        ("verified", "reviewer", ["comment"]),
        ("verified", "admin", ["reopen", "comment"]),
        ("dismissed", "editor", ["reopen", "comment"]),
        ("verified", "nobody", []),
    ],
)
def test_available_actions_follow_status_and_role(desk, status, who, expected):
    claim = advance(make_claim(), status, desk) if status != "new" else make_claim()
    claim = claim_get(claim_id=claim.pk)
    assert claim_available_actions(claim=claim, user=getattr(desk, who)) == expected


def test_an_editor_who_proposed_is_not_offered_the_approval(desk):
    claim = make_claim()
    claim_take(claim_id=claim.pk, user=desk.editor)
    from claims.services.workflow import claim_propose, claim_start_review, source_add

    claim = claim_start_review(claim_id=claim.pk, user=desk.editor, version=2)
    source_add(claim_id=claim.pk, user=desk.editor, url="https://e.org/", stance="supports")
    claim_propose(claim_id=claim.pk, user=desk.editor, version=claim.version, rating="true")
    actions = claim_available_actions(claim=claim_get(claim_id=claim.pk), user=desk.editor)
    assert "approve" not in actions and "reject" in actions
    assert isinstance(Claim.objects.get(pk=claim.pk).version, int)

"""The claim queue: filters, search, order, counts per status, bulk actions, query count."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from claims.services.workflow import claim_take, comment_add
from tests.support.workflow import advance, make_article, make_claim, make_quote_claim

pytestmark = pytest.mark.django_db

LIST = reverse("admin:claims_claim_changelist")


def listed(response) -> list[int]:
    """Claim ids in the order the list shows them."""
    return [
        int(pk)
        for pk in re.findall(r'name="_selected_action" value="(\d+)"', response.content.decode())
    ]


def listed_links(response) -> list[int]:
    return [
        int(pk)
        for pk in re.findall(r"/admin/claims/claim/(\d+)/change/", response.content.decode())
    ]


@pytest.fixture
def queue(desk):
    first = make_article(outlet="Daily Example", title="Strike on the city")
    second = make_article(outlet="Evening Post", title="Drones over the coast")
    return {
        "top": make_claim(first, score=0.95),
        "count": make_claim(first, span="16", kind="count", score=0.7),
        "quote": make_quote_claim(second, speaker="Anna Kovalenko", score=0.45),
        "flagged": make_claim(second, score=0.9, flagged=True),
        "superseded": make_claim(second, score=0.9, superseded_at=timezone.now()),
        "verified": advance(
            make_claim(second, span="21", kind="count", score=0.6), "verified", desk
        ),
    }


def test_the_queue_is_sorted_by_score_and_leaves_out_flagged_and_superseded(client_for, queue):
    page = client_for("editor").get(LIST)
    assert page.status_code == 200
    assert listed(page) == [queue[k].pk for k in ("top", "count", "verified", "quote")]
    assert "Review queue" in page.content.decode()


@pytest.mark.parametrize(
    ("shown", "keys"), [("flagged", ["flagged"]), ("superseded", ["superseded"])]
)
def test_a_filter_shows_flagged_or_superseded_claims(client_for, queue, shown, keys):
    page = client_for("editor").get(LIST, {"shown": shown})
    assert listed(page) == [queue[k].pk for k in keys]
    assert len(listed(client_for("editor").get(LIST, {"shown": "all"}))) == 6


@pytest.mark.parametrize(
    ("params", "keys"),
    [
        ({"status__exact": "verified"}, ["verified"]),
        ({"kind__exact": "count"}, ["count", "verified"]),
        ({"article__outlet": "Evening Post"}, ["verified", "quote"]),
        ({"score": "high"}, ["top"]),
        ({"score": "medium"}, ["count", "verified"]),
        ({"score": "low"}, ["quote"]),
        ({"rating": "true"}, ["verified"]),
        ({"rating": "none"}, ["top", "count", "quote"]),
        ({"assignee": "none"}, ["top", "count", "quote"]),
        ({"q": "Kovalenko"}, ["quote"]),
        ({"q": "coast"}, ["verified", "quote"]),
    ],
)
def test_the_queue_filters_and_searches(client_for, queue, params, keys):
    page = client_for("editor").get(LIST, params)
    assert page.status_code == 200
    assert listed(page) == [queue[k].pk for k in keys]


def test_my_queue_lists_my_open_claims(client_for, desk, queue):
    claim_take(claim_id=queue["count"].pk, user=desk.reviewer)
    client = client_for("reviewer")
    page = client.get(reverse("admin:claims_claim_my_queue"), follow=True)
    assert listed_links(page) == [queue["count"].pk]  # the verified one is closed
    by_article = client.get(LIST, {"article": queue["top"].article_id})
    assert listed_links(by_article) == [queue["top"].pk, queue["count"].pk]


def test_counts_per_status_follow_the_other_filters(client_for, queue):
    def counts(params):
        html = client_for("editor").get(LIST, params).content.decode()
        found = re.findall(r'data-status="(\w+)">[^<]*<span class="count">(\d+)</span>', html)
        return {status: int(n) for status, n in found}

    assert counts({}) == {"new": 3, "in_review": 0, "proposed": 0, "verified": 1, "dismissed": 0}
    assert counts({"kind__exact": "count", "status__exact": "new"})["verified"] == 1
    assert counts({"shown": "all"})["new"] == 5


def test_reviewers_get_no_bulk_actions(client_for, queue):
    assert 'name="action"' not in client_for("reviewer").get(LIST).content.decode()
    assert 'value="dismiss_selected"' in client_for("editor").get(LIST).content.decode()


def test_bulk_dismiss_uses_the_reason_from_the_action_bar(client_for, queue):
    ids = [queue["top"].pk, queue["count"].pk]
    editor = client_for("editor")
    page = editor.post(LIST, {"action": "dismiss_selected", ACTION_CHECKBOX_NAME: ids}, follow=True)
    assert "Choose a dismissal reason" in page.content.decode()
    page = editor.post(
        LIST,
        {"action": "dismiss_selected", ACTION_CHECKBOX_NAME: ids, "reason": "not_a_claim"},
        follow=True,
    )
    assert "2 claims changed." in page.content.decode()
    assert set(Claim.objects.filter(pk__in=ids).values_list("dismissal_reason", flat=True)) == {
        "not_a_claim"
    }


def test_a_refused_bulk_action_changes_nothing_and_says_why(client_for, queue):
    ids = [queue["top"].pk, queue["verified"].pk]
    page = client_for("editor").post(
        LIST, {"action": "start_review_selected", ACTION_CHECKBOX_NAME: ids}, follow=True
    )
    html = page.content.decode()
    assert "1 of 2 claims were refused, so none was changed." in html
    assert Claim.objects.get(pk=queue["top"].pk).status == "new"


def _queries(client, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST, params or {}).status_code == 200
    return len(captured)


def test_the_list_needs_the_same_number_of_queries_however_long_it_is(
    client_for, desk, django_assert_max_num_queries
):
    def grow(n):
        for i in range(n):
            article = make_article(outlet=f"Outlet {i % 3}")
            claim = make_claim(article, score=0.5 + (i % 5) / 10)
            if i % 2:
                claim = advance(claim, "verified", desk)
            comment_add(claim_id=claim.pk, user=desk.editor, body="seen")

    client = client_for("editor")
    grow(3)
    small = _queries(client), _queries(client, {"q": "killed", "kind__exact": "casualty"})
    grow(17)
    assert Claim.objects.count() == 20
    large = _queries(client), _queries(client, {"q": "killed", "kind__exact": "casualty"})
    assert large == small
    with django_assert_max_num_queries(small[0]):
        client.get(LIST)

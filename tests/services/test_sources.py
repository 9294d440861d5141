"""Sources: validated web URLs with a stance, once per claim, only while the claim is open."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import Source
from claims.selectors import claim_timeline
from claims.services.errors import Conflict, Forbidden, Invalid
from claims.services.workflow import source_add, source_remove
from claims.services.workflow.sources import normalise_url
from tests.support.workflow import advance, make_claim, make_desk

pytestmark = pytest.mark.django_db

URL = "https://www.interior.example.gov/press/2024-06-01-strike"


@pytest.fixture
def desk():
    return make_desk()


@pytest.fixture
def claim(desk):
    return advance(make_claim(), "in_review", desk)


def add(claim, user, **fields):
    return source_add(claim_id=claim.pk, user=user, **{"url": URL, "stance": "refutes", **fields})


def test_a_source_keeps_every_field_and_who_added_it(desk, claim):
    published = timezone.now() - timedelta(days=2)
    source = add(
        claim,
        desk.reviewer,
        title="  Ministry statement ",
        publisher="Ministry of the Interior",
        published_at=published,
        excerpt="Five people died.",
        archived_url="https://web.archive.org/web/2024/" + URL,
    )
    source.refresh_from_db()
    assert (source.title, source.publisher, source.stance) == (
        "Ministry statement",
        "Ministry of the Interior",
        "refutes",
    )
    assert source.published_at == published
    assert published < source.accessed_at <= timezone.now()  # defaults to now
    assert source.added_by == desk.reviewer
    assert source.archived_url.startswith("https://web.archive.org/")


@pytest.mark.parametrize(
    "url", ["ftp://example.org/file", "javascript:alert(1)", "example.org/page", "", "https://"]
)
def test_only_http_and_https_urls_are_accepted(desk, claim, url):
    with pytest.raises(Invalid) as refused:
        add(claim, desk.reviewer, url=url)
    assert refused.value.code == "invalid_source"
    assert "url" in refused.value.fields
    assert not Source.objects.exists()


def test_an_archived_copy_must_be_a_web_url_too(desk, claim):
    with pytest.raises(Invalid) as refused:
        add(claim, desk.reviewer, archived_url="file:///etc/passwd")
    assert list(refused.value.fields) == ["archived_url"]


@pytest.mark.parametrize(
    "again",
    [
        URL,
        "  " + URL + " ",
        URL.replace("www.interior", "WWW.Interior"),
        URL.replace(".gov/", ".gov:443/"),
    ],
)
def test_the_same_url_twice_on_one_claim_is_refused(desk, claim, again):
    add(claim, desk.reviewer)
    with pytest.raises(Invalid) as refused:
        add(claim, desk.reviewer, url=again, stance="supports")
    assert refused.value.code == "duplicate_source"
    assert claim.sources.count() == 1


def test_the_same_url_on_another_claim_is_fine(desk, claim):
    other = advance(make_claim(claim.article, span="16", kind="count"), "in_review", desk)
    add(claim, desk.reviewer)
    add(other, desk.reviewer)
    assert Source.objects.filter(url=URL).count() == 2


def test_the_database_refuses_a_duplicate_url_too(desk, claim):
    add(claim, desk.reviewer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(claim=claim, url=URL, stance="supports")


def test_the_stance_must_be_one_of_the_four(desk, claim):
    with pytest.raises(Invalid) as refused:
        add(claim, desk.reviewer, stance="agrees")
    assert list(refused.value.fields) == ["stance"]


def test_times_must_be_aware_past_and_in_order(desk, claim):
    now = timezone.now()
    cases = [
        ({"published_at": now + timedelta(days=1)}, "future_datetime"),
        ({"accessed_at": now + timedelta(hours=1)}, "future_datetime"),
        (
            {"published_at": now - timedelta(days=1), "accessed_at": now - timedelta(days=2)},
            "accessed_before_published",
        ),
        ({"published_at": now.replace(tzinfo=None)}, "invalid_datetime"),
    ]
    for fields, code in cases:
        with pytest.raises(Invalid) as refused:
            add(claim, desk.reviewer, **fields)
        assert refused.value.code == code
    assert not Source.objects.exists()


@pytest.mark.parametrize("who", ["other_reviewer", "nobody"])
def test_only_the_assignee_or_an_editor_adds_sources(desk, claim, who):
    with pytest.raises(Forbidden):
        add(claim, getattr(desk, who))
    assert add(claim, desk.editor).added_by == desk.editor


@pytest.mark.parametrize("status", ["proposed", "verified", "dismissed"])
def test_sources_are_fixed_once_a_verdict_is_proposed_or_the_claim_closed(desk, status):
    claim = advance(make_claim(), status, desk)
    with pytest.raises(Conflict) as refused:
        add(claim, desk.editor, url="https://example.org/late")
    assert refused.value.code == "claim_not_editable"


def test_a_removed_source_stays_in_the_timeline(desk, claim):
    source = add(claim, desk.reviewer, title="Wrong page")
    with pytest.raises(Forbidden):
        source_remove(source_id=source.pk, user=desk.other_reviewer)
    source_remove(source_id=source.pk, user=desk.reviewer)
    assert not claim.sources.exists()
    texts = [e.text for e in claim_timeline(claim=claim) if e.kind == "source"]
    assert texts == ["Source added: Wrong page (refutes)", "Source removed: Wrong page (refutes)"]


def test_urls_are_normalised_only_where_it_is_safe():
    assert normalise_url(" HTTPS://Example.ORG:443 ") == "https://example.org/"
    assert normalise_url("http://example.org:8080/A?b=C#:~:text=x") == (
        "http://example.org:8080/A?b=C#:~:text=x"
    )
    assert normalise_url('https://example.org/a b/<i>?q="x"') == (
        "https://example.org/a%20b/%3Ci%3E?q=%22x%22"
    )
    assert normalise_url("https://example.org/caf%C3%A9") == "https://example.org/caf%C3%A9"

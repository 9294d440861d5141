"""Admin pages for articles and claims show the pipeline's work, escaped."""

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.services.articles import article_ingest

pytestmark = pytest.mark.django_db

HOSTILE = (
    'Police said 3 people were arrested after the <script>alert("x")</script> protest.\n\n'
    '"We will not back down," said organiser Maria O\'Neill.\n'
)


@pytest.fixture
def ingested(django_capture_on_commit_callbacks):
    def ingest(text):
        with django_capture_on_commit_callbacks(execute=True):
            article = article_ingest(raw=text, is_html=False).article
        article.refresh_from_db()
        return article

    return ingest


def test_the_article_page_lists_sentences_with_roles_and_claims(admin_client, ingested, seed_text):
    article = ingested(seed_text)
    page = admin_client.get(reverse("admin:claims_article_change", args=[article.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Skip to content" in html and "boilerplate" in html
    assert "caption" in html
    claim = Claim.objects.filter(article=article, kind="quote").first()
    assert reverse("admin:claims_claim_change", args=[claim.pk]) in html


def test_the_article_list_shows_status_and_counts(admin_client, ingested, seed_text):
    article = ingested(seed_text)
    page = admin_client.get(reverse("admin:claims_article_changelist"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ready" in html
    assert str(article.claims.count()) in html


def test_the_claim_page_shows_its_sentence_with_the_span_marked(admin_client, ingested, seed_text):
    article = ingested(seed_text)
    claim = Claim.objects.get(article=article, kind="quote", speaker="Antony Blinken")
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<mark>crossed the line</mark>" in html
    assert "US Secretary of State Antony Blinken said" in html


def test_article_text_is_escaped_on_every_page(admin_client, ingested):
    article = ingested(HOSTILE)
    pages = [reverse("admin:claims_article_change", args=[article.pk])]
    pages += [
        reverse("admin:claims_claim_change", args=[c.pk])
        for c in Claim.objects.filter(article=article)
    ]
    assert len(pages) > 1
    for url in pages:
        html = admin_client.get(url).content.decode()
        assert '<script>alert("x")</script>' not in html
    article_html = admin_client.get(pages[0]).content.decode()
    assert "&lt;script&gt;" in article_html

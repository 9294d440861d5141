"""The article page: sentences with roles, claims marked, pipeline status, retry."""

import warnings

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils.deprecation import RemovedInDjango60Warning

from claims.models import Article, Sentence
from tests.support.workflow import make_article, make_claim

pytestmark = pytest.mark.django_db

HOSTILE = (
    'Breaking: 3 "protesters" held. '
    'Police said 3 people were arrested after the <script>alert("x")</script> protest.'
)


def page(client, article):
    response = client.get(reverse("admin:claims_article_change", args=[article.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_sentences_show_their_roles_and_claims_are_marked_and_linked(client_for):
    article = make_article(HOSTILE)
    Sentence.objects.filter(article=article, index=0).update(role="headline")
    claim = make_claim(article, span="3 people", kind="count")
    html = page(client_for("reviewer"), article)
    sentences = html[html.index('id="sentences"') :]
    assert '<td class="sentence-role">headline</td>' in sentences
    assert '<td class="sentence-role">body</td>' in sentences
    link = reverse("admin:claims_claim_change", args=[claim.pk])
    assert f'<a class="claim-span" href="{link}" title="Count · New"><mark>3 people</mark></a>' in (
        sentences
    )
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in sentences
    assert "<script>alert" not in html
    assert "Breaking: 3 &quot;protesters&quot; held." in sentences


def test_a_failed_article_shows_its_error_and_a_retry_button_to_editors(client_for):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(
        status="failed", error="Extraction failed: <ValueError> bad input"
    )
    editor_view = page(client_for("editor"), article)
    assert "Extraction failed: &lt;ValueError&gt; bad input" in editor_view
    assert 'id="retry-form"' in editor_view
    assert 'id="retry-form"' not in page(client_for("reviewer"), article)

    response = client_for("editor").post(
        reverse("admin:claims_article_retry", args=[article.pk]), follow=True
    )
    assert "sent to the workers again" in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.error) == ("extracting", "")


def test_a_ready_article_has_nothing_to_retry(client_for):
    article = make_article()
    assert 'id="retry-form"' not in page(client_for("editor"), article)
    response = client_for("editor").post(
        reverse("admin:claims_article_retry", args=[article.pk]), follow=True
    )
    assert "nothing to retry" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == "ready"


def test_a_url_typed_without_a_scheme_is_taken_as_https(rf, django_user_model):
    request = rf.get("/")
    request.user = django_user_model(is_superuser=True, is_staff=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RemovedInDjango60Warning)
        form_class = admin.site._registry[Article].get_form(request, obj=None)
    form = form_class(data={"title": "A report", "url": "example.org/report"})
    form.is_valid()
    assert form.cleaned_data["url"] == "https://example.org/report"

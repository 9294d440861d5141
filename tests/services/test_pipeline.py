"""Segmentation and extraction turn a stored article into sentences and claims, once."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import Article, ArticleStatus, Claim, Sentence
from claims.services import pipeline
from claims.services.articles import article_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_seed(seed_text, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_ingest(raw=seed_text).article
    article.refresh_from_db()
    return article


def _claims(article, **filters):
    return list(Claim.objects.filter(article=article, **filters))


def test_the_seed_article_reaches_ready_with_sentences_and_roles(ready_seed):
    assert ready_seed.status == ArticleStatus.READY, ready_seed.error
    sentences = list(ready_seed.sentences.all())
    assert len(sentences) > 20
    for s in sentences:
        assert ready_seed.text[s.start : s.end].strip() == ready_seed.text[s.start : s.end]
    roles = {ready_seed.text[s.start : s.end]: s.role for s in sentences}
    assert roles["Skip to content"] == "boilerplate"
    assert roles["Share this article:"] == "boilerplate"
    assert ready_seed.original_publisher == "El Comercio"


@pytest.mark.parametrize(
    ("kind", "value", "qualifier", "counted_word"),
    [
        ("casualty", 7, "at_least", "killed"),
        ("count", 21, "exact", "launched"),
        ("count", 16, "exact", "intercepted"),
    ],
)
def test_the_seed_article_gives_the_headline_figures(
    ready_seed, kind, value, qualifier, counted_word
):
    matches = [
        c
        for c in _claims(ready_seed, kind=kind, value=value, qualifier=qualifier)
        if counted_word in c.counted
    ]
    assert matches, [(c.kind, c.value, c.qualifier, c.counted) for c in _claims(ready_seed)]
    assert all(ready_seed.text[c.start : c.end] == c.text for c in matches)


@pytest.mark.parametrize(
    ("speaker", "fragment"),
    [
        ("Vladimir Putin", "can serve as a basis for the settlement of the conflict"),
        ("Antony Blinken", "crossed the line"),
    ],
)
def test_the_seed_article_gives_the_quotes_with_their_speakers(ready_seed, speaker, fragment):
    quotes = _claims(ready_seed, kind="quote", speaker=speaker)
    assert any(fragment in c.quote for c in quotes), [
        (c.speaker, c.quote) for c in _claims(ready_seed, kind="quote")
    ]


def test_running_both_steps_again_adds_nothing(ready_seed):
    sentences, claims = Sentence.objects.count(), Claim.objects.count()
    Article.objects.filter(pk=ready_seed.pk).update(status=ArticleStatus.SEGMENTING)
    assert pipeline.article_segment(article_id=ready_seed.pk)
    pipeline.article_extract(article_id=ready_seed.pk)
    assert (Sentence.objects.count(), Claim.objects.count()) == (sentences, claims)
    assert Article.objects.get(pk=ready_seed.pk).status == ArticleStatus.READY


def test_a_newer_pipeline_keeps_touched_claims_and_supersedes_vanished_untouched_ones(
    ready_seed, monkeypatch
):
    touched, untouched = _claims(ready_seed)[:2]
    # Pretend an older pipeline produced two findings that the current one no longer makes.
    Claim.objects.filter(pk=touched.pk).update(
        fingerprint="old-touched", counted="reviewer wording", touched_at=timezone.now()
    )
    Claim.objects.filter(pk=untouched.pk).update(fingerprint="old-untouched")
    Article.objects.filter(pk=ready_seed.pk).update(pipeline_version="0.0.1")
    before = Claim.objects.count()

    assert pipeline.article_extract(article_id=ready_seed.pk)

    touched.refresh_from_db()
    untouched.refresh_from_db()
    assert touched.counted == "reviewer wording"
    assert touched.superseded_at is None
    assert untouched.superseded_at is not None
    # The two findings come back as new claims beside the old rows.
    assert Claim.objects.count() == before + 2


def test_a_sentence_span_outside_the_text_is_refused_by_the_database(ready_seed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Sentence.objects.create(
            article=ready_seed, index=9999, start=0, end=len(ready_seed.text) + 1
        )


def test_a_claim_span_outside_the_text_is_refused_by_the_database(ready_seed):
    claim = _claims(ready_seed)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(end=len(ready_seed.text) + 5)


def test_the_content_hash_is_unique_in_the_database(ready_seed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(raw="x", text="x", content_hash=ready_seed.content_hash)

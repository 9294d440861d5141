"""Invariants the database itself enforces."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import Article, Claim, Sentence, Verdict

pytestmark = pytest.mark.django_db

TEXT = "Rescuers said 40 people were missing after the landslide."


@pytest.fixture
def claim():
    article = Article.objects.create(raw=TEXT, text=TEXT, content_hash="a" * 64)
    sentence = Sentence.objects.create(article=article, index=0, start=0, end=len(TEXT))
    return Claim.objects.create(
        article=article,
        sentence=sentence,
        kind="casualty",
        start=14,
        end=16,
        text="40",
        value=40,
        value_min=40,
        value_max=40,
        role="body",
        fingerprint="f",
        pipeline_version="test",
    )


def _approved(claim, user, current):
    return Verdict.objects.create(
        claim=claim,
        rating="true",
        proposed_by=user,
        approved_by=user,
        approved_at=timezone.now(),
        is_current=current,
    )


def test_a_claim_has_at_most_one_current_verdict(claim):
    user = get_user_model().objects.create(username="ed")
    _approved(claim, user, current=True)
    _approved(claim, user, current=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        _approved(claim, user, current=True)


def test_a_current_verdict_must_be_approved(claim):
    user = get_user_model().objects.create(username="ed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.create(claim=claim, rating="true", proposed_by=user, is_current=True)


def test_an_interval_whose_bounds_are_reversed_is_refused(claim):
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(value_min=50, value_max=10)


def test_two_sentences_with_one_index_are_refused(claim):
    with pytest.raises(IntegrityError), transaction.atomic():
        Sentence.objects.create(article=claim.article, index=0, start=0, end=5)

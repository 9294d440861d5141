"""A claim dismissed as a duplicate names the claim it repeats."""

import pytest
from django.db import IntegrityError, transaction

from claims.models import Claim
from claims.services.errors import Invalid
from claims.services.workflow import claim_dismiss, claim_reopen
from tests.support.workflow import advance, make_article, make_claim, make_desk

pytestmark = pytest.mark.django_db

TEXT = "Officials said at least 7 people were killed. Later, at least 7 people were confirmed dead."


@pytest.fixture
def desk():
    return make_desk()


@pytest.fixture
def pair(desk):
    """The same figure reported in two articles: the original, and the repeat in review."""
    original = make_claim(make_article(TEXT))
    repeat = advance(make_claim(make_article(TEXT)), "in_review", desk)
    return original, repeat


def dismiss(claim, user, **params):
    claim.refresh_from_db()
    return claim_dismiss(claim_id=claim.pk, user=user, version=claim.version, **params)


def test_a_duplicate_points_at_the_claim_it_repeats(desk, pair):
    original, repeat = pair
    done = dismiss(repeat, desk.reviewer, reason="duplicate", duplicate_of=original.pk)
    done.refresh_from_db()
    assert (done.status, done.duplicate_of) == ("dismissed", original)
    assert list(original.duplicates.all()) == [done]
    assert done.history.latest().history_change_reason == (
        f"Dismissed: Duplicate of claim {original.pk}"
    )


def test_a_duplicate_of_a_duplicate_points_at_the_first(desk, pair):
    original, repeat = pair
    dismiss(repeat, desk.reviewer, reason="duplicate", duplicate_of=original.pk)
    third = advance(make_claim(make_article(TEXT)), "in_review", desk)
    done = dismiss(third, desk.reviewer, reason="duplicate", duplicate_of=repeat.pk)
    assert done.duplicate_of == original


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"reason": "not_a_claim", "duplicate_of": 1}, "duplicate_of_without_duplicate"),
        ({"reason": "duplicate", "duplicate_of": 10**12}, "unknown_original"),
        ({"reason": "duplicate", "duplicate_of": "seven"}, "unknown_original"),
        ({"reason": "duplicate", "duplicate_of": "self"}, "unknown_original"),
        ({"reason": "duplicate", "duplicate_of": "loop"}, "unknown_original"),
    ],
)
def test_a_wrong_original_is_refused_and_nothing_changes(desk, pair, params, code):
    original, repeat = pair
    if params["duplicate_of"] == "self":
        params = {**params, "duplicate_of": repeat.pk}
    if params["duplicate_of"] == "loop":
        # The named claim is itself a duplicate of the one being dismissed.
        Claim.objects.filter(pk=original.pk).update(
            status="dismissed", dismissal_reason="duplicate", duplicate_of=repeat.pk
        )
        params = {**params, "duplicate_of": original.pk}
    with pytest.raises(Invalid) as refused:
        dismiss(repeat, desk.reviewer, **params)
    assert refused.value.code == code
    assert "duplicate_of" in refused.value.fields
    unchanged = Claim.objects.get(pk=repeat.pk)
    assert (unchanged.status, unchanged.duplicate_of_id) == ("in_review", None)


def test_a_duplicate_need_not_name_its_original(desk, pair):
    _, repeat = pair
    assert dismiss(repeat, desk.reviewer, reason="duplicate").duplicate_of is None


def test_reopening_forgets_the_original_but_history_keeps_it(desk, pair):
    original, repeat = pair
    dismiss(repeat, desk.reviewer, reason="duplicate", duplicate_of=original.pk)
    repeat.refresh_from_db()
    reopened = claim_reopen(
        claim_id=repeat.pk, user=desk.editor, version=repeat.version, reason="Another event."
    )
    assert reopened.duplicate_of is None
    assert original.pk in reopened.history.values_list("duplicate_of_id", flat=True)


def test_the_database_refuses_a_pointer_without_the_reason_or_to_itself(pair):
    original, repeat = pair
    for change in ({"duplicate_of": original.pk}, {"duplicate_of": repeat.pk}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Claim.objects.filter(pk=repeat.pk).update(**change)

"""Reviewer corrections sit beside the extractor's values and feed its precision."""

import pytest

from claims.models import Claim
from claims.selectors import extractor_precision
from claims.services.errors import Conflict, Forbidden, Invalid
from claims.services.workflow import claim_correct, claim_dismiss
from tests.support.workflow import advance, make_claim, make_desk

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return make_desk()


@pytest.fixture
def claim(desk):
    return advance(make_claim(), "in_review", desk)


def correct(claim, user, **fields):
    claim.refresh_from_db()
    return claim_correct(claim_id=claim.pk, user=user, version=claim.version, **fields)


def test_a_correction_keeps_the_extractors_value_beside_it(desk, claim):
    done = correct(claim, desk.reviewer, value="8", value_min=8, qualifier="exact")
    done.refresh_from_db()
    assert (done.value, done.value_min, done.qualifier) == (8, 8, "exact")
    assert (done.extracted["value"], done.extracted["qualifier"]) == (7, "at_least")
    assert done.corrected_fields == ["value", "value_min", "qualifier"]
    assert done.version == claim.version + 1
    assert done.history.latest().history_change_reason == (
        "Corrected value: 7 → 8; value_min: 7 → 8; qualifier: at_least → exact"
    )


def test_correcting_back_to_the_extracted_value_clears_the_mark(desk, claim):
    correct(claim, desk.reviewer, counted="civilians killed", speaker="Mayor Anna Kovalenko")
    done = correct(claim, desk.reviewer, counted="people killed")
    assert done.corrected_fields == ["speaker"]


def test_a_correction_that_changes_nothing_saves_nothing(desk, claim):
    done = correct(claim, desk.reviewer, value=7, counted="people killed")
    assert done.version == claim.version
    assert done.corrected_fields == []


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"text": "8"}, "unknown_field", "text"),
        ({"status": "verified"}, "unknown_field", "status"),
        ({"qualifier": "roughly"}, "invalid_correction", "qualifier"),
        ({"value": "eight"}, "invalid_correction", "value"),
        ({"value_min": 30, "value_max": 20}, "interval_order", "value_min"),
        ({"kind": "rumour"}, "invalid_correction", "kind"),
    ],
)
def test_invalid_corrections_are_refused_with_the_field(desk, claim, fields, code, field):
    with pytest.raises(Invalid) as refused:
        correct(claim, desk.reviewer, **fields)
    assert refused.value.code == code
    assert field in refused.value.fields
    unchanged = Claim.objects.get(pk=claim.pk)
    assert (unchanged.version, unchanged.corrected_fields) == (claim.version, [])


def test_a_figures_kind_is_corrected_within_the_figure_kinds(desk):
    claim = advance(make_claim(kind="count", counted="people arrested"), "in_review", desk)
    done = correct(claim, desk.reviewer, kind="casualty", counted="people killed")
    done.refresh_from_db()
    assert (done.kind, done.extracted["kind"]) == ("casualty", "count")
    assert done.corrected_fields == ["kind", "counted"]
    assert done.history.latest().history_change_reason == (
        "Corrected kind: count → casualty; counted: people arrested → people killed"
    )
    assert correct(done, desk.reviewer, kind="numeric").kind == "numeric"


@pytest.mark.parametrize(("kind", "to"), [("count", "quote"), ("quote", "casualty")])
def test_a_figure_never_becomes_a_quote_nor_a_quote_a_figure(desk, kind, to):
    claim = advance(make_claim(kind=kind), "in_review", desk)
    with pytest.raises(Invalid) as refused:
        correct(claim, desk.reviewer, kind=to)
    assert refused.value.code == "kind_family"
    assert "kind" in refused.value.fields
    unchanged = Claim.objects.get(pk=claim.pk)
    assert (unchanged.kind, unchanged.version) == (kind, claim.version)


def test_only_the_assignee_or_an_editor_corrects(desk, claim):
    with pytest.raises(Forbidden):
        correct(claim, desk.other_reviewer, value=9)
    assert correct(claim, desk.editor, value=9).value == 9


@pytest.mark.parametrize("status", ["proposed", "verified", "dismissed"])
def test_a_claim_past_review_cannot_be_corrected(desk, status):
    claim = advance(make_claim(), status, desk)
    with pytest.raises(Conflict) as refused:
        correct(claim, desk.editor, value=9)
    assert refused.value.code == "claim_not_editable"


def test_extractor_precision_counts_dismissals_as_wrong_and_corrections_as_partly(desk):
    def reviewed(kind, *, dismiss=None, fix=None):
        claim = advance(make_claim(kind=kind), "in_review", desk)
        if fix:
            claim = correct(claim, desk.reviewer, **fix)
        if dismiss:
            claim_dismiss(
                claim_id=claim.pk, user=desk.reviewer, version=claim.version, reason=dismiss
            )
            return
        advance_to_verified(claim)

    def advance_to_verified(claim):
        from claims.services.workflow import claim_approve, claim_propose, source_add

        source_add(
            claim_id=claim.pk, user=desk.reviewer, url="https://example.org/x", stance="supports"
        )
        claim = claim_propose(
            claim_id=claim.pk, user=desk.reviewer, version=claim.version, rating="true"
        )
        claim_approve(claim_id=claim.pk, user=desk.editor, version=claim.version)

    reviewed("casualty")
    reviewed("casualty")
    reviewed("casualty", fix={"value": 8})
    reviewed("casualty", dismiss="not_a_claim")
    reviewed("casualty", dismiss="extraction_error", fix={"value": 9})
    reviewed("casualty", dismiss="duplicate")  # a real claim, just seen before
    advance(make_claim(kind="casualty"), "in_review", desk)  # not judged yet
    reviewed("count", dismiss="extraction_error")
    # Extracted as a count, corrected to a casualty: the count was partly wrong.
    reviewed("count", fix={"kind": "casualty"})

    by_kind = {p.kind: p for p in extractor_precision()}
    casualty = by_kind["casualty"]
    assert (casualty.judged, casualty.wrong, casualty.corrected, casualty.right) == (6, 2, 1, 3)
    assert casualty.strict == pytest.approx(3 / 6)
    assert casualty.lenient == pytest.approx(4 / 6)
    count = by_kind["count"]
    assert (count.judged, count.wrong, count.corrected, count.strict) == (2, 1, 1, 0)
    assert by_kind["quote"].judged == 0 and by_kind["quote"].strict is None

"""Reviewer corrections of extracted fields, kept beside the extractor's originals."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import CORRECTABLE_FIELDS, FIGURE_KINDS, Claim
from claims.services.errors import Conflict, Invalid
from claims.services.workflow import rules
from claims.services.workflow.records import claim_for_update, claim_save

NUMBERS = ("value", "value_min", "value_max")


@transaction.atomic
def claim_correct(*, claim_id: int, user, version: int, **fields) -> Claim:
    """Correct normalised fields (value, qualifier, counted, speaker, …) and a figure's
    kind (casualty, count or other figure; a quote stays a quote).

    The claim's fields hold the reviewed values and ``extracted`` keeps what the extractor
    found; ``corrected_fields`` lists the fields that now differ from it. A call that
    changes nothing saves nothing.
    """
    unknown = sorted(set(fields) - set(CORRECTABLE_FIELDS))
    if unknown:
        raise Invalid(
            f"These fields cannot be corrected: {', '.join(unknown)}.",
            code="unknown_field",
            fields={name: ["Not a correctable field."] for name in unknown},
        )
    claim = claim_for_update(claim_id=claim_id, version=version)
    rules.require_assignee_or_editor(user, claim, "correct its fields")
    if claim.status not in rules.EDITABLE:
        raise Conflict(
            f"Fields can be corrected only while a claim is new or in review; this one is "
            f"{claim.get_status_display().lower()}.",
            code="claim_not_editable",
        )
    before = {name: getattr(claim, name) for name in fields}
    for name, value in fields.items():
        setattr(claim, name, _blank_as(name, value))
    _validate(claim, list(fields))
    if "kind" in fields:
        _require_same_family(before["kind"], claim.kind)
    changed = [name for name in fields if not _same(getattr(claim, name), before[name])]
    if not changed:
        return claim
    claim.corrected_fields = [
        name
        for name in CORRECTABLE_FIELDS
        if not _same(getattr(claim, name), claim.extracted.get(name))
    ]
    reason = "Corrected " + "; ".join(
        f"{name}: {_shown(before[name])} → {_shown(getattr(claim, name))}" for name in changed
    )
    return claim_save(claim, user=user, reason=reason, fields=[*changed, "corrected_fields"])


def _blank_as(name: str, value):
    """Numbers use None for "no value", text fields the empty string."""
    if name in NUMBERS:
        return None if value in (None, "") else value
    return "" if value is None else str(value).strip()


def _require_same_family(was: str, now: str) -> None:
    """A figure's kind may change to another figure kind; a quote's fields are another
    set, so a quote stays a quote and a figure never becomes one."""
    if was != now and not (was in FIGURE_KINDS and now in FIGURE_KINDS):
        raise Invalid(
            "A figure's kind can become another figure kind (casualty, count, other "
            "figure); a quote stays a quote.",
            code="kind_family",
            fields={"kind": ["Not a kind this claim can take."]},
        )


def _validate(claim: Claim, names: list[str]) -> None:
    try:
        claim.clean_fields(exclude=[f.name for f in Claim._meta.fields if f.name not in names])
    except ValidationError as exc:
        raise Invalid(
            "The correction is not valid: "
            + "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items()),
            code="invalid_correction",
            fields=exc.message_dict,
        ) from None
    low, high = claim.value_min, claim.value_max
    if low is not None and high is not None and low > high:
        raise Invalid(
            "The lower bound is above the upper bound.",
            code="interval_order",
            fields={"value_min": ["Must not exceed the upper bound."]},
        )


def _same(a, b) -> bool:
    a, b = (None if v == "" else v for v in (a, b))
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return a == b


def _shown(value) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

"""The rating scale as releases see it: label, ClaimReview number and FEVER label."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

# The scale of DESIGN.md §5; FACTCHECK_RATING_SCALE overrides it.
DEFAULT_SCALE = [
    {"code": "false", "value": 1, "label": "False"},
    {"code": "mostly_false", "value": 2, "label": "Mostly false"},
    {"code": "mixed", "value": 3, "label": "Half true"},
    {"code": "misleading", "value": 3, "label": "Misleading"},
    {"code": "mostly_true", "value": 4, "label": "Mostly true"},
    {"code": "true", "value": 5, "label": "True"},
    {"code": "unverifiable", "value": None, "label": "Unverifiable"},
]

SUPPORTS, REFUTES, NOT_ENOUGH_INFO = "SUPPORTS", "REFUTES", "NOT ENOUGH INFO"
FEVER_LABELS = (SUPPORTS, REFUTES, NOT_ENOUGH_INFO)


@dataclass(frozen=True)
class ReleaseRating:
    """One rating with every number and label a release derives from it."""

    code: str
    label: str
    value: int | None
    fever: str


def fever_label(value: int | None, worst: int, best: int) -> str:
    """Ratings above the middle of the scale support the claim, below it refute it.

    The middle (half true, misleading) and unrated verdicts are neither: FEVER's
    NOT ENOUGH INFO is the closest of its three labels.
    """
    if value is None:
        return NOT_ENOUGH_INFO
    middle = (worst + best) / 2
    if value > middle:
        return SUPPORTS
    if value < middle:
        return REFUTES
    return NOT_ENOUGH_INFO


def release_scale() -> tuple[ReleaseRating, ...]:
    """The configured scale, in its configured order."""
    entries = getattr(settings, "FACTCHECK_RATING_SCALE", DEFAULT_SCALE)
    worst, best = scale_bounds(entries)
    return tuple(
        ReleaseRating(
            code=e["code"],
            label=str(e["label"]),
            value=e["value"],
            fever=fever_label(e["value"], worst, best),
        )
        for e in entries
    )


def scale_bounds(entries=None) -> tuple[int, int]:
    """(worstRating, bestRating): the lowest and highest numbers on the scale."""
    if entries is None:
        entries = getattr(settings, "FACTCHECK_RATING_SCALE", DEFAULT_SCALE)
    values = [e["value"] for e in entries if e["value"] is not None]
    return min(values), max(values)

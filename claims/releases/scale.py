"""The rating scale as releases see it: label, ClaimReview number and FEVER label."""

from __future__ import annotations

from dataclasses import dataclass

from claims.ratings import rating_bounds, rating_scale

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
    """FACTCHECK_RATING_SCALE in its configured order, with each rating's FEVER label."""
    worst, best = rating_bounds()
    return tuple(
        ReleaseRating(r.code, str(r.label), r.value, fever_label(r.value, worst, best))
        for r in rating_scale()
    )


def scale_bounds() -> tuple[int, int]:
    """(worstRating, bestRating): the lowest and highest numbers on the scale."""
    return rating_bounds()

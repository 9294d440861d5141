"""The verdict rating scale, read from the ``FACTCHECK_RATING_SCALE`` setting."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.checks import Error, register


@dataclass(frozen=True)
class Rating:
    """One step of the scale; ``value`` is None for ratings outside it (unverifiable)."""

    code: str
    value: int | None
    label: str

    @property
    def needs_sources(self) -> bool:
        return self.value is not None


def rating_scale() -> tuple[Rating, ...]:
    return tuple(Rating(r["code"], r["value"], r["label"]) for r in settings.FACTCHECK_RATING_SCALE)


_scale_text: tuple[object, str] = (None, "")


def rating_scale_text() -> str:
    """The setting as text: a key for what depends on the scale. Remembered for the
    setting's current value (its repr costs a few µs on every cached API read)."""
    global _scale_text
    scale = settings.FACTCHECK_RATING_SCALE
    if _scale_text[0] is not scale:
        _scale_text = (scale, repr(scale))
    return _scale_text[1]


def rating_get(code: str) -> Rating | None:
    return next((r for r in rating_scale() if r.code == code), None)


def rating_choices() -> list[tuple[str, str]]:
    return [(r.code, r.label) for r in rating_scale()]


def rating_bounds() -> tuple[int, int]:
    """(worst, best) numeric values of the scale."""
    values = [r.value for r in rating_scale() if r.value is not None]
    return min(values), max(values)


def rating_label(code: str) -> str:
    rating = rating_get(code)
    return rating.label if rating else code


@register()
def check_rating_scale(app_configs, **kwargs) -> list[Error]:
    """The scale setting must be usable: unique codes, whole-number values, labels."""
    errors = []
    try:
        scale = rating_scale()
    except (KeyError, TypeError) as exc:
        return [Error(f"FACTCHECK_RATING_SCALE is malformed: {exc}", id="claims.E001")]
    codes = [r.code for r in scale]
    if len(set(codes)) != len(codes):
        errors.append(Error("FACTCHECK_RATING_SCALE repeats a code.", id="claims.E002"))
    if not any(r.value is not None for r in scale):
        errors.append(Error("FACTCHECK_RATING_SCALE has no numeric rating.", id="claims.E003"))
    for r in scale:
        if r.value is not None and not isinstance(r.value, int):
            errors.append(Error(f"Rating {r.code!r} needs a whole number.", id="claims.E004"))
        if not r.code or len(r.code) > 32 or not r.label:
            errors.append(
                Error(f"Rating {r.code!r} needs a short code and a label.", id="claims.E005")
            )
    return errors

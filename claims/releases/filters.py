"""Which verified claims a release takes: an approval-date range, kinds, ratings, outlets
and languages. Empty means no restriction."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from claims.pipeline.types import KINDS
from claims.releases.scale import release_scale
from claims.services.errors import Invalid


@dataclass(frozen=True)
class ReleaseFilters:
    """A release's filters; dates are inclusive, in UTC, on the verdict's approval."""

    approved_from: dt.date | None = None
    approved_to: dt.date | None = None
    kinds: tuple[str, ...] = field(default=())
    ratings: tuple[str, ...] = field(default=())
    outlets: tuple[str, ...] = field(default=())
    languages: tuple[str, ...] = field(default=())

    def as_json(self) -> dict:
        """Plain data for the release row and the datasheet; only the filters in use."""
        data = asdict(self)
        for name in ("approved_from", "approved_to"):
            if data[name] is not None:
                data[name] = data[name].isoformat()
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in data.items() if v}

    @classmethod
    def from_json(cls, data: dict | None) -> ReleaseFilters:
        """Validate raw input (API body, command options, a stored row) into filters."""
        data = dict(data or {})
        errors: dict[str, list[str]] = {}
        unknown = sorted(set(data) - set(cls.__dataclass_fields__))
        for name in unknown:
            errors[name] = ["Unknown filter."]
        values = {
            "approved_from": _date(data.get("approved_from"), "approved_from", errors),
            "approved_to": _date(data.get("approved_to"), "approved_to", errors),
            "kinds": _choices(data.get("kinds"), "kinds", KINDS, errors),
            "ratings": _choices(
                data.get("ratings"), "ratings", [r.code for r in release_scale()], errors
            ),
            "outlets": _strings(data.get("outlets"), "outlets", errors),
            "languages": _strings(data.get("languages"), "languages", errors),
        }
        start, end = values["approved_from"], values["approved_to"]
        if start and end and start > end:
            errors.setdefault("approved_to", []).append("Must not be before approved_from.")
        if errors:
            raise Invalid(
                "The release filters are not valid.", code="invalid_filters", fields=errors
            )
        return cls(**values)


def _date(value, name: str, errors: dict) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors.setdefault(name, []).append(f"{value!r} is not a date; use YYYY-MM-DD.")
        return None


def _strings(value, name: str, errors: dict) -> tuple[str, ...]:
    if value in (None, "", []):
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        errors.setdefault(name, []).append("Must be a list of strings.")
        return ()
    return tuple(sorted({v.strip() for v in value if v.strip()}))


def _choices(value, name: str, allowed, errors: dict) -> tuple[str, ...]:
    chosen = _strings(value, name, errors)
    wrong = [v for v in chosen if v not in allowed]
    if wrong:
        errors.setdefault(name, []).append(
            f"Unknown value(s) {', '.join(wrong)}; choose from {', '.join(allowed)}."
        )
    return chosen

"""A claim's timeline: its history, its sources' history and its comments, in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model

from claims.models import CORRECTABLE_FIELDS, Claim, ClaimStatus, DismissalReason, Source

# Claim fields whose changes the timeline spells out; bookkeeping fields are left out.
SHOWN_FIELDS = ("status", "assignee_id", *CORRECTABLE_FIELDS)
SOURCE_EVENTS = {"+": "Source added", "~": "Source changed", "-": "Source removed"}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class TimelineEntry:
    """One event: ``kind`` is extracted, change, source or comment."""

    at: datetime
    kind: str
    user: str | None
    text: str
    changes: tuple[Change, ...] = field(default_factory=tuple)


def claim_timeline(*, claim: Claim) -> list[TimelineEntry]:
    """Everything that happened to the claim, oldest first."""
    entries = [
        TimelineEntry(
            at=claim.created_at,
            kind="extracted",
            user=None,
            text=f"Extracted by pipeline {claim.pipeline_version}",
        )
    ]
    entries += _claim_changes(claim)
    entries += _source_events(claim)
    entries += [
        TimelineEntry(at=c.created_at, kind="comment", user=c.author.get_username(), text=c.body)
        for c in claim.comments.select_related("author").order_by("created_at", "id")
    ]
    return sorted(entries, key=lambda e: e.at)


def _claim_changes(claim: Claim) -> list[TimelineEntry]:
    records = list(claim.history.select_related("history_user").order_by("history_date", "pk"))
    names = _usernames(
        {r.assignee_id for r in records if r.assignee_id}
        | ({claim.assignee_id} if claim.assignee_id else set())
    )
    statuses = dict(ClaimStatus.choices)
    entries, previous = [], None
    for record in records:
        changes = []
        if previous is not None:
            for name in SHOWN_FIELDS:
                old, new = getattr(previous, name), getattr(record, name)
                if old != new:
                    shown = _shower(name, names, statuses)
                    changes.append(Change(name.removesuffix("_id"), shown(old), shown(new)))
        if record.history_change_reason or changes:
            entries.append(
                TimelineEntry(
                    at=record.history_date,
                    kind="change",
                    user=_username(record.history_user),
                    text=record.history_change_reason or "Changed",
                    changes=tuple(changes),
                )
            )
        previous = record
    return entries


def _source_events(claim: Claim) -> list[TimelineEntry]:
    records = Source.history.filter(claim_id=claim.pk).select_related("history_user")
    return [
        TimelineEntry(
            at=r.history_date,
            kind="source",
            user=_username(r.history_user),
            text=f"{SOURCE_EVENTS[r.history_type]}: {r.title or r.url} "
            f"({Source.Stance(r.stance).label.lower()})",
        )
        for r in records.order_by("history_date", "pk")
    ]


def _shower(name, usernames, statuses):
    if name == "assignee_id":
        return lambda v: usernames.get(v, "nobody") if v else "nobody"
    if name == "status":
        return lambda v: str(statuses.get(v, v))
    if name == "dismissal_reason":
        return lambda v: str(DismissalReason(v).label) if v else "—"
    return lambda v: "—" if v in (None, "") else str(v)


def _usernames(ids: set[int]) -> dict[int, str]:
    User = get_user_model()
    return {u.pk: u.get_username() for u in User.objects.filter(pk__in=ids)}


def _username(user) -> str | None:
    return user.get_username() if user is not None else None

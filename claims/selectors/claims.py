"""Reads of claims: the review queue with its filters, one claim, what a user may do."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from claims.models import Claim, ClaimStatus, Source, Verdict
from claims.ratings import rating_scale
from claims.services.errors import DomainError, Invalid, NotFound
from claims.services.workflow import rules

FILTERS = (
    "status",
    "kind",
    "assignee",
    "article",
    "outlet",
    "score_min",
    "score_max",
    "rating",
    "q",
    "include_flagged",
    "include_superseded",
    "updated_since",
)


# Article columns a list of claims never shows; an article's raw HTML can be megabytes.
ARTICLE_BODY = ("article__raw", "article__text")


def claim_queryset() -> QuerySet[Claim]:
    """Claims with what every list shows: article, assignee and current rating, no N+1."""
    current = Verdict.objects.filter(claim=OuterRef("pk"), is_current=True).order_by()
    return Claim.objects.select_related("article", "assignee").annotate(
        current_rating=Subquery(current.values("rating")[:1])
    )


def claim_list(*, filters: Mapping | None = None, user=None) -> QuerySet[Claim]:
    """The review queue, filtered and sorted by check-worthiness.

    Flagged (caption/boilerplate) and superseded claims are left out unless
    ``include_flagged`` / ``include_superseded`` is true. ``assignee`` takes a user id,
    ``"me"`` (needs ``user``) or ``"none"``; ``rating`` takes a scale code or ``"none"``.
    Unknown filters or values raise ``Invalid``.
    """
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "", [])}
    unknown = sorted(set(filters) - set(FILTERS))
    if unknown:
        raise Invalid(
            f"Unknown filter: {', '.join(unknown)}.",
            code="unknown_filter",
            fields={name: [f"Choose from: {', '.join(FILTERS)}."] for name in unknown},
        )
    claims = claim_queryset().defer(*ARTICLE_BODY)
    if not _flag(filters, "include_flagged"):
        claims = claims.filter(flagged=False)
    if not _flag(filters, "include_superseded"):
        claims = claims.filter(superseded_at__isnull=True)
    if "status" in filters:
        claims = claims.filter(status__in=_choices(filters, "status", ClaimStatus.values))
    if "kind" in filters:
        claims = claims.filter(kind__in=_choices(filters, "kind", Claim.Kind.values))
    if "assignee" in filters:
        claims = claims.filter(_assignee_q(filters["assignee"], user))
    if "article" in filters:
        claims = claims.filter(article_id=_number(filters, "article", int))
    if "outlet" in filters:
        claims = claims.filter(article__outlet=filters["outlet"])
    if "score_min" in filters:
        claims = claims.filter(score__gte=_number(filters, "score_min", float))
    if "score_max" in filters:
        claims = claims.filter(score__lte=_number(filters, "score_max", float))
    if "rating" in filters:
        claims = claims.filter(_rating_q(filters["rating"]))
    if "q" in filters:
        claims = claims.filter(search_q(str(filters["q"])))
    if "updated_since" in filters:
        since = filters["updated_since"]
        if not isinstance(since, datetime) or timezone.is_naive(since):
            raise _invalid("updated_since", "Give a date and time with a time zone.")
        claims = claims.filter(updated_at__gte=since)
    return claims.order_by("-score", "id")


def claim_get(*, claim_id: int) -> Claim:
    """One claim with its article, sentence, sources and verdicts loaded."""
    verdicts = Verdict.objects.select_related(
        "proposed_by", "approved_by", "rejected_by", "withdrawn_by"
    ).order_by("-proposed_at", "-id")
    claim = (
        claim_queryset()
        .select_related("sentence", "dismissed_by")
        .prefetch_related(
            Prefetch("sources", queryset=Source.objects.select_related("added_by")),
            Prefetch("verdicts", queryset=verdicts),
        )
        .filter(pk=claim_id)
        .first()
        if str(claim_id).isdigit()
        else None
    )
    if claim is None:
        raise NotFound(f"Claim {claim_id} does not exist.", code="claim_not_found")
    return claim


def claim_current_verdict(claim: Claim) -> Verdict | None:
    """The latest approved verdict that has not been withdrawn (uses prefetched verdicts)."""
    return next((v for v in claim.verdicts.all() if v.is_current), None)


def claim_pending_verdict(claim: Claim) -> Verdict | None:
    return next((v for v in claim.verdicts.all() if v.state == "proposed"), None)


def claim_available_actions(*, claim: Claim, user) -> list[str]:
    """What ``user`` may do to ``claim`` now: transitions by name, plus ``take``,
    ``assign``, ``unassign``, ``correct``, ``add_source`` and ``comment``.

    Input-dependent rules (a rating needs a source, …) are checked when the action runs.
    """
    pending = claim_pending_verdict(claim)
    actions = []
    for action in claim.allowed_actions():
        try:
            rules.check_actor(user, claim, action, pending=pending)
        except DomainError:
            continue
        actions.append(str(action))
    editor, reviewer = rules.is_editor(user), rules.is_reviewer(user)
    if claim.is_open:
        if reviewer and claim.assignee_id != user.pk and (editor or claim.assignee_id is None):
            actions.append("take")
        if editor:
            actions.append("assign")
        if claim.assignee_id is not None and (editor or claim.assignee_id == user.pk):
            actions.append("unassign")
    if rules.may_edit(user, claim):
        actions += ["correct", "add_source"]
    if reviewer:
        actions.append("comment")
    return actions


def search_q(text: str) -> Q:
    """Every word must appear in the claim, its fields or its article's title."""
    q = Q()
    for word in text.split():
        q &= (
            Q(text__icontains=word)
            | Q(counted__icontains=word)
            | Q(speaker__icontains=word)
            | Q(quote__icontains=word)
            | Q(article__title__icontains=word)
        )
    return q


def _assignee_q(value, user) -> Q:
    if value == "me":
        if user is None or not user.is_authenticated:
            raise _invalid("assignee", '"me" needs a signed-in user.')
        return Q(assignee=user)
    if value == "none":
        return Q(assignee__isnull=True)
    return Q(assignee_id=_number({"assignee": value}, "assignee", int))


def _rating_q(value) -> Q:
    if value == "none":
        return ~Q(verdicts__is_current=True)
    codes = [r.code for r in rating_scale()]
    if value not in codes:
        raise _invalid("rating", f"Choose one of: {', '.join(codes)}, none.")
    return Q(current_rating=value)


def _choices(filters, name, allowed) -> list[str]:
    value = filters[name]
    values = value if isinstance(value, list | tuple) else str(value).split(",")
    bad = [v for v in values if v not in allowed]
    if bad:
        raise _invalid(name, f"Unknown {name} {', '.join(bad)}; choose from {', '.join(allowed)}.")
    return list(values)


def _number(filters, name, kind):
    try:
        return kind(filters[name])
    except (TypeError, ValueError):
        raise _invalid(name, "Give a number.") from None


def _flag(filters, name) -> bool:
    value = filters.get(name, False)
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes", "on")
    return bool(value)


def _invalid(name: str, message: str) -> Invalid:
    return Invalid(f"Bad filter {name}: {message}", code="invalid_filter", fields={name: [message]})

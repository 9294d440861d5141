"""Reads behind the API: what a caller may see, fetched in a fixed number of queries.

Lists and details are read with ``values()`` and the joins they need, so a page of 200
claims costs the same few queries as a page of 5.
"""

from __future__ import annotations

import functools

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Substr

from claims.api.permissions import is_desk
from claims.models import (
    Article,
    ChangeEvent,
    Claim,
    ClaimStatus,
    Sentence,
    Source,
    Verdict,
)
from claims.pipeline.types import NORMALISED_FIELDS
from claims.selectors import claim_list

CLAIM_FIELDS = (
    "id",
    "article_id",
    "kind",
    "start",
    "end",
    "text",
    *NORMALISED_FIELDS,
    "score",
    "role",
    "flagged",
    "status",
    "version",
    "created_at",
    "updated_at",
)
SOURCE_FIELDS = (
    "id",
    "url",
    "title",
    "publisher",
    "published_at",
    "accessed_at",
    "excerpt",
    "stance",
    "archived_url",
    "created_at",
)


def claims_visible(*, user) -> QuerySet[Claim]:
    """Every claim for the desk; verified claims only for everyone else."""
    claims = Claim.objects.all()
    if not is_desk(user):
        claims = claims.filter(status=ClaimStatus.VERIFIED)
    return claims


def claim_rows(claims: QuerySet[Claim], *extra: str, desk: bool = True) -> QuerySet:
    """The columns of the claim list, with the current rating and, for the desk, the
    assignee's name (the public never sees it, so its join is left out)."""
    assignee = F("assignee__username") if desk else Value(None, output_field=CharField())
    return claims.values(*CLAIM_FIELDS, *extra, assignee_name=assignee, rating=current_rating())


def current_rating() -> RawSQL:
    """The rating of the claim's current verdict (at most one, a unique index says)."""
    return _correlated(
        "SELECT {rating} FROM {verdict} WHERE {verdict}.{claim_id} = {claim}.{id}"
        " AND {verdict}.{is_current} = %s",
        [True],
        CharField(),
    )


def _correlated(template: str, params: list, output_field) -> RawSQL:
    """A subquery on the claim row, written as SQL: building the same subquery with the
    ORM costs more CPU per request than running it. Names are quoted for the backend."""
    return RawSQL(template.format(**_sql_names()), params, output_field=output_field)


@functools.cache
def _sql_names() -> dict[str, str]:
    quote = connection.ops.quote_name
    return {
        "claim": quote(Claim._meta.db_table),
        "verdict": quote(Verdict._meta.db_table),
        "source_history": quote(history_model(Source)._meta.db_table),
        "verdict_history": quote(history_model(Verdict)._meta.db_table),
        **{n: quote(n) for n in ("id", "rating", "claim_id", "is_current", "history_id")},
    }


@functools.cache
def history_model(model):
    """The historical model of ``model``. Each ``Model.history`` access builds a new
    manager class (about a millisecond), so hot paths use the model's default manager."""
    return model.history.model


def claim_detail_row(*, claims: QuerySet[Claim], claim_id: int) -> dict | None:
    """One claim with its sentence and article summary, in one query."""
    sentence_text = Substr(
        "article__text", F("sentence__start") + 1, F("sentence__end") - F("sentence__start")
    )
    return _first(
        claim_rows(claims.filter(pk=claim_id)).values(
            *CLAIM_FIELDS,
            "assignee_name",
            "rating",
            "extracted",
            "superseded_at",
            "dismissal_reason",
            "dismissal_note",
            "duplicate_of_id",
            sentence_index=F("sentence__index"),
            sentence_start=F("sentence__start"),
            sentence_end=F("sentence__end"),
            sentence_role=F("sentence__role"),
            sentence_text=sentence_text,
            article_title=F("article__title"),
            article_url=F("article__url"),
            article_outlet=F("article__outlet"),
            article_published_at=F("article__published_at"),
        )
    )


def _first(rows: QuerySet) -> dict | None:
    """The one row of a lookup by primary key, without the ORDER BY that first() adds."""
    return next(iter(rows.order_by()[:1]), None)


def claim_current_verdict(*, claim_id: int) -> dict | None:
    current = Verdict.objects.filter(claim_id=claim_id, is_current=True).order_by()
    return current.values("id", "rating", "rationale", "valid_as_of", "approved_at").first()


def claim_sources(*, claim_id: int) -> list[dict]:
    return list(Source.objects.filter(claim_id=claim_id).order_by("id").values(*SOURCE_FIELDS))


def claim_history(*, claim_id: int) -> list[dict]:
    """The claim's recorded states, oldest first."""
    records = history_model(Claim).objects.filter(id=claim_id)
    records = records.order_by("history_date", "history_id")
    return list(
        records.values(
            "history_date",
            "history_type",
            "history_change_reason",
            "status",
            "version",
            by=F("history_user__username"),
        )
    )


def claim_etag_parts(*, claims: QuerySet[Claim], claim_id: int) -> dict | None:
    """What the claim's representation depends on, read in one query.

    Any save of the claim moves ``updated_at``; any change to its sources or verdicts
    adds a history row, so the largest history ids stand for those related rows.
    """
    return _first(
        claims.filter(pk=claim_id).values(
            "version",
            "updated_at",
            article_updated_at=F("article__updated_at"),
            sources_mark=_history_mark("source_history"),
            verdicts_mark=_history_mark("verdict_history"),
        )
    )


def _history_mark(table: str) -> RawSQL:
    return _correlated(
        f"SELECT COALESCE(MAX({{history_id}}), 0) FROM {{{table}}}"
        f" WHERE {{{table}}}.{{claim_id}} = {{claim}}.{{id}}",
        [],
        IntegerField(),
    )


def article_rows(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Articles with their sentence and claim counts (two subqueries, no row multiplication)."""
    return articles.annotate(
        sentence_count=_count_of(Sentence.objects.filter(article=OuterRef("pk"))),
        claim_count=_count_of(Claim.objects.filter(article=OuterRef("pk"))),
    )


def _count_of(related: QuerySet):
    counted = related.order_by().values("article").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), Value(0))


def change_events(*, user, since: tuple[int, int], horizon: int | None, limit: int) -> list[dict]:
    """Change events after the cursor ``(txid, id)``, in feed order.

    Only events of transactions below ``horizon`` are returned (see ``ChangeEvent``).
    Callers outside the desk see only claims entering or leaving the verified status.
    """
    txid, pk = since
    events = ChangeEvent.objects.filter(Q(txid__gt=txid) | Q(txid=txid, id__gt=pk))
    if horizon is not None:
        events = events.filter(txid__lt=horizon)
    if not is_desk(user):
        events = events.filter(
            Q(status=ClaimStatus.VERIFIED) | Q(previous_status=ClaimStatus.VERIFIED)
        )
    return list(
        events.order_by("txid", "id").values(
            "id",
            "txid",
            "type",
            "claim_id",
            "status",
            "previous_status",
            "rating",
            "previous_rating",
            "version",
            "created_at",
        )[:limit]
    )


def claims_listed(*, filters: dict, user) -> QuerySet[Claim]:
    """The claim list: the workflow's ``claim_list`` with the API's parameter names, plus
    the speaker filter, limited to what the caller may see."""
    mapped = {
        name: filters[name]
        for name in ("article", "kind", "status", "rating", "q", "updated_since")
        if name in filters
    }
    if "min_score" in filters:
        mapped["score_min"] = filters["min_score"]
    assignee = filters.get("assignee")
    if assignee is not None:
        mapped["assignee"] = _assignee_filter(assignee)
        if mapped["assignee"] is None:
            return Claim.objects.none()
    claims = claim_list(filters=mapped, user=user)
    if not is_desk(user):
        claims = claims.filter(status=ClaimStatus.VERIFIED)
    if "speaker" in filters:
        claims = claims.filter(speaker__iexact=filters["speaker"])
    return claims


def _assignee_filter(assignee: str):
    """``me`` and ``none`` pass through; a username becomes its user id (None if unknown)."""
    if assignee in ("me", "none"):
        return assignee
    User = get_user_model()
    return User.objects.filter(username=assignee).values_list("pk", flat=True).first()

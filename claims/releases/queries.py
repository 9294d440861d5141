"""The queries a release runs: its rows, membership, counts and the diff to the last one.

Every query is built from the ORM's SQL for ``claims_for_release``, so the filters are
written once; the PostgreSQL path runs them on its snapshot connections, the portable
path through the ORM.
"""

from __future__ import annotations

from django.db.models import F

from claims.models import Source
from claims.releases.context import ReleaseContext
from claims.releases.formats.template import sources_lateral
from claims.releases.render import Enrichment
from claims.releases.selectors import claims_for_release

# The columns of one released claim, named as the templates refer to them.
OWN_FIELDS = (
    "id", "kind", "text", "value", "value_min", "value_max", "qualifier", "counted", "unit",
    "actor", "location", "speaker", "speaker_role", "speech_verb", "quote", "start", "end",
    "verdict_id", "rating", "approved_at",
)  # fmt: skip
RELATED_FIELDS = {
    "rationale": "current_verdict__rationale",
    "valid_as_of": "current_verdict__valid_as_of",
    "proposed_by_id": "current_verdict__proposed_by_id",
    "approved_by_id": "current_verdict__approved_by_id",
    "article_url": "article__url",
    "article_content_hash": "article__content_hash",
    "article_title": "article__title",
    "outlet": "article__outlet",
    "original_publisher": "article__original_publisher",
    "language": "article__language",
    "article_published_at": "article__published_at",
    "sentence_index": "sentence__index",
    "sentence_start": "sentence__start",
    "sentence_end": "sentence__end",
}
SOURCE_FIELDS = (
    "id", "claim_id", "url", "title", "publisher", "published_at", "accessed_at", "excerpt",
    "stance", "archived_url",
)  # fmt: skip


def claim_rows(ctx: ReleaseContext, id_range: tuple[int, int] | None = None):
    """The released claims (with ids in ``id_range``) as dictionaries of OWN_FIELDS and
    RELATED_FIELDS, by id."""
    related = {name: F(path) for name, path in RELATED_FIELDS.items()}
    claims = claims_for_release(filters=ctx.filters, id_range=id_range)
    return claims.values(*OWN_FIELDS, **related)


def source_rows(claim_ids):
    return (
        Source.objects.filter(claim_id__in=claim_ids)
        .order_by("claim_id", "id")
        .values(*SOURCE_FIELDS)
    )


def enrichment(ctx: ReleaseContext) -> Enrichment:
    """What the renderers derive for every claim of a release, as plain data."""
    return Enrichment(
        ratings={r.code: (r.label, r.value, r.fever) for r in ctx.scale},
        worst=ctx.worst,
        best=ctx.best,
        pseudonyms=dict(ctx.pseudonyms),
        claim_url=ctx.claim_url,
    )


def enriched_sql(ctx: ReleaseContext) -> tuple[str, list]:
    """SQL of the released claims with the values ``Enrichment`` derives, unordered (for
    the templates' SQL rendering)."""
    inner, inner_params = claim_rows(ctx).order_by().query.sql_with_params()
    ids = list(ctx.pseudonyms)
    sql = f"""
        SELECT q.*, r.label AS rating_label, r.value AS rating_value, r.fever AS fever_label,
               CASE WHEN r.value IS NULL THEN NULL ELSE %s END AS worst_rating,
               CASE WHEN r.value IS NULL THEN NULL ELSE %s END AS best_rating,
               rp.pseudonym AS proposed_by, ra.pseudonym AS approved_by,
               replace(%s, '{{claim_id}}', q.id::text) AS claim_url,
               COALESCE(NULLIF(q.original_publisher, ''), NULLIF(q.outlet, '')) AS claimant_org
        FROM ({inner}) q
        LEFT JOIN unnest(%s::text[], %s::text[], %s::int[], %s::text[])
             AS r(code, label, value, fever) ON r.code = q.rating
        LEFT JOIN unnest(%s::bigint[], %s::text[]) AS rp(id, pseudonym) ON rp.id = q.proposed_by_id
        LEFT JOIN unnest(%s::bigint[], %s::text[]) AS ra(id, pseudonym) ON ra.id = q.approved_by_id
    """
    params = [
        ctx.worst,
        ctx.best,
        ctx.claim_url,
        *inner_params,
        [r.code for r in ctx.scale],
        [r.label for r in ctx.scale],
        [r.value for r in ctx.scale],
        [r.fever for r in ctx.scale],
        ids,
        [ctx.pseudonyms[i] for i in ids],
        ids,
        [ctx.pseudonyms[i] for i in ids],
    ]
    return sql, params


def escape(fragment: str) -> str:
    """Template SQL holds no placeholders; a literal % must not be read as one."""
    return fragment.replace("%", "%%")


def claim_lines_sql(
    ctx: ReleaseContext, select: str, nodes=(), id_range: tuple[int, int] | None = None
) -> tuple[str, list]:
    """Output lines for every released claim (with ids in ``id_range``), by claim id.

    ``nodes`` are the templates in ``select``; their source arrays are aggregated in
    one pass over each claim's sources.
    """
    enriched, params = enriched_sql(ctx)
    lateral = escape(sources_lateral(nodes))
    where = ""
    if id_range is not None:
        where = "WHERE e.id >= %s AND e.id < %s"
        params = [*params, *id_range]
    return f"SELECT {escape(select)} FROM ({enriched}) e {lateral} {where} ORDER BY e.id", params


def membership_sql(ctx: ReleaseContext) -> tuple[str, tuple]:
    """``id, verdict_id, rating`` of every released claim."""
    query = claims_for_release(filters=ctx.filters).order_by().values("id", "verdict_id", "rating")
    return query.query.sql_with_params()


def items_insert_sql(ctx: ReleaseContext) -> tuple[str, list]:
    members, params = membership_sql(ctx)
    sql = (
        "INSERT INTO claims_releaseitem (release_id, claim_id, verdict_id, rating) "
        f"SELECT %s, m.id, m.verdict_id, m.rating FROM ({members}) m"
    )
    return sql, [ctx.release_id, *params]

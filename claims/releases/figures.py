"""The numbers a release states about itself: size, counts, time and the diff.

The portable path reads them from the release's membership rows (ReleaseItem),
inserted just before under the same snapshot as the files; on PostgreSQL the rendering
processes tally them from the rows they render (``workers.Tally``). The diff to the
previous release is read from the membership rows either way.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Subquery

from claims.models import Claim, ReleaseItem, Source, Verdict
from claims.releases.context import ReleaseContext
from claims.releases.workers import Tally

DIFF_SAMPLE = 50


class OrmReader:
    """Evaluates querysets through the ORM, on Django's connection."""

    def rows(self, qs) -> list[tuple]:
        return [tuple(row) for row in qs]

    def count(self, qs) -> int:
        return qs.count()

    def head(self, qs, n: int) -> list[tuple]:
        return [tuple(row) for row in qs[:n]]

    def latest(self, qs, name: str):
        return qs.aggregate(latest=Max(name))["latest"]


class SqlReader:
    """Evaluates the same querysets' SQL on another connection (a snapshot's cursor)."""

    def __init__(self, cursor):
        self.cursor = cursor

    def _run(self, template: str, qs) -> list[tuple]:
        sql, params = qs.query.sql_with_params()
        self.cursor.execute(template.format(sql=sql), params)
        return self.cursor.fetchall()

    def rows(self, qs) -> list[tuple]:
        return self._run("{sql}", qs)

    def count(self, qs) -> int:
        return self._run("SELECT count(*) FROM ({sql}) x", qs.order_by())[0][0]

    def head(self, qs, n: int) -> list[tuple]:
        return self._run(f"SELECT * FROM ({{sql}}) x ORDER BY 1 LIMIT {int(n)}", qs.order_by())

    def latest(self, qs, name: str):
        column = qs.order_by().values_list(name)
        return self._run("SELECT max(x.c) FROM ({sql}) x(c)", column)[0][0]


@dataclass(frozen=True)
class Diff:
    previous_version: str
    filters_differ: bool
    added: int
    removed: int
    changed: int
    added_sample: list[int] = field(default_factory=list)
    removed_sample: list[int] = field(default_factory=list)
    changed_sample: list[tuple[int, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Figures:
    claims: int
    sources: int
    snapshot_at: dt.datetime | None
    counts: dict[str, list[tuple[str, int]]]
    diff: Diff | None

    def counts_json(self) -> dict:
        return {name: dict(pairs) for name, pairs in self.counts.items()}


def release_figures(ctx: ReleaseContext, reader) -> Figures:
    """Everything the datasheet and the release row say about the released claims."""
    items = ReleaseItem.objects.filter(release_id=ctx.release_id)
    claims = Claim.objects.filter(pk__in=items.values("claim_id")).order_by()
    # One pass for two tables: claims per (kind, outlet), summed either way.
    by_kind, by_outlet = Counter(), Counter()
    pairs = claims.values("kind", "article__outlet").annotate(n=Count("id"))
    for kind, outlet, n in reader.rows(pairs.values_list("kind", "article__outlet", "n")):
        by_kind[kind] += n
        by_outlet[outlet or ""] += n
    ratings = items.order_by().values("rating").annotate(n=Count("claim_id"))
    by_rating = Counter(dict(reader.rows(ratings.values_list("rating", "n"))))
    verdicts = Verdict.objects.filter(pk__in=items.values("verdict_id"))
    return Figures(
        claims=sum(by_kind.values()),
        sources=reader.count(Source.objects.filter(claim_id__in=items.values("claim_id"))),
        snapshot_at=reader.latest(verdicts, "approved_at"),
        counts={
            "kind": _ordered(by_kind),
            "rating": _ordered(by_rating),
            "outlet": _ordered(by_outlet),
        },
        diff=None if ctx.previous is None else _diff(ctx, items, reader),
    )


def figures_from_tally(ctx: ReleaseContext, tally: Tally, *, reader) -> Figures:
    """Figures from the workers' tally (the PostgreSQL path); the diff reads the
    membership rows, inserted by then in the reader's transaction."""
    counters = {"kind": tally.kinds, "rating": tally.ratings, "outlet": Counter()}
    for outlet, n in tally.outlets.items():
        counters["outlet"][outlet or ""] += n
    items = ReleaseItem.objects.filter(release_id=ctx.release_id)
    return Figures(
        claims=tally.claims,
        sources=tally.sources,
        snapshot_at=tally.latest,
        counts={name: _ordered(counter) for name, counter in counters.items()},
        diff=None if ctx.previous is None else _diff(ctx, items, reader),
    )


def _ordered(counter: Counter) -> list[tuple[str, int]]:
    """Largest first, then by name: the datasheet's order."""
    return sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))


def _diff(ctx: ReleaseContext, items, reader) -> Diff:
    """Claims added, removed and released with a newer verdict since the previous release."""
    previous = ReleaseItem.objects.filter(release_id=ctx.previous.id)
    was_there = previous.filter(claim_id=OuterRef("claim_id"))
    still_there = items.filter(claim_id=OuterRef("claim_id"))
    added = items.exclude(Exists(was_there)).values_list("claim_id").order_by("claim_id")
    removed = previous.exclude(Exists(still_there)).values_list("claim_id").order_by("claim_id")
    changed = (
        items.filter(Exists(was_there))
        .exclude(Exists(was_there.filter(verdict_id=OuterRef("verdict_id"))))
        .annotate(previous_rating=Subquery(was_there.values("rating")[:1]))
        .values_list("claim_id", "previous_rating", "rating")
        .order_by("claim_id")
    )
    return Diff(
        previous_version=ctx.previous.version,
        filters_differ=ctx.previous.filters != ctx.filters.as_json(),
        added=reader.count(added),
        removed=reader.count(removed),
        changed=reader.count(changed),
        added_sample=[row[0] for row in reader.head(added, DIFF_SAMPLE)],
        removed_sample=[row[0] for row in reader.head(removed, DIFF_SAMPLE)],
        changed_sample=[tuple(row) for row in reader.head(changed, DIFF_SAMPLE)],
    )

"""Writing a release's files into a local folder, streaming, in constant memory.

On PostgreSQL, worker processes render chunks of claims read under one snapshot
(``postgres``). Elsewhere (SQLite) the same compiled templates render the same bytes
from an ORM iterator, inside the caller's transaction. Both end with the two files that
describe the others.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from claims.releases import queries
from claims.releases.context import ReleaseContext
from claims.releases.figures import Figures, OrmReader, release_figures
from claims.releases.formats import datapackage as package
from claims.releases.formats.claims import CLAIM_COLUMNS
from claims.releases.formats.datasheet import datasheet
from claims.releases.formats.sources import SOURCE_COLUMNS
from claims.releases.formats.template import utc_text
from claims.releases.limits import check_deadline, release_deadline
from claims.releases.postgres import PostgresStream
from claims.releases.render import claim_renderer, prepare
from claims.releases.sinks import PER_CLAIM, ClaimFiles, FileRecord, FileSink

Progress = Callable[[int], None]
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
CHUNK = 1000


@dataclass(frozen=True)
class BuildResult:
    files: list[FileRecord]
    figures: Figures
    created: str


def release_files_write(
    *, ctx: ReleaseContext, directory: Path, on_progress: Progress, portable: bool = False
) -> BuildResult:
    """Write every file of the release into ``directory`` and its membership rows."""
    if connection.vendor == "postgresql" and not portable:
        files, figures = PostgresStream(ctx, directory, on_progress).run()
    else:
        files, figures = _portable(ctx, directory, on_progress)
    created = utc_text(figures.snapshot_at or EPOCH)
    files += _describe(ctx, directory, files, figures, created)
    return BuildResult(files=sorted(files, key=lambda f: f.name), figures=figures, created=created)


# --- Portable path -----------------------------------------------------------------------


def _portable(ctx: ReleaseContext, directory: Path, on_progress: Progress):
    with connection.cursor() as cursor:
        cursor.execute(*queries.items_insert_sql(ctx))
    figures = release_figures(ctx, OrmReader())
    render = claim_renderer(ctx.publisher)
    enrichment = queries.enrichment(ctx)
    files = ClaimFiles(ctx, directory)
    done, deadline = 0, release_deadline()
    rows = queries.claim_rows(ctx).iterator(chunk_size=CHUNK)
    while chunk := list(itertools.islice(rows, CHUNK)):
        check_deadline(deadline)
        sources = queries.source_rows([row["id"] for row in chunk])
        by_claim = {k: list(g) for k, g in itertools.groupby(sources, key=lambda s: s["claim_id"])}
        outputs = []
        for row in chunk:
            sources = by_claim.get(row["id"], [])
            outputs.append(render(*prepare(render, row, sources, enrichment)))
        for k, name in enumerate(PER_CLAIM):
            files.write(name, b"".join(texts[k] for texts in outputs))
        done += len(chunk)
        on_progress(min(99, 100 * done // max(figures.claims, 1)))
    return files.close(), figures


# --- The two files that describe the others ----------------------------------------------

RESOURCES = [
    ("claims", "claims.csv", "csv", "text/csv", "Verified claims, one row each."),
    ("sources", "sources.csv", "csv", "text/csv", "The sources of the claims."),
    ("claims-jsonl", "claims.jsonl", "jsonl", "application/jsonl", "Claims with their sources."),
    ("claimreview", "claimreview.jsonl", "jsonl", "application/jsonl",
     "One schema.org ClaimReview (JSON-LD) per line."),
    ("claimreview-feed", "claimreview-feed.json", "json", "application/ld+json",
     "A schema.org DataFeed of the ClaimReview objects."),
    ("fever", "fever.jsonl", "jsonl", "application/jsonl", "FEVER-style claim records."),
    ("datasheet", "DATASHEET.md", "md", "text/markdown", "What the release holds and why."),
]  # fmt: skip


def _describe(ctx, directory: Path, files, figures, created) -> list[FileRecord]:
    sheet = FileSink(directory, "DATASHEET.md")
    sheet.write(datasheet(ctx, figures, created=created))
    records = {f.name: f for f in [*files, sheet.close()]}
    resources = []
    for name, path, fmt, mediatype, description in RESOURCES:
        record = records[path]
        resource = {
            "name": name,
            "path": path,
            "format": fmt,
            "mediatype": mediatype,
            "encoding": "utf-8",
            "bytes": record.bytes,
            "hash": f"sha256:{record.sha256}",
            "description": description,
        }
        if fmt == "csv":
            resource["type"] = "table"
            resource["dialect"] = {"header": True, "delimiter": ",", "lineTerminator": "\n"}
            resource["schema"] = _SCHEMAS[name]
        resources.append(resource)
    sink = FileSink(directory, "datapackage.json")
    sink.write(
        package.datapackage(
            version=ctx.version,
            created=created,
            publisher=ctx.publisher,
            license=ctx.license,
            resources=resources,
        )
    )
    return [records["DATASHEET.md"], sink.close()]


_SCHEMAS = {
    "claims": package.table_schema(CLAIM_COLUMNS, primary_key="claim_id"),
    "sources": package.table_schema(
        SOURCE_COLUMNS,
        primary_key="source_id",
        foreign_keys=[
            {"fields": ["claim_id"], "reference": {"resource": "claims", "fields": ["claim_id"]}}
        ],
    ),
}

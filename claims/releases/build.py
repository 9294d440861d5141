"""Writing a release's files into a local folder, streaming, in constant memory.

On PostgreSQL the database produces every line: ``COPY (SELECT …) TO STDOUT`` streams
are hashed and written as they arrive, in parallel over several connections that all
read one exported snapshot, so the files agree with each other and with the release's
membership. Elsewhere (SQLite) the same templates render the same bytes in Python from
an ORM iterator, inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from claims.releases import queries
from claims.releases.context import ReleaseContext
from claims.releases.figures import Figures, OrmReader, SqlReader, release_figures
from claims.releases.formats import datapackage as package
from claims.releases.formats.claimreview import FEED_TAIL, claimreview_template, feed_head
from claims.releases.formats.claims import CLAIM_COLUMNS, CLAIM_JSON
from claims.releases.formats.datasheet import datasheet
from claims.releases.formats.fever import FEVER_JSON
from claims.releases.formats.sources import SOURCE_COLUMNS
from claims.releases.formats.template import csv_line, utc_text
from claims.releases.sinks import FeedSink, FileRecord, FileSink

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
    """Write every file of the release into ``directory``; return their records.

    With ``ctx.release_id`` set, the release's membership rows are inserted too.
    """
    if connection.vendor == "postgresql" and not portable:
        files, figures, created = _PostgresStream(ctx, directory, on_progress).run()
    else:
        files, figures, created = _portable(ctx, directory, on_progress)
    files += _describe(ctx, directory, files, figures, created)
    return BuildResult(files=sorted(files, key=lambda f: f.name), figures=figures, created=created)


def _created(snapshot_at: dt.datetime | None) -> str:
    return utc_text(snapshot_at or EPOCH)


def _feed(ctx: ReleaseContext, directory: Path) -> FeedSink:
    head = feed_head(
        name=f"{ctx.publisher['name']}: ClaimReview feed",
        version=ctx.version,
        publisher=ctx.publisher,
        license=ctx.license,
    )
    return FeedSink(directory, "claimreview-feed.json", head=head, tail=FEED_TAIL)


JSON_FILES = ("claims.jsonl", "claimreview.jsonl", "fever.jsonl")


class _JsonFiles:
    """The three JSON-lines files and the feed, written chunk by chunk in claim order."""

    def __init__(self, ctx: ReleaseContext, directory: Path):
        self.sinks = [FileSink(directory, name) for name in JSON_FILES]
        self.feed = _feed(ctx, directory)

    def write(self, columns: list[list[bytes]]) -> None:
        """``columns`` holds, per file, its lines of the chunk without newlines."""
        for sink, lines in zip(self.sinks, columns, strict=True):
            if lines:
                sink.write(b"\n".join(lines) + b"\n")
        self.feed.write_elements(columns[1])

    def close(self) -> list[FileRecord]:
        return [*(sink.close() for sink in self.sinks), self.feed.close()]

    def discard(self) -> None:
        for sink in [*self.sinks, self.feed]:
            sink.discard()


# --- Portable path -----------------------------------------------------------------------


def _portable(ctx: ReleaseContext, directory: Path, on_progress: Progress):
    with connection.cursor() as cursor:
        cursor.execute(*queries.items_insert_sql(ctx))
    figures = release_figures(ctx, OrmReader())
    review = claimreview_template(publisher=ctx.publisher)
    templates = (CLAIM_JSON, review, FEVER_JSON)
    json_files = _JsonFiles(ctx, directory)
    tables = {name: FileSink(directory, name) for name in ("claims.csv", "sources.csv")}
    tables["claims.csv"].write(csv_line(c.name for c in CLAIM_COLUMNS).encode())
    tables["sources.csv"].write(csv_line(c.name for c in SOURCE_COLUMNS).encode())
    done = 0
    rows = queries.claim_rows(ctx).iterator(chunk_size=CHUNK)
    while chunk := list(itertools.islice(rows, CHUNK)):
        sources = list(queries.source_rows([row["id"] for row in chunk]))
        by_claim = {k: list(g) for k, g in itertools.groupby(sources, key=lambda s: s["claim_id"])}
        columns, claim_lines = [[] for _ in templates], []
        for row in chunk:
            row["so"] = by_claim.get(row["id"], [])
            item = {"e": queries.enrich(row, ctx)}
            for column, template in zip(columns, templates, strict=True):
                column.append(template.py(item).encode("utf-8"))
            claim_lines.append(csv_line(c.py(item) for c in CLAIM_COLUMNS))
        json_files.write(columns)
        tables["claims.csv"].write("".join(claim_lines).encode("utf-8"))
        source_lines = (csv_line(c.py({"so": s}) for c in SOURCE_COLUMNS) for s in sources)
        tables["sources.csv"].write("".join(source_lines).encode("utf-8"))
        done += len(chunk)
        on_progress(min(99, 100 * done // max(figures.claims, 1)))
    files = [*json_files.close(), *(sink.close() for sink in tables.values())]
    return files, figures, _created(figures.snapshot_at)


# --- PostgreSQL path ---------------------------------------------------------------------

# COPY in CSV format with a quote and a delimiter that never occur in JSON text writes
# each one-column row exactly as the SELECT produced it.
RAW_LINES = "(FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')"
CSV_WITH_HEADER = "(FORMAT csv, HEADER true)"
# Bytes gathered from COPY before they are split into files.
SPLIT_AT = 1 << 20


def _copy(sql_params, options) -> tuple[str, list]:
    sql, params = sql_params
    return f"COPY ({sql}) TO STDOUT WITH {options}", list(params)


def copy_json_sql(ctx: ReleaseContext) -> tuple[str, list]:
    """The three JSON files in one pass: per claim, its three lines in JSON_FILES order."""
    review = claimreview_template(publisher=ctx.publisher)
    templates = [CLAIM_JSON, review, FEVER_JSON]
    select = "unnest(ARRAY[" + ", ".join(t.sql() for t in templates) + "])"
    return _copy(queries.claim_lines_sql(ctx, select, templates), RAW_LINES)


def copy_claims_csv_sql(ctx: ReleaseContext) -> tuple[str, list]:
    select = ", ".join(c.sql() for c in CLAIM_COLUMNS)
    nodes = [c.node for c in CLAIM_COLUMNS]
    return _copy(queries.claim_lines_sql(ctx, select, nodes), CSV_WITH_HEADER)


def copy_sources_csv_sql(ctx: ReleaseContext) -> tuple[str, list]:
    select = ", ".join(c.sql() for c in SOURCE_COLUMNS)
    return _copy(queries.source_lines_sql(ctx, select), CSV_WITH_HEADER)


class _Stopped(Exception):
    """Another part of the build failed first."""


class _PostgresStream:
    """One leader connection exports a snapshot; three readers import it and stream.

    The leader records membership and figures while the readers stream: one reader
    produces the three JSON files in a single pass (three lines per claim, split here),
    one claims.csv and one sources.csv, both as PostgreSQL writes CSV.
    """

    def __init__(self, ctx: ReleaseContext, directory: Path, on_progress: Progress):
        self.ctx, self.directory, self.on_progress = ctx, directory, on_progress
        self.failed = threading.Event()
        self.error: BaseException | None = None
        self.claims_done = 0
        self.claims_expected = 0

    def _connect(self, stack: ExitStack, *, read_only: bool):
        import psycopg

        params = connection.get_connection_params()
        # Long analytical reads: JIT compilation costs more than it saves here.
        params["options"] = (params.get("options", "") + " -c jit=off -c work_mem=64MB").strip()
        conn = stack.enter_context(psycopg.connect(**params))
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = read_only
        return conn

    def run(self):
        from psycopg import sql as pgsql

        with ExitStack() as stack:
            leader = self._connect(stack, read_only=False)
            snapshot = leader.execute("SELECT pg_export_snapshot()").fetchone()[0]
            readers = []
            for _ in range(3):
                reader = self._connect(stack, read_only=True)
                reader.execute(pgsql.SQL("SET TRANSACTION SNAPSHOT {}").format(snapshot))
                readers.append(reader)
            with ThreadPoolExecutor(max_workers=4, thread_name_prefix="release") as pool:
                parts = [
                    pool.submit(self._guarded, self._leader, leader),
                    pool.submit(self._guarded, self._json, readers[0]),
                    pool.submit(self._guarded, self._table, readers[1], "claims.csv",
                                copy_claims_csv_sql(self.ctx)),
                    pool.submit(self._guarded, self._table, readers[2], "sources.csv",
                                copy_sources_csv_sql(self.ctx)),
                ]  # fmt: skip
                self._watch(parts, [leader, *readers])
            if self.error is not None:
                raise self.error
            figures = parts[0].result()
            files = [f for part in parts[1:] for f in part.result()]
        return files, figures, _created(figures.snapshot_at)

    def _watch(self, parts, connections) -> None:
        pending = set(parts)
        while pending:
            _, pending = wait(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
            if self.failed.is_set():
                for conn in connections:
                    conn.cancel_safe()
                wait(pending)
                return
            if self.claims_expected:
                self.on_progress(min(99, 100 * self.claims_done // self.claims_expected))

    def _guarded(self, part, *args):
        try:
            return part(*args)
        except BaseException as exc:
            if not self.failed.is_set():
                self.error = exc
                self.failed.set()
            raise

    def _check(self) -> None:
        if self.failed.is_set():
            raise _Stopped("another part of the release failed")

    def _leader(self, leader) -> Figures:
        """Membership rows and figures, under the snapshot every file reads."""
        with leader.cursor() as cursor:
            cursor.execute(*queries.items_insert_sql(self.ctx))
            self.claims_expected = cursor.rowcount
            self._check()
            figures = release_figures(self.ctx, SqlReader(cursor))
        self._check()
        leader.commit()
        return figures

    def _blocks(self, reader, sql: str, params: list):
        with reader.cursor() as cursor, cursor.copy(sql, params) as copy:
            for block in copy:
                self._check()
                yield bytes(block)

    def _table(self, reader, name: str, sql_params) -> list[FileRecord]:
        sink = FileSink(self.directory, name)
        try:
            for block in self._blocks(reader, *sql_params):
                sink.write(block)
        except BaseException:
            sink.discard()
            raise
        return [sink.close()]

    def _json(self, reader) -> list[FileRecord]:
        files = _JsonFiles(self.ctx, self.directory)
        try:
            pending, gathered = b"", []
            for block in self._blocks(reader, *copy_json_sql(self.ctx)):
                gathered.append(block)
                if sum(map(len, gathered)) >= SPLIT_AT:
                    pending = self._split(files, pending + b"".join(gathered))
                    gathered = []
            if self._split(files, pending + b"".join(gathered)):
                raise RuntimeError("the JSON stream ended in the middle of a claim")
        except BaseException:
            files.discard()
            raise
        return files.close()

    def _split(self, files: _JsonFiles, data: bytes) -> bytes:
        """Route complete claims (three lines each) to their files; return the rest."""
        lines = data.split(b"\n")
        rest = lines.pop()  # after the last newline: an unfinished line, or b""
        whole = len(lines) - len(lines) % len(JSON_FILES)
        files.write([lines[i:whole:3] for i in range(len(JSON_FILES))])
        self.claims_done += whole // 3
        return b"".join(line + b"\n" for line in lines[whole:]) + rest


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

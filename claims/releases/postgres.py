"""The PostgreSQL release writer: the database produces every byte.

One query yields, per claim, its claims.csv line, its three JSON lines and its
sources.csv lines (PER_CLAIM). The claim ids are split into ranges streamed in parallel
over connections that all import one exported snapshot, so the files agree with each
other and with the membership the leader connection records meanwhile. The first range
goes straight into the files, later ones are spooled beside them and appended in order.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from contextlib import ExitStack
from pathlib import Path

from django.conf import settings
from django.db import connection

from claims.releases import queries
from claims.releases.context import ReleaseContext
from claims.releases.figures import Figures, SqlReader, figures_from_groups
from claims.releases.formats.claimreview import claimreview_template
from claims.releases.formats.claims import CLAIM_COLUMNS, CLAIM_JSON
from claims.releases.formats.fever import FEVER_JSON
from claims.releases.formats.sources import SOURCE_LINES
from claims.releases.formats.table import csv_line_sql
from claims.releases.limits import check_deadline, release_deadline
from claims.releases.sinks import PER_CLAIM, ClaimFiles, FileRecord

logger = logging.getLogger(__name__)
Progress = Callable[[int], None]

# COPY in CSV format with a quote and a delimiter that never occur in the lines writes
# each one-column row exactly as the SELECT produced it.
RAW_LINES = "(FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')"
# CSV lines may hold newlines (and, in text, any byte): for the trip through COPY they
# are escaped with \x03, and unescaped here, the escape byte itself last.
ESCAPES = [(b"\x03", b"\x03\x04"), (b"\n", b"\x03\x05"), (b"\r", b"\x03\x06"),
           (b"\x01", b"\x03\x07"), (b"\x02", b"\x03\x08")]  # fmt: skip
ESCAPED = {"claims.csv", "sources.csv"}
# Bytes gathered from COPY before they are split into files.
SPLIT_AT = 1 << 20


def _escape_sql(text_sql: str) -> str:
    for raw, escaped in ESCAPES:
        chars = " || ".join(f"chr({b})" for b in escaped)
        text_sql = f"replace({text_sql}, chr({raw[0]}), {chars})"
    return text_sql


def _unescape(data: bytes) -> bytes:
    if b"\x03" not in data:
        return data
    for raw, escaped in reversed(ESCAPES):
        data = data.replace(escaped, raw)
    return data


def copy_claims_sql(ctx: ReleaseContext, id_range: tuple[int, int] | None = None):
    """COPY of every per-claim line: for each claim, one row per file of PER_CLAIM."""
    review = claimreview_template(publisher=ctx.publisher)
    values = [
        _escape_sql(csv_line_sql(CLAIM_COLUMNS)),
        CLAIM_JSON.sql(),
        review.sql(),
        FEVER_JSON.sql(),
        _escape_sql(SOURCE_LINES.sql()),
    ]
    nodes = [*(c.node for c in CLAIM_COLUMNS), CLAIM_JSON, review, FEVER_JSON, SOURCE_LINES]
    select = "unnest(ARRAY[" + ", ".join(values) + "])"
    sql, params = queries.claim_lines_sql(ctx, select, nodes, id_range=id_range)
    return f"COPY ({sql}) TO STDOUT WITH {RAW_LINES}", params


def copy_claims_csv_sql(ctx: ReleaseContext):
    """The rows of claims.csv as PostgreSQL's own COPY … CSV writes them (the benchmark's
    baseline)."""
    select = ", ".join(f'{c._value_sql()} AS "{c.name}"' for c in CLAIM_COLUMNS)
    sql, params = queries.claim_lines_sql(ctx, select, [c.node for c in CLAIM_COLUMNS])
    return f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER true)", params


class _Stopped(Exception):
    """Another part of the build failed first."""


class PostgresStream:
    """A leader connection exports a snapshot; readers import it and stream id ranges.

    The leader records membership and figures while the readers stream. The first
    range goes straight into the files; later ranges are spooled beside them and
    appended in order once the first is done.
    """

    def __init__(self, ctx: ReleaseContext, directory: Path, on_progress: Progress):
        self.ctx, self.directory, self.on_progress = ctx, directory, on_progress
        self.failed = threading.Event()
        self.error: BaseException | None = None
        self.claims_done = 0
        self.claims_expected = 0
        self.deadline = release_deadline()

    def _connect(self, stack: ExitStack, *, read_only: bool):
        import psycopg

        params = connection.get_connection_params()
        # Long reads that split their own work: no JIT, no parallel workers per query.
        options = (
            "-c jit=off -c work_mem=64MB -c max_parallel_workers_per_gather=0 -c DateStyle=ISO"
        )
        params["options"] = (params.get("options", "") + " " + options).strip()
        conn = stack.enter_context(psycopg.connect(**params))
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = read_only
        return conn

    def run(self) -> tuple[list[FileRecord], Figures]:
        from psycopg import sql as pgsql

        parts = max(1, settings.FACTCHECK_RELEASE_PARTS)
        with ExitStack() as stack:
            leader = self._connect(stack, read_only=False)
            snapshot = leader.execute("SELECT pg_export_snapshot()").fetchone()[0]
            low, high = leader.execute("SELECT min(id), max(id) FROM claims_claim").fetchone()
            ranges = _ranges(low or 0, high or 0, parts)
            readers = []
            for _ in ranges:
                reader = self._connect(stack, read_only=True)
                reader.execute(pgsql.SQL("SET TRANSACTION SNAPSHOT {}").format(snapshot))
                readers.append(reader)
            files = ClaimFiles(self.ctx, self.directory)
            spools = [_Spool(self.directory, k) for k in range(1, len(ranges))]
            targets = [files, *spools]
            try:
                with ThreadPoolExecutor(max_workers=len(ranges) + 1) as pool:
                    leading = pool.submit(self._guarded, self._leader, leader)
                    streams = [
                        pool.submit(self._guarded, self._stream, reader, id_range, target)
                        for reader, id_range, target in zip(readers, ranges, targets, strict=True)
                    ]
                    self._watch([leading, *streams], [leader, *readers])
                if self.error is not None:
                    raise self.error
                started = time.monotonic()
                for spool in spools:
                    spool.append_to(files)
                logger.info("Release %s: spools appended in %.1f s", self.ctx.version,
                            time.monotonic() - started)  # fmt: skip
            except BaseException:
                files.discard()
                raise
            finally:
                for spool in spools:
                    spool.remove()
            figures = self._figures(leader, leading.result())
            return files.close(), figures

    def _watch(self, parts, connections) -> None:
        """Report progress until every part is done; stop them all when one fails, or
        when this thread is interrupted (the task's time limit)."""
        pending = set(parts)
        try:
            while pending and not self.failed.is_set():
                _, pending = wait(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
                check_deadline(self.deadline)
                if self.claims_expected:
                    self.on_progress(min(99, 100 * self.claims_done // self.claims_expected))
        except BaseException:
            self.failed.set()
            raise
        finally:
            if self.failed.is_set():
                for conn in connections:
                    conn.cancel_safe()
                wait(pending)

    def _guarded(self, part, *args):
        try:
            return part(*args)
        except BaseException as exc:
            if not self.failed.is_set():
                self.error = exc
                self.failed.set()
            raise

    def _leader(self, leader) -> list[tuple]:
        """Membership rows and their counts, under the snapshot every range reads."""
        started = time.monotonic()
        with leader.cursor() as cursor:
            # Grouping a million members wants more memory than the streams' sorts.
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute(*queries.items_insert_counted_sql(self.ctx))
            groups = cursor.fetchall()
        self.claims_expected = next((g[2] for g in groups if g[0] == "all"), 0)
        logger.info("Release %s: %d members in %.1f s", self.ctx.version, self.claims_expected,
                    time.monotonic() - started)  # fmt: skip
        return groups

    def _figures(self, leader, groups) -> Figures:
        """Figures, with the diff to the previous release; the leader then commits."""
        with leader.cursor() as cursor:
            figures = figures_from_groups(self.ctx, groups, reader=SqlReader(cursor))
        leader.commit()
        return figures

    def _stream(self, reader, id_range, target) -> None:
        started = time.monotonic()
        pending, gathered, size = b"", [], 0
        with reader.cursor() as cursor, cursor.copy(*copy_claims_sql(self.ctx, id_range)) as copy:
            for block in copy:
                if self.failed.is_set():
                    raise _Stopped("another part of the release failed")
                gathered.append(bytes(block))
                size += len(block)
                if size >= SPLIT_AT:
                    pending = self._split(target, pending + b"".join(gathered))
                    gathered, size = [], 0
        if self._split(target, pending + b"".join(gathered)):
            raise RuntimeError("the stream of claim lines ended in the middle of a claim")
        logger.info(
            "Release %s: ids %d..%d streamed in %.1f s", self.ctx.version, *id_range,
            time.monotonic() - started,
        )  # fmt: skip

    def _split(self, target, data: bytes) -> bytes:
        """Route complete claims to their files; return what belongs to the next chunk."""
        lines = data.split(b"\n")
        rest = lines.pop()  # after the last newline: an unfinished line, or b""
        width = len(PER_CLAIM)
        whole = len(lines) - len(lines) % width
        for k, name in enumerate(PER_CLAIM):
            column = lines[k:whole:width]
            if name in ESCAPED:
                data = _unescape(b"".join(column))
            else:
                data = b"\n".join(column) + b"\n" if column else b""
            if data:
                target.write(name, data)
        self.claims_done += whole // width
        return b"".join(line + b"\n" for line in lines[whole:]) + rest


def _ranges(low: int, high: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` half-open id ranges covering low..high."""
    step = max(1, -(-(high - low + 1) // parts))
    return [(start, start + step) for start in range(low, high + 1, step)] or [(0, 1)]


class _Spool:
    """Per-claim lines of a later id range, kept beside the release until their turn."""

    def __init__(self, directory: Path, number: int):
        self.paths = {name: directory / f".part-{number}.{name}" for name in PER_CLAIM}
        self.handles = {name: open(path, "wb") for name, path in self.paths.items()}  # noqa: SIM115

    def write(self, name: str, data: bytes) -> None:
        self.handles[name].write(data)

    def append_to(self, files: ClaimFiles) -> None:
        for name, handle in self.handles.items():
            handle.close()
            with open(self.paths[name], "rb") as spooled:
                while block := spooled.read(SPLIT_AT):
                    # A block may end inside a line; the feed needs whole lines.
                    if name == "claimreview.jsonl" and not block.endswith(b"\n"):
                        block += spooled.readline()
                    files.write(name, block)

    def remove(self) -> None:
        for name, handle in self.handles.items():
            handle.close()
            self.paths[name].unlink(missing_ok=True)

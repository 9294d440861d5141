"""The PostgreSQL release writer: worker processes render chunks of claims in parallel.

A leader connection exports a snapshot; each worker process (``workers``) imports it,
so the files agree with each other and with the membership. The claim ids are cut into
chunks; a worker reads a chunk's claims and sources as prepared rows (PostgreSQL
converts the values, see ``template.PREPARE_SQL``) and renders every per-claim line
with the compiled templates (``render``). Chunks are written in id order as they come
back, each file hashed as it is written, so nothing is spooled. Each chunk's membership
rows, tallied by its worker from the same rows, go into one COPY on the leader's
connection, which commits them with the figures at the end.

The templates' own SQL rendering (``copy_claims_sql``) yields the same lines from one
query; the tests check the two agree, and the benchmark times it.
"""

from __future__ import annotations

import collections
import enum
import itertools
import logging
import multiprocessing
import multiprocessing.connection
import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.db import connection

from claims.releases import queries
from claims.releases.context import ReleaseContext
from claims.releases.figures import Figures, SqlReader, figures_from_tally
from claims.releases.formats.claimreview import claimreview_template
from claims.releases.formats.claims import CLAIM_COLUMNS, CLAIM_JSON
from claims.releases.formats.fever import FEVER_JSON
from claims.releases.formats.sources import SOURCE_LINES
from claims.releases.formats.table import csv_line_sql
from claims.releases.formats.template import prepare_sql
from claims.releases.limits import check_deadline, release_deadline
from claims.releases.render import claim_renderer
from claims.releases.sinks import PER_CLAIM, ClaimFiles, FileRecord
from claims.releases.workers import (
    MEMBER_COLUMNS,
    STOP,
    Job,
    Query,
    Tally,
    receive_buffers,
)

logger = logging.getLogger(__name__)
# Where the worker processes import ``claims`` from.
PROJECT = str(Path(__file__).resolve().parents[2])
Progress = Callable[[int], None]

# COPY in CSV format with a quote and a delimiter that never occur in the lines writes
# each one-column row exactly as the SELECT produced it.
RAW_LINES = "(FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')"
# CSV lines may hold newlines (and, in text, any byte): for the trip through COPY they
# are escaped with \x03, and unescaped here, the escape byte itself last.
ESCAPES = [(b"\x03", b"\x03\x04"), (b"\n", b"\x03\x05"), (b"\r", b"\x03\x06"),
           (b"\x01", b"\x03\x07"), (b"\x02", b"\x03\x08")]  # fmt: skip
ESCAPED = {"claims.csv", "sources.csv"}


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


def split_sql_lines(data: bytes) -> tuple[dict[str, bytes], bytes]:
    """Route the complete claims of ``copy_claims_sql``'s output to their files; also
    return what belongs to the next block (an unfinished claim)."""
    lines = data.split(b"\n")
    rest = lines.pop()  # after the last newline: an unfinished line, or b""
    width = len(PER_CLAIM)
    whole = len(lines) - len(lines) % width
    files = {}
    for k, name in enumerate(PER_CLAIM):
        column = lines[k:whole:width]
        if name in ESCAPED:
            files[name] = _unescape(b"".join(column))
        else:
            files[name] = b"\n".join(column) + b"\n" if column else b""
    return files, b"".join(line + b"\n" for line in lines[whole:]) + rest


# Stand-ins for a chunk's id range while its query is built; no claim id is negative.
LOW, HIGH = -(2**62) - 1, -(2**62) - 2


def chunk_queries(ctx: ReleaseContext) -> tuple[Query, Query, tuple[int, ...]]:
    """The queries of a chunk's released claims and of their sources, as prepared rows
    for the compiled renderer (see ``render``), for the ids in the range a worker puts
    in; and where the claims' rows hold MEMBER_COLUMNS.

    The sources are read for every claim in the range, released or not: the workers
    keep the ones of the claims they render.
    """
    slots = claim_renderer(ctx.publisher).slots
    inner, params = queries.claim_rows(ctx, (LOW, HIGH)).order_by().query.sql_with_params()
    extra, members = [], []
    for name, kind in MEMBER_COLUMNS:
        if (name, kind) in slots["e"]:
            members.append(slots["e"].index((name, kind)))
        else:
            members.append(len(slots["e"]) + len(extra))
            extra.append(f', e."{name}"')
    claims = Query(
        f"SELECT {queries.escape(prepare_sql('e', slots['e']))}{''.join(extra)} "
        f'FROM ({inner}) e ORDER BY e."id"',
        [_plain(value) for value in params],
        low_at=tuple(k for k, value in enumerate(params) if value == LOW),
        high_at=tuple(k for k, value in enumerate(params) if value == HIGH),
    )
    sources = Query(
        f"SELECT {queries.escape(prepare_sql('so', slots['so']))} FROM claims_source so "
        'WHERE so."claim_id" >= %s AND so."claim_id" < %s ORDER BY so."claim_id", so."id"',
        [LOW, HIGH],
        low_at=(0,),
        high_at=(1,),
    )
    return claims, sources, tuple(members)


class WorkerFailed(RuntimeError):
    """A rendering process failed; its traceback is the message."""


# Claim ids per chunk: about 4 MiB of output per 1,000 claims, so a few chunks in
# flight stay well inside the memory goal, and enough chunks keep every worker busy.
CHUNK_IDS = 4096
# A chunk's query reads a few thousand claims by id. Nested loops and merge joins over
# the indexes read only those rows and keep them in id order; left to itself, the
# planner hashes whole tables (every article, every verdict) for each chunk, then sorts.
WORKER_SETTINGS = ["SET enable_hashjoin = off"]
# Chunks handed to a worker ahead of the one it renders, so it never waits for work.
AHEAD = 1
MEMBERS_COPY = "COPY claims_releaseitem (release_id, claim_id, verdict_id, rating) FROM STDIN"


class PostgresStream:
    """A leader connection exports a snapshot; worker processes import it and render
    chunks of claims, which are written in id order as they arrive, while the leader
    copies in their membership rows."""

    def __init__(self, ctx: ReleaseContext, directory: Path, on_progress: Progress):
        self.ctx, self.directory, self.on_progress = ctx, directory, on_progress
        self.deadline = release_deadline()

    def _connect_params(self) -> dict:
        params = connection.get_connection_params()
        # Long reads that split their own work: no JIT, no parallel workers per query.
        options = (
            "-c jit=off -c work_mem=64MB -c max_parallel_workers_per_gather=0 "
            "-c DateStyle=ISO -c TimeZone=UTC"
        )
        params["options"] = (params.get("options", "") + " " + options).strip()
        return params

    def run(self) -> tuple[list[FileRecord], Figures]:
        import psycopg

        workers = max(1, settings.FACTCHECK_RELEASE_PARTS)
        with psycopg.connect(**self._connect_params()) as leader:
            leader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            snapshot = leader.execute("SELECT pg_export_snapshot()").fetchone()[0]
            low, high = leader.execute("SELECT min(id), max(id) FROM claims_claim").fetchone()
            job = self._job(snapshot)
            chunks = [(k, *r) for k, r in enumerate(_chunks(low or 0, high or 0, CHUNK_IDS))]
            files = ClaimFiles(self.ctx, self.directory)
            try:
                with leader.cursor() as cursor, cursor.copy(MEMBERS_COPY) as members:
                    tally = self._render(job, chunks, workers, files, members.write)
            except BaseException:
                files.discard()
                raise
            with leader.cursor() as cursor:
                figures = figures_from_tally(self.ctx, tally, reader=SqlReader(cursor))
            leader.commit()
            return files.close(), figures

    def _job(self, snapshot: str) -> Job:
        claims, sources, members = chunk_queries(self.ctx)
        connect = {k: v for k, v in self._connect_params().items() if isinstance(v, str | int)}
        return Job(
            connect=connect,
            settings=WORKER_SETTINGS,
            snapshot=snapshot,
            claims=claims,
            sources=sources,
            enrichment=queries.enrichment(self.ctx),
            publisher=dict(self.ctx.publisher),
            release_id=self.ctx.release_id,
            members=members,
        )

    def _render(self, job: Job, chunks: list, workers: int, files: ClaimFiles, record) -> Tally:
        """Hand chunks to worker processes, write their output in chunk order and pass
        their membership rows to ``record``; return the summed tally."""
        pool = _Workers(job, min(workers, max(1, len(chunks))))
        writer = _OrderedWriter(files)
        started = time.monotonic()
        tally = Tally()
        try:
            todo = iter(chunks)
            ready: dict[int, list[bytes]] = {}
            written = 0
            for channel in pool.channels:
                for task in itertools.islice(todo, 1 + AHEAD):
                    pool.assign(channel, task)
            while written < len(chunks):
                check_deadline(self.deadline)
                for channel in pool.receive(timeout=0.5):
                    number, part, outputs, members = pool.chunk(channel)
                    ready[number] = outputs
                    tally.add(part)
                    record(members)
                    pool.assign(channel, next(todo, STOP))
                while written in ready:
                    writer.write(ready.pop(written))
                    written += 1
                self.on_progress(min(99, 100 * written // len(chunks)))
            writer.finish()
            pool.close()
        except BaseException:
            writer.abandon()
            pool.stop()
            raise
        logger.info("Release %s: %d claims rendered in %.1f s by %d processes",
                    self.ctx.version, tally.claims, time.monotonic() - started,
                    len(pool.channels))  # fmt: skip
        return tally


class _OrderedWriter:
    """Writes chunks' outputs to the files in a thread of their own, in the order given.

    Writing (hashing, and waiting for the device: files bypass the page cache) then
    overlaps with receiving the next chunks; otherwise a rendering process that has
    finished a chunk would wait for the previous chunk's write before it could hand its
    bytes over. Hashing and writing release the GIL.
    """

    # Chunks queued for writing at most: a few chunks of output in memory.
    QUEUED = 3

    def __init__(self, files: ClaimFiles):
        self.files = files
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="release-writer")
        self.pending: collections.deque[Future] = collections.deque()

    def write(self, outputs: list[bytes]) -> None:
        while len(self.pending) >= self.QUEUED:
            self.pending.popleft().result()  # raises what the write raised
        self.pending.append(self.pool.submit(self._write, outputs))

    def _write(self, outputs: list[bytes]) -> None:
        for name, data in zip(PER_CLAIM, outputs, strict=True):
            if data:
                self.files.write(name, data)

    def finish(self) -> None:
        while self.pending:
            self.pending.popleft().result()
        self.pool.shutdown()

    def abandon(self) -> None:
        for future in self.pending:
            future.cancel()
        self.pool.shutdown(wait=True)


class _Workers:
    """The rendering processes and their channels."""

    def __init__(self, job: Job, count: int):
        self.processes, self.channels, self.backends = [], [], []
        self.pending: dict = {}
        self.stopped: set = set()
        try:
            for _ in range(count):
                self._start(job)
            for channel in self.channels:
                self.backends.append(self._message(channel, "ready")[1])
        except BaseException:
            self.stop()
            raise

    def _start(self, job: Job) -> None:
        # A plain child process rather than multiprocessing's: a Celery worker's pool
        # processes are daemons, which multiprocessing does not let have children.
        ours, theirs = multiprocessing.Pipe()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [PROJECT, env.get("PYTHONPATH")]))
        process = subprocess.Popen(
            [sys.executable, "-m", "claims.releases.workers", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            env=env,
        )
        theirs.close()
        self.processes.append(process)
        self.channels.append(ours)
        self.pending[ours] = 0
        ours.send(job)

    def _message(self, channel, kind: str):
        try:
            message = channel.recv()
        except EOFError:
            raise WorkerFailed("a rendering process ended unexpectedly") from None
        if message[0] == "error":
            raise WorkerFailed(message[1])
        if message[0] != kind:
            raise WorkerFailed(f"unexpected message from a rendering process: {message[0]}")
        return message

    def assign(self, channel, task) -> None:
        """Send a chunk to a worker, or STOP once it is to take no more."""
        if channel in self.stopped:
            return
        channel.send(task)
        if task is STOP:
            self.stopped.add(channel)
        else:
            self.pending[channel] += 1

    def receive(self, timeout: float):
        """The channels with a chunk to read (a stopped worker's channel also turns
        readable when it exits: it is no longer waited on once it owes nothing)."""
        waiting = [c for c in self.channels if self.pending[c]]
        return multiprocessing.connection.wait(waiting, timeout=timeout)

    def chunk(self, channel) -> tuple[int, Tally, list[bytearray], bytearray]:
        """A rendered chunk: its number, tally, bytes per file and membership rows."""
        _, number, tally = self._message(channel, "chunk")
        self.pending[channel] -= 1
        try:
            *outputs, members = receive_buffers(channel, len(PER_CLAIM) + 1)
        except EOFError:
            raise WorkerFailed("a rendering process ended unexpectedly") from None
        return number, tally, outputs, members

    def close(self) -> None:
        for process in self.processes:
            process.wait(timeout=30)

    def stop(self) -> None:
        """Stop every worker and the query it may be waiting on."""
        if self.backends:
            _cancel_backends(self.backends)
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _cancel_backends(pids: list[int]) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_cancel_backend(pid) FROM unnest(%s::int[]) pid", [pids])
    except Exception:  # the workers are terminated anyway; their queries then fail
        logger.warning("could not cancel the rendering queries", exc_info=True)


def _plain(value):
    """A parameter without Django's types (choices are enums of the models), so a worker
    can unpickle it without setting Django up."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _chunks(low: int, high: int, size: int) -> list[tuple[int, int]]:
    """Half-open id ranges of ``size`` ids covering low..high."""
    return [(start, start + size) for start in range(low, high + 1, size)] or [(0, 1)]

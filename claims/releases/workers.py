"""Processes that read chunks of released claims and render their lines.

Each worker has its own connection, inside the release's exported snapshot. For each
chunk of claim ids it is sent, it reads the chunk's prepared claim rows and their
sources and renders every per-claim output with the compiled templates (``render``),
then sends the chunk's bytes, one buffer per file in one frame, back to the release,
which writes chunks in id order. Rendering in processes, not threads, lets it use every core; the
database only reads rows.

From the same rows a worker also tallies what the release records about its claims
(``Tally``): the membership rows, as the text of a COPY the release runs in its own
transaction, and the counts the datasheet gives. Reading the claims once for both is
what keeps membership cheap: a separate pass would join every table again.

The module needs no Django setup: it is what a worker process imports.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import struct
import sys
import traceback
from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat
from multiprocessing.connection import Connection
from operator import itemgetter

from claims.releases.render import PER_CLAIM, Enrichment, claim_renderer

STOP = None
# Buffers per readv/writev call, within every system's limit.
IOV_MAX = 64


@dataclass(frozen=True)
class Query:
    """A SELECT of a chunk's rows: its id range goes into the parameters at ``low_at``
    and ``high_at``."""

    sql: str
    params: list
    low_at: tuple[int, ...]
    high_at: tuple[int, ...]

    def for_chunk(self, low: int, high: int) -> list:
        params = list(self.params)
        for k in self.low_at:
            params[k] = low
        for k in self.high_at:
            params[k] = high
        return params


@dataclass(frozen=True)
class Job:
    """What a worker needs: where to connect and what to read, all picklable."""

    connect: dict
    settings: list[str]  # SET statements for the worker's session
    snapshot: str
    claims: Query  # the released claims of a chunk, by id
    sources: Query  # the sources of the chunk's claims, by claim and id
    enrichment: Enrichment
    publisher: dict
    release_id: int
    members: tuple[int, ...]  # where MEMBER_COLUMNS are in a claim's row


# What a claim's membership row and the counts need, as (column, prepared kind): found
# in the prepared row when the templates use the column in that kind (text prepared as
# None when empty), else read raw after it (see ``postgres.chunk_queries``). The time of
# approval is read raw: its prepared text has lost the fraction of a second.
MEMBER_COLUMNS = (
    ("verdict_id", "int"), ("rating", "str"), ("kind", "str"), ("outlet", "str"),
    ("approved_at", None),
)  # fmt: skip


@dataclass
class Tally:
    """The counts of a release's claims, summed over chunks."""

    claims: int = 0
    sources: int = 0
    latest: dt.datetime | None = None  # the latest approval
    kinds: Counter = field(default_factory=Counter)
    ratings: Counter = field(default_factory=Counter)
    outlets: Counter = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        """Fold in a chunk's counts."""
        self.claims += other.claims
        self.sources += other.sources
        if other.latest is not None and (self.latest is None or other.latest > self.latest):
            self.latest = other.latest
        self.kinds.update(other.kinds)
        self.ratings.update(other.ratings)
        self.outlets.update(other.outlets)


def work(job: Job, channel) -> None:
    """Worker process: render the chunks sent over ``channel`` until told to stop.

    Sends ``("ready", backend pid)`` first, then for each chunk ``("chunk", number,
    tally)`` followed by a frame (``send_buffers``) of the bytes of each file of
    PER_CLAIM and the tally's membership rows; on an error, ``("error", text)``.
    """
    # A chunk's rows are freed as soon as they are rendered and form no cycles: the
    # cyclic collector would only rescan them.
    gc.disable()
    try:
        import psycopg

        with psycopg.connect(**job.connect) as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            conn.execute(f"SET TRANSACTION SNAPSHOT '{job.snapshot}'")
            for statement in job.settings:
                conn.execute(statement)
            channel.send(("ready", conn.info.backend_pid))
            render = claim_renderer(job.publisher)
            while (task := channel.recv()) is not STOP:
                number, low, high = task
                outputs, tally, members = render_chunk(conn, job, render, low, high)
                channel.send(("chunk", number, tally))
                send_buffers(channel, [*outputs, members])
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        return  # the release stopped us or ended
    except BaseException:
        channel.send(("error", traceback.format_exc()))


def _rows(conn, query: Query, low: int, high: int) -> list[tuple]:
    """A chunk's rows, in binary, loaded by psycopg's C code in one call (a chunk is a
    few MiB; COPY would cost a round of Python per row)."""
    with conn.cursor(binary=True) as cursor:
        cursor.execute(query.sql, query.for_chunk(low, high))
        return cursor.fetchall()


def render_chunk(conn, job: Job, render, low: int, high: int) -> tuple[list[bytes], Tally, bytes]:
    """The bytes of each file of PER_CLAIM for the released claims with ids in
    ``[low, high)``, their tally and their membership rows. Both queries give prepared
    rows (see ``render``), the first column being the claim's id."""
    sources: dict[int, list[tuple]] = {}
    for row in _rows(conn, job.sources, low, high):
        sources.setdefault(row[0], []).append(row)
    claims = _rows(conn, job.claims, low, high)
    derive, get, none = job.enrichment.derive, sources.get, ()
    rendered = [render(row, derive(row), get(row[0], none)) for row in claims]
    # Claim by claim to file by file: zip() regroups the tuples in C.
    texts = [b"".join(texts) for texts in zip(*rendered, strict=True)] or [b""] * len(PER_CLAIM)
    return texts, *tally_rows(job.release_id, claims, job.members, sources)


def tally_rows(
    release_id: int, claims: list[tuple], members: tuple, sources: dict
) -> tuple[Tally, bytes]:
    """The tally of a chunk's claim rows, which hold MEMBER_COLUMNS at ``members``, and
    their membership rows as COPY text (release_id, claim_id, verdict_id, rating)."""
    # Column by column, so the counting runs in C (Counter over itemgetter).
    column = {name: itemgetter(at) for (name, _), at in zip(MEMBER_COLUMNS, members, strict=True)}
    ratings = [rating or "" for rating in map(column["rating"], claims)]
    ids = [row[0] for row in claims]
    prefix = f"{release_id}\t"
    lines = map(
        "{}{}\t{}\t{}\n".format,
        repeat(prefix),
        ids,
        map(column["verdict_id"], claims),
        map(_copy_text, ratings),
    )
    approved = [value for value in map(column["approved_at"], claims) if value is not None]
    tally = Tally(
        claims=len(claims),
        sources=sum(len(sources.get(claim_id, ())) for claim_id in ids),
        latest=max(approved, default=None),
        kinds=Counter(kind or "" for kind in map(column["kind"], claims)),
        ratings=Counter(ratings),
        outlets=Counter(outlet or "" for outlet in map(column["outlet"], claims)),
    )
    return tally, "".join(lines).encode()


def _copy_text(value: str) -> str:
    """A value as COPY's text format reads it back unchanged."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace("\t", "\\t")
        value = value.replace("\n", "\\n").replace("\r", "\\r")
    return value


def send_buffers(channel: Connection, buffers: list[bytes]) -> None:
    """Send ``buffers`` as one frame on the channel's socket: their lengths, then their
    bytes, gathered by the kernel. A message per buffer (``send_bytes``) would cost the
    receiver a read into a fresh allocation the size of what is left, over and over."""
    header = struct.pack(f"!{len(buffers)}Q", *map(len, buffers))
    views = [memoryview(b) for b in [header, *buffers] if len(b)]
    fd = channel.fileno()
    while views:
        _advance(views, os.writev(fd, views[:IOV_MAX]))


def receive_buffers(channel: Connection, count: int) -> list[bytearray]:
    """The ``count`` buffers of a frame sent by ``send_buffers``, each read straight into
    its own buffer."""
    header = bytearray(8 * count)
    _read_into(channel.fileno(), [header])
    buffers = [bytearray(size) for size in struct.unpack(f"!{count}Q", header)]
    _read_into(channel.fileno(), buffers)
    return buffers


def _read_into(fd: int, buffers: list[bytearray]) -> None:
    views = [memoryview(b) for b in buffers if len(b)]
    while views:
        read = os.readv(fd, views[:IOV_MAX])
        if read == 0:
            raise EOFError
        _advance(views, read)


def _advance(views: list[memoryview], done: int) -> None:
    """Drop the first ``done`` bytes from a list of views."""
    while views and done >= len(views[0]):
        done -= len(views.pop(0))
    if done:
        views[0] = views[0][done:]


def main() -> None:
    """Entry point of a worker process: its channel's file descriptor is the argument,
    and the Job the first message."""
    channel = Connection(int(sys.argv[1]))
    work(channel.recv(), channel)


if __name__ == "__main__":
    from claims.releases.workers import main as worker_main  # the module Job pickles to

    worker_main()

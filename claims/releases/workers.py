"""Processes that read chunks of released claims and render their lines.

Each worker has its own connection, inside the release's exported snapshot. For each
chunk of claim ids it is sent, it reads the claims' raw columns (with their sources
as arrays) by a binary COPY and renders every per-claim output with the compiled
templates (``render``), then sends the chunk's bytes, one message per file, back to
the release, which writes chunks in id order. Rendering in processes, not threads,
lets it use every core; the database only reads rows.

The module needs no Django setup: it is what a worker process imports.
"""

from __future__ import annotations

import gc
import sys
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection

from claims.releases.render import PER_CLAIM, Enrichment, claim_renderer

STOP = None


@dataclass(frozen=True)
class Query:
    """A SELECT whose last two parameters are a chunk's id range."""

    sql: str
    params: list


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


def work(job: Job, channel) -> None:
    """Worker process: render the chunks sent over ``channel`` until told to stop.

    Sends ``("ready", backend pid)`` first, then for each chunk ``("chunk", number,
    claims)`` followed by one bytes message per file of PER_CLAIM; on an error,
    ``("error", text)``.
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
                outputs, claims = render_chunk(conn, job, render, low, high)
                channel.send(("chunk", number, claims))
                for data in outputs:
                    channel.send_bytes(data)
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        return  # the release stopped us or ended
    except BaseException:
        channel.send(("error", traceback.format_exc()))


def _rows(conn, query: Query, low: int, high: int) -> list[tuple]:
    """A chunk's rows, in binary, loaded by psycopg's C code in one call (a chunk is a
    few MiB; COPY would cost a round of Python per row)."""
    with conn.cursor(binary=True) as cursor:
        cursor.execute(query.sql, [*query.params, low, high])
        return cursor.fetchall()


def render_chunk(conn, job: Job, render, low: int, high: int) -> tuple[list[bytes], int]:
    """The bytes of each file of PER_CLAIM for the released claims with ids in
    ``[low, high)``, and their number. Both queries give prepared rows (see
    ``render``), the first column being the claim's id."""
    sources: dict[int, list[tuple]] = {}
    for row in _rows(conn, job.sources, low, high):
        sources.setdefault(row[0], []).append(row)
    texts: list[list[bytes]] = [[] for _ in PER_CLAIM]
    add = [t.append for t in texts]
    claims = _rows(conn, job.claims, low, high)
    derive, none = job.enrichment.derive, ()
    for row in claims:
        outputs = render(row, derive(row), sources.get(row[0], none))
        for output, data in zip(add, outputs, strict=True):
            output(data)
    return [b"".join(t) for t in texts], len(claims)


def main() -> None:
    """Entry point of a worker process: its channel's file descriptor is the argument,
    and the Job the first message."""
    channel = Connection(int(sys.argv[1]))
    work(channel.recv(), channel)


if __name__ == "__main__":
    from claims.releases.workers import main as worker_main  # the module Job pickles to

    worker_main()

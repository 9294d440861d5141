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
import traceback
from dataclasses import dataclass

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
        return  # the release stopped us
    except BaseException:
        channel.send(("error", traceback.format_exc()))


def _rows(conn, query: Query, low: int, high: int) -> tuple[list[str], list[tuple]]:
    """A chunk's column names and rows, in binary, loaded by psycopg's C code in one
    call (a chunk is a few MiB; COPY would cost a round of Python per row)."""
    with conn.cursor(binary=True) as cursor:
        cursor.execute(query.sql, [*query.params, low, high])
        return [c.name for c in cursor.description], cursor.fetchall()


def render_chunk(conn, job: Job, render, low: int, high: int) -> tuple[list[bytes], int]:
    """The bytes of each file of PER_CLAIM for the released claims with ids in
    ``[low, high)``, and their number."""
    sources: dict[int, list[dict]] = {}
    names, rows = _rows(conn, job.sources, low, high)
    for row in rows:
        source = dict(zip(names, row, strict=True))
        sources.setdefault(source["claim_id"], []).append(source)
    texts: list[list[bytes]] = [[] for _ in PER_CLAIM]
    add = [t.append for t in texts]
    enrich, claims = job.enrichment.apply, 0
    names, rows = _rows(conn, job.claims, low, high)
    for row in rows:
        claim = enrich(dict(zip(names, row, strict=True)))
        claim["so"] = sources.get(claim["id"], [])
        for output, text in zip(add, render(claim), strict=True):
            output(text)
        claims += 1
    return [b"".join(t) for t in texts], claims

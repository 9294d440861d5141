"""Claim documents rendered by PostgreSQL: a list page or a claim detail as JSON text.

The hot reads of the API skip building a Python dict per row and encoding it again:
one statement returns the bytes of the response body. The output is the same, byte for
byte, as ``claims.api.representations`` encoded by ``FastJSONRenderer`` (orjson, UTC
as ``Z``); the tests compare both for claims with and without verdicts, sources and
history. Floats follow orjson's spelling for the values claims hold (``7.0``, ``0.25``,
``1e-7``); a float between 1e-5 and 1e-4 is the one case spelt differently (``1e-5``
instead of ``0.00001``), the same number either way.

Other databases use the Python path in ``claims.api.views.claims``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
import weakref
from datetime import datetime
from typing import NamedTuple

import orjson
from django.contrib.auth import get_user_model
from django.db import connection
from psycopg import pq

from claims.api.representations import OPTIONAL_TEXT
from claims.api.response_cache import as_health_check
from claims.api.selectors import history_model
from claims.models import Article, Claim, ClaimStatus, Sentence, Source, Verdict
from claims.ratings import Rating, rating_scale, rating_scale_text

# --- JSON values spelt in SQL (every piece is text, never NULL) ---------------------------


def _int(e: str) -> str:
    return f"COALESCE(({e})::text, 'null')"


def _str(e: str) -> str:
    return f"COALESCE(to_json({e})::text, 'null')"


def _optional(e: str) -> str:
    """An empty text shown as null."""
    return f"COALESCE(to_json(NULLIF({e}, ''))::text, 'null')"


def _bool(e: str) -> str:
    return f"CASE WHEN {e} THEN 'true' WHEN NOT {e} THEN 'false' ELSE 'null' END"


def _float(e: str) -> str:
    """orjson's spelling: ``7.0`` for whole numbers, ``1e-7`` below 1e-5, ``1e+16`` above.

    PostgreSQL writes floats from 1e-4 to 1e15 as orjson does but for the ``.0`` of
    whole numbers; the rarer cases take the slower branches.
    """
    return (
        f"CASE WHEN {e} IS NULL THEN 'null'"
        f" WHEN abs({e}) >= 1e-4 AND abs({e}) < 1e15"
        f" THEN CASE WHEN {e} = trunc({e}) THEN ({e})::text || '.0' ELSE ({e})::text END"
        f" WHEN {e} = trunc({e}) AND abs({e}) < 1e16 THEN trunc({e})::numeric::text || '.0'"
        f" ELSE regexp_replace(({e})::text, 'e-0', 'e-') END"
    )


def _time(e: str) -> str:
    """RFC 3339 in UTC with ``Z``, microseconds only when there are any (as orjson)."""
    return (
        f"CASE WHEN {e} IS NULL THEN 'null' ELSE '\"' || replace(to_char({e} AT TIME ZONE 'UTC',"
        f" 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '.000000', '') || 'Z\"' END"
    )


def _literal(text: str) -> str:
    """A SQL string literal, with ``%`` doubled for the driver's parameter syntax."""
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"


def _object(*pairs: tuple[str, str]) -> str:
    """``{"name":value,...}`` from (name, SQL text expression) pairs."""
    parts = []
    for i, (name, value) in enumerate(pairs):
        parts.append(f"'{'{' if i == 0 else ','}\"{name}\":'")
        parts.append(value)
    parts.append("'}'")
    return " || ".join(parts)


# --- Tables -------------------------------------------------------------------------------


@functools.cache
def _tables() -> dict[str, str]:
    quote = connection.ops.quote_name
    return {
        "claim": quote(Claim._meta.db_table),
        "article": quote(Article._meta.db_table),
        "sentence": quote(Sentence._meta.db_table),
        "source": quote(Source._meta.db_table),
        "verdict": quote(Verdict._meta.db_table),
        "history": quote(history_model(Claim)._meta.db_table),
        "source_history": quote(history_model(Source)._meta.db_table),
        "verdict_history": quote(history_model(Verdict)._meta.db_table),
        "user": quote(get_user_model()._meta.db_table),
    }


def _rating_head(column: str, scale: tuple[Rating, ...]) -> str:
    """``{"rating":..,"label":..,"rating_value":..`` (no closing brace) of a scale code.

    The scale's fragments are encoded by orjson and written into the statement; a code
    no longer on the scale shows itself as its label, as ``Ratings.verdict`` does.
    """
    cases = " ".join(
        f"WHEN {_literal(r.code)} THEN "
        + _literal(
            orjson.dumps({"rating": r.code, "label": r.label, "rating_value": r.value})[
                :-1
            ].decode()
        )
        for r in scale
    )
    unknown = _object(("rating", _str(column)), ("label", _str(column)), ("rating_value", "'null'"))
    return f"CASE {column} {cases} ELSE left({unknown}, -1) END"


def _summary_pairs(*, desk: bool, verdict: str, article: str) -> list[tuple[str, str]]:
    t = _tables()
    assignee = (
        f"COALESCE((SELECT to_json(u.username)::text FROM {t['user']} u"
        f" WHERE u.id = c.assignee_id), 'null')"
        if desk
        else "'null'"
    )
    return [
        ("id", _int("c.id")),
        ("url", "'\"/api/v1/claims/' || c.id || '/\"'"),
        ("article", article),
        ("kind", _str("c.kind")),
        ("text", _str("c.text")),
        ("span", _object(("start", _int("c.start")), ("end", _int('c."end"')))),
        ("value", _float("c.value")),
        ("value_min", _float("c.value_min")),
        ("value_max", _float("c.value_max")),
        *((name, _optional(f"c.{name}")) for name in OPTIONAL_TEXT),
        ("score", _float("c.score")),
        ("role", _str("c.role")),
        ("flagged", _bool("c.flagged")),
        ("status", _str("c.status")),
        ("verdict", verdict),
        ("assignee", assignee),
        ("version", _int("c.version")),
        ("created_at", _time("c.created_at")),
        ("updated_at", _time("c.updated_at")),
    ]


def _current_verdict(*, detail: bool, scale: tuple[Rating, ...]) -> str:
    head = _rating_head("v.rating", scale)
    tail = "'}'"
    if detail:
        tail = (
            f"',\"rationale\":' || {_str('v.rationale')}"
            f" || ',\"valid_as_of\":' || {_time('v.valid_as_of')}"
            f" || ',\"approved_at\":' || {_time('v.approved_at')} || '}}'"
        )
    return (
        f"COALESCE((SELECT {head} || {tail} FROM {_tables()['verdict']} v"
        f" WHERE v.claim_id = c.id AND v.is_current AND v.rating <> ''), 'null')"
    )


# --- The list page ------------------------------------------------------------------------

# The data version (see the ``claims_api`` migration), read in the statement that reads
# the documents so that both come from one snapshot; it keys the response cache.
DATA_VERSION = "(SELECT version FROM api_data_version)"


class Page(NamedTuple):
    results: bytes
    has_next: bool
    last_value: object
    last_id: int | None
    data_version: int


# Sort fields a client may ask for; all are columns of the claim table.
SORT_FIELDS = ("score", "updated_at", "id")


@functools.lru_cache(maxsize=64)
def _page_sql(
    *,
    size: int,
    desk: bool,
    field: str,
    descending: bool,
    keyset: bool,
    inner: bool,
    scale: tuple[Rating, ...],
) -> str:
    """The page statement. Parameters: the inner query's own (when ``inner``), then the
    keyset position (value, value, id). The page size is written in: with the limit as a
    parameter PostgreSQL plans the prepared statement again on every call."""
    assert field in SORT_FIELDS and isinstance(size, int)
    t = _tables()
    verdict = _current_verdict(detail=False, scale=scale)
    doc = _object(*_summary_pairs(desk=desk, verdict=verdict, article=_int("c.article_id")))
    direction = "DESC" if descending else "ASC"
    order = f'c."{field}" {direction}, c.id {direction}'
    where = ["TRUE"]
    if inner:
        where.append("c.id IN ({inner})")
    else:
        where += ["NOT c.flagged", "c.superseded_at IS NULL"]
        if not desk:
            where.append(f"c.status = '{ClaimStatus.VERIFIED}'")
    if keyset:
        beyond = "<" if descending else ">"
        # (field, id) beyond (value, id), spelt so that an index on the field applies.
        where.append(f'c."{field}" {beyond}= %s AND (c."{field}" {beyond} %s OR c.id {beyond} %s)')
    return (
        f"SELECT {DATA_VERSION}, string_agg(p.doc, ',' ORDER BY p.n) FILTER (WHERE p.n <= {size}),"
        " count(*),"
        f" (array_agg(p.k ORDER BY p.n))[{size}], (array_agg(p.id ORDER BY p.n))[{size}]"
        f' FROM (SELECT row_number() OVER (ORDER BY {order}) AS n, c.id, c."{field}" AS k,'
        f" {doc} AS doc FROM {t['claim']} c WHERE {' AND '.join(where)}"
        f" ORDER BY {order} LIMIT {size + 1}) p"
    )


def claim_page_json(
    *,
    desk: bool,
    field: str,
    descending: bool,
    position: tuple | None,
    size: int,
    inner: tuple[str, tuple] | None = None,
    prepare: bool = False,
) -> Page:
    """The page's results as a JSON array, whether a next page exists, the sort value
    and id of the page's last row (for the next link), and the data version they were
    read at.

    ``inner`` is the SQL and parameters of a query of the ids to list (already ordered
    and cut to ``size + 1``); without it the page is the unfiltered list, run as a
    prepared statement if ``prepare`` (meant for the default page size only, so that a
    connection keeps a handful of them).
    """
    sql = _page_sql(
        size=size,
        desk=desk,
        field=field,
        descending=descending,
        keyset=position is not None,
        inner=inner is not None,
        scale=rating_scale(),
    )
    params: list = [*inner[1]] if inner is not None else []
    if position is not None:
        value, last_id = position
        params += [value, value, last_id]
    if inner is None and prepare:
        row = _fetch_prepared(sql, params)  # through Django: floats and times as keys
    else:
        # Filters and page sizes make too many different statements to keep prepared.
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("{inner}", inner[0]) if inner else sql, params)
            row = cursor.fetchone()
    version, results, count, last_value, last_id = row
    body = b"[" + (results or "").encode() + b"]"
    return Page(body, count > size, last_value, last_id, version)


# --- The detail ---------------------------------------------------------------------------


@functools.cache
def _detail_sql(*, desk: bool, scale: tuple[Rating, ...], with_etag: bool = False) -> str:
    """The detail split around ``extracted`` (a JSON column, re-encoded compactly in
    Python): head, extracted as text, tail; after the data version and the ETag parts if
    ``with_etag``. The one parameter is the claim id."""
    t = _tables()
    verdict = _current_verdict(detail=True, scale=scale)
    article = _object(
        ("id", _int("a.id")),
        ("title", _str("a.title")),
        ("url", _optional("a.url")),
        ("outlet", _str("a.outlet")),
        ("published_at", _time("a.published_at")),
    )
    sentence = _object(
        ("index", _int("s.index")),
        ("start", _int("s.start")),
        ("end", _int('s."end"')),
        ("role", _str("s.role")),
        ("text", _str('substr(a.text, s.start + 1, s."end" - s.start)')),
    )
    head = _object(
        *_summary_pairs(desk=desk, verdict=verdict, article=article),
        ("sentence", sentence),
        ("extracted", "''"),
    )
    head = head[: -len(" || '}'")]
    source = _object(
        ("id", _int("src.id")),
        ("url", _str("src.url")),
        ("title", _str("src.title")),
        ("publisher", _str("src.publisher")),
        ("published_at", _time("src.published_at")),
        ("accessed_at", _time("src.accessed_at")),
        ("excerpt", _str("src.excerpt")),
        ("stance", _str("src.stance")),
        ("archived_url", _optional("src.archived_url")),
        ("created_at", _time("src.created_at")),
    )
    entry = _object(
        ("at", _time("h.history_date")),
        (
            "change",
            "CASE h.history_type WHEN '+' THEN '\"created\"' WHEN '-' THEN '\"deleted\"'"
            " ELSE '\"changed\"' END",
        ),
        ("status", _str("h.status")),
        ("version", _int("h.version")),
        ("by", _str("hu.username") if desk else "'null'"),
        ("reason", _optional("h.history_change_reason") if desk else "'null'"),
    )
    by_join = f" LEFT JOIN {t['user']} hu ON hu.id = h.history_user_id" if desk else ""
    dismissal = _object(
        ("reason", _str("c.dismissal_reason")),
        ("note", _optional("c.dismissal_note")),
        ("duplicate_of", _int("c.duplicate_of_id")),
    )
    tail = (
        f"',\"superseded_at\":' || {_time('c.superseded_at')}"
        f" || ',\"dismissal\":' || CASE WHEN c.dismissal_reason = '' THEN 'null'"
        f" ELSE {dismissal} END"
        f" || ',\"sources\":[' || COALESCE((SELECT string_agg({source}, ',' ORDER BY src.id)"
        f" FROM {t['source']} src WHERE src.claim_id = c.id), '') || ']'"
        f" || ',\"history\":[' || COALESCE((SELECT string_agg({entry}, ','"
        f" ORDER BY h.history_date, h.history_id) FROM {t['history']} h{by_join}"
        f" WHERE h.id = c.id), '') || ']}}'"
    )
    return (
        f"SELECT {DATA_VERSION + ', ' + _etag_columns() + ', ' if with_etag else ''}"
        f"{head}, c.extracted::text, {tail}"
        f" FROM {t['claim']} c"
        f" JOIN {t['article']} a ON a.id = c.article_id"
        f" LEFT JOIN {t['sentence']} s ON s.id = c.sentence_id WHERE c.id = %s"
        + ("" if desk else f" AND c.status = '{ClaimStatus.VERIFIED}'")
    )


_detail_statements: dict[tuple, str] = {}


def _detail_statement(*, desk: bool, with_etag: bool) -> str:
    """``_detail_sql`` for the scale in the settings. Building the scale and looking the
    statement up by it costs 50 µs a request; the settings' text is a cheaper key."""
    key = (desk, with_etag, rating_scale_text())
    sql = _detail_statements.get(key)
    if sql is None:
        sql = _detail_sql(desk=desk, scale=rating_scale(), with_etag=with_etag)
        _detail_statements[key] = sql
    return sql


def claim_detail_json(*, claim_id: int, desk: bool) -> bytes | None:
    """The claim's detail document, or None if there is no such claim the caller may see."""
    row = _fetch_prepared(_detail_statement(desk=desk, with_etag=False), [claim_id], direct=True)
    return None if row is None else _document(row)


def claim_detail_with_etag(*, claim_id: int, desk: bool) -> tuple[dict, bytes, int] | None:
    """The ETag parts (as ``claim_etag_row``), the document and the data version they
    were read at, in one statement."""
    row = _fetch_prepared(_detail_statement(desk=desk, with_etag=True), [claim_id], direct=True)
    if row is None:
        return None
    return dict(zip(ETAG_PARTS, row[1:6], strict=True)), _document(row[6:]), row[0]


def _document(row: tuple) -> bytes:
    head, extracted, tail = row
    extracted_json = orjson.dumps(orjson.loads(extracted)) if extracted is not None else b"null"
    return head.encode() + extracted_json + tail.encode()


# --- Prepared statements ------------------------------------------------------------------

# Names of the statements prepared on each open connection (prepared statements live as
# long as the database session; they outlive rolled-back transactions).
_prepared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _fetch_prepared(sql: str, params: list, *, direct: bool = False) -> tuple | None:
    """The first row of ``sql`` run as a prepared statement of the session.

    PostgreSQL then plans these statements once per connection rather than per request:
    planning the detail costs more than running it. The first use prepares and executes
    in one round trip, so every call is one query. This needs a session of its own, not
    a pooler in transaction mode. ``direct``: through libpq when it may (below); for
    statements of integer parameters whose columns ``_value`` converts.
    """
    name = _statement_name(sql)
    if direct and _direct_allowed():
        row = as_health_check(lambda: _fetch_direct(name, sql, params))
        if row is not _FAILED:
            return row
    call = f"EXECUTE {name}({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"

    def run():
        connection.ensure_connection()
        known = _prepared.setdefault(connection.connection, set())
        with connection.cursor() as cursor:
            if name in known:
                cursor.execute(call, params)
            else:
                cursor.execute(f"PREPARE {name} AS {_numbered(sql)}; {call}", params)
                cursor.nextset()
                known.add(name)
            return cursor.fetchone()

    return as_health_check(run)


# --- The same statements through libpq ----------------------------------------------------
#
# A Django cursor costs some 150 µs of CPU per statement (wrappers, psycopg's cursor and
# its type adaptation); libpq's own prepared-statement call with a few columns converted
# here costs a fraction of it. Used outside transactions only (a failed statement there
# aborts nothing) and when nothing wraps Django's statements (``execute_wrapper``); a
# statement that fails runs again through Django, which reports the error as usual.
# Statements are written to ``connection.queries_log`` whenever Django would log them
# (``DEBUG``, ``CaptureQueriesContext``), so query counts still see them.

_FAILED = object()
DIRECT_MARK = "/* libpq */"

_TEXT, _INTEGERS, _TIMESTAMPTZ = 25, (20, 21, 23), 1184


def _direct_allowed() -> bool:
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and connection.get_autocommit()
        and not connection.execute_wrappers
    )


def _fetch_direct(name: str, sql: str, params: list):
    """``_fetch_prepared``'s row through libpq, or ``_FAILED``."""
    connection.ensure_connection()
    started = time.monotonic()
    known = _prepared.setdefault(connection.connection, set())
    pgconn = connection.connection.pgconn
    values_text = [str(p) for p in params]
    values = [v.encode() for v in values_text]
    with connection.wrap_database_errors:
        if name not in known:
            prepared = pgconn.prepare(name.encode(), _numbered(sql).replace("%%", "%").encode())
            if prepared.status != pq.ExecStatus.COMMAND_OK:
                return _FAILED
            known.add(name)
        result = pgconn.exec_prepared(name.encode(), values)
    if result.status != pq.ExecStatus.TUPLES_OK:
        if result.error_field(pq.DiagnosticField.SQLSTATE) == b"26000":
            known.discard(name)  # gone from the session (DISCARD): prepared again by Django
        return _FAILED
    if connection.queries_logged:
        connection.queries_log.append(
            {
                "sql": f"{DIRECT_MARK} EXECUTE {name}({', '.join(values_text)})",
                "time": f"{time.monotonic() - started:.3f}",
            }
        )
    if result.ntuples == 0:
        return None
    return tuple(_value(result, column) for column in range(result.nfields))


def _value(result, column: int):
    raw = result.get_value(0, column)
    if raw is None:
        return None
    oid = result.ftype(column)
    if oid == _TEXT:
        return raw.decode()
    if oid in _INTEGERS:
        return int(raw)
    if oid == _TIMESTAMPTZ:
        # Sessions run in UTC (Django sets it), so the text reads "... +00".
        return datetime.fromisoformat(raw.decode())
    raise TypeError(f"no conversion for column type {oid}")


@functools.lru_cache(maxsize=64)
def _statement_name(sql: str) -> str:
    # Kept: hashing the detail's 8 kB of SQL costs 20 µs (the dictionary look-up uses
    # the string's own hash, computed once per string).
    return "claim_doc_" + hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()


def _numbered(sql: str) -> str:
    """``%s`` placeholders as PostgreSQL's ``$1``, ``$2``...; ``%%`` stays as it is."""
    count = iter(range(1, 1 + sql.count("%s")))
    return re.sub(r"%[s%]", lambda m: "%%" if m[0] == "%%" else f"${next(count)}", sql)


# --- What the detail's ETag depends on ----------------------------------------------------


ETAG_PARTS = ("version", "updated_at", "article_updated_at", "sources_mark", "verdicts_mark")


def _etag_columns() -> str:
    t = _tables()
    marks = [
        f"COALESCE((SELECT MAX(h.history_id) FROM {table} h WHERE h.claim_id = c.id), 0)"
        for table in (t["source_history"], t["verdict_history"])
    ]
    return f"c.version, c.updated_at, a.updated_at, {marks[0]}, {marks[1]}"


@functools.cache
def _etag_sql(*, desk: bool) -> str:
    t = _tables()
    return (
        f"SELECT {_etag_columns()}"
        f" FROM {t['claim']} c JOIN {t['article']} a ON a.id = c.article_id WHERE c.id = %s"
        + ("" if desk else f" AND c.status = '{ClaimStatus.VERIFIED}'")
    )


def claim_etag_row(*, claim_id: int, desk: bool) -> dict | None:
    """``claims.api.selectors.claim_etag_parts`` as one prepared statement."""
    row = _fetch_prepared(_etag_sql(desk=desk), [claim_id], direct=True)
    return None if row is None else dict(zip(ETAG_PARTS, row, strict=True))

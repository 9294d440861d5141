"""Rendered claim list pages and claim details, shared by every web process.

A response body is stored in the default cache (Redis in deployments) under a key made
of everything that shapes it: the view, whether the caller belongs to the desk (the
desk sees assignees, history authors and unverified claims), the rating scale, and the
absolute URL (host, path and query; the list's ``next`` link is built from it) or the
claim id. Documents hold no other per-user field; a list filtered by ``assignee`` adds
the caller's id, for ``assignee=me``.

Each body is stored with the data version it was rendered at: a number in PostgreSQL
that moves forward when a transaction that wrote to the tables the documents read
(claims, articles, sentences, sources, verdicts, their history, usernames; see the
``claims_api`` migrations), queryset ``update()`` and raw SQL included, commits: once
per transaction, at commit, so writers do not queue on it. The version is
read in the same statement as the documents (one snapshot), and a stored body is served
only while a fresh read of the version still gives that number: no committed write has
touched what it shows since. Bodies of old versions are replaced on the next render and
expire after ``FACTCHECK_API_CACHE_SECONDS``.

Nothing is cached inside a transaction (the connection's own uncommitted writes would
be stored under a version other connections may reach without them), nor on databases
other than PostgreSQL, which have no triggers for it. With Redis the look-up rides on
the throttle's round trip (``claims.api.throttling.hit``), so a request served from the
cache costs that round trip and the version read.
"""

from __future__ import annotations

import hashlib
import weakref

import psycopg
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connection, connections
from psycopg import pq

from claims.api.throttling import round_trip


def caching() -> bool:
    """Whether responses may be cached on this connection now."""
    db = connections[DEFAULT_DB_ALIAS]  # once: each use of ``connection`` looks it up
    return (
        settings.FACTCHECK_API_CACHE_SECONDS > 0
        and db.vendor == "postgresql"
        and not db.in_atomic_block
        and db.get_autocommit()
    )


VERSION_SQL = "SELECT version FROM api_data_version"
# The version read as a prepared statement of each session: PostgreSQL then skips
# parsing and planning it, some 15-35 µs of a round trip of 75-110 µs on a quiet
# machine. Prepared statements live as long as the session, not its transactions.
VERSION_STATEMENT = b"api_data_version"
UNDEFINED_STATEMENT = b"26000"  # SQLSTATE: the session no longer has it (DISCARD ALL)
_version_prepared: weakref.WeakSet = weakref.WeakSet()


def _version_statement(raw) -> bool:
    """Whether the version read is prepared on the psycopg connection ``raw``, preparing
    it if it is not yet; the connection must be idle."""
    if raw not in _version_prepared:
        prepared = raw.pgconn.prepare(VERSION_STATEMENT, VERSION_SQL.encode())
        if prepared.status != pq.ExecStatus.COMMAND_OK:
            return False
        _version_prepared.add(raw)
    return True


def _forget_statement(raw, result) -> None:
    """After a failed read: prepare the statement again next time if it is gone."""
    if result.error_field(pq.DiagnosticField.SQLSTATE) == UNDEFINED_STATEMENT:
        _version_prepared.discard(raw)


def data_version() -> int | None:
    row = as_health_check(_read_version)
    return None if row is None else row[0]


def _read_version() -> tuple | None:
    """The version row, through libpq directly: a Django cursor costs 200 µs of CPU for
    this one-value read, libpq 40 µs. Only outside transactions (``caching()``); on any
    error the statement runs again through Django, which reports it as usual."""
    connection.ensure_connection()
    raw = connection.connection
    with connection.wrap_database_errors:
        if _version_statement(raw):
            result = raw.pgconn.exec_prepared(VERSION_STATEMENT, None)
        else:
            result = raw.pgconn.exec_(VERSION_SQL.encode())
    if result.status == pq.ExecStatus.TUPLES_OK and result.ntuples == 1:
        return (int(result.get_value(0, 0)),)
    _forget_statement(raw, result)
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        return cursor.fetchone()


class VersionAhead:
    """The version statement sent before the throttle's Redis round trip and its answer
    read after it: the two round trips overlap, and the request waits once instead of
    twice. For requests that are ``caching()``, and only on a connection that is open
    and idle; on any trouble ``result()`` gives None and ``data_version()`` reads the
    version the usual way (and reconnects if it must). ``result()`` must be called
    before the connection is used again."""

    def __init__(self):
        self.raw = self.pgconn = None
        raw = connection.connection
        if raw is None:
            return
        pgconn = raw.pgconn
        if pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return
        try:
            if _version_statement(raw):
                pgconn.send_query_prepared(VERSION_STATEMENT, None)
            else:
                pgconn.send_query(VERSION_SQL.encode())
        except psycopg.Error:
            return
        self.raw, self.pgconn = raw, pgconn

    def result(self) -> int | None:
        pgconn, self.pgconn = self.pgconn, None
        if pgconn is None:
            return None
        version = None
        try:
            while (result := pgconn.get_result()) is not None:
                if result.status == pq.ExecStatus.TUPLES_OK and result.ntuples == 1:
                    version = int(result.get_value(0, 0))
                elif result.status == pq.ExecStatus.FATAL_ERROR:
                    _forget_statement(self.raw, result)
        except psycopg.Error:
            return None
        if version is not None:
            # The answer proves the connection usable: the request's health check.
            connection.health_check_done = True
        return version


def as_health_check(run):
    """``run()``, a function of statements on the default connection, standing in for the
    request's connection health check (``CONN_HEALTH_CHECKS``) when that is still due.

    Django checks a reused connection with a ``SELECT 1`` round trip before its first
    statement in each request; on a cached read that doubles the database round trips.
    Here the first real statement is the check: if it fails because the connection is
    gone, the connection is closed and ``run`` tried once more on a new one.
    """
    due = (
        connection.health_check_enabled
        and not connection.health_check_done
        and connection.connection is not None
        and not connection.in_atomic_block
    )
    if not due:
        return run()
    connection.health_check_done = True
    try:
        return run()
    except (OperationalError, InterfaceError):
        if connection.is_usable():
            raise
        connection.close()
        return run()


class Probe:
    """The cache look-up of one request's response."""

    def __init__(self, key: str):
        self.key = key
        self.fetched = False
        self.value: bytes | None = None
        self.checked = False
        self.body: bytes | None = None

    def current(self, version: int | None = None) -> bytes | None:
        """The stored body if nothing it shows has changed since it was rendered
        (``version``: the data version read for this request, if it was). Asked once per
        request: a miss in ``cached_hits`` is not looked up again by the view."""
        if not self.checked:
            self.body, self.checked = self._current(version), True
        return self.body

    def _current(self, version: int | None) -> bytes | None:
        if not self.fetched:
            self.value = cache_get(self.key)
            self.fetched = True
        if self.value is None:
            return None
        stored, body = self.value.split(b"\n", 1)
        if version is None:
            version = data_version()
        return body if int(stored) == version else None

    def store(self, body: bytes, version: int) -> None:
        cache_set(self.key, b"%d\n" % version + body)


def probe_for(view: str, parts: tuple) -> Probe | None:
    """The look-up of ``view``'s response for ``parts``, or None when not caching."""
    if not caching():
        return None
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return Probe(f"api-response:{view}:{digest}")


class CachedReadView:
    """A view mixin. A cache hit in the common case is served before DRF's request
    handling (``claims.api.cached_hits``); otherwise the response's probe is made before
    the throttles run, so that the throttle fetches it. ``cache_parts`` names what shapes
    the response (None: do not cache this request); ``cached_response`` turns a stored
    body into the response the view would give."""

    def cache_parts(self, request) -> tuple | None:
        raise NotImplementedError

    def cached_response(self, request, body: bytes):
        raise NotImplementedError

    def fresh_response(self, request, kwargs: dict):
        """The response to a miss without DRF's wrapping, or None to leave it to DRF."""
        return None

    def dispatch(self, request, *args, **kwargs):
        from claims.api.cached_hits import serve_hit  # it builds on this module

        # Looked up once: by ``CachedReadMiddleware`` if it matched the route, else here.
        if not getattr(request, "cached_read_tried", False):
            response = serve_hit(self, request, kwargs)
            if response is not None:
                return response
        return super().dispatch(request, *args, **kwargs)

    def probe_for_request(self, request) -> Probe | None:
        parts = self.cache_parts(request)
        return None if parts is None else probe_for(type(self).__name__, parts)

    def check_throttles(self, request):
        probe = self.probe_for_request(request)
        # The same look-up made by ``serve_hit`` before a miss: already fetched.
        earlier = getattr(request, "response_cache_probe", None)
        if probe is not None and earlier is not None and earlier.key == probe.key:
            probe = earlier
        request.response_cache_probe = probe
        super().check_throttles(request)

    @staticmethod
    def probe(request) -> Probe | None:
        return getattr(request, "response_cache_probe", None)


def cache_get(key: str) -> bytes | None:
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        return round_trip(cache, [("GET", cache.make_key(key))])[0]
    return cache.get(key)


def cache_set(key: str, value: bytes) -> None:
    cache = caches["default"]
    timeout = settings.FACTCHECK_API_CACHE_SECONDS
    if isinstance(cache, RedisCache):
        # Raw bytes: Django's Redis cache would pickle them.
        round_trip(cache, [("SET", cache.make_key(key), value, "EX", timeout)], replies=False)
    else:
        cache.set(key, value, timeout)

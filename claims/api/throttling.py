"""Request throttles: by client address for anonymous callers, by user for token holders.

Counts are kept per fixed window (a minute for "120/minute") in the default cache,
Redis when ``REDIS_URL`` is set, so every web process shares them. With Redis a request
costs one round trip (SET NX + INCR in a pipeline) and a few bytes, where DRF's own
throttles read and rewrite the whole list of recent request times. A fixed window lets a
client send up to twice the rate across a window boundary; that is the price of O(1).
Rates are read from the settings on every request (DRF's classes read them at import).

A view that looks a cached response up (``claims.api.response_cache``) leaves its probe
on the request as ``response_cache_probe``; the throttle then fetches it in the same
Redis round trip. Each count is noted on the Django request, so a request that a
throttle sees twice (a cache miss in ``claims.api.cached_hits``, then the full view) is
counted once.
"""

from __future__ import annotations

import contextlib
import time

import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _FixedWindowThrottle(SimpleRateThrottle):
    scope = ""

    def __init__(self):
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.retry_after = None

    def ident_for(self, request) -> str | None:
        raise NotImplementedError

    def allow_request(self, request, view):
        ident = self.ident_for(request)
        if self.rate is None or ident is None:
            return True
        # A request is counted once: the count taken by ``claims.api.cached_hits`` before
        # a miss is the one the full view goes by.
        django_request = getattr(request, "_request", request)
        counted = getattr(django_request, "throttle_counts", {})
        if self.scope in counted:
            count, now = counted[self.scope]
        else:
            now = time.time()
            window = int(now // self.duration)
            probe = getattr(request, "response_cache_probe", None)
            count = hit(f"throttle:{self.scope}:{ident}:{window}", self.duration, probe=probe)
            django_request.throttle_counts = {**counted, self.scope: (count, now)}
        if count <= self.num_requests:
            return True
        self.retry_after = max(1.0, self.duration - now % self.duration)
        return False

    def wait(self):
        return self.retry_after


def hit(key: str, timeout: int, *, probe=None) -> int:
    """Count one request under ``key`` and return the count so far. With Redis, a
    ``response_cache.Probe`` not yet fetched is fetched in the same round trip."""
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        # Not ``make_and_validate_key``: its check (memcached's key rules) only warns,
        # and Redis takes any key.
        full_key = cache.make_key(key)
        # No MULTI/EXEC: the two commands stay in order, and a count needs no more.
        commands = [("SET", full_key, 0, "EX", timeout, "NX"), ("INCR", full_key)]
        fetch = probe is not None and not probe.fetched
        if fetch:
            commands.append(("GET", cache.make_key(probe.key)))
        replies = round_trip(cache, commands)
        if fetch:
            probe.value, probe.fetched = replies[2], True
        return replies[1]
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout)
        return 1


def round_trip(cache: RedisCache, commands: list[tuple], *, replies: bool = True) -> list:
    """Raw replies to ``commands``, sent together on a connection kept by this process.

    redis-py's pipeline takes a connection from the pool, wraps the call in its retry
    machinery and gives the connection back: some 250 µs of CPU for three commands, as
    much as the rest of a cached API read. A connection of our own, written and read
    directly, costs about 100 µs. A broken connection is dropped and the commands sent
    once more on a new one (a count may then be taken twice).

    Without ``replies`` the commands are sent and their replies left unread until the
    next round trip on the connection, which reads them first: a store need not wait for
    Redis (Redis runs it as soon as it reads it; the request does not wait a second time
    for a reply it does not use). Such replies are dropped, errors included.
    """
    connection = getattr(cache, "_throttle_connection", None)
    if connection is None:
        pool = redis_client(cache).connection_pool
        connection = cache._throttle_connection = pool.make_connection()
    packed = [_encoded(commands)]
    try:
        connection.send_packed_command(packed, check_health=False)
        _read_unread(cache, connection)
        return _replies(cache, connection, len(commands), replies)
    except (redis.ConnectionError, redis.TimeoutError):
        connection.disconnect()
        cache._throttle_unread = 0
        connection.send_packed_command(packed)
        return _replies(cache, connection, len(commands), replies)


def _replies(cache: RedisCache, connection, count: int, wanted: bool) -> list:
    if not wanted:
        cache._throttle_unread = count
        return []
    return [connection.read_response() for _ in range(count)]


def _read_unread(cache: RedisCache, connection) -> None:
    """The replies left unread by the connection's last round trip, dropped."""
    unread, cache._throttle_unread = getattr(cache, "_throttle_unread", 0), 0
    for _ in range(unread):
        # A store that failed (out of memory, say): the next request renders again.
        with contextlib.suppress(redis.ResponseError):
            connection.read_response()


def _encoded(commands: list[tuple]) -> bytes:
    """Commands in Redis's wire format (RESP arrays of bulk strings)."""
    out = []
    for command in commands:
        out.append(b"*%d\r\n" % len(command))
        for arg in command:
            value = arg if isinstance(arg, bytes) else str(arg).encode()
            out.append(b"$%d\r\n%b\r\n" % (len(value), value))
    return b"".join(out)


def redis_client(cache: RedisCache):
    """One redis-py client per cache object, on the cache's connection pool.

    Django builds a new client for every cache call, and a redis-py client fills a table
    of some 170 response callbacks when it is made: about a millisecond of CPU per request.
    """
    client = getattr(cache, "_throttle_client", None)
    if client is None:
        client = cache._throttle_client = cache._cache.get_client(write=True)
    return client


class AnonymousThrottle(_FixedWindowThrottle):
    """Limits callers that are not logged in, by client address."""

    scope = "anonymous"

    def ident_for(self, request):
        if request.user and request.user.is_authenticated:
            return None
        return self.get_ident(request)


class TokenThrottle(_FixedWindowThrottle):
    """Limits each logged-in user (token or session) separately."""

    scope = "token"

    def ident_for(self, request):
        if not (request.user and request.user.is_authenticated):
            return None
        return str(request.user.pk)

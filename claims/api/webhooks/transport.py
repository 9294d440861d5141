"""One webhook POST, to a checked address, with time and size limits.

The connection goes to an address that ``targets.resolve`` checked, while the request
keeps the URL's host name: in the Host header and, over https, in SNI and in the check
of the certificate. Redirects are never followed; a 3xx answer is a failed delivery.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from dataclasses import dataclass

from django.conf import settings

from claims.api.webhooks.targets import Target, UnsafeTarget, resolve

# Only the start of an answer is kept in the log; the rest is never read.
EXCERPT_BYTES = 1000


@dataclass(frozen=True)
class Reply:
    """What came of one POST: a status, or an error; ``final`` if retrying cannot help."""

    status_code: int | None = None
    error: str = ""
    excerpt: str = ""
    final: bool = False


def post(url: str, body: bytes, headers: dict) -> Reply:
    try:
        target = resolve(url)
    except UnsafeTarget as exc:
        return Reply(error=f"Refused: {exc}", final=True)
    except (OSError, UnicodeError) as exc:
        return Reply(error=f"Could not resolve the host: {exc}")
    return send(target, body, headers)


def send(target: Target, body: bytes, headers: dict) -> Reply:
    """POST to the target's checked addresses, never to a fresh lookup of its name."""
    connection = _connection(target)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_BYTES).decode("utf-8", errors="replace")
    except (OSError, ValueError, http.client.HTTPException) as exc:
        return Reply(error=f"{type(exc).__name__}: {exc}")
    finally:
        connection.close()
    if 300 <= response.status < 400:
        location = response.getheader("Location", "")
        error = f"HTTP {response.status}: redirects are not followed (Location: {location[:200]})"
        return Reply(response.status, error, excerpt, final=True)
    return Reply(response.status, "", excerpt)


def _connection(target: Target) -> http.client.HTTPConnection:
    read_timeout = settings.FACTCHECK_WEBHOOK_TIMEOUT
    if target.scheme == "https":
        connection = http.client.HTTPSConnection(
            target.host, target.port, timeout=read_timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(target.host, target.port, timeout=read_timeout)
    # http.client opens its socket through this hook; the host name stays for the Host
    # header and for TLS, but the socket goes to the checked addresses only.
    connection._create_connection = lambda address, timeout, source: _connect(target, timeout)
    return connection


def _connect(target: Target, read_timeout: float) -> socket.socket:
    error: OSError = OSError(f"No address to connect to for {target.host}.")
    for address in target.addresses:
        try:
            sock = socket.create_connection(
                (address, target.port), timeout=settings.FACTCHECK_WEBHOOK_CONNECT_TIMEOUT
            )
        except OSError as exc:
            error = exc
            continue
        sock.settimeout(read_timeout)
        return sock
    raise error

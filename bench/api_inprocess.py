"""CPU per request of cached claim reads against ping, in process (no HTTP, no server).

Calls the project's WSGI handler directly, the way gunicorn does, for /api/v1/ping/, a
cached claim list page and a cached claim detail, and prints the least CPU time per
request over several batches and each read's cost beyond ping. The Redis and
PostgreSQL round trips are real (their servers' CPU is not counted); what is left out
is gunicorn and the network. Steadier than ``bench/api.py`` on a shared machine, so it
is the one to compare two versions of the request path with.

    make services && .venv/bin/python bench/api.py --duration 1   # once, to fill bench_api
    .venv/bin/python bench/api_inprocess.py [--batches 7] [--requests 1000]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

from api import ENV  # noqa: E402  (the same database and settings as the load bench)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=7)
    parser.add_argument("--requests", type=int, default=1000, help="per batch")
    args = parser.parse_args()
    os.environ.update(ENV)
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    from claims.models import Claim, ClaimStatus

    handler = WSGIHandler()
    claim = Claim.objects.filter(status=ClaimStatus.VERIFIED).values_list("pk", flat=True)
    paths = {
        "ping": "/api/v1/ping/",
        "claim list (cached)": "/api/v1/claims/?page_size=50",
        "claim detail (cached)": f"/api/v1/claims/{claim.first()}/",
    }
    for path in paths.values():  # the first call renders and stores; the second is a hit
        for _ in range(2):
            status, _ = call(handler, path)
            if status != "200 OK":
                raise RuntimeError(f"{path} answered {status}")
    least = {name: float("inf") for name in paths}
    for _ in range(args.batches):
        for name, path in paths.items():
            started = time.process_time()
            for _ in range(args.requests):
                call(handler, path)
            used = (time.process_time() - started) * 1e6 / args.requests
            least[name] = min(least[name], used)
    print(f"{'request':24} {'CPU µs':>8} {'beyond ping':>12}")
    for name, used in least.items():
        print(f"{name:24} {used:8.0f} {used - least['ping']:12.0f}")
    print(f"Least of {args.batches} batches of {args.requests} requests each.")


def call(handler, path: str) -> tuple[str, bytes]:
    """One GET through the WSGI handler, closed as a server closes it (which sends
    ``request_finished``)."""
    route, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    answered = []
    body = handler(environ, lambda status, headers, exc_info=None: answered.append(status))
    try:
        content = b"".join(body)
    finally:
        body.close()
    return answered[0], content


if __name__ == "__main__":
    main()

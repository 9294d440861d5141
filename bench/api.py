"""Claim-status API under load, as a ratio to a trivial Django JSON view in the same run.

Builds a PostgreSQL database with 100,000 claims (1,000 articles of 100 claims, 40 %
verified with a current verdict), serves the project with gunicorn ((2 x cores) + 1 sync
workers unless ``--workers`` says otherwise) on loopback and drives it with wrk
(Debian's package) or, without wrk, a small threaded http.client load generator. Every
endpoint is measured as an anonymous caller; the claim list is measured with a token as
well. Printed per endpoint: requests per second, p50 and p99 latency, the ratios to
/api/v1/ping/ (throughput ratio = endpoint / ping; latency ratio = ping / endpoint, so
higher is better for both), and the CPU time per request of the server, its PostgreSQL
sessions and wrk together. Each endpoint is measured right after a ping run of its own
and compared with it; ``--rounds`` repeats the sequence and medians are printed.

    make services && .venv/bin/python bench/api.py [--claims 100000] [--duration 10] [--rounds 3]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and Redis on 127.0.0.1:6379,
as ``make services`` provides. The database ``bench_api`` is dropped and recreated.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DB_NAME = "bench_api"
SERVER = "postgres://postgres@127.0.0.1:5432"
ENV = {
    "DATABASE_URL": f"{SERVER}/{DB_NAME}",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
    "SECRET_KEY": "bench-only-secret-key-with-enough-length-and-variety-1234567890",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "WARNING",
    # Throttling stays on (every request counts in Redis) but never refuses the load.
    "API_THROTTLE_ANONYMOUS": "100000000/minute",
    "API_THROTTLE_TOKEN": "100000000/minute",
    "CACHE_KEY_PREFIX": "bench-api",
    # Connections outlive the run: the CPU time of a PostgreSQL session that ends within
    # a measurement (CONN_MAX_AGE, 60 s by default) would drop out of its CPU figure.
    "CONN_MAX_AGE": "600",
    "DJANGO_SETTINGS_MODULE": "factcheck.settings",
}
SENTENCE = "Officials said {n:06d} drones were shot down over {place} overnight."
PLACES = ["Kyiv", "Odesa", "Lviv", "Sumy", "Rivne"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--reuse-db", action="store_true", help="keep an existing bench_api")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers"
    )
    parser.add_argument("--threads", type=int, default=1, help="per worker (gthread if > 1)")
    parser.add_argument(
        "--rounds", type=int, default=1, help="times each endpoint is measured, each after ping"
    )
    args = parser.parse_args()

    os.environ.update(ENV)
    sys.path.insert(0, str(PROJECT))
    if not args.reuse_db:
        recreate_database()
    # A reused database gets the migrations added since it was built.
    run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"])
    import django

    django.setup()
    if not args.reuse_db:
        started = time.monotonic()
        populate(args.claims)
        print(f"Loaded {args.claims:,} claims in {time.monotonic() - started:.1f} s")
    targets = prepare_targets()
    forget_cached_responses()

    port = free_port()
    with gunicorn(port, workers=args.workers, threads=args.threads) as server:
        tool = "wrk" if shutil.which("wrk") else "python"
        print(
            f"Server: gunicorn, {args.workers} workers x {args.threads} threads."
            f" Load: {tool}, {args.connections} connections, {args.duration} s per endpoint\n"
        )
        # gunicorn accepts connections before every worker has loaded Django.
        wait_until_booted(server)
        load(tool, port, targets["ping"], 3, args.connections)  # unrecorded
        # Each endpoint right after a ping run of its own: the machine is shared and its
        # speed drifts within minutes, so an endpoint is compared with the ping measured
        # next to it. ``--rounds`` repeats the whole sequence; medians are reported.
        order = [
            "claim list",
            "claim list, deep page",
            "claim list, token",
            "claim detail",
            "claim detail, 100 claims",
            "claim detail, If-None-Match",
        ]
        pairs: dict[str, list[tuple[dict, dict]]] = {name: [] for name in order}
        for _ in range(args.rounds):
            for name in order:
                ping = measure(server, tool, port, targets["ping"], args)
                pairs[name].append((measure(server, tool, port, targets[name], args), ping))
    report(pairs)


# --- Data ------------------------------------------------------------------------------


def measure(server, tool: str, port: int, target: dict, args) -> dict:
    """One load run of ``target``: requests per second, p50 and p99 latency, and the CPU
    milliseconds per request."""
    check(port, target)
    before = cpu_seconds(server)
    result = load(tool, port, target, args.duration, args.connections)
    requests = result["rps"] * args.duration
    result["cpu"] = (cpu_seconds(server) - before) * 1000 / max(requests, 1)
    return result


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DB_NAME}")


def populate(total: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from claims.models import Article, Claim, ClaimStatus, Sentence, Verdict
    from claims.services.accounts import user_create

    proposer = user_create(username="bench-reviewer", role="reviewer", password="bench-pass-12345")
    approver = user_create(username="bench-editor", role="editor", password="bench-pass-12345")
    rng = random.Random(7)
    per_article = 100
    now = timezone.now()
    statuses = (
        [ClaimStatus.VERIFIED] * 4
        + [ClaimStatus.NEW] * 3
        + [ClaimStatus.IN_REVIEW, ClaimStatus.PROPOSED, ClaimStatus.NEW]
    )
    ratings = ["false", "mostly_false", "mixed", "mostly_true", "true"]
    # One transaction: a commit per batch would wait for the disk 3,000 times.
    with transaction.atomic():
        for first in range(0, total, per_article):
            count = min(per_article, total - first)
            numbers = [first + i for i in range(count)]
            texts = [SENTENCE.format(n=n, place=PLACES[n % len(PLACES)]) for n in numbers]
            text = " ".join(texts)
            article = Article.objects.create(
                raw=text,
                text=text,
                content_hash=f"{first:064d}",
                title=f"Bench article {first}",
                outlet="Bench",
                status="ready",
            )
            offset, sentences, claims = 0, [], []
            for index, sentence_text in enumerate(texts):
                sentences.append(
                    Sentence(
                        article=article,
                        index=index,
                        start=offset,
                        end=offset + len(sentence_text),
                        score=0.5,
                    )
                )
                offset += len(sentence_text) + 1
            sentences = Sentence.objects.bulk_create(sentences)
            for sentence, n in zip(sentences, numbers, strict=True):
                start = sentence.start + len("Officials said ")
                end = start + len(f"{n:06d} drones")
                claims.append(
                    Claim(
                        article=article,
                        sentence=sentence,
                        kind="count",
                        start=start,
                        end=end,
                        text=text[start:end],
                        value=n,
                        value_min=n,
                        value_max=n,
                        qualifier="exact",
                        counted="drones shot down",
                        score=round(rng.random(), 4),
                        role="body",
                        fingerprint=f"{n:064d}",
                        pipeline_version="bench",
                        status=rng.choice(statuses),
                        extracted={"value": n},
                    )
                )
            claims = Claim.objects.bulk_create(claims)
            Verdict.objects.bulk_create(
                Verdict(
                    claim=c,
                    rating=rng.choice(ratings),
                    rationale="Bench.",
                    proposed_by=proposer,
                    approved_by=approver,
                    approved_at=now,
                    valid_as_of=now,
                    is_current=True,
                )
                for c in claims
                if c.status == ClaimStatus.VERIFIED
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def prepare_targets() -> dict[str, dict]:
    from rest_framework.authtoken.models import Token

    from claims.models import Claim, ClaimStatus

    verified = Claim.objects.filter(
        status=ClaimStatus.VERIFIED, flagged=False, superseded_at__isnull=True
    )
    ids = list(verified.order_by("?").values_list("pk", flat=True)[:5000])
    deep = verified.order_by("-score", "-id").values_list("score", "id")[20_000]
    cursor = base64.urlsafe_b64encode(json.dumps(["-score", *deep]).encode()).decode().rstrip("=")
    token = Token.objects.get_or_create(user=_user("bench-reviewer"))[0]
    return {
        "ping": {"paths": ["/api/v1/ping/"]},
        "claim list": {"paths": ["/api/v1/claims/?page_size=50"]},
        "claim list, deep page": {"paths": [f"/api/v1/claims/?page_size=50&cursor={cursor}"]},
        "claim list, token": {
            "paths": ["/api/v1/claims/?page_size=50&status=verified"],
            "headers": {"Authorization": f"Token {token.key}"},
        },
        "claim detail": {"paths": [f"/api/v1/claims/{pk}/" for pk in ids]},
        # A few claims asked for again and again: the response cache's own figure.
        "claim detail, 100 claims": {"paths": [f"/api/v1/claims/{pk}/" for pk in ids[-100:]]},
        "claim detail, If-None-Match": {
            "paths": [f"/api/v1/claims/{pk}/" for pk in ids[:1000]],
            "etags": True,
        },
    }


def forget_cached_responses() -> None:
    """Every run starts with an empty response cache: the data version of a reused
    database is the one a previous run cached under."""
    from django.core.cache import caches

    cache = caches["default"]
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=cache.make_key("api-response:*")):
        client.delete(key)


def _user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


# --- Server ----------------------------------------------------------------------------


class gunicorn:
    def __init__(self, port: int, *, workers: int, threads: int):
        self.port = port
        self.workers = workers
        self.threads = threads

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "factcheck.wsgi:application",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=PROJECT,
            env={**os.environ, **ENV},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise TimeoutError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


def cpu_seconds(server: gunicorn) -> float:
    """CPU time used so far by the server's processes, the PostgreSQL sessions of the
    bench database (other than this one) and finished child processes (wrk).

    The machine is shared, so throughput moves with whatever else runs; CPU per request
    does much less, and its ratio is what a machine of our own would show."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid()"
        )
        pids = [row[0] for row in cursor.fetchall()]
    pids += [server.process.pid, *_children(server.process.pid)]
    ticks = sum(_cpu_ticks(pid) for pid in pids)
    children = os.times()
    return ticks / os.sysconf("SC_CLK_TCK") + children.children_user + children.children_system


def wait_until_booted(server: gunicorn) -> None:
    """Until the workers have all started and sit idle (their CPU time stops growing),
    so that no worker's start-up is measured with the first endpoint."""
    deadline = time.monotonic() + 120
    previous = -1.0
    while time.monotonic() < deadline:
        workers = _children(server.process.pid)
        used = sum(_cpu_ticks(pid) for pid in workers)
        if len(workers) == server.workers and used - previous < 3:
            return
        previous = used
        time.sleep(1)


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(command: list[str]) -> None:
    subprocess.run(command, cwd=PROJECT, env={**os.environ, **ENV}, check=True)


def check(port: int, target: dict) -> None:
    """Each endpoint answers as expected before it is measured; ETags are collected."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    etags = []
    for path in target["paths"][: 1000 if target.get("etags") else 3]:
        connection.request("GET", path, headers=target.get("headers", {}))
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        etags.append(response.getheader("ETag"))
    if target.get("etags"):
        target["headers_per_path"] = [{"If-None-Match": e} for e in etags]
        connection.request("GET", target["paths"][0], headers=target["headers_per_path"][0])
        response = connection.getresponse()
        response.read()
        if response.status != 304:
            raise RuntimeError(f"conditional GET answered {response.status}")
    connection.close()


# --- Load ------------------------------------------------------------------------------


def load(tool: str, port: int, target: dict, duration: int, connections: int) -> dict:
    if tool == "wrk":
        return _wrk(port, target, duration, connections)
    return _python_load(port, target, duration, connections)


def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrk(port: int, target: dict, duration: int, connections: int) -> dict:
    paths = target["paths"]
    per_path = target.get("headers_per_path") or [target.get("headers", {})] * len(paths)
    rows = ",\n".join(
        "{"
        + _lua_string(p)
        + ", {"
        + ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in h.items())
        + "}}"
        for p, h in zip(paths, per_path, strict=True)
    )
    script = f"""
local requests = {{
{rows}
}}
local n = #requests
init = function(args) math.randomseed(os.time() + math.floor(os.clock() * 1e6)) end
request = function()
  local r = requests[math.random(n)]
  return wrk.format("GET", r[1], r[2])
end
"""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{duration}s",
                "--latency",
                "-s",
                handle.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(handle.name)
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"errors under load:\n{output}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _duration_ms(re.search(r"\s50%\s+([\d.]+\w+)", output).group(1))
    p99 = _duration_ms(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1))
    return {"rps": rps, "p50": p50, "p99": p99}


def _duration_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def _python_load(port: int, target: dict, duration: int, connections: int) -> dict:
    paths = target["paths"]
    per_path = target.get("headers_per_path") or [target.get("headers", {})] * len(paths)
    deadline = time.monotonic() + duration
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.monotonic() < deadline:
            i = rng.randrange(len(paths))
            started = time.perf_counter()
            connection.request("GET", paths[i], headers=per_path[i])
            response = connection.getresponse()
            response.read()
            if response.status >= 400:
                raise RuntimeError(f"{paths[i]} answered {response.status} under load")
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / elapsed, "p50": cuts[49], "p99": cuts[98]}


# --- Report ----------------------------------------------------------------------------


def report(pairs: dict[str, list[tuple[dict, dict]]]) -> None:
    """Medians over the rounds: of each figure, and of each ratio to the ping run made
    just before the endpoint's."""
    print(
        f"{'endpoint':30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'req/s ratio':>12} {'p50 ratio':>10} {'p99 ratio':>10}"
        f" {'CPU ms/req':>11} {'CPU ratio':>10}"
    )
    pings = [ping for runs in pairs.values() for _, ping in runs]
    rows = {"ping": [(ping, ping) for ping in pings], **pairs}
    for name, runs in rows.items():
        median = {k: statistics.median(r[k] for r, _ in runs) for k in ("rps", "p50", "p99", "cpu")}
        ratio = {
            "rps": statistics.median(r["rps"] / p["rps"] for r, p in runs),
            "p50": statistics.median(p["p50"] / r["p50"] for r, p in runs),
            "p99": statistics.median(p["p99"] / r["p99"] for r, p in runs),
            "cpu": statistics.median(p["cpu"] / r["cpu"] for r, p in runs),
        }
        print(
            f"{name:30} {median['rps']:9.0f} {median['p50']:8.2f} {median['p99']:8.2f}"
            f" {ratio['rps']:12.2f} {ratio['p50']:10.2f} {ratio['p99']:10.2f}"
            f" {median['cpu']:11.2f} {ratio['cpu']:10.2f}"
        )
    rounds = len(next(iter(pairs.values())))
    spread = [r["rps"] / p["rps"] for runs in pairs.values() for r, p in runs]
    print(
        f"\nMedians of {rounds} round(s). Ratios: endpoint / the ping run just before it"
        " (for latency, ping / endpoint)."
    )
    slowest, fastest = min(p["rps"] for p in pings), max(p["rps"] for p in pings)
    print(f"Ping: {slowest:.0f}-{fastest:.0f} req/s over {len(pings)} runs;"
          f" lowest throughput ratio of any single pair {min(spread):.2f}.")  # fmt: skip
    print(
        "CPU ms/req: gunicorn, the bench database's PostgreSQL sessions and wrk together"
        " (Redis not counted); CPU ratio = ping / endpoint."
    )
    print(f"Load average at the end (1, 5, 15 min): {os.getloadavg()}; cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()

"""Benchmark: a full release of N verified claims against PostgreSQL's own COPY.

    .venv/bin/python bench/release.py [--claims 1000000] [--refill]

Fills its own database (``factcheck_bench`` on BENCH_SERVER_URL, default
postgres://postgres@127.0.0.1:5432) with generate_series, then measures, in the same run,
each in a child process:

- ``COPY (SELECT …) TO STDOUT`` of the rows of claims.csv (the same claims, one table),
  read by psycopg and thrown away;
- ``COPY`` of every line the release writes as the templates' SQL renders them (one
  query, one connection; how releases were written before they were rendered in
  Python);
- a full release: membership, every file hashed and written, datasheet, package,
  publication, with the peak resident memory of its process and of its rendering
  processes.

The database is filled once and reused while it holds the asked number of claims
(``--refill`` fills it again).

Prints rows (claims) per second for each and the release's ratio to both baselines.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
BENCH_DB = "factcheck_bench"
SERVER = os.environ.get("BENCH_SERVER_URL", "postgres://postgres@127.0.0.1:5432")
CLAIMS_PER_ARTICLE = 20
SENTENCE_LENGTH = 56  # "Officials said 00000020 drones were launched in wave 00."


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{SERVER}/{BENCH_DB}",
        SECRET_KEY=env.get("SECRET_KEY", "bench-only-secret-key"),
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        PYTHONPATH=str(PROJECT),
        CONN_MAX_AGE="0",
        LOG_LEVEL="WARNING",
    )
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    return env


def ensure_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=PROJECT,
        env=bench_env(),
        check=True,
    )


FILL = [
    "SET session_replication_role = replica",  # bulk load of consistent rows: no triggers
    "TRUNCATE claims_releaseitem, claims_datasetrelease, claims_source, claims_verdict,"
    " claims_comment, claims_claim, claims_sentence, claims_article RESTART IDENTITY CASCADE",
    "DELETE FROM auth_user WHERE username LIKE 'bench-%%'",
    """
    INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email,
                           is_staff, is_active, date_joined)
    SELECT '!', false, 'bench-' || g, '', '', '', true, true, now()
    FROM generate_series(1, 6) g
    """,
    """
    INSERT INTO claims_article (raw, raw_format, text, content_hash, title, url, outlet,
        original_publisher, language, published_at, status, error, pipeline_version,
        status_changed_at, created_at, updated_at)
    SELECT t.text, 'text', t.text, encode(sha256(convert_to(t.text, 'UTF8')), 'hex'),
           'Overnight attack, report ' || a,
           'https://news.example/' || a,
           (ARRAY['Global Happenings', 'Daily Ledger', 'Kyiv Courier', 'Morning Wire',
                  'Le Quotidien'])[1 + a %% 5],
           CASE WHEN a %% 7 = 0 THEN 'El Comercio' ELSE '' END,
           CASE WHEN a %% 5 = 4 THEN 'fr' ELSE 'en' END,
           timestamptz '2024-01-01 06:00+00' + a * interval '7 minutes',
           'ready', '', '0.1.0', now(), now(), now()
    FROM generate_series(1, %(articles)s) a,
    LATERAL (
        SELECT string_agg(format('Officials said %%s drones were launched in wave %%s.',
                                 lpad((a * 20 + k)::text, 8, '0'), lpad(k::text, 2, '0')),
                          ' ' ORDER BY k) AS text
        FROM generate_series(0, 19) k
    ) t
    ORDER BY a
    """,
    """
    INSERT INTO claims_sentence (article_id, index, start, "end", role, score)
    SELECT a, k, k * %(step)s, k * %(step)s + %(length)s, 'body', 0.5
    FROM generate_series(1, %(articles)s) a, generate_series(0, 19) k
    ORDER BY a, k
    """,
    """
    INSERT INTO claims_claim (article_id, sentence_id, kind, start, "end", text, value,
        value_min, value_max, qualifier, counted, unit, actor, location, speaker,
        speaker_role, speech_verb, quote, score, role, flagged, fingerprint, extracted,
        pipeline_version, status, version, touched_at, created_at, updated_at,
        corrected_fields, dismissal_reason, dismissal_note)
    SELECT a, (a - 1) * 20 + k + 1, kinds.kind, k * %(step)s + 15, k * %(step)s + 23,
           lpad((a * 20 + k)::text, 8, '0'),
           (a * 20 + k)::float8, (a * 20 + k)::float8,
           CASE WHEN k %% 3 = 0 THEN NULL ELSE (a * 20 + k)::float8 END,
           CASE WHEN k %% 3 = 0 THEN 'at_least' ELSE 'exact' END,
           'drones launched', '', CASE WHEN k %% 2 = 0 THEN 'Russia' ELSE '' END,
           'Kharkiv', CASE WHEN kinds.kind = 'quote' THEN 'Volodymyr Zelensky' ELSE '' END,
           '', '', '', 0.8, 'body', false, md5(a || ':' || k), '{}', '0.1.0', 'verified', 4,
           now(), now(), now(), '[]', '', ''
    FROM generate_series(1, %(articles)s) a, generate_series(0, 19) k,
         LATERAL (SELECT (ARRAY['casualty', 'count', 'numeric', 'quote'])[1 + k %% 4] AS kind)
         kinds
    ORDER BY a, k
    """,
    """
    INSERT INTO claims_verdict (claim_id, rating, rationale, valid_as_of, proposed_by_id,
        proposed_at, approved_by_id, approved_at, is_current, rejection_comment,
        withdrawal_reason)
    SELECT c, (ARRAY['false', 'mostly_false', 'mixed', 'misleading', 'mostly_true', 'true',
                     'unverifiable'])[1 + c %% 7],
           'Checked against the ministry''s daily report.', NULL,
           u.first + c %% 3, timestamptz '2024-03-01 00:00+00' + c * interval '1 second',
           u.first + 3 + c %% 3, timestamptz '2024-03-01 01:00+00' + c * interval '1 second',
           true, '', ''
    FROM generate_series(1, %(claims)s) c,
         (SELECT min(id) AS first FROM auth_user WHERE username LIKE 'bench-%%') u
    """,
    """
    INSERT INTO claims_source (claim_id, url, title, publisher, published_at, accessed_at,
        excerpt, stance, archived_url, added_by_id, created_at)
    SELECT c, 'https://evidence.example/' || c || '/' || n, 'Daily report ' || c,
           'Ministry of Defence', NULL, timestamptz '2024-03-01 00:00+00',
           '', (ARRAY['supports', 'refutes', 'mixed', 'context'])[1 + (c + n) %% 4], '',
           NULL, now()
    FROM generate_series(1, %(claims)s) c, generate_series(1, 1 + c %% 2) n
    ORDER BY c, n
    """,
    "SET session_replication_role = DEFAULT",
    "ANALYZE",
]


def fill(claims: int) -> None:
    articles = claims // CLAIMS_PER_ARTICLE
    params = {
        "articles": articles,
        "claims": articles * CLAIMS_PER_ARTICLE,
        "step": SENTENCE_LENGTH + 1,
        "length": SENTENCE_LENGTH,
    }
    with psycopg.connect(f"{SERVER}/{BENCH_DB}", autocommit=True) as conn:
        for statement in FILL:
            started = time.perf_counter()
            conn.execute(statement, params if "%(" in statement else None)
            print(f"  {statement.split()[0]} {time.perf_counter() - started:.1f}s", flush=True)


def claim_count() -> int:
    with psycopg.connect(f"{SERVER}/{BENCH_DB}") as conn:
        query = "SELECT count(*) FROM claims_claim WHERE status = 'verified'"
        return conn.execute(query).fetchone()[0]


# Runs in a child process, so that its peak memory is the release's alone.
CHILD = """
import json, resource, sys, time
import django
django.setup()
from claims.models import DatasetRelease
from claims.releases.context import ReleaseContext
from claims.releases.filters import ReleaseFilters
from claims.releases.services import release_build, release_create

def copy_out(sql, params):
    # PostgreSQL's own COPY, read by psycopg and dropped; defaults, one connection.
    import psycopg
    from django.db import connection
    options = connection.get_connection_params()
    options["options"] = "-c jit=off"
    size = 0
    with psycopg.connect(**options) as conn, conn.cursor() as cur:
        with cur.copy(sql, params) as copy:
            for block in copy:
                size += len(block)
    return size

mode = sys.argv[1]
ctx = ReleaseContext.current(version="0.0.0", filters=ReleaseFilters())
started = time.perf_counter()
if mode == "claims.csv":
    from claims.releases.postgres import copy_claims_csv_sql
    size = copy_out(*copy_claims_csv_sql(ctx))
elif mode == "lines":
    from claims.releases.postgres import copy_claims_sql
    size = copy_out(*copy_claims_sql(ctx))
else:
    DatasetRelease.objects.all().delete()
    started = time.perf_counter()
    release = release_build(release_id=release_create(version="1.0.0", enqueue=False).pk)
    assert release.status == "published", release.error
    size = sum(f["bytes"] for f in release.files)
seconds = time.perf_counter() - started
own = resource.getrusage(resource.RUSAGE_SELF)
# The largest of the rendering processes the release started (none for the COPYs).
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "seconds": seconds, "bytes": size, "peak": own.ru_maxrss * 1024,
    "workers": children.ru_maxrss * 1024,
    "cpu": own.ru_utime + own.ru_stime, "workers_cpu": children.ru_utime + children.ru_stime,
}))
"""
MODES = {
    "claims.csv": "COPY of the rows of claims.csv",
    "lines": "COPY of the same lines, SQL-rendered",
    "release": "full release, 8 files",
}


def run_child(mode: str, storage: Path) -> dict:
    env = bench_env()
    env["RELEASES_STORAGE_OPTIONS"] = json.dumps({"location": str(storage)})
    env["LOG_LEVEL"] = "INFO"
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    for line in result.stderr.splitlines():
        if line.startswith("Release "):
            print("   ", line)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--refill", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each; medians are shown.")
    args = parser.parse_args()
    ensure_database()
    wanted = args.claims // CLAIMS_PER_ARTICLE * CLAIMS_PER_ARTICLE
    if args.refill or claim_count() != wanted:
        print(f"Filling {BENCH_DB} with {wanted:,} verified claims")
        fill(args.claims)
    rows = claim_count()
    print(
        f"{rows:,} verified claims; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    runs = {mode: [] for mode in MODES}
    with tempfile.TemporaryDirectory(prefix="release-bench-") as folder:
        for _ in range(args.repeat):
            for mode in MODES:
                runs[mode].append(run_child(mode, Path(folder)))
    seconds = {mode: statistics.median(r["seconds"] for r in done) for mode, done in runs.items()}
    for mode, label in MODES.items():
        size = runs[mode][0]["bytes"] / 2**20
        print(
            f"{label:40} {seconds[mode]:7.1f} s {rows / seconds[mode]:>10,.0f} rows/s "
            f"{size:>7,.0f} MiB"
        )
    peak = max(r["peak"] for r in runs["release"])
    workers = max(r["workers"] for r in runs["release"])
    print(
        f"release / COPY of claims.csv rows:       {seconds['claims.csv'] / seconds['release']:.2f}"
    )
    print(f"release / COPY of SQL-rendered lines:    {seconds['lines'] / seconds['release']:.2f}")
    print(f"peak RSS of the release process:         {peak / 2**20:.0f} MiB")
    print(f"peak RSS of one rendering process:       {workers / 2**20:.0f} MiB")
    cpu = statistics.median(r["cpu"] for r in runs["release"])
    workers_cpu = statistics.median(r["workers_cpu"] for r in runs["release"])
    print(f"CPU of the release process:              {cpu:.1f} s")
    print(f"CPU of its rendering processes:          {workers_cpu:.1f} s")
    print(f"load average after the runs:             {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

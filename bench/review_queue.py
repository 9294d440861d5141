"""Cost of the review admin's pages as the queue grows, against the admin's index page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test SECRET_KEY=x \\
        python -m bench.review_queue [--sizes 1000 20000] [--repeat 15]

Creates a throwaway PostgreSQL database (``test_bench_review_queue``), fills it with
claims in every status (a fifth verified, with sources and verdicts), and times in the
same run, logged in as an editor through Django's test client: the admin index page
(the baseline), the claim queue (first page of 50, sorted by score), the queue with a
search and the claim page. Prints medians, the number of SQL queries, and each page's
time as a ratio of the baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ["TEST_DATABASE_NAME"] = "test_bench_review_queue"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args.sizes, args.repeat)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(sizes: list[int], repeat: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from claims.models import Claim
    from tests.support.workflow import make_user

    editor = make_user("editor", "bench-editor")
    client = Client()
    client.force_login(editor)

    def timed(url: str, params: dict | None = None) -> tuple[float, int]:
        client.get(url, params or {})  # warm-up
        queries = []
        with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
            assert client.get(url, params or {}).status_code == 200
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url, params or {})
            times.append(time.perf_counter() - start)
        return statistics.median(times), len(queries)

    print(f"{'claims':>7}  {'page':<22} {'median ms':>9} {'queries':>7} {'vs index':>8}")
    for size in sizes:
        fill(size - Claim.objects.count(), editor)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        claim = Claim.objects.filter(status="verified").first()
        pages = {
            "admin index (baseline)": (reverse("admin:index"), None),
            "claim queue": (reverse("admin:claims_claim_changelist"), None),
            "queue, search": (reverse("admin:claims_claim_changelist"), {"q": "killed"}),
            "queue, 3 filters": (
                reverse("admin:claims_claim_changelist"),
                {"status__exact": "new", "kind__exact": "casualty", "score": "high"},
            ),
            "claim page": (reverse("admin:claims_claim_change", args=[claim.pk]), None),
            "dashboard": (reverse("admin:claims_claim_dashboard"), None),
        }
        baseline = None
        for name, (url, params) in pages.items():
            median, queries = timed(url, params)
            baseline = baseline or median
            print(
                f"{size:>7}  {name:<22} {median * 1000:>9.1f} {queries:>7} "
                f"{median / baseline:>8.2f}"
            )


def fill(count: int, editor) -> None:
    """``count`` more claims, 50 per article, a fifth of them verified."""
    import hashlib
    import uuid

    from django.utils import timezone

    from claims.models import Article, Claim, Sentence, Source, Verdict
    from tests.support.workflow import TEXT

    reviewer = type(editor).objects.filter(username="bench-reviewer").first()
    if reviewer is None:
        from tests.support.workflow import make_user

        reviewer = make_user("reviewer", "bench-reviewer")
    start = TEXT.index("at least 7")
    now = timezone.now()
    for offset in range(0, count, 50):
        salt = uuid.uuid4().hex
        article = Article.objects.create(
            raw=TEXT,
            text=TEXT,
            content_hash=hashlib.sha256(salt.encode()).hexdigest(),
            status="ready",
            title=f"Strike report {salt[:6]}",
            outlet=f"Outlet {offset % 7}",
        )
        sentence = Sentence.objects.create(article=article, index=0, start=0, end=len(TEXT))
        batch = min(50, count - offset)
        claims = Claim.objects.bulk_create(
            Claim(
                article=article,
                sentence=sentence,
                kind="casualty",
                start=start,
                end=start + 10,
                text="at least 7",
                value=7,
                value_min=7,
                qualifier="at_least",
                counted="people killed",
                score=(i % 100) / 100,
                role="body",
                fingerprint=f"{salt}-{i}",
                pipeline_version="bench",
                status="verified" if i % 5 == 0 else "new",
                assignee=reviewer if i % 5 == 0 else None,
            )
            for i in range(batch)
        )
        verified = [c for c in claims if c.status == "verified"]
        Source.objects.bulk_create(
            Source(claim=c, url=f"https://example.org/{c.pk}", stance="supports", added_by=reviewer)
            for c in verified
        )
        Verdict.objects.bulk_create(
            Verdict(
                claim=c,
                rating="true",
                proposed_by=reviewer,
                approved_by=editor,
                approved_at=now,
                is_current=True,
                valid_as_of=now,
            )
            for c in verified
        )


if __name__ == "__main__":
    main()

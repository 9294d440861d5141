"""What the API's data-version triggers cost writers: seconds to store claims.

Stores 10,000 sentences and 10,000 claims in three shapes and prints the median of
``--repeat`` runs of each: in one transaction (bulk inserts of 100 rows, as a large
import would), in 100 transactions of one article each (as the pipeline does), and
2,000 single-row updates in one transaction (per-statement cost). Run it against a
scratch database migrated to the state to measure, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch SECRET_KEY=x \\
        .venv/bin/python manage.py migrate claims_api 0001
    DATABASE_URL=... SECRET_KEY=x .venv/bin/python bench/write_cost.py

(``migrate claims_api zero`` for no triggers at all). The rows are deleted after each run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
ARTICLES, PER_ARTICLE = 100, 100


def store_article(models, number: int) -> None:
    Article, Claim, Sentence = models
    text = " ".join(f"In {number}, {i} drones were seen." for i in range(PER_ARTICLE))
    article = Article.objects.create(
        raw=text, text=text, content_hash=uuid.uuid4().hex, title="Cost", status="ready"
    )
    sentences = Sentence.objects.bulk_create(
        Sentence(article=article, index=i, start=i, end=i + 1, role="body", score=0.5)
        for i in range(PER_ARTICLE)
    )
    Claim.objects.bulk_create(
        Claim(
            article=article,
            sentence=s,
            kind="count",
            start=s.start,
            end=s.end,
            text="1",
            role="body",
            fingerprint=str(s.index),
            pipeline_version="cost",
        )
        for s in sentences
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from claims.models import Article, Claim, Sentence

    models = (Article, Claim, Sentence)

    def one_transaction():
        with transaction.atomic():
            for number in range(ARTICLES):
                store_article(models, number)

    def one_per_article():
        for number in range(ARTICLES):
            with transaction.atomic():
                store_article(models, number)

    def single_row_updates():
        ids = list(Claim.objects.values_list("pk", flat=True)[:2000])
        with transaction.atomic():
            for pk in ids:
                Claim.objects.filter(pk=pk).update(counted="x")

    def clean():
        with transaction.atomic():
            Claim.objects.filter(article__title="Cost").delete()
            Sentence.objects.filter(article__title="Cost").delete()
            Article.objects.filter(title="Cost").delete()

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'api_data_version%%'")
        print(f"data-version triggers installed: {cursor.fetchone()[0]}")
    clean()
    for name, shape, setup in [
        ("10,000 claims, one transaction", one_transaction, None),
        ("10,000 claims, 100 transactions", one_per_article, None),
        ("2,000 single-row updates, one transaction", single_row_updates, one_transaction),
    ]:
        times = []
        for _ in range(args.repeat):
            if setup:
                setup()
            started = time.perf_counter()
            shape()
            times.append(time.perf_counter() - started)
            clean()
        print(
            f"{name}: median {statistics.median(times) * 1000:.0f} ms "
            f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
        )


if __name__ == "__main__":
    main()

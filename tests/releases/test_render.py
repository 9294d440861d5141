"""The three renderings of a claim's lines agree byte for byte on awkward text.

PostgreSQL's (the templates' SQL), the templates' own Python (``py``) and the compiled
renderer the release uses, fed either by prepared rows from PostgreSQL (the worker
processes) or by ORM rows prepared in Python (the portable writer).
"""

import datetime as dt
import json
import math

import psycopg
import pytest
from django.db import connection, transaction

from claims.models import Claim, ReleaseItem, Source, Verdict
from claims.releases import postgres
from claims.releases.build import release_files_write
from claims.releases.context import ReleaseContext
from claims.releases.filters import ReleaseFilters
from claims.releases.formats.claimreview import claimreview_template
from claims.releases.formats.claims import CLAIM_COLUMNS, CLAIM_JSON
from claims.releases.formats.fever import FEVER_JSON
from claims.releases.formats.sources import SOURCE_LINES
from claims.releases.formats.table import csv_line
from claims.releases.formats.template import json_number, pg_number
from claims.releases.render import PER_CLAIM, Enrichment, claim_renderer, prepare
from claims.releases.services import release_create
from claims.releases.sinks import HEADERS
from tests.releases.factories import at

UTC = dt.UTC
CONTROL = "".join(chr(c) for c in range(1, 32)) + "\x7f"
AWKWARD = f'He said "no", then \\ and \\" and\nnew line\r\n{CONTROL} é — 😀🇺🇦 \u2028 end'
LONG = 'Long 😀 «text» "quoted" ' * 5000  # about 115,000 characters
FLOATS = [
    0.0, -0.0, 1.0, -7.0, 2.5e-05, 1e-05, 0.0001, 123456.789, 1e15, -1e15, 1.5e15,
    1234567890123456.5, 999999999999999.0, 1e16, 1.5e16, 1e300, 5e-324, 1 / 3,
    math.inf, -math.inf, math.nan,
]  # fmt: skip


@pytest.fixture
def awkward(claims):
    """The dataset, with one claim and its sources carrying every awkward value."""
    claim = claims["launched"]
    Claim.objects.filter(pk=claim.pk).update(
        text=AWKWARD, counted=AWKWARD, unit="", actor=CONTROL, quote=LONG, value=1.5e15,
        value_min=-0.0, value_max=None, location='"', speaker_role="\\",
    )  # fmt: skip
    Verdict.objects.filter(claim=claim, is_current=True).update(
        rationale=AWKWARD, valid_as_of=dt.datetime(999, 1, 2, 3, 4, 5, 600000, tzinfo=UTC)
    )
    for source in Source.objects.filter(claim=claim):
        Source.objects.filter(pk=source.pk).update(
            title=AWKWARD, excerpt=LONG, publisher="", published_at=at(1, 0)
        )
    hull = claims["hull"]
    Claim.objects.filter(pk=hull.pk).update(value=1234567890123456.5, value_min=1e-05)
    return claims


@pytest.mark.django_db(transaction=True)
def test_the_workers_write_what_postgresql_renders_from_the_templates(
    awkward, publish, monkeypatch
):
    # Chunks of three ids: several chunks per worker, written back in order.
    monkeypatch.setattr(postgres, "CHUNK_IDS", 3)
    _, folder = publish("1.0.0")
    ctx = ReleaseContext.current(version="1.0.0", filters=ReleaseFilters())
    params = connection.get_connection_params()
    with (
        psycopg.connect(**params) as conn,
        conn.cursor() as cursor,
        cursor.copy(*postgres.copy_claims_sql(ctx)) as copy,
    ):
        data = b"".join(bytes(block) for block in copy)
    rendered, rest = postgres.split_sql_lines(data)
    assert rest == b""
    for name in PER_CLAIM:
        written = (folder / name).read_bytes()
        header = HEADERS.get(name, "").encode()
        assert written.startswith(header)
        assert written[len(header) :] == rendered[name], name
    lines = [json.loads(line) for line in (folder / "claims.jsonl").open(encoding="utf-8")]
    launched = next(line for line in lines if line["claim_id"] == awkward["launched"].pk)
    assert (launched["text"], launched["quote"], launched["value"]) == (AWKWARD, LONG, 1.5e15)
    assert launched["verdict"]["valid_as_of"] == "0999-01-02T03:04:05Z"


@pytest.mark.django_db(transaction=True)
def test_the_portable_writer_writes_the_same_awkward_bytes_as_the_workers(awkward, tmp_path):
    release = release_create(version="1.0.0", enqueue=False)
    ctx = ReleaseContext.current(version="1.0.0", filters=ReleaseFilters(), release_id=release.pk)
    written = {}
    for way in ("postgresql", "portable"):
        folder = tmp_path / way
        folder.mkdir()
        ReleaseItem.objects.filter(release=release).delete()
        with transaction.atomic():
            release_files_write(
                ctx=ctx, directory=folder, on_progress=lambda p: None, portable=way == "portable"
            )
        written[way] = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert written["portable"] == written["postgresql"]
    assert len(written["portable"]["claims.csv"]) > len(LONG)


def _enrichment():
    return Enrichment(
        ratings={
            "true": ("True", 5, "SUPPORTS"),
            "mixed": ("Half true", 3, "NOT ENOUGH INFO"),
            "unverifiable": ("Unverifiable", None, "NOT ENOUGH INFO"),
        },
        worst=1,
        best=5,
        pseudonyms={1: "r-one", 2: "r-two"},
        claim_url="https://desk.example/claims/{claim_id}",
    )


def _claim(**fields) -> dict:
    row = {
        "id": 7, "kind": "count", "text": "21 drones", "value": 21.0, "value_min": 21.0,
        "value_max": None, "qualifier": "exact", "counted": "", "unit": "", "actor": "",
        "location": "", "speaker": "", "speaker_role": "", "speech_verb": "", "quote": "",
        "start": 0, "end": 9, "verdict_id": 70, "rating": "true",
        "approved_at": dt.datetime(2024, 3, 1, 12, 0, 0, 999999, tzinfo=UTC),
        "rationale": "", "valid_as_of": None, "proposed_by_id": 1, "approved_by_id": 3,
        "article_url": "", "article_content_hash": "ab", "article_title": "", "outlet": "",
        "original_publisher": "", "language": "en", "article_published_at": None,
        "sentence_index": 0, "sentence_start": 0, "sentence_end": 40,
    }  # fmt: skip
    row.update(fields)
    return row


def _source(**fields) -> dict:
    row = {
        "id": 1, "claim_id": 7, "url": "https://e.example/1", "title": "", "publisher": "",
        "published_at": None, "accessed_at": dt.datetime(2024, 3, 1, tzinfo=UTC),
        "excerpt": "", "stance": "supports", "archived_url": "",
    }  # fmt: skip
    row.update(fields)
    return row


CASES = {
    "bare": (_claim(), []),
    "awkward text everywhere": (
        _claim(
            text=AWKWARD,
            counted=LONG,
            actor=CONTROL,
            outlet=AWKWARD,
            rationale=AWKWARD,
            article_title='"',
            original_publisher="\\",
            article_url='https://a.example/?q="',
            valid_as_of=dt.datetime(999, 12, 31, 23, 59, 59, tzinfo=UTC),
            article_published_at=dt.datetime(
                2024, 2, 29, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))
            ),
        ),
        [_source(title=AWKWARD, excerpt=LONG), _source(id=2, stance="refutes", url="😀")],
    ),
    "a quote, unrated": (
        _claim(kind="quote", speaker="Volodymyr Zelensky", rating="unverifiable", value=None),
        [_source(stance="mixed")],
    ),
    "a rating outside the scale, no sources": (_claim(rating="gone", proposed_by_id=None), []),
    "a half-true claim with sources of every stance": (
        _claim(rating="mixed", outlet="Daily Ledger"),
        [_source(id=n, stance=s) for n, s in enumerate(["context", "supports", "refutes"], 1)],
    ),
    **{
        f"the number {value!r}": (_claim(value=value, value_min=value, value_max=value), [])
        for value in FLOATS
    },
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_compiled_renderer_writes_what_the_templates_write(case):
    claim, sources = CASES[case]
    publisher = {"name": 'Desk "Ø"', "url": "https://desk.example/"}
    render = claim_renderer(publisher)
    enrichment = _enrichment()
    compiled = render(*prepare(render, dict(claim), [dict(s) for s in sources], enrichment))
    row = enrichment.apply({**claim, "so": [dict(s) for s in sources]})
    ctx = {"e": row}
    review = claimreview_template(publisher=publisher)
    expected = (
        csv_line(CLAIM_COLUMNS, ctx),
        CLAIM_JSON.py(ctx) + "\n",
        review.py(ctx) + "\n",
        FEVER_JSON.py(ctx) + "\n",
        SOURCE_LINES.py(ctx) or "",
    )
    assert len(compiled) == len(PER_CLAIM)
    for name, got, want in zip(PER_CLAIM, compiled, expected, strict=True):
        assert got == want.encode("utf-8"), name


@pytest.mark.django_db
def test_numbers_are_written_as_postgresql_writes_float8():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v::text, to_json(v)::text FROM unnest(%s::float8[]) WITH ORDINALITY u(v, n) "
            "ORDER BY n",
            [FLOATS],
        )
        written = cursor.fetchall()
    assert [(pg_number(v), json_number(v)) for v in FLOATS] == written

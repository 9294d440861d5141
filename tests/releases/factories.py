"""Verified claims built row by row, the way the review workflow leaves them."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib

from django.contrib.auth.models import Group, Permission

from claims.models import Article, Claim, ClaimStatus, DismissalReason, Sentence, Verdict
from claims.services import workflow
from claims.services.accounts import user_create
from tests.support.workflow import ensure_roles

UTC = dt.UTC


def ensure_release_roles() -> None:
    """The role groups with their release permissions, also after a transactional test
    flushed the database; the permission lists are the migrations' own."""
    ensure_roles()
    grants = importlib.import_module("claims.migrations.0009_releases").RELEASE_PERMISSIONS
    for name, codenames in grants.items():
        Group.objects.get(name=name).permissions.add(
            *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
        )


def users():
    """A reviewer who proposes and an editor who approves, plus an admin."""
    ensure_release_roles()
    return {
        role: user_create(username=f"release-{role}", role=role, password="correct-horse-9-staple")
        for role in ("reviewer", "editor", "admin")
    }


def article(text: str, **meta) -> Article:
    """A ready article whose sentences are its lines."""
    row = Article.objects.create(
        raw=text,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        status="ready",
        **meta,
    )
    start = 0
    for index, line in enumerate(text.split("\n")):
        Sentence.objects.create(article=row, index=index, start=start, end=start + len(line))
        start += len(line) + 1
    return row


def claim(article: Article, phrase: str, kind: str, **fields) -> Claim:
    """A new claim on the first occurrence of ``phrase``, as extraction leaves it."""
    start = article.text.index(phrase)
    sentence = next(s for s in article.sentences.all() if s.start <= start < s.end)
    return Claim.objects.create(
        article=article,
        sentence=sentence,
        kind=kind,
        start=start,
        end=start + len(phrase),
        text=phrase,
        role="body",
        fingerprint=hashlib.md5(f"{article.pk}:{start}:{kind}".encode()).hexdigest(),
        pipeline_version="test",
        **fields,
    )


def review(claim: Claim, people, rating: str, *, approved_at, rationale: str = "", sources=()):
    """Take a claim through the review workflow to verified: a reviewer starts it (or an
    editor reopens it), adds ``sources`` ((url, stance, fields) triples) and proposes; an
    editor approves.

    The services stamp the approval with the clock; ``approved_at`` then moves it to
    the day the scenario needs, as if the approval had happened then.
    """
    reviewer, editor = people["reviewer"], people["editor"]
    claim.refresh_from_db()
    if claim.status == ClaimStatus.NEW:
        claim = workflow.claim_start_review(claim_id=claim.pk, user=reviewer, version=claim.version)
    elif claim.status == ClaimStatus.VERIFIED:
        claim = workflow.claim_reopen(
            claim_id=claim.pk, user=editor, version=claim.version, reason="New evidence."
        )
    for url, stance, extra in sources:
        workflow.source_add(claim_id=claim.pk, user=reviewer, url=url, stance=stance, **extra)
    claim.refresh_from_db()
    claim = workflow.claim_propose(
        claim_id=claim.pk, user=reviewer, version=claim.version, rating=rating, rationale=rationale
    )
    claim = workflow.claim_approve(claim_id=claim.pk, user=editor, version=claim.version)
    Verdict.objects.filter(claim=claim, is_current=True).update(
        approved_at=approved_at, valid_as_of=None
    )
    return claim


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2024, 3, day, hour, 0, 0, tzinfo=UTC)


RATIONALE_WITH_QUOTES = 'Matches the air force\'s "daily" report, line 3.\nChecked twice.'
DRONES = (
    "Overnight attack on Kharkiv\n"
    "Russia launched 21 drones overnight, the air force said.\n"
    "Air defences shot down 16 of them over the region.\n"
    "At least 7 people were killed and 1.5 thousand evacuated, officials said.\n"
    '"This is terror, plain and simple," said Volodymyr Zelensky.'
)
LEDGER = (
    "Ferry runs aground\n"
    'A ferry carrying 312 passengers, "the largest in the fleet", ran aground.\n'
    "Coastguard officials said about 0.000025 of the hull was breached, a tiny part.\n"
    "Rescuers said the café, near the pier, served 40 people\r\nafter the rescue."
)


def dataset(people: dict) -> dict[str, Claim]:
    """A small release-worthy dataset with every awkward value the formats must carry.

    Two outlets and two languages, every kind, numeric and unrated verdicts, an older
    verdict replaced by a newer one, commas, quotes, newlines and non-ASCII text, a
    claim without sources, one claim never approved and one dismissed.
    """
    a1 = article(
        DRONES,
        title="Overnight attack on Kharkiv",
        url="https://news.example/kharkiv",
        outlet="Global Happenings",
        original_publisher="El Comercio",
        language="en",
        published_at=dt.datetime(2024, 2, 28, 6, 30, tzinfo=UTC),
    )
    a2 = article(
        LEDGER,
        title='Ferry "Aurora" runs aground, 312 aboard',
        url="https://ledger.example/ferry?id=1&lang=fr",
        outlet="Daily Ledger",
        language="fr",
    )
    c = {
        "launched": claim(a1, "21 drones", "count", value=21, value_min=21, value_max=21,
                          qualifier="exact", counted="drones launched", actor="Russia"),
        "shot_down": claim(a1, "16 of them", "count", value=16, value_min=16, value_max=16,
                           qualifier="exact", counted="drones shot down"),
        "killed": claim(a1, "At least 7 people were killed", "casualty", value=7, value_min=7,
                        qualifier="at_least", counted="people killed", location="Kharkiv"),
        "evacuated": claim(a1, "1.5 thousand evacuated", "numeric", value=1500, value_min=1500,
                           value_max=1500, counted="people evacuated"),
        "quote": claim(a1, "This is terror, plain and simple", "quote",
                       speaker="Volodymyr Zelensky", speaker_role="President of Ukraine",
                       speech_verb="said", quote="This is terror, plain and simple"),
        "passengers": claim(a2, "312 passengers", "count", value=312, value_min=312,
                            value_max=312, qualifier="exact", counted="passengers"),
        "hull": claim(a2, "about 0.000025 of the hull", "numeric", value=2.5e-05,
                      value_min=2.0e-05, value_max=3.0e-05, qualifier="about", unit="share"),
        "cafe": claim(a2, "served 40 people", "numeric", value=40, value_min=40, value_max=40,
                      counted="people served, café"),
        "unapproved": claim(a2, "ran aground", "numeric"),
        "dismissed": claim(a2, "the largest in the fleet", "quote"),
    }  # fmt: skip
    workflow.claim_dismiss(
        claim_id=c["dismissed"].pk,
        user=people["editor"],
        version=c["dismissed"].version,
        reason=DismissalReason.NOT_CHECK_WORTHY,
    )
    review(
        c["shot_down"],
        people,
        "false",
        approved_at=at(1, 9),
        sources=[("https://mod.example/report?day=2", "supports", {})],
    )
    review(
        c["launched"],
        people,
        "true",
        approved_at=at(1),
        rationale=RATIONALE_WITH_QUOTES,
        sources=[
            (
                "https://mod.example/report?day=1",
                "supports",
                {
                    "title": "Daily report, 1 March",
                    "publisher": "Air Force",
                    "accessed_at": at(1, 8),
                    "excerpt": '"21 Shahed drones", it says,\nfull stop.',
                },
            ),
            (
                "https://archive.example/1",
                "context",
                {"archived_url": "https://web.archive.example/1"},
            ),
        ],
    )
    review(
        c["shot_down"],
        people,
        "mostly_true",
        approved_at=at(2),
        rationale="Air force says 16; regional governor says 15.",
        sources=[("https://governor.example/post", "refutes", {"published_at": at(2, 7)})],
    )
    review(
        c["killed"],
        people,
        "false",
        approved_at=at(3),
        rationale="Officials later said 5; café owner's account differs.",
        sources=[
            ("https://city.example/toll", "refutes", {"excerpt": "Five dead, the city says."})
        ],
    )
    review(
        c["evacuated"],
        people,
        "unverifiable",
        approved_at=at(4),
        rationale="No official count of evacuees was published.",
    )
    review(
        c["quote"],
        people,
        "true",
        approved_at=at(5),
        rationale="Video of the address, 00:41.",
        sources=[("https://president.example/video", "supports", {"title": "Address — 1 March"})],
    )
    review(
        c["passengers"],
        people,
        "misleading",
        approved_at=at(6),
        rationale="312 includes crew.",
        sources=[("https://ferries.example/aurora", "mixed", {})],
    )
    review(
        c["hull"],
        people,
        "mixed",
        approved_at=at(7),
        rationale="Insurers say 0.00003, the coastguard 0.00002.",
        sources=[("https://insurer.example/claim", "mixed", {"publisher": "Ålesund Marine"})],
    )
    review(
        c["cafe"],
        people,
        "mostly_false",
        approved_at=at(8),
        sources=[("https://cafe.example/", "refutes", {"title": "Café «Quai»"})],
    )
    unapproved = workflow.claim_start_review(
        claim_id=c["unapproved"].pk, user=people["reviewer"], version=c["unapproved"].version
    )
    workflow.claim_propose(
        claim_id=unapproved.pk,
        user=people["reviewer"],
        version=unapproved.version,
        rating="unverifiable",
        rationale="Waiting for the coastguard.",
    )
    for name in c:
        c[name].refresh_from_db()
    return c


RELEASED = ("launched", "shot_down", "killed", "evacuated", "quote", "passengers", "hull", "cafe")

"""Verified claims built row by row, the way the review workflow leaves them."""

from __future__ import annotations

import datetime as dt
import hashlib

from claims.models import Article, Claim, ClaimStatus, Sentence, Source, Verdict
from claims.services.accounts import user_create

UTC = dt.UTC


def users():
    """A reviewer who proposes and an editor who approves, plus an admin."""
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
    """A verified claim on the first occurrence of ``phrase`` in the article."""
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
        status=ClaimStatus.VERIFIED,
        **fields,
    )


def verdict(
    claim: Claim, rating: str, *, proposer, approver, approved_at, rationale="", current=True
):
    """An approved verdict; the current one unless ``current`` is False."""
    if current:
        Verdict.objects.filter(claim=claim, is_current=True).update(is_current=False)
    return Verdict.objects.create(
        claim=claim,
        rating=rating,
        rationale=rationale,
        proposed_by=proposer,
        approved_by=approver,
        approved_at=approved_at,
        is_current=current,
    )


def source(claim: Claim, url: str, stance: str, **fields) -> Source:
    return Source.objects.create(claim=claim, url=url, stance=stance, **fields)


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
    reviewer, editor = people["reviewer"], people["editor"]
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
    c["dismissed"].status = ClaimStatus.DISMISSED
    c["dismissed"].save()
    ratings = {
        "launched": ("true", at(1), RATIONALE_WITH_QUOTES),
        "shot_down": ("mostly_true", at(2), "Air force says 16; regional governor says 15."),
        "killed": ("false", at(3), "Officials later said 5; café owner's account differs."),
        "evacuated": ("unverifiable", at(4), ""),
        "quote": ("true", at(5), "Video of the address, 00:41."),
        "passengers": ("misleading", at(6), "312 includes crew."),
        "hull": ("mixed", at(7), "Insurers say 0.00003, the coastguard 0.00002."),
        "cafe": ("mostly_false", at(8), ""),
    }  # fmt: skip
    verdict(c["shot_down"], "false", proposer=reviewer, approver=editor, approved_at=at(1, 9))
    for name, (rating, when, why) in ratings.items():
        verdict(c[name], rating, proposer=reviewer, approver=editor, approved_at=when,
                rationale=why)  # fmt: skip
    Verdict.objects.create(claim=c["unapproved"], rating="true", proposed_by=reviewer)
    source(c["launched"], "https://mod.example/report?day=1", "supports",
           title="Daily report, 1 March", publisher="Air Force", accessed_at=at(1, 8),
           excerpt='"21 Shahed drones", it says,\nfull stop.')  # fmt: skip
    source(
        c["launched"],
        "https://archive.example/1",
        "context",
        archived_url="https://web.archive.example/1",
    )
    source(c["shot_down"], "https://mod.example/report?day=2", "supports")
    source(c["shot_down"], "https://governor.example/post", "refutes", published_at=at(2, 7))
    source(c["killed"], "https://city.example/toll", "refutes", excerpt="Five dead, the city says.")
    source(c["quote"], "https://president.example/video", "supports", title="Address — 1 March")
    source(c["passengers"], "https://ferries.example/aurora", "mixed")
    source(c["hull"], "https://insurer.example/claim", "context", publisher="Ålesund Marine")
    source(c["cafe"], "https://cafe.example/", "refutes", title="Café «Quai»")
    return c


RELEASED = ("launched", "shot_down", "killed", "evacuated", "quote", "passengers", "hull", "cafe")

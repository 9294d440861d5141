"""claimreview.jsonl and claimreview-feed.json: schema.org ClaimReview JSON-LD.

One ClaimReview per claim: the desk as ``author``; ``reviewRating`` with the rating's
label as ``alternateName`` and, for ratings on the numeric scale, ``ratingValue``
between ``worstRating`` and ``bestRating``; the claim as ``itemReviewed`` with its
claimant (a quote's speaker, otherwise the publisher of the article) and the article
as ``appearance`` and ``firstAppearance``. The feed is a schema.org DataFeed holding
the same objects, byte for byte.
"""

from __future__ import annotations

import json

from claims.releases.formats.template import All, Arr, Case, Col, Const, Equals, Obj, Present


def _publisher(publisher: dict) -> dict:
    return {"@type": "Organization", "name": publisher["name"], "url": publisher["url"]}


def claimreview_template(*, publisher: dict) -> Obj:
    """The ClaimReview object of one claim, ``author`` being the releasing desk."""
    article = Obj(
        [
            ("@type", Const("CreativeWork")),
            ("url", Col("e", "article_url"), True),
            ("headline", Col("e", "article_title"), True),
            ("datePublished", Col("e", "article_published_at", "date"), True),
            (
                "publisher",
                Obj(
                    [("@type", Const("Organization")), ("name", Col("e", "outlet"))],
                    when=("NULLIF(e.outlet, '') IS NOT NULL", Present("e", "outlet")),
                ),
                True,
            ),
        ]
    )
    claimant = Case(
        [
            (
                "e.kind = 'quote' AND NULLIF(e.speaker, '') IS NOT NULL",
                All((Equals("e", "kind", "quote"), Present("e", "speaker"))),
                Obj([("@type", Const("Person")), ("name", Col("e", "speaker"))]),
            ),
            (
                "e.claimant_org IS NOT NULL",
                Present("e", "claimant_org"),
                Obj([("@type", Const("Organization")), ("name", Col("e", "claimant_org"))]),
            ),
        ]
    )
    return Obj(
        [
            ("@context", Const("https://schema.org")),
            ("@type", Const("ClaimReview")),
            ("url", Col("e", "claim_url")),
            ("claimReviewed", Col("e", "text")),
            ("datePublished", Col("e", "approved_at", "date")),
            ("author", Const(_publisher(publisher))),
            (
                "reviewRating",
                Obj(
                    [
                        ("@type", Const("Rating")),
                        ("alternateName", Col("e", "rating_label")),
                        ("ratingValue", Col("e", "rating_value", "int"), True),
                        ("worstRating", Col("e", "worst_rating", "int"), True),
                        ("bestRating", Col("e", "best_rating", "int"), True),
                    ]
                ),
            ),
            ("reviewBody", Col("e", "rationale"), True),
            (
                "itemReviewed",
                Obj(
                    [
                        ("@type", Const("Claim")),
                        ("author", claimant, True),
                        ("datePublished", Col("e", "article_published_at", "date"), True),
                        ("appearance", Arr([article])),
                        ("firstAppearance", article),
                    ]
                ),
            ),
        ]
    )


def feed_head(*, name: str, version: str, publisher: dict, license: dict) -> str:
    """Everything of the DataFeed before its first element.

    It holds nothing that depends on the claims, so the feed streams from the start.
    """
    head = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": name,
        "version": version,
        "license": license["path"],
        "publisher": _publisher(publisher),
    }
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    return text[:-1] + ',"dataFeedElement":[\n'


FEED_TAIL = "]}\n"

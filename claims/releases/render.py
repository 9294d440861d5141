"""Every per-claim output of a release, rendered in Python by one compiled function.

The templates compile (``template.Codegen``) into a function that takes a claim row
(a dictionary of the columns ``queries.claim_rows`` and ``queries.enrich`` name, its
sources under ``"so"``) and returns the claim's text for each file of PER_CLAIM, the
same text as the templates' ``py`` and ``sql`` renderings.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from claims.releases.formats.claimreview import claimreview_template
from claims.releases.formats.claims import CLAIM_COLUMNS, CLAIM_JSON
from claims.releases.formats.fever import FEVER_JSON
from claims.releases.formats.sources import SOURCE_LINES
from claims.releases.formats.table import csv_line_code
from claims.releases.formats.template import Codegen
from claims.releases.sinks import PER_CLAIM

Renderer = Callable[[dict], tuple[str, str, str, str, str]]


def claim_renderer(publisher: dict) -> Renderer:
    """The compiled renderer for a release by ``publisher`` (the ClaimReview author)."""
    return _compiled(publisher["name"], publisher["url"])


@lru_cache(maxsize=8)
def _compiled(name: str, url: str) -> Renderer:
    gen = Codegen()
    review = claimreview_template(publisher={"name": name, "url": url})
    outputs = {
        "claims.csv": csv_line_code(CLAIM_COLUMNS, gen),
        "claims.jsonl": f"{CLAIM_JSON.code(gen)} + '\\n'",
        "claimreview.jsonl": f"{review.code(gen)} + '\\n'",
        "fever.jsonl": f"{FEVER_JSON.code(gen)} + '\\n'",
        "sources.csv": f"({SOURCE_LINES.code(gen)} or '')",
    }
    return gen.function([outputs[name] for name in PER_CLAIM])

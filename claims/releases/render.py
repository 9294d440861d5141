"""Every per-claim output of a release, rendered in Python by one compiled function.

The templates compile (``template.Codegen``) into a function that takes a prepared
claim row and its prepared source rows (tuples of the values the templates use, in the
order of ``render.slots``, computed by PostgreSQL in the query or by ``prepare`` from a
row dictionary) and returns the claim's bytes for each file of PER_CLAIM: the same
text as the templates' ``py`` and ``sql`` renderings. The JSON lines are written by
orjson from the values the templates describe (its escaping is PostgreSQL's and
``json.dumps(ensure_ascii=False)``'s); only the CSV lines are built in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from claims.releases.formats.claimreview import claimreview_template
from claims.releases.formats.claims import CLAIM_COLUMNS, CLAIM_JSON
from claims.releases.formats.fever import FEVER_JSON
from claims.releases.formats.sources import SOURCE_LINES
from claims.releases.formats.table import csv_line_code
from claims.releases.formats.template import (
    DERIVED_FROM,
    DERIVED_NAMES,
    Codegen,
    prepare_py,
)

# The files written claim by claim, in the order the renderer returns each claim's text.
PER_CLAIM = ("claims.csv", "claims.jsonl", "claimreview.jsonl", "fever.jsonl", "sources.csv")

Renderer = Callable[[tuple, tuple, list[tuple]], tuple[bytes, bytes, bytes, bytes, bytes]]


def claim_renderer(publisher: dict) -> Renderer:
    """The compiled renderer for a release by ``publisher`` (the ClaimReview author)."""
    return _compiled(publisher["name"], publisher["url"])


@lru_cache(maxsize=8)
def _compiled(name: str, url: str) -> Renderer:
    gen = Codegen()
    review = claimreview_template(publisher={"name": name, "url": url})
    outputs = {
        "claims.csv": f"{csv_line_code(CLAIM_COLUMNS, gen)}.encode()",
        "claims.jsonl": f"_dumps({CLAIM_JSON.data(gen)}, option=_NEWLINE)",
        "claimreview.jsonl": f"_dumps({review.data(gen)}, option=_NEWLINE)",
        "fever.jsonl": f"_dumps({FEVER_JSON.data(gen)}, option=_NEWLINE)",
        "sources.csv": f"({SOURCE_LINES.code(gen)} or '').encode()",
    }
    return gen.function([outputs[name] for name in PER_CLAIM])


def prepare(
    render: Renderer, claim: dict, sources: list[dict], enrichment: Enrichment
) -> tuple[tuple, tuple, list[tuple]]:
    """A claim row dictionary and its sources' as ``render`` takes them."""
    row = prepare_py(render.slots["e"], claim)
    return (
        row,
        enrichment.derive(row),
        [prepare_py(render.slots["so"], source) for source in sources],
    )


NO_RATING = (None, None, None)


@dataclass(frozen=True)
class Enrichment:
    """What a claim gains besides its columns (template.DERIVED): the rating's label and
    numbers, the reviewers' pseudonyms, the claim's URL and its claimant organisation.
    Plain data, so it travels to the processes that render claims."""

    ratings: dict[str, tuple[str, int | None, str]]  # code: label, value, FEVER label
    worst: int
    best: int
    pseudonyms: dict[int, str]
    claim_url: str

    def derive(self, row: tuple) -> tuple:
        """The DERIVED values of a prepared row, which starts with DERIVED_FROM."""
        claim_id, rating, proposed_by_id, approved_by_id, original_publisher, outlet = row[:6]
        label, value, fever = self.ratings.get(rating, NO_RATING)
        numeric = value is not None
        return (
            label or None,
            value,
            fever or None,
            self.worst if numeric else None,
            self.best if numeric else None,
            self.pseudonyms.get(proposed_by_id),
            self.pseudonyms.get(approved_by_id),
            self.claim_url.replace("{claim_id}", str(claim_id)) or None,
            original_publisher or outlet,
        )

    def apply(self, row: dict) -> dict:
        """The derived values added to a row dictionary (for ``py``)."""
        values = self.derive(tuple(row[name] or None for name, _ in DERIVED_FROM))
        row.update(zip(DERIVED_NAMES, values, strict=True))
        return row

"""Rows to JSON-ready dicts: the claim list is built here, not by serializers, for speed.

The serializers in ``claims.api.serializers`` describe the same shapes for the OpenAPI
schema; the schema tests check every response against them.
"""

from __future__ import annotations

from claims.ratings import rating_scale

# Extracted text fields; an empty value is shown as null.
OPTIONAL_TEXT = (
    "qualifier",
    "counted",
    "unit",
    "actor",
    "location",
    "speaker",
    "speaker_role",
    "speech_verb",
    "quote",
)
NORMALISED = ("value", "value_min", "value_max", *OPTIONAL_TEXT)


class Ratings:
    """The rating scale as a lookup table, built once per response."""

    def __init__(self):
        self.by_code = {r.code: r for r in rating_scale()}

    def verdict(self, code: str | None) -> dict | None:
        if not code:
            return None
        rating = self.by_code.get(code)
        return {
            "rating": code,
            "label": rating.label if rating else code,
            "rating_value": rating.value if rating else None,
        }


def claim_summary(row: dict, *, ratings: Ratings, desk: bool) -> dict:
    """One claim of the list."""
    data = {
        "id": row["id"],
        "url": f"/api/v1/claims/{row['id']}/",
        "article": row["article_id"],
        "kind": row["kind"],
        "text": row["text"],
        "span": {"start": row["start"], "end": row["end"]},
        "value": row["value"],
        "value_min": row["value_min"],
        "value_max": row["value_max"],
    }
    for name in OPTIONAL_TEXT:
        data[name] = row[name] or None
    data.update(
        score=row["score"],
        role=row["role"],
        flagged=row["flagged"],
        status=row["status"],
        verdict=ratings.verdict(row["rating"]),
        assignee=row["assignee_name"] if desk else None,
        version=row["version"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
    return data


def claim_detail(
    row: dict,
    *,
    verdict: dict | None,
    sources: list[dict],
    history: list[dict],
    ratings: Ratings,
    desk: bool,
) -> dict:
    """One claim with its sentence, sources, current verdict and history."""
    data = claim_summary(row, ratings=ratings, desk=desk)
    data["article"] = {
        "id": row["article_id"],
        "title": row["article_title"],
        "url": row["article_url"] or None,
        "outlet": row["article_outlet"],
        "published_at": row["article_published_at"],
    }
    data["sentence"] = {
        "index": row["sentence_index"],
        "start": row["sentence_start"],
        "end": row["sentence_end"],
        "role": row["sentence_role"],
        "text": row["sentence_text"],
    }
    data["extracted"] = row["extracted"]
    data["superseded_at"] = row["superseded_at"]
    data["dismissal"] = dismissal(row)
    if verdict is not None:
        data["verdict"] = {
            **ratings.verdict(verdict["rating"]),
            "rationale": verdict["rationale"],
            "valid_as_of": verdict["valid_as_of"],
            "approved_at": verdict["approved_at"],
        }
    data["sources"] = [source(s) for s in sources]
    data["history"] = [history_entry(h, desk=desk) for h in history]
    return data


def dismissal(row: dict) -> dict | None:
    """Why a dismissed claim was dismissed; None for any other claim."""
    if not row["dismissal_reason"]:
        return None
    return {
        "reason": row["dismissal_reason"],
        "note": row["dismissal_note"] or None,
        "duplicate_of": row["duplicate_of_id"],
    }


def source(row: dict) -> dict:
    return {
        **row,
        "archived_url": row["archived_url"] or None,
    }


_HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


def history_entry(row: dict, *, desk: bool) -> dict:
    return {
        "at": row["history_date"],
        "change": _HISTORY_TYPES.get(row["history_type"], "changed"),
        "status": row["status"],
        "version": row["version"],
        "by": row["by"] if desk else None,
        "reason": (row["history_change_reason"] or None) if desk else None,
    }


def change_event(row: dict, *, ratings: Ratings) -> dict:
    return {
        "cursor": f"{row['txid']}.{row['id']}",
        "type": row["type"],
        "claim": row["claim_id"],
        "url": f"/api/v1/claims/{row['claim_id']}/",
        "status": row["status"],
        "previous_status": row["previous_status"] or None,
        "verdict": ratings.verdict(row["rating"]),
        "previous_verdict": ratings.verdict(row["previous_rating"]),
        "version": row["version"],
        "at": row["created_at"],
    }

"""DATASHEET.md: what a release holds, how it was chosen, and what changed."""

from __future__ import annotations

from claims.releases.context import ReleaseContext
from claims.releases.figures import Figures
from claims.releases.scale import NOT_ENOUGH_INFO

FILE_NOTES = {
    "claims.csv": "one row per claim: fields, verdict, provenance; sources as a JSON array",
    "sources.csv": "one row per source, linked to claims.csv by claim_id",
    "claims.jsonl": "one JSON object per claim, with its sources in full",
    "claimreview.jsonl": "one schema.org ClaimReview (JSON-LD) per claim",
    "claimreview-feed.json": "the same ClaimReview objects in a schema.org DataFeed",
    "fever.jsonl": "FEVER-style records for claim-verification models",
    "DATASHEET.md": "this file",
    "datapackage.json": "Frictionless Data Package: schemas, sizes and sha256 hashes",
}

FILTER_NAMES = {
    "approved_from": "approved on or after (UTC)",
    "approved_to": "approved on or before (UTC)",
    "kinds": "kinds",
    "ratings": "ratings",
    "outlets": "outlets",
    "languages": "languages",
}


def datasheet(ctx: ReleaseContext, figures: Figures, *, created: str) -> bytes:
    lines = [
        f"# {ctx.publisher['name']}: verified claims, release {ctx.version}",
        "",
        f"- Version: {ctx.version} (semantic versioning)",
        f"- Created: {created} — the latest approval among the claims, so rebuilding the "
        "same data gives the same files",
        f"- Publisher: {ctx.publisher['name']} <{ctx.publisher['url']}>",
        f"- Licence: {ctx.license['title']} ({ctx.license['name']}) <{ctx.license['path']}>",
        f"- Claims: {figures.claims}",
        f"- Sources: {figures.sources}",
        "",
        "## Files",
        "",
        *(f"- `{name}`: {note}" for name, note in FILE_NOTES.items()),
        "",
        "Sizes and sha256 hashes of every file are in `datapackage.json`; "
        "`python manage.py release verify DIR` re-checks them.",
        "",
        "## Inclusion criteria",
        "",
        "A claim is included when a reviewer's verdict on it was approved by a second "
        "person (never the proposer) and that verdict is the claim's current one, with the "
        "claim's status verified. Each claim appears once, with its current verdict.",
        "",
        *_filters(ctx),
        "",
        "## Counts",
        "",
        *_table("By kind", "kind", figures.counts["kind"]),
        *_table("By rating", "rating", figures.counts["rating"]),
        *_table("By outlet", "outlet", figures.counts["outlet"]),
        "## Rating scale",
        "",
        f"ClaimReview `reviewRating`: `worstRating` {ctx.worst}, `bestRating` {ctx.best}. "
        "A rating without a number carries only its label (`alternateName`).",
        "",
        "| rating | label | ClaimReview ratingValue | FEVER label |",
        "|---|---|---|---|",
        *(
            f"| `{r.code}` | {r.label} | {'' if r.value is None else r.value} | {r.fever} |"
            for r in ctx.scale
        ),
        "",
        "## FEVER format and how it differs",
        "",
        "`fever.jsonl` follows FEVER (Thorne et al., 2018): `id`, `verifiable`, `label` "
        f"(SUPPORTS, REFUTES or {NOT_ENOUGH_INFO}), `claim` and `evidence`, a list of "
        "evidence sets, each a list of `[annotation_id, evidence_id, page, sentence_id]`. "
        "FEVER's evidence is Wikipedia sentences; ours is the web sources reviewers cited, "
        "so each evidence item is `[verdict_id, source_id, source_url, null]`: the page is "
        "the source's URL and there is no sentence id. Every source whose stance matches "
        "the label is its own evidence set (every source when none matches); "
        f"{NOT_ENOUGH_INFO} records carry `[[[verdict_id, null, null, null]]]`. Labels "
        "come from the rating scale above: above its middle SUPPORTS, below it REFUTES.",
        "",
        "## Provenance",
        "",
        "Every claim carries the URL and sha256 content hash of its article, the character "
        "offsets of its sentence and of the claim in the article's clean text, its sources "
        "with their stance, the verdict id, the approval time and the pseudonymous ids of "
        "the proposer and the approver. A pseudonymous id is the first 16 hex digits of "
        "HMAC-SHA256 of the user id under a secret release salt: the same person has the "
        "same id in every release, and ids cannot be traced back without the salt.",
        "",
        *_changes(figures),
    ]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def _filters(ctx: ReleaseContext) -> list[str]:
    used = ctx.filters.as_json()
    if not used:
        return ["Filters: none; every verified claim is included."]
    lines = ["Filters:", ""]
    for name, value in used.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        lines.append(f"- {FILTER_NAMES[name]}: {shown}")
    return lines


def _table(title: str, column: str, pairs: list[tuple[str, int]]) -> list[str]:
    rows = [f"| {_cell(key) or '(none)'} | {n} |" for key, n in pairs] or ["| (none) | 0 |"]
    return [f"### {title}", "", f"| {column} | claims |", "|---|---|", *rows, ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _changes(figures: Figures) -> list[str]:
    diff = figures.diff
    if diff is None:
        return ["## Changes", "", "This is the first published release."]
    lines = [
        f"## Changes since {diff.previous_version}",
        "",
        f"- Added: {diff.added} claim(s)",
        f"- Removed: {diff.removed} claim(s)",
        f"- Verdict changed: {diff.changed} claim(s) released with a newer verdict",
    ]
    if diff.filters_differ:
        lines.append(f"- The filters differ from those of {diff.previous_version}.")
    for title, sample, total in (
        ("Added", diff.added_sample, diff.added),
        ("Removed", diff.removed_sample, diff.removed),
    ):
        if sample:
            more = f" (first {len(sample)} of {total})" if total > len(sample) else ""
            lines += ["", f"{title} claim ids{more}: " + ", ".join(map(str, sample))]
    if diff.changed_sample:
        more = (
            f" (first {len(diff.changed_sample)} of {diff.changed})"
            if diff.changed > len(diff.changed_sample)
            else ""
        )
        lines += ["", f"Verdicts changed{more}:", ""]
        lines += [f"- claim {pk}: {old} → {new}" for pk, old, new in diff.changed_sample]
    return lines

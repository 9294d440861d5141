"""Reads: every query the interfaces need, with their joins chosen here."""

from claims.selectors.claims import (
    claim_available_actions,
    claim_current_verdict,
    claim_get,
    claim_list,
    claim_pending_verdict,
    claim_queryset,
)
from claims.selectors.dashboard import (
    Precision,
    claim_counts_by_status_and_kind,
    extractor_precision,
    reviewer_throughput,
    verdict_distribution,
)
from claims.selectors.timeline import Change, TimelineEntry, claim_timeline

__all__ = [
    "Change",
    "Precision",
    "TimelineEntry",
    "claim_available_actions",
    "claim_counts_by_status_and_kind",
    "claim_current_verdict",
    "claim_get",
    "claim_list",
    "claim_pending_verdict",
    "claim_queryset",
    "claim_timeline",
    "extractor_precision",
    "reviewer_throughput",
    "verdict_distribution",
]

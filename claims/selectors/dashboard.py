"""Numbers for the review dashboard: workload, verdicts, throughput, extractor precision."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import CharField, Count, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from claims.models import EXTRACTOR_WRONG, Claim, ClaimStatus, Source, Verdict
from claims.ratings import rating_scale

# Claims whose extraction a reviewer has judged, for precision.
JUDGED = (ClaimStatus.VERIFIED, ClaimStatus.DISMISSED)


@dataclass(frozen=True)
class Precision:
    """How often the extractor was right about one kind, judged by reviews."""

    kind: str
    judged: int
    wrong: int
    corrected: int

    @property
    def right(self) -> int:
        return self.judged - self.wrong - self.corrected

    @property
    def strict(self) -> float | None:
        """Share of claims kept as extracted."""
        return self.right / self.judged if self.judged else None

    @property
    def lenient(self) -> float | None:
        """Share of claims that were real claims, corrected or not."""
        return (self.right + self.corrected) / self.judged if self.judged else None


def claim_counts_by_status_and_kind() -> dict[str, dict[str, int]]:
    """{status: {kind: count}} over current (not superseded) claims, zeros included."""
    table = {s: dict.fromkeys(Claim.Kind.values, 0) for s in ClaimStatus.values}
    rows = (
        Claim.objects.filter(superseded_at__isnull=True)
        .values("status", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        table[row["status"]][row["kind"]] = row["n"]
    return table


def verdict_distribution() -> list[tuple[str, str, int]]:
    """(code, label, count) of current verdicts, in the order of the rating scale."""
    counts = dict(
        Verdict.objects.filter(is_current=True)
        .values_list("rating")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(r.code, r.label, counts.get(r.code, 0)) for r in rating_scale()]


def reviewer_throughput(*, since: datetime | None = None) -> list[dict]:
    """Per user: verdicts proposed, approved and rejected, claims dismissed, sources added."""

    def window(field: str) -> Q:
        return Q(**{f"{field}__gte": since}) if since else Q()

    counted = {
        "proposed": Verdict.objects.filter(window("proposed_at")).values_list("proposed_by"),
        "approved": Verdict.objects.filter(
            window("approved_at"), approved_by__isnull=False
        ).values_list("approved_by"),
        "rejected": Verdict.objects.filter(
            window("rejected_at"), rejected_by__isnull=False
        ).values_list("rejected_by"),
        "dismissed": Claim.objects.filter(
            window("dismissed_at"), dismissed_by__isnull=False
        ).values_list("dismissed_by"),
        "sources": Source.objects.filter(window("created_at"), added_by__isnull=False).values_list(
            "added_by"
        ),
    }
    per_user: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(counted, 0))
    for name, rows in counted.items():
        for user_id, n in rows.annotate(n=Count("pk")).order_by():
            per_user[user_id][name] = n
    names = dict(get_user_model().objects.filter(pk__in=per_user).values_list("pk", "username"))
    rows = [{"user": names.get(pk, str(pk)), **counts} for pk, counts in per_user.items()]
    return sorted(
        rows, key=lambda r: (-(r["proposed"] + r["approved"] + r["dismissed"]), r["user"])
    )


def extractor_precision() -> list[Precision]:
    """Per kind the extractor gave, from reviewed claims: dismissed as not a claim or as
    an extraction error counts as wrong, a corrected claim (its kind included) as partly
    wrong."""
    wrong = Q(status=ClaimStatus.DISMISSED, dismissal_reason__in=EXTRACTOR_WRONG)
    extracted_kind = Coalesce(KT("extracted__kind"), "kind", output_field=CharField())
    rows = (
        Claim.objects.filter(status__in=JUDGED)
        .values(extracted_kind=extracted_kind)
        .annotate(
            judged=Count("pk"),
            wrong=Count("pk", filter=wrong),
            corrected=Count("pk", filter=~wrong & ~Q(corrected_fields=[])),
        )
        .order_by()
    )
    found = {r["extracted_kind"]: r for r in rows}
    return [
        Precision(
            kind=kind,
            judged=found.get(kind, {}).get("judged", 0),
            wrong=found.get(kind, {}).get("wrong", 0),
            corrected=found.get(kind, {}).get("corrected", 0),
        )
        for kind in Claim.Kind.values
    ]

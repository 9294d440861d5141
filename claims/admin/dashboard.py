"""The review dashboard: workload, verdicts, throughput and extractor precision, as charts."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.admin.charts import Series, stacked_bars
from claims.models import Claim, ClaimStatus
from claims.selectors import (
    claim_counts_by_status_and_kind,
    extractor_precision,
    reviewer_throughput,
    verdict_distribution,
)

KIND_COLOURS = {"casualty": "#b3261e", "count": "#1f6feb", "numeric": "#8250df", "quote": "#2da44e"}
RATING_COLOURS = ["#b3261e", "#d9622b", "#d4a72c", "#bf8700", "#57a55a", "#2da44e"]
PERIODS = {"7": 7, "30": 30, "all": None}


class DashboardView:
    """Mixed into ClaimAdmin: the dashboard page."""

    def dashboard_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        period = request.GET.get("days", "30")
        days = PERIODS.get(period, 30)
        since = timezone.now() - timedelta(days=days) if days else None
        counts = claim_counts_by_status_and_kind()
        ratings = verdict_distribution()
        throughput = reviewer_throughput(since=since)
        precision = extractor_precision()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Review dashboard"),
            "period": period if period in PERIODS else "30",
            "periods": [("7", _("7 days")), ("30", _("30 days")), ("all", _("all time"))],
            "status_chart": _status_chart(counts),
            "kinds": Claim.Kind.choices,
            "count_rows": [
                (status, label, list(counts[status].items()))
                for status, label in ClaimStatus.choices
            ],
            "rating_chart": _rating_chart(ratings),
            "ratings": ratings,
            "throughput_chart": _throughput_chart(throughput),
            "throughput": throughput,
            "precision_chart": _precision_chart(precision),
            "precision": precision,
        }
        return TemplateResponse(request, "admin/claims/dashboard.html", context)


def _status_chart(counts):
    series = [Series(k, label, KIND_COLOURS.get(k, "#666")) for k, label in Claim.Kind.choices]
    rows = [(str(label), counts[status]) for status, label in ClaimStatus.choices]
    return stacked_bars(_("Claims by status and kind"), series, rows)


def _rating_chart(ratings):
    colours = iter(RATING_COLOURS)
    series = [
        Series(code, label, "#8c959f" if code == "unverifiable" else next(colours, "#57a55a"))
        for code, label, _n in ratings
    ]
    rows = [(label, {code: n}) for code, label, n in ratings]
    return stacked_bars(_("Current verdicts by rating"), series, rows)


def _throughput_chart(throughput):
    series = [
        Series("proposed", _("verdicts proposed"), "#1f6feb"),
        Series("approved", _("verdicts approved"), "#2da44e"),
        Series("rejected", _("proposals rejected"), "#d9622b"),
        Series("dismissed", _("claims dismissed"), "#8c959f"),
        Series("sources", _("sources added"), "#8250df"),
    ]
    rows = [(row["user"], row) for row in throughput]
    return stacked_bars(_("Throughput per reviewer"), series, rows)


def _precision_chart(precision):
    series = [
        Series("right", _("kept as extracted"), "#2da44e"),
        Series("corrected", _("corrected (partly wrong)"), "#d4a72c"),
        Series("wrong", _("not a claim / extraction error"), "#b3261e"),
    ]
    rows, texts = [], {}
    for p in precision:
        counts = {"right": p.right, "corrected": p.corrected, "wrong": p.wrong}
        shares = {k: n / p.judged for k, n in counts.items()} if p.judged else {}
        rows.append((p.kind, shares))
        texts[p.kind] = f"{p.strict:.0%} of {p.judged}" if p.judged else _("no reviews")
    return stacked_bars(
        _("Extractor precision per kind"),
        series,
        rows,
        scale=1,
        value_text=lambda label, values: texts[label],
        number=lambda share: f"{share:.0%}",
    )

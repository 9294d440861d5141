"""The dashboard draws its numbers as SVG bars and lists them in tables."""

import re

import pytest
from django.urls import reverse

from claims.admin.charts import BAR_WIDTH, LABEL_WIDTH, Series, stacked_bars
from claims.services.workflow import claim_correct, claim_dismiss
from tests.support.workflow import advance, make_claim

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("admin:claims_claim_dashboard")


@pytest.fixture
def reviewed(desk):
    advance(make_claim(), "verified", desk)
    claim = advance(make_claim(kind="count"), "in_review", desk)
    claim = claim_correct(claim_id=claim.pk, user=desk.reviewer, version=claim.version, value=8)
    advance(claim, "verified", desk)
    claim = advance(make_claim(kind="count"), "in_review", desk)
    claim_dismiss(
        claim_id=claim.pk, user=desk.editor, version=claim.version, reason="extraction_error"
    )
    make_claim(kind="quote")


def section(html, section_id):
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


def test_the_dashboard_draws_four_charts(client_for, reviewed):
    html = client_for("reviewer").get(DASHBOARD).content.decode()
    for chart in ("chart-status", "chart-ratings", "chart-throughput", "chart-precision"):
        block = html[html.index(f'id="{chart}"') :]
        block = block[: block.index("</svg>")]
        assert '<svg role="img"' in block
        assert re.search(r'<rect x="[\d.]+" y="\d+" width="[\d.]+"', block), chart


def test_the_dashboard_counts_claims_by_status_and_kind(client_for, reviewed):
    html = section(client_for("editor").get(DASHBOARD).content.decode(), "by-status")
    cells = dict(
        ((s, k), int(n))
        for s, k, n in re.findall(r'data-status="(\w+)" data-kind="(\w+)">(\d+)<', html)
    )
    assert cells[("verified", "casualty")] == 1
    assert cells[("verified", "count")] == 1
    assert cells[("dismissed", "count")] == 1
    assert cells[("new", "quote")] == 1
    assert sum(cells.values()) == 4


def test_the_dashboard_shows_verdicts_throughput_and_precision(client_for, reviewed):
    html = client_for("editor").get(DASHBOARD).content.decode()
    assert "True: 2" in section(html, "verdict-distribution")
    rows = re.findall(
        r'<tr class="throughput-row"><th scope="row">(\w+)</th>((?:<td>\d+</td>){5})',
        section(html, "throughput"),
    )
    numbers = {user: [int(n) for n in re.findall(r"\d+", cells)] for user, cells in rows}
    assert numbers["rita"] == [2, 0, 0, 0, 2]  # proposed, approved, rejected, dismissed, sources
    assert numbers["edna"] == [0, 2, 0, 1, 0]
    precision = section(html, "precision")
    count_row = re.search(r'data-kind="count">(.*?)</tr>', precision, re.S).group(1)
    assert re.findall(r"<td>([^<]*)</td>", count_row) == ["2", "0", "1", "1", "0 %", "50 %"]
    assert "no reviews" in precision  # quotes: nothing judged yet


def test_throughput_can_be_limited_to_a_period(client_for, reviewed):
    html = client_for("editor").get(DASHBOARD, {"days": "7"}).content.decode()
    assert "<strong>7 days</strong>" in html
    assert client_for("editor").get(DASHBOARD, {"days": "all"}).status_code == 200


def test_bars_are_proportional_to_their_values():
    chart = stacked_bars(
        "t",
        [Series("a", "A", "#000"), Series("b", "B", "#fff")],
        [("one", {"a": 1, "b": 1}), ("two", {"a": 4}), ("none", {})],
    )
    one, two, none = chart.bars
    assert [s.width for s in one.segments] == [BAR_WIDTH / 4, BAR_WIDTH / 4]
    assert one.segments[1].x == LABEL_WIDTH + BAR_WIDTH / 4
    assert [s.width for s in two.segments] == [BAR_WIDTH]
    assert none.segments == () and none.value_text == "0"
    assert two.y > one.y

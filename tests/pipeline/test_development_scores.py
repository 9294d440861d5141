"""The extractor keeps its scores on the development set (tests/data/extraction)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.pipeline.evaluation import evaluate, format_report

DEV_SET = Path(__file__).resolve().parents[1] / "data" / "extraction"

# Set just under what the merged extractor reaches, so a regression fails the build.
# Raise them when the extractor improves; never lower them to make a change pass.
FLOORS = {
    "numeric (all three kinds)": 0.97,
    "quote": 0.975,
}


@pytest.fixture(scope="module")
def report():
    return evaluate(DEV_SET)


@pytest.mark.parametrize("row", sorted(FLOORS))
def test_development_f1_stays_above_its_floor(report, row):
    f1 = report.scores[row].f1
    assert f1 >= FLOORS[row], f"{row} F1 {f1:.3f} < {FLOORS[row]}\n{format_report(report)}"

"""Scores over a whole development set, their table and the command line."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claims.pipeline.evaluation.gold import GoldClaim, load_dataset
from claims.pipeline.evaluation.matching import FIGURE_KINDS, ArticleResult, match_article
from claims.pipeline.types import Claim, Extraction

ROWS = (*FIGURE_KINDS, "quote")


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and the precision, recall and F1 they give."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(results: Iterable[ArticleResult], kinds: Sequence[str]) -> Score:
    """Micro-averaged score over ``kinds`` across all articles."""
    tp = fp = fn = 0
    for result in results:
        tp += sum(1 for gold, _ in result.matched if gold.kind in kinds)
        fp += sum(1 for pred in result.false_positives if pred.kind in kinds)
        fn += sum(1 for gold in result.missed if gold.kind in kinds)
    return Score(tp, fp, fn)


@dataclass(slots=True)
class Report:
    """Scores per kind and per family, plus the per-article details."""

    results: list[ArticleResult]
    scores: dict[str, Score]
    boilerplate_marked: int
    boilerplate_total: int


def evaluate(
    directory: str | Path,
    *,
    include_flagged: bool = False,
    extract: Callable[[str], Extraction] | None = None,
) -> Report:
    """Run the extractor over a development set and score it."""
    if extract is None:
        from claims.pipeline.run import extract
    results, loose = [], []
    for article in load_dataset(directory):
        extraction = extract(article.text)
        results.append(match_article(article, extraction, include_flagged=include_flagged))
        loose.append(
            match_article(article, extraction, include_flagged=include_flagged, any_kind=True)
        )
    scores = {kind: score(results, (kind,)) for kind in ROWS}
    scores["numeric (all three kinds)"] = score(results, FIGURE_KINDS)
    scores["figures, kind ignored"] = score(loose, FIGURE_KINDS)
    return Report(
        results=results,
        scores=scores,
        boilerplate_marked=sum(r.boilerplate_marked for r in results),
        boilerplate_total=sum(r.boilerplate_total for r in results),
    )


def format_report(report: Report, *, verbose: bool = False) -> str:
    """The score table, and with ``verbose`` each article's misses and false positives."""
    lines = [f"{'kind':<27}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for name, s in report.scores.items():
        lines.append(
            f"{name:<27}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
        )
    lines.append(
        f"furniture lines marked as caption/boilerplate: "
        f"{report.boilerplate_marked}/{report.boilerplate_total}"
    )
    if verbose:
        for result in report.results:
            lines.append(f"\n== {result.name}")
            lines += [f"  MISS {_describe_gold(g, result)}" for g in result.missed]
            lines += [f"  FP   {_describe_pred(p)}" for p in result.false_positives]
    return "\n".join(lines)


def _describe_gold(gold: GoldClaim, result: ArticleResult) -> str:
    where = " (evidence not found in cleaned text)" if gold in result.unlocated else ""
    if gold.kind == "quote":
        return f"quote [{gold.speaker}] {gold.evidence_text[:70]!r}{where}"
    return f"{gold.kind} {gold.qualifier} {gold.value:g} {gold.evidence_text!r}{where}"


def _describe_pred(pred: Claim) -> str:
    if pred.kind == "quote":
        return f"quote [{pred.speaker}] {(pred.quote or pred.text)[:70]!r}"
    value = "?" if pred.value is None else f"{pred.value:g}"
    return f"{pred.kind} {pred.qualifier} {value} {pred.text!r}"


def report_as_json(report: Report) -> dict:
    """The report as plain data for ``--json``."""
    return {
        "scores": {
            name: {"precision": s.precision, "recall": s.recall, "f1": s.f1}
            | {"tp": s.tp, "fp": s.fp, "fn": s.fn}
            for name, s in report.scores.items()
        },
        "boilerplate_lines": {
            "marked": report.boilerplate_marked,
            "total": report.boilerplate_total,
        },
        "articles": {
            r.name: {
                "missed": [_describe_gold(g, r) for g in r.missed],
                "false_positives": [_describe_pred(p) for p in r.false_positives],
            }
            for r in report.results
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Score the extractor on a development set.")
    parser.add_argument("directory", help="folder of NAME.txt + NAME.json pairs")
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--include-flagged", action="store_true", help="also score caption/boilerplate claims"
    )
    args = parser.parse_args(argv)
    report = evaluate(args.directory, include_flagged=args.include_flagged)
    if args.json:
        print(json.dumps(report_as_json(report), indent=2))
    else:
        print(format_report(report, verbose=args.verbose))
    return 0

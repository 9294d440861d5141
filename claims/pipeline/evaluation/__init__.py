"""Score the extractor against a hand-annotated development set.

    python -m claims.pipeline.evaluation tests/data/extraction [--verbose] [--json]

Each ``NAME.txt`` in the directory is run through :func:`claims.pipeline.run.extract`
and its claims are matched one-to-one against the gold claims in ``NAME.json`` (format
and rules in ``tests/data/extraction/README.md``). Figures match on kind, value,
qualifier and sentence; quotes on speaker and overlapping text. Predictions flagged as
caption or boilerplate are left out unless ``include_flagged`` is set, as in the review
queue. The matcher only reads :class:`~claims.pipeline.types.Extraction` records, so it
is tested on hand-built predictions independently of the extractor.
"""

from claims.pipeline.evaluation.gold import GoldArticle, GoldClaim, load_dataset, locate
from claims.pipeline.evaluation.matching import (
    FIGURE_KINDS,
    ArticleResult,
    figure_matches,
    match_article,
    normalise_name,
    quote_matches,
    quote_text_overlaps,
    same_value,
)
from claims.pipeline.evaluation.report import (
    Report,
    Score,
    evaluate,
    format_report,
    main,
    report_as_json,
    score,
)

__all__ = [
    "FIGURE_KINDS",
    "ArticleResult",
    "GoldArticle",
    "GoldClaim",
    "Report",
    "Score",
    "evaluate",
    "figure_matches",
    "format_report",
    "load_dataset",
    "locate",
    "main",
    "match_article",
    "normalise_name",
    "quote_matches",
    "quote_text_overlaps",
    "report_as_json",
    "same_value",
    "score",
]

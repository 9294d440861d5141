"""Greedy one-to-one matching of predicted claims to gold claims in one article."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from claims.pipeline.evaluation.gold import GoldArticle, GoldClaim, locate
from claims.pipeline.types import Claim, Extraction, Sentence

FIGURE_KINDS = ("casualty", "count", "numeric")
NON_BODY_ROLES = frozenset({"caption", "boilerplate"})
VALUE_TOLERANCE = 1e-3
HONORIFICS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "professor", "sir", "dame", "captain", "capt"}
)
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class ArticleResult:
    """What matching found in one article."""

    name: str
    matched: list[tuple[GoldClaim, Claim]] = field(default_factory=list)
    missed: list[GoldClaim] = field(default_factory=list)
    false_positives: list[Claim] = field(default_factory=list)
    absorbed: list[Claim] = field(default_factory=list)
    unlocated: list[GoldClaim] = field(default_factory=list)
    boilerplate_marked: int = 0
    boilerplate_total: int = 0


def same_value(gold: GoldClaim, pred: Claim) -> bool:
    """Whether the predicted number is the gold number (ranges by their bounds)."""
    if gold.qualifier == "range" and pred.value_min is not None and pred.value_max is not None:
        return _close(pred.value_min, gold.value_min) and _close(pred.value_max, gold.value_max)
    return _close(pred.value, gold.value)


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=VALUE_TOLERANCE)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def figure_matches(
    gold: GoldClaim,
    span: tuple[int, int],
    pred: Claim,
    sentence: Sentence | None,
    *,
    any_kind: bool = False,
) -> bool:
    """Same kind, value and qualifier, and the prediction sits on the gold sentence."""
    if pred.kind not in FIGURE_KINDS or (not any_kind and pred.kind != gold.kind):
        return False
    if pred.qualifier != gold.qualifier or not same_value(gold, pred):
        return False
    in_sentence = sentence is not None and sentence.start <= span[0] and span[1] <= sentence.end
    return in_sentence or _overlaps((pred.start, pred.end), span)


def normalise_name(name: str | None) -> str:
    """Case-, accent- and spacing-insensitive form of a speaker name, without honorifics."""
    if not name:
        return ""
    words = _words(name)
    return " ".join(w for w in words if w not in HONORIFICS)


def _words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(stripped)


def quote_text_overlaps(gold_quote: str, pred_quote: str) -> bool:
    """One normalised quote contains the other, or they share half the shorter's words."""
    a, b = _words(gold_quote), _words(pred_quote)
    if not a or not b:
        return False
    joined_a, joined_b = " ".join(a), " ".join(b)
    if joined_a in joined_b or joined_b in joined_a:
        return True
    shared = len(set(a) & set(b))
    return shared >= 0.5 * min(len(set(a)), len(set(b)))


def quote_matches(gold: GoldClaim, span: tuple[int, int], pred: Claim) -> bool:
    """Same speaker (any when gold has none) and overlapping quote text."""
    if pred.kind != "quote":
        return False
    if gold.speaker is not None and normalise_name(pred.speaker) != normalise_name(gold.speaker):
        return False
    if _overlaps((pred.start, pred.end), span):
        return True
    return quote_text_overlaps(gold.quote or gold.evidence_text, pred.quote or pred.text)


def match_article(
    article: GoldArticle,
    extraction: Extraction,
    *,
    include_flagged: bool = False,
    any_kind: bool = False,
) -> ArticleResult:
    """Match one article's predictions to its gold claims, greedily and one-to-one."""
    text = extraction.document.text
    result = ArticleResult(article.name)
    preds = [c for c in extraction.claims if include_flagged or not c.flagged]
    sentences = {s.index: s for s in extraction.sentences}
    located: list[tuple[GoldClaim, tuple[int, int]]] = []
    for gold in article.claims:
        span = locate(text, gold.evidence_text, gold.start)
        if span is not None:
            located.append((gold, span))
        elif not gold.optional:
            result.unlocated.append(gold)
            result.missed.append(gold)

    candidates = []
    for g, (gold, span) in enumerate(located):
        if gold.optional:
            continue
        for p, pred in enumerate(preds):
            if gold.kind == "quote":
                ok = quote_matches(gold, span, pred)
            else:
                sentence = sentences.get(pred.sentence_index)
                ok = figure_matches(gold, span, pred, sentence, any_kind=any_kind)
            if ok:
                candidates.append((_rank(span, pred), g, p))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, g, p in sorted(candidates):
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            result.matched.append((located[g][0], preds[p]))

    for p, pred in enumerate(preds):
        if p in used_pred:
            continue
        if _absorbed(pred, located, used_gold, result):
            result.absorbed.append(pred)
        else:
            result.false_positives.append(pred)
    result.missed += [
        gold for g, (gold, _) in enumerate(located) if g not in used_gold and not gold.optional
    ]
    result.boilerplate_total = len(article.boilerplate_lines)
    result.boilerplate_marked = sum(
        _marked(line, text, extraction.sentences) for line in article.boilerplate_lines
    )
    return result


def _rank(span: tuple[int, int], pred: Claim) -> tuple[int, int]:
    # Prefer predictions lying on the evidence, then the nearest one.
    overlap = min(span[1], pred.end) - max(span[0], pred.start)
    return (-max(overlap, 0), abs(pred.start - span[0]))


def _absorbed(
    pred: Claim,
    located: list[tuple[GoldClaim, tuple[int, int]]],
    used_gold: set[int],
    result: ArticleResult,
) -> bool:
    """Whether an unmatched prediction is a quote fragment or falls on an optional claim."""
    pred_span = (pred.start, pred.end)
    is_quote = pred.kind == "quote"
    for g, (gold, span) in enumerate(located):
        if (gold.kind == "quote") != is_quote or not _overlaps(pred_span, span):
            continue
        if gold.optional:
            return True
        if is_quote and g in used_gold and quote_matches(gold, span, pred):
            taken = [c for gm, c in result.matched if gm is gold] + [
                c for c in result.absorbed if _overlaps((c.start, c.end), span)
            ]
            if not any(_overlaps(pred_span, (c.start, c.end)) for c in taken):
                return True
    return False


def _marked(line: str, text: str, sentences: Sequence[Sentence]) -> bool:
    """A furniture line counts as marked if cleaning dropped it or no body sentence holds it."""
    start = text.find(line)
    if start < 0:
        return True
    span = (start, start + len(line))
    roles = {s.role for s in sentences if _overlaps((s.start, s.end), span)}
    return bool(roles) and roles <= NON_BODY_ROLES

"""Gold annotations of the development set, and finding their evidence in cleaned text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

# Cleaning may straighten quote marks or collapse whitespace; nothing else is forgiven.
_QUOTE_CLASSES = {
    '"': '["\u201c\u201d\u201e]',
    "\u201c": '["\u201c\u201d\u201e]',
    "\u201d": '["\u201c\u201d\u201e]',
    "'": "['\u2018\u2019]",
    "\u2019": "['\u2018\u2019]",
}


@dataclass(frozen=True, slots=True)
class GoldClaim:
    """One annotated claim, with its evidence span in the raw file."""

    kind: str
    evidence_text: str
    start: int
    end: int
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    qualifier: str | None = None
    speaker: str | None = None
    quote: str | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """A development article: raw text, gold claims and furniture lines."""

    name: str
    text: str
    claims: tuple[GoldClaim, ...]
    boilerplate_lines: tuple[str, ...] = ()


def load_dataset(directory: str | Path) -> list[GoldArticle]:
    """Read every ``*.json`` gold file in ``directory`` with the text it annotates."""
    articles = []
    for path in sorted(Path(directory).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_name(gold.get("article") or f"{path.stem}.txt").read_bytes()
        claims = tuple(_gold_claim(item) for item in gold.get("claims", []))
        lines = tuple(gold.get("boilerplate_lines", []))
        articles.append(GoldArticle(path.stem, text.decode("utf-8"), claims, lines))
    return articles


def _gold_claim(item: dict) -> GoldClaim:
    start, end = item["evidence_span"]
    return GoldClaim(
        kind=item["type"],
        evidence_text=item["evidence_text"],
        start=start,
        end=end,
        value=item.get("value"),
        value_min=item.get("value_min"),
        value_max=item.get("value_max"),
        qualifier=item.get("qualifier"),
        speaker=item.get("speaker"),
        quote=item.get("quote") or (item["evidence_text"] if item["type"] == "quote" else None),
        optional=bool(item.get("optional")),
    )


def locate(text: str, evidence: str, hint: int) -> tuple[int, int] | None:
    """Span of ``evidence`` in ``text`` nearest ``hint`` (whitespace, quote marks may differ)."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(evidence), text)]
    if not spans:
        spans = [(m.start(), m.end()) for m in _loose_pattern(evidence).finditer(text)]
    if not spans:
        return None
    return min(spans, key=lambda span: abs(span[0] - hint))


def _loose_pattern(evidence: str) -> re.Pattern[str]:
    parts: list[str] = []
    for ch in evidence:
        if ch.isspace():
            if parts and parts[-1] == r"\s+":
                continue
            parts.append(r"\s+")
        else:
            parts.append(_QUOTE_CLASSES.get(ch, re.escape(ch)))
    return re.compile("".join(parts))

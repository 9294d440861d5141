"""Figures whose noun is written once for several numbers in one sentence.

"Three people were killed in Kharkiv and one in Kherson", "won 79 seats, the Socialists
77", "115,000 homes were without power, down from 155,000", "182 seats out of 577": the
later numbers count what the earlier one counted. Also "14 deaths, including four
polling officials": a figure listed under a casualty figure is a casualty too.
"""

from __future__ import annotations

import re

from claims.pipeline.types import Claim, Kind

# How far back in the sentence the figure lending its noun may end.
_MAX_GAP = 120
_MAX_INCLUDING_GAP = 160
_GAP_BREAK_RE = re.compile(r"[;:.?!\u2014]|\bbut\b|\bwhile\b|\bwhereas\b")
_AND_BEFORE_RE = re.compile(r"(?:,|\band)[ \u00a0]+$")
# After an elided number: punctuation, a preposition, "more"/"others", or the sentence end.
_ELIDED_AFTER_RE = re.compile(
    r"[ \u00a0]*(?:$|[,.;:)\u2014]|(?:in|at|on|from|for|of|to|and|or|more|others|other|each"
    r"|apiece|a|an|the|last|this|before|after|since|during|among|against|with|by|elsewhere"
    r"|respectively|according|needed|required|confirmed|recorded|reported|ago|near|outside"
    r"|inside|along|across|off|throughout|between|under|over|are|were|remain|remained"
    r"|have|had|was|is|still"
    # A participle: "including eight flying towards Moscow", "a further 12 cancelled".
    r"|[a-z]{3,}ing|[a-z]{3,}ed)\b)",
    re.I,
)
_PART_OF_BEFORE_RE = re.compile(
    r"(?:\bof[ \u00a0]+(?:them|which|those|whom)|\bamong[ \u00a0]+them)[ \u00a0]*,?[ \u00a0]*$",
    re.I,
)
_LIST_AFTER_RE = re.compile(r"[ \u00a0]*(?:$|[,.;)]|and\b|or\b|respectively\b)", re.I)
_INCLUDING_RE = re.compile(r"\b(?:including|among them|among whom|of whom|of which)\b", re.I)
# (kind, counted, unit, actor, start of the claim's span)
Fields = tuple[Kind, "str | None", "str | None", "str | None", int]


def lends_noun(text: str, last: Claim | None, start: int, *, article_one: bool) -> bool:
    """Whether the figure before ``start`` in this sentence lends its noun to this number."""
    if last is None or last.unit is not None or last.kind == "quote":
        return False
    if start - last.end > _MAX_GAP:
        return False
    gap = text[last.end : start]
    if len(gap) > _MAX_GAP or _GAP_BREAK_RE.search(gap):
        return False
    # "one" is mostly a determiner; it is a figure only in "… and one in Kherson".
    return not article_one or bool(_AND_BEFORE_RE.search(gap))


def partitive_antecedent(text: str, found: list[Claim], start: int) -> Claim | None:
    """The figure a number written right after "of them" or "of which" is a part of.

    "shot down 26 drones in the space of two hours, of them 19 over Kursk": the 19 are
    drones, though a figure with a unit stands between.
    """
    if not _PART_OF_BEFORE_RE.search(text, max(0, start - 24), start):
        return None
    for claim in reversed(found):
        gap = text[claim.end : start]
        if len(gap) > _MAX_INCLUDING_GAP or _GAP_BREAK_RE.search(gap):
            return None
        if claim.unit is None and claim.kind != "quote":
            return claim
    return None


def elided_after(text: str, end: int, hi: int) -> bool:
    """Whether what follows a number leaves its noun unsaid."""
    return _ELIDED_AFTER_RE.match(text, end, min(hi, end + 16)) is not None


def continues_list(text: str, last: Claim | None, start: int, end: int, hi: int) -> bool:
    """ "the Ensemble coalition 168 and the RN 143": a number closing a list item."""
    if last is None or last.unit is not None or start - last.end > _MAX_GAP:
        return False
    gap = text[last.end : start]
    if len(gap) > _MAX_GAP or _GAP_BREAK_RE.search(gap) or not re.search(r",|\band\b", gap):
        return False
    return _LIST_AFTER_RE.match(text, end, min(hi, end + 16)) is not None


def borrowed(last: Claim, start: int) -> Fields:
    """The meaning of an elided figure: the kind and ``counted`` of the one before it."""
    return last.kind, last.counted, None, last.actor if last.kind == "count" else None, start


def subset_of_casualties(text: str, claims: list[Claim], fields: Fields) -> Fields:
    """ "14 deaths, including four polling officials": the four are among the dead."""
    kind, _, unit, _, start = fields
    if kind != "numeric" or unit is not None:
        return fields
    if not claims or claims[-1].kind != "casualty":
        return fields  # only the figure just before can hold this one
    claim = claims[-1]
    if start - claim.end > _MAX_INCLUDING_GAP:
        return fields
    gap = text[claim.end : start]
    if len(gap) <= _MAX_INCLUDING_GAP and ";" not in gap and _INCLUDING_RE.search(gap):
        return "casualty", claim.counted, None, None, start
    return fields

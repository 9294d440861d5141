"""HTML for article text with spans marked. Article text is untrusted: every piece of it
goes through ``format_html`` / ``conditional_escape``; only our own tags are markup."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from claims.models import Claim, Sentence

# How many sentences around a claim's own sentence its page shows as context.
CONTEXT_SENTENCES = 2


def sentence_with_span(claim: Claim) -> SafeString:
    """The claim's sentence with the claim's span in ``<mark>``."""
    text, sentence = claim.article.text, claim.sentence
    return format_html(
        "{}<mark>{}</mark>{}",
        text[sentence.start : claim.start],
        text[claim.start : claim.end],
        text[claim.end : sentence.end],
    )


def claim_in_context(claim: Claim, sentences: list[Sentence]) -> SafeString:
    """A few sentences before and after the claim's own, which is emphasised."""
    index = claim.sentence.index
    around = [s for s in sentences if abs(s.index - index) <= CONTEXT_SENTENCES]
    text = claim.article.text
    parts = []
    for s in around:
        if s.pk == claim.sentence_id:
            parts.append(
                format_html('<strong class="claim-sentence">{}</strong>', sentence_with_span(claim))
            )
        else:
            parts.append(conditional_escape(text[s.start : s.end]))
    return mark_safe(" ".join(parts))  # every part is escaped above


def text_with_spans(text: str, spans: Iterable[tuple[int, int, str, str]]) -> SafeString:
    """``text`` with each (start, end, href, title) span as a marked link; overlaps are
    merged into the first span that covers them."""
    parts, cursor = [], 0
    for start, end, href, title in sorted(spans):
        if start < cursor:
            continue
        parts.append(conditional_escape(text[cursor:start]))
        parts.append(
            format_html(
                '<a class="claim-span" href="{}" title="{}"><mark>{}</mark></a>',
                href,
                title,
                text[start:end],
            )
        )
        cursor = end
    parts.append(conditional_escape(text[cursor:]))
    return mark_safe("".join(parts))  # every part is escaped above


def article_sentences_with_claims(sentences: list[Sentence], claims: list[Claim]) -> list[dict]:
    """Rows for the article page: each sentence, its role and its text with claims marked."""
    by_sentence: dict[int, list[Claim]] = {}
    for claim in claims:
        by_sentence.setdefault(claim.sentence_id, []).append(claim)
    rows = []
    for s in sentences:
        text = s.article.text[s.start : s.end]
        own = by_sentence.get(s.pk, [])
        spans = [
            (
                c.start - s.start,
                c.end - s.start,
                reverse("admin:claims_claim_change", args=[c.pk]),
                f"{c.get_kind_display()} · {c.get_status_display()}",
            )
            for c in own
        ]
        rows.append({"sentence": s, "html": text_with_spans(text, spans), "claims": own})
    return rows

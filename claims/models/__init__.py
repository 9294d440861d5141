"""Models of the claims app, re-exported from their modules."""

from claims.models.article import PENDING_STATUSES, Article, ArticleStatus, Sentence
from claims.models.claim import CORRECTABLE_FIELDS, Claim, ClaimStatus
from claims.models.review import Comment, Source, Verdict

__all__ = [
    "CORRECTABLE_FIELDS",
    "PENDING_STATUSES",
    "Article",
    "ArticleStatus",
    "Claim",
    "ClaimStatus",
    "Comment",
    "Sentence",
    "Source",
    "Verdict",
]

"""Models of the claims app, re-exported from their modules."""

from claims.models.article import PENDING_STATUSES, Article, ArticleStatus, Sentence
from claims.models.claim import CORRECTABLE_FIELDS, Claim, ClaimStatus
from claims.models.review import Comment, Source, Verdict
from claims.releases.models import DatasetRelease, ReleaseItem, ReleaseStatus

__all__ = [
    "CORRECTABLE_FIELDS",
    "PENDING_STATUSES",
    "Article",
    "ArticleStatus",
    "Claim",
    "ClaimStatus",
    "Comment",
    "DatasetRelease",
    "ReleaseItem",
    "ReleaseStatus",
    "Sentence",
    "Source",
    "Verdict",
]

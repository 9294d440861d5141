"""Models of the claims app, re-exported from their modules."""

from claims.models.article import PENDING_STATUSES, Article, ArticleStatus, Sentence
from claims.models.claim import (
    CORRECTABLE_FIELDS,
    EXTRACTOR_WRONG,
    FIGURE_KINDS,
    MAX_ROW_ID,
    OPEN_STATUSES,
    TRANSITIONS,
    Claim,
    ClaimAction,
    ClaimStatus,
    DismissalReason,
)
from claims.models.integration import (
    ChangeEvent,
    IdempotencyKey,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from claims.models.review import Comment, Source, Verdict, VerdictState
from claims.releases.models import DatasetRelease, ReleaseItem, ReleaseStatus

__all__ = [
    "CORRECTABLE_FIELDS",
    "EXTRACTOR_WRONG",
    "FIGURE_KINDS",
    "MAX_ROW_ID",
    "OPEN_STATUSES",
    "PENDING_STATUSES",
    "TRANSITIONS",
    "Article",
    "ArticleStatus",
    "ChangeEvent",
    "Claim",
    "ClaimAction",
    "ClaimStatus",
    "Comment",
    "DatasetRelease",
    "DismissalReason",
    "IdempotencyKey",
    "ReleaseItem",
    "ReleaseStatus",
    "Sentence",
    "Source",
    "Verdict",
    "VerdictState",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookSubscription",
]

"""Claims the pipeline extracted, with the reviewer-facing state around them."""

from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims.models.article import Article, Sentence
from claims.pipeline.types import KINDS, NORMALISED_FIELDS, QUALIFIERS, ROLES
from claims.services.errors import Conflict

# Extracted fields a reviewer may correct; the extractor's values stay in `extracted`.
# The kind only within its family: a figure's kind (casualty, count, other figure) may
# change, a quote stays a quote (its fields are another set).
CORRECTABLE_FIELDS = ("kind", *NORMALISED_FIELDS)
FIGURE_KINDS = tuple(kind for kind in KINDS if kind != "quote")
# The largest id a row can have (bigint): ids given by callers are checked against it.
MAX_ROW_ID = 2**63 - 1


class ClaimStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    PROPOSED = "proposed", _("Proposed")
    VERIFIED = "verified", _("Verified")
    DISMISSED = "dismissed", _("Dismissed")


# Statuses in which reviewers still work on a claim.
OPEN_STATUSES = (ClaimStatus.NEW, ClaimStatus.IN_REVIEW, ClaimStatus.PROPOSED)


class ClaimAction(models.TextChoices):
    """The workflow transitions, by the name the services and the API use."""

    START_REVIEW = "start_review", _("Start review")
    PROPOSE = "propose", _("Propose verdict")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    DISMISS = "dismiss", _("Dismiss")
    REOPEN = "reopen", _("Reopen")


class DismissalReason(models.TextChoices):
    NOT_A_CLAIM = "not_a_claim", _("Not a claim")
    NOT_CHECK_WORTHY = "not_check_worthy", _("Not check-worthy")
    DUPLICATE = "duplicate", _("Duplicate")
    EXTRACTION_ERROR = "extraction_error", _("Extraction error")


# Dismissals that say the extractor was wrong, for extractor precision.
EXTRACTOR_WRONG = (DismissalReason.NOT_A_CLAIM, DismissalReason.EXTRACTION_ERROR)


class Transition(NamedTuple):
    sources: frozenset[str]
    target: str


# The one map of allowed status changes; services guard every transition with it.
TRANSITIONS: dict[str, Transition] = {
    ClaimAction.START_REVIEW: Transition(frozenset({ClaimStatus.NEW}), ClaimStatus.IN_REVIEW),
    ClaimAction.PROPOSE: Transition(frozenset({ClaimStatus.IN_REVIEW}), ClaimStatus.PROPOSED),
    ClaimAction.APPROVE: Transition(frozenset({ClaimStatus.PROPOSED}), ClaimStatus.VERIFIED),
    ClaimAction.REJECT: Transition(frozenset({ClaimStatus.PROPOSED}), ClaimStatus.IN_REVIEW),
    ClaimAction.DISMISS: Transition(
        frozenset({ClaimStatus.NEW, ClaimStatus.IN_REVIEW}), ClaimStatus.DISMISSED
    ),
    ClaimAction.REOPEN: Transition(
        frozenset({ClaimStatus.VERIFIED, ClaimStatus.DISMISSED}), ClaimStatus.IN_REVIEW
    ),
}


class Claim(models.Model):
    """One check-worthy statement found in an article."""

    # Members are (NAME, (value, label)): the stored value is the pipeline's own code.
    Kind = models.TextChoices("Kind", [(k.upper(), (k, k.capitalize())) for k in KINDS])
    Qualifier = models.TextChoices(
        "Qualifier", [(q.upper(), (q, q.replace("_", " "))) for q in QUALIFIERS]
    )
    Role = models.TextChoices("Role", [(r.upper(), (r, r.capitalize())) for r in ROLES])

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    sentence = models.ForeignKey(Sentence, on_delete=models.PROTECT, related_name="claims")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    text = models.TextField(_("span text"), help_text=_("article.text[start:end]"))

    value = models.FloatField(_("value"), null=True, blank=True, help_text=_("e.g. 7"))
    value_min = models.FloatField(_("lower bound"), null=True, blank=True)
    value_max = models.FloatField(
        _("upper bound"), null=True, blank=True, help_text=_("Empty means unbounded.")
    )
    qualifier = models.CharField(
        _("qualifier"), max_length=16, choices=Qualifier.choices, blank=True
    )
    counted = models.CharField(
        _("counted"), max_length=200, blank=True, help_text=_("e.g. people killed")
    )
    unit = models.CharField(_("unit"), max_length=32, blank=True, help_text=_("e.g. km"))
    actor = models.CharField(_("actor"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True, db_index=True)
    speaker_role = models.CharField(_("speaker role"), max_length=200, blank=True)
    speech_verb = models.CharField(_("speech verb"), max_length=64, blank=True)
    quote = models.TextField(_("quote"), blank=True)

    score = models.FloatField(_("check-worthiness"), default=0.0, db_index=True)
    role = models.CharField(_("sentence role"), max_length=16, choices=Role.choices)
    flagged = models.BooleanField(
        _("flagged"),
        default=False,
        help_text=_("Found in a caption or boilerplate; left out of the review queue."),
    )
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        help_text=_("Identifies the extraction, so re-running the pipeline adds no duplicate."),
    )
    extracted = models.JSONField(
        _("extracted values"),
        default=dict,
        help_text=_("The extractor's original values, kept beside reviewer corrections."),
    )
    pipeline_version = models.CharField(_("pipeline version"), max_length=32)
    superseded_at = models.DateTimeField(
        _("superseded at"),
        null=True,
        blank=True,
        help_text=_("Set when a newer pipeline no longer finds this untouched claim."),
    )

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ClaimStatus.choices,
        default=ClaimStatus.NEW,
        db_index=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised on every save; stale saves are refused.")
    )
    touched_at = models.DateTimeField(_("first touched by a reviewer"), null=True, blank=True)
    dismissal_reason = models.CharField(
        _("dismissal reason"), max_length=32, choices=DismissalReason.choices, blank=True
    )
    dismissal_note = models.TextField(_("dismissal note"), blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
        help_text=_("The claim this one repeats, when dismissed as a duplicate."),
    )
    corrected_fields = models.JSONField(
        _("corrected fields"),
        default=list,
        blank=True,
        help_text=_('Fields whose value a reviewer changed from the extractor\'s, e.g. ["value"].'),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    # Change reasons carry reviewers' comments and reasons, which can be long.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-score", "id"]
        permissions = [
            ("review_claim", "Can take claims, add sources and propose verdicts"),
            ("decide_claim", "Can approve, reject, reopen, assign others and act in bulk"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=(Q(status=ClaimStatus.DISMISSED) & ~Q(dismissal_reason=""))
                | (~Q(status=ClaimStatus.DISMISSED) & Q(dismissal_reason="")),
                name="claim_dismissed_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(duplicate_of__isnull=True)
                | (Q(dismissal_reason=DismissalReason.DUPLICATE) & ~Q(duplicate_of=F("id"))),
                name="claim_duplicate_of_another",
            ),
            models.UniqueConstraint(
                fields=["article", "fingerprint"], name="claim_unique_fingerprint"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_order"),
            models.CheckConstraint(
                condition=Q(value_min__isnull=True)
                | Q(value_max__isnull=True)
                | Q(value_min__lte=F("value_max")),
                name="claim_interval_order",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="claim_score_range"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-score"], name="claim_queue_idx"),
            # The review queue's default page: open, not flagged, highest score first.
            models.Index(
                F("score").desc(),
                "id",
                condition=Q(flagged=False, superseded_at__isnull=True),
                name="claim_review_queue_idx",
            ),
        ]

    def __str__(self):
        return f"{self.kind}: {self.text[:80]}"

    @property
    def is_touched(self) -> bool:
        return self.touched_at is not None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def allowed_actions(self) -> list[str]:
        """The transitions the map allows from the current status, whoever asks."""
        return [a for a, t in TRANSITIONS.items() if self.status in t.sources]

    def check_transition(self, action: str) -> str:
        """Return the status ``action`` leads to, or raise ``Conflict`` if it is not allowed."""
        transition = TRANSITIONS[action]
        if self.status not in transition.sources:
            allowed = ", ".join(sorted(transition.sources))
            raise Conflict(
                f"Cannot {ClaimAction(action).label.lower()} a claim that is "
                f"{self.get_status_display().lower()}; only from: {allowed}.",
                code="illegal_transition",
            )
        return transition.target

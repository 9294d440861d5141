"""Evidence, verdicts and comments that reviewers attach to claims."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims.models.claim import Claim
from claims.ratings import rating_get

# Evidence must be a web page a reader can open.
WEB_URL = URLValidator(schemes=["http", "https"], message=_("Enter an http or https URL."))


class Source(models.Model):
    """A piece of evidence for or against a claim."""

    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("Supports")
        REFUTES = "refutes", _("Refutes")
        MIXED = "mixed", _("Mixed")
        CONTEXT = "context", _("Context")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(
        _("URL"),
        max_length=2000,
        validators=[WEB_URL],
        help_text=_("https://example.org/report"),
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    accessed_at = models.DateTimeField(_("accessed at"), null=True, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices)
    archived_url = models.URLField(
        _("archived copy"),
        max_length=2000,
        blank=True,
        validators=[WEB_URL],
        help_text=_("e.g. https://web.archive.org/web/2024/https://example.org/report"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "url"], name="source_unique_url_per_claim"),
        ]

    def __str__(self):
        return self.title or self.url


class VerdictState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn on reopen")


class VerdictQuerySet(models.QuerySet):
    def pending(self):
        """Proposals that wait for an editor."""
        return self.filter(approved_at__isnull=True, rejected_at__isnull=True)

    def approved(self):
        return self.filter(approved_at__isnull=False)


class Verdict(models.Model):
    """A proposed or approved rating of a claim; every verdict is kept.

    Its state follows from its timestamps: pending until approved or rejected; an
    approved verdict is withdrawn when its claim is reopened.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    rating = models.CharField(_("rating"), max_length=32, help_text=_("e.g. mostly_false"))
    rationale = models.TextField(_("rationale"), blank=True)
    valid_as_of = models.DateTimeField(_("valid as of"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    is_current = models.BooleanField(
        _("current"), default=False, help_text=_("The latest approved verdict of its claim.")
    )
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    rejection_comment = models.TextField(_("why it was rejected"), blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("why the claim was reopened"), blank=True)

    history = HistoricalRecords()
    objects = VerdictQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"], condition=Q(is_current=True), name="verdict_one_current"
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(approved_at__isnull=False),
                name="verdict_current_is_approved",
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(approved_at__isnull=True, rejected_at__isnull=True),
                name="verdict_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(approved_at__isnull=True) | Q(rejected_at__isnull=True),
                name="verdict_approved_or_rejected",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(approved_at__isnull=False),
                name="verdict_withdrawn_was_approved",
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(withdrawn_at__isnull=True),
                name="verdict_current_not_withdrawn",
            ),
        ]

    def __str__(self):
        return f"{self.rating} ({self.claim_id})"

    @property
    def state(self) -> str:
        if self.withdrawn_at:
            return VerdictState.WITHDRAWN
        if self.approved_at:
            return VerdictState.APPROVED
        if self.rejected_at:
            return VerdictState.REJECTED
        return VerdictState.PROPOSED

    def get_state_display(self) -> str:
        return VerdictState(self.state).label

    @property
    def rating_label(self) -> str:
        rating = rating_get(self.rating)
        return rating.label if rating else self.rating

    def clean(self):
        if rating_get(self.rating) is None:
            raise ValidationError(
                {"rating": _("Unknown rating; see FACTCHECK_RATING_SCALE.")}, code="unknown_rating"
            )
        if self.approved_by_id and self.approved_by_id == self.proposed_by_id:
            raise ValidationError(
                _("The approver cannot be the proposer."), code="approver_is_proposer"
            )


class Comment(models.Model):
    """A reviewer's note on a claim, shown in its timeline."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "created_at", "id"]

    def __str__(self):
        return self.body[:80]

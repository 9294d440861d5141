"""Evidence, verdicts and comments that reviewers attach to claims."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims.models.claim import Claim


class Source(models.Model):
    """A piece of evidence for or against a claim."""

    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("Supports")
        REFUTES = "refutes", _("Refutes")
        MIXED = "mixed", _("Mixed")
        CONTEXT = "context", _("Context")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("URL"), max_length=2000, help_text=_("https://example.org/report"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    accessed_at = models.DateTimeField(_("accessed at"), null=True, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices)
    archived_url = models.URLField(_("archived copy"), max_length=2000, blank=True)
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


class Verdict(models.Model):
    """A proposed or approved rating of a claim; every verdict is kept."""

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

    history = HistoricalRecords()

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
        ]

    def __str__(self):
        return f"{self.rating} ({self.claim_id})"


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

"""What the API keeps for its consumers: idempotency keys, the change feed and webhooks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from claims.models.claim import Claim, ClaimStatus


class IdempotencyKey(models.Model):
    """A client's ``Idempotency-Key`` and the response its first request got."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(
        _("scope"), max_length=100, help_text=_("The operation, e.g. articles.create")
    )
    key = models.CharField(_("key"), max_length=255)
    request_hash = models.CharField(
        _("request hash"), max_length=64, help_text=_("sha256 of the canonical request body.")
    )
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.JSONField(_("response body"), null=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scope", "key"], name="idempotency_key_unique_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.scope} {self.key}"


class ChangeEvent(models.Model):
    """One change of a claim's status or current verdict.

    The feed is ordered by ``(txid, id)``, the id of the writing transaction first, and
    only shows events of transactions older than every one of this database still
    running: so an event committed late can never land behind a consumer's cursor.
    """

    class Type(models.TextChoices):
        STATUS_CHANGED = "claim.status_changed", _("Claim status changed")
        VERDICT_CHANGED = "claim.verdict_changed", _("Claim verdict changed")

    type = models.CharField(_("type"), max_length=32, choices=Type.choices)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="change_events")
    status = models.CharField(_("status"), max_length=16, choices=ClaimStatus.choices)
    previous_status = models.CharField(
        _("previous status"), max_length=16, choices=ClaimStatus.choices, blank=True
    )
    rating = models.CharField(
        _("rating"), max_length=32, blank=True, help_text=_("Current verdict after the change.")
    )
    previous_rating = models.CharField(_("previous rating"), max_length=32, blank=True)
    version = models.PositiveIntegerField(_("claim version"))
    txid = models.BigIntegerField(
        _("transaction id"), default=0, help_text=_("PostgreSQL transaction that wrote it.")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["txid", "id"]
        indexes = [models.Index(fields=["txid", "id"], name="change_event_feed_idx")]

    def __str__(self):
        return f"{self.type} #{self.claim_id} → {self.status}"


class WebhookSubscription(models.Model):
    """A URL that receives change events, signed with a shared secret."""

    url = models.URLField(
        _("URL"), max_length=2000, help_text=_("https://consumer.example.org/hooks/factcheck")
    )
    secret = models.CharField(
        _("secret"), max_length=200, help_text=_("Key of the HMAC-SHA256 signature.")
    )
    events = models.JSONField(
        _("events"), default=list, help_text=_('e.g. ["claim.status_changed"]')
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.url

    def wants(self, event_type: str) -> bool:
        return self.is_active and event_type in self.events


class WebhookDelivery(models.Model):
    """One event sent to one subscription, over as many attempts as it takes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(ChangeEvent, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event"], name="webhook_delivery_once_per_event"
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.subscription} ({self.status})"


class WebhookAttempt(models.Model):
    """The log of one HTTP request made for a delivery."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveIntegerField(_("attempt"))
    requested_at = models.DateTimeField(_("requested at"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True)
    error = models.TextField(_("error"), blank=True)
    response_excerpt = models.TextField(_("response excerpt"), blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "number"], name="webhook_attempt_unique_number"
            ),
        ]

    def __str__(self):
        return f"attempt {self.number} of {self.delivery_id}: {self.status_code or self.error}"

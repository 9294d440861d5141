"""Webhook subscriptions and their delivery log."""

from django.core.validators import URLValidator
from rest_framework import serializers

from claims.models import ChangeEvent, WebhookAttempt, WebhookDelivery, WebhookSubscription


class SubscriptionSerializer(serializers.ModelSerializer):
    """A webhook subscription; the secret is shown once, in the answer to its creation."""

    url = serializers.URLField(
        max_length=2000, validators=[URLValidator(schemes=["http", "https"])]
    )
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=ChangeEvent.Type.choices),
        allow_empty=False,
        max_length=len(ChangeEvent.Type.choices),
    )
    secret = serializers.CharField(
        write_only=True,
        required=False,
        min_length=16,
        max_length=200,
        help_text="Key of the HMAC-SHA256 signature; made up for you if left out.",
    )

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "url",
            "events",
            "secret",
            "description",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class CreatedSubscriptionSerializer(SubscriptionSerializer):
    secret = serializers.CharField(read_only=True)


class AttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = [
            "number",
            "requested_at",
            "duration_ms",
            "status_code",
            "error",
            "response_excerpt",
        ]


class DeliverySerializer(serializers.ModelSerializer):
    event_type = serializers.CharField(source="event.type")
    claim = serializers.IntegerField(source="event.claim_id")
    log = AttemptSerializer(many=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "event_type",
            "claim",
            "status",
            "attempts",
            "last_status_code",
            "last_error",
            "next_attempt_at",
            "delivered_at",
            "created_at",
            "log",
        ]

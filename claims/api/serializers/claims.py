"""Claim filters, claim writes, and the documented claim shapes."""

import math

from rest_framework import serializers

from claims.models import MAX_ROW_ID, Claim, ClaimStatus, DismissalReason, Source

ACTIONS = ("start_review", "propose", "approve", "reject", "dismiss", "reopen")
MAX_VERSION = 2**31 - 1


class ChoiceListField(serializers.CharField):
    """A comma-separated list of choices, e.g. ``new,in_review``."""

    def __init__(self, *, choices, **kwargs):
        self.allowed = tuple(choices)
        kwargs.setdefault(
            "help_text", f"One or more of {', '.join(self.allowed)}, comma-separated."
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        values = [v.strip() for v in super().to_internal_value(data).split(",") if v.strip()]
        unknown = [v for v in values if v not in self.allowed]
        if unknown or not values:
            raise serializers.ValidationError(
                f"Unknown value {', '.join(unknown) or data!r}; choose from "
                f"{', '.join(self.allowed)}.",
                code="invalid_choice",
            )
        return values


class ClaimFilterSerializer(serializers.Serializer):
    """Query parameters of the claim list."""

    article = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ROW_ID)
    kind = ChoiceListField(choices=Claim.Kind.values, required=False)
    status = ChoiceListField(choices=ClaimStatus.values, required=False)
    rating = serializers.CharField(
        required=False, max_length=32, help_text="Rating of the current verdict, e.g. false."
    )
    speaker = serializers.CharField(
        required=False, max_length=200, help_text="Canonical speaker, any letter case."
    )
    assignee = serializers.CharField(
        required=False,
        max_length=150,
        help_text="A username, `me`, or `none` for unassigned claims.",
    )
    min_score = serializers.FloatField(required=False, min_value=0, max_value=1)
    updated_since = serializers.DateTimeField(required=False)
    q = serializers.CharField(
        required=False, max_length=200, help_text="Words in the claim text or quote."
    )

    def validate_min_score(self, value):
        if not math.isfinite(value):
            raise serializers.ValidationError("A number from 0 to 1.", code="invalid")
        return value


class LookupQuerySerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=1000, help_text="A claim in free text, e.g. 21 drones shot down over Kyiv."
    )
    limit = serializers.IntegerField(required=False, min_value=1, max_value=50, default=10)


class TransitionSerializer(serializers.Serializer):
    """A workflow action on a claim at the version the caller last saw."""

    action = serializers.ChoiceField(choices=ACTIONS)
    version = serializers.IntegerField(min_value=1, max_value=MAX_VERSION)
    rating = serializers.CharField(required=False, max_length=32, help_text="For propose.")
    rationale = serializers.CharField(required=False, allow_blank=True, help_text="For propose.")
    valid_as_of = serializers.DateTimeField(required=False, allow_null=True)
    reason = serializers.CharField(
        required=False, max_length=2000, help_text="For dismiss, reject and reopen."
    )
    comment = serializers.CharField(required=False, max_length=5000, help_text="For reject.")
    note = serializers.CharField(required=False, allow_blank=True, help_text="For dismiss.")
    duplicate_of = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ROW_ID,
        help_text="For dismiss as a duplicate: the id of the claim this one repeats.",
    )


class SourceInputSerializer(serializers.Serializer):
    """A piece of evidence to attach to a claim."""

    url = serializers.URLField(max_length=2000)
    stance = serializers.ChoiceField(choices=Source.Stance.choices)
    title = serializers.CharField(required=False, max_length=500, allow_blank=True)
    publisher = serializers.CharField(required=False, max_length=200, allow_blank=True)
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    accessed_at = serializers.DateTimeField(required=False, allow_null=True)
    excerpt = serializers.CharField(required=False, allow_blank=True)
    archived_url = serializers.URLField(required=False, max_length=2000, allow_blank=True)


# --- Response shapes (documentation; the dicts come from claims.api.representations) ----


class SpanSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class VerdictSerializer(serializers.Serializer):
    rating = serializers.CharField()
    label = serializers.CharField()
    rating_value = serializers.IntegerField(allow_null=True)


class VerdictDetailSerializer(VerdictSerializer):
    rationale = serializers.CharField()
    valid_as_of = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)


class ClaimSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    article = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    text = serializers.CharField()
    span = SpanSerializer()
    value = serializers.FloatField(allow_null=True)
    value_min = serializers.FloatField(allow_null=True)
    value_max = serializers.FloatField(allow_null=True, help_text="null means unbounded.")
    qualifier = serializers.CharField(allow_null=True)
    counted = serializers.CharField(allow_null=True)
    unit = serializers.CharField(allow_null=True)
    actor = serializers.CharField(allow_null=True)
    location = serializers.CharField(allow_null=True)
    speaker = serializers.CharField(allow_null=True)
    speaker_role = serializers.CharField(allow_null=True)
    speech_verb = serializers.CharField(allow_null=True)
    quote = serializers.CharField(allow_null=True)
    score = serializers.FloatField()
    role = serializers.CharField()
    flagged = serializers.BooleanField()
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    verdict = VerdictSerializer(allow_null=True)
    assignee = serializers.CharField(allow_null=True, help_text="Shown to the desk only.")
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ArticleRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)
    outlet = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)


class SentenceSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    role = serializers.CharField()
    text = serializers.CharField()


class SourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    accessed_at = serializers.DateTimeField(allow_null=True)
    excerpt = serializers.CharField()
    stance = serializers.ChoiceField(choices=Source.Stance.choices)
    archived_url = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    change = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    version = serializers.IntegerField()
    by = serializers.CharField(allow_null=True, help_text="Shown to the desk only.")
    reason = serializers.CharField(allow_null=True, help_text="Shown to the desk only.")


class DismissalSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=DismissalReason.choices)
    note = serializers.CharField(allow_null=True)
    duplicate_of = serializers.IntegerField(
        allow_null=True, help_text="For a duplicate: the id of the claim it repeats, if named."
    )


class ClaimDetailSerializer(ClaimSummarySerializer):
    article = ArticleRefSerializer()
    sentence = SentenceSerializer()
    verdict = VerdictDetailSerializer(allow_null=True)
    extracted = serializers.DictField(help_text="The extractor's original values.")
    superseded_at = serializers.DateTimeField(allow_null=True)
    dismissal = DismissalSerializer(
        allow_null=True, help_text="Why the claim was dismissed; null unless it was."
    )
    sources = SourceSerializer(many=True)
    history = HistoryEntrySerializer(many=True)


class LookupMatchSerializer(serializers.Serializer):
    similarity = serializers.FloatField(help_text="0 to 1; higher is closer.")
    numbers = serializers.ChoiceField(
        choices=["agree", "conflict", "none"],
        help_text="Whether the figures in the query fit the claim's interval.",
    )


class LookupResultSerializer(ClaimSummarySerializer):
    match = LookupMatchSerializer()


class LookupResponseSerializer(serializers.Serializer):
    query = serializers.DictField()
    results = LookupResultSerializer(many=True)


class ChangeEventSerializer(serializers.Serializer):
    cursor = serializers.CharField()
    type = serializers.ChoiceField(choices=["claim.status_changed", "claim.verdict_changed"])
    claim = serializers.IntegerField()
    url = serializers.CharField()
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    previous_status = serializers.ChoiceField(choices=ClaimStatus.choices, allow_null=True)
    verdict = VerdictSerializer(allow_null=True)
    previous_verdict = VerdictSerializer(allow_null=True)
    version = serializers.IntegerField()
    at = serializers.DateTimeField()


class ChangeFeedSerializer(serializers.Serializer):
    results = ChangeEventSerializer(many=True)
    cursor = serializers.CharField(help_text="Pass as `since` to get the changes after these.")
    has_more = serializers.BooleanField()
    next = serializers.CharField()


class ChangeFeedQuerySerializer(serializers.Serializer):
    since = serializers.RegexField(
        r"^(0|[0-9]{1,18}\.[0-9]{1,18})$",
        required=False,
        help_text="A cursor from an earlier page; 0 or absent for the start.",
    )
    limit = serializers.IntegerField(required=False, min_value=1, max_value=1000, default=100)

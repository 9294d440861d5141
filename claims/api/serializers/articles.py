"""Article submission and the article representation."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import Article


class ArticleSubmitSerializer(serializers.Serializer):
    """An article as plain text or HTML, with optional metadata."""

    text = serializers.CharField(
        required=False, trim_whitespace=False, help_text="The article as plain text."
    )
    html = serializers.CharField(
        required=False, trim_whitespace=False, help_text="The article page as HTML."
    )
    title = serializers.CharField(required=False, max_length=500, allow_blank=True, default="")
    url = serializers.URLField(required=False, max_length=2000, allow_blank=True, default="")
    outlet = serializers.CharField(required=False, max_length=200, allow_blank=True, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    language = serializers.CharField(
        required=False, max_length=16, allow_blank=True, default="", help_text="e.g. en"
    )

    def validate(self, attrs):
        given = [name for name in ("text", "html") if name in attrs]
        if len(given) != 1:
            message = "Send the article as exactly one of `text` or `html`."
            raise serializers.ValidationError(
                {name: [message] for name in ("text", "html")}, code="text_or_html"
            )
        return attrs


class ArticleSerializer(serializers.ModelSerializer):
    """An article and how far the pipeline has got with it."""

    url = serializers.CharField(read_only=True, help_text="Where it was published; may be empty.")
    sentence_count = serializers.IntegerField(read_only=True)
    claim_count = serializers.IntegerField(read_only=True)
    status_url = serializers.SerializerMethodField()
    claims_url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "status",
            "error",
            "sentence_count",
            "claim_count",
            "title",
            "url",
            "outlet",
            "original_publisher",
            "language",
            "published_at",
            "raw_format",
            "content_hash",
            "pipeline_version",
            "created_at",
            "updated_at",
            "status_url",
            "claims_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_status_url(self, article) -> str:
        return reverse("api:article-detail", args=[article.pk])

    @extend_schema_field(serializers.CharField())
    def get_claims_url(self, article) -> str:
        return f"{reverse('api:claim-list')}?article={article.pk}"


class ArticleFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Article._meta.get_field("status").choices, required=False
    )

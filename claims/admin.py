"""Admin for articles and claims."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Article, ArticleStatus, Claim, Sentence
from claims.releases import admin as release_admin  # noqa: F401  (registers DatasetRelease)
from claims.services.articles import article_retry


class SentenceInline(admin.TabularInline):
    """An article's sentences with their roles, read-only."""

    model = Sentence
    fields = ["index", "role", "score", "sentence_text"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("sentence"))
    def sentence_text(self, obj):
        return obj.article.text[obj.start : obj.end]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")


class ClaimInline(admin.TabularInline):
    """An article's claims, linking to each claim's page."""

    model = Claim
    fields = ["kind", "text", "value", "qualifier", "counted", "speaker", "status", "flagged"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title_or_id",
        "outlet",
        "original_publisher",
        "status",
        "sentence_count",
        "claim_count",
        "created_at",
    ]
    list_filter = ["status", "outlet", "language", "raw_format"]
    search_fields = ["title", "url", "outlet", "original_publisher", "content_hash"]
    readonly_fields = [
        "status",
        "error",
        "content_hash",
        "raw_format",
        "pipeline_version",
        "status_changed_at",
        "enqueued_at",
        "created_at",
        "updated_at",
        "text",
    ]
    fieldsets = [
        (None, {"fields": ["title", "url", "outlet", "original_publisher", "language"]}),
        (_("Pipeline"), {"fields": ["status", "error", "pipeline_version", "status_changed_at"]}),
        (_("Text"), {"fields": ["text"]}),
        (
            _("Advanced"),
            {
                "classes": ["collapse"],
                "fields": ["content_hash", "raw_format", "enqueued_at", "created_at", "updated_at"],
            },
        ),
    ]
    inlines = [SentenceInline, ClaimInline]
    actions = ["retry_pipeline"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_sentences=Count("sentences", distinct=True),
                n_claims=Count("claims", distinct=True),
            )
        )

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("article"), ordering="title")
    def title_or_id(self, obj):
        return str(obj)

    @admin.display(description=_("sentences"), ordering="n_sentences")
    def sentence_count(self, obj):
        return obj.n_sentences

    @admin.display(description=_("claims"), ordering="n_claims")
    def claim_count(self, obj):
        return obj.n_claims

    @admin.action(description=_("Retry the pipeline for failed articles"))
    def retry_pipeline(self, request, queryset):
        failed = queryset.filter(status=ArticleStatus.FAILED)
        for article in failed:
            article_retry(article_id=article.pk)
        self.message_user(request, _(f"{failed.count()} article(s) sent again."), messages.SUCCESS)


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = [
        "short_text",
        "kind",
        "value",
        "qualifier",
        "counted",
        "speaker",
        "status",
        "score",
        "article",
    ]
    list_filter = ["status", "kind", "qualifier", "flagged", "article__outlet"]
    search_fields = ["text", "counted", "speaker", "quote", "article__title"]
    list_select_related = ["article"]
    readonly_fields = ["article", "sentence_in_context", "kind", "text", "start", "end"]
    fieldsets = [
        (None, {"fields": ["article", "sentence_in_context", "kind", "text", "status"]}),
        (
            _("Normalised fields"),
            {
                "fields": [
                    ("value", "value_min", "value_max", "qualifier"),
                    ("counted", "unit"),
                    ("actor", "location"),
                    ("speaker", "speaker_role", "speech_verb"),
                    "quote",
                ]
            },
        ),
        (_("Advanced"), {"classes": ["collapse"], "fields": ["start", "end"]}),
    ]

    @admin.display(description=_("claim"), ordering="text")
    def short_text(self, obj):
        return obj.text[:100]

    @admin.display(description=_("sentence"))
    def sentence_in_context(self, obj):
        sentence = obj.sentence
        text = obj.article.text
        # format_html escapes every piece: article text is untrusted.
        return format_html(
            "{}<mark>{}</mark>{}",
            text[sentence.start : obj.start],
            text[obj.start : obj.end],
            text[obj.end : sentence.end],
        )

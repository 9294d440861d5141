"""Admin for articles: sentences with their roles, claims marked, pipeline status, retry."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claims.admin.rendering import article_sentences_with_claims
from claims.models import Article, ArticleStatus, Claim, Sentence
from claims.services.articles import article_retry

# Statuses from which the retry button sends an article to the workers again.
RETRYABLE = (
    ArticleStatus.FAILED,
    ArticleStatus.QUEUED,
    ArticleStatus.SEGMENTING,
    ArticleStatus.EXTRACTING,
)


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
    # A URL typed without a scheme is taken as https (Django 6's default; 5.2 warns
    # when the form field is left to assume http).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["retry_pipeline"]
    change_form_template = "admin/claims/article/change_form.html"

    def get_urls(self):
        retry = path(
            "<int:object_id>/retry/",
            self.admin_site.admin_view(self.retry_view),
            name="claims_article_retry",
        )
        return [retry, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = Article.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        context = dict(extra_context or {})
        if article is not None:
            sentences = list(article.sentences.select_related("article").order_by("index"))
            claims = list(article.claims.order_by("start"))
            context["annotated_sentences"] = article_sentences_with_claims(sentences, claims)
            context["can_retry"] = article.status in RETRYABLE and self.has_change_permission(
                request, article
            )
        return super().change_view(request, object_id, form_url, context)

    def retry_view(self, request, object_id):
        """The retry button: send one article through the pipeline again."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if article.status not in RETRYABLE:
            self.message_user(
                request, _("This article is ready; there is nothing to retry."), messages.WARNING
            )
        else:
            article_retry(article_id=article.pk)
            self.message_user(request, _("The article was sent to the workers again."))
        return HttpResponseRedirect(reverse("admin:claims_article_change", args=[article.pk]))

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
        failed = list(queryset.filter(status=ArticleStatus.FAILED).values_list("pk", flat=True))
        for pk in failed:
            article_retry(article_id=pk)
        message = ngettext("%(n)d article sent again.", "%(n)d articles sent again.", len(failed))
        self.message_user(request, message % {"n": len(failed)}, messages.SUCCESS)

"""Articles as received, and the sentences the pipeline split them into."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from claims.pipeline.types import ROLES


class ArticleStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SEGMENTING = "segmenting", _("Segmenting")
    EXTRACTING = "extracting", _("Extracting")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


# Statuses in which an article still waits for a worker.
PENDING_STATUSES = (ArticleStatus.QUEUED, ArticleStatus.SEGMENTING, ArticleStatus.EXTRACTING)


class Article(models.Model):
    """One ingested article: the raw input exactly as received and its cleaned text."""

    class Format(models.TextChoices):
        TEXT = "text", _("Plain text")
        HTML = "html", _("HTML")

    raw = models.TextField(_("raw input"), help_text=_("The input exactly as received."))
    raw_format = models.CharField(
        _("input format"), max_length=8, choices=Format.choices, default=Format.TEXT
    )
    text = models.TextField(
        _("clean text"), help_text=_("Cleaned text; every offset points into it.")
    )
    # Kept by the database so that the span triggers need not read the whole text.
    text_length = models.GeneratedField(
        expression=Length("text"),
        output_field=models.PositiveIntegerField(),
        db_persist=True,
        verbose_name=_("text length"),
    )
    content_hash = models.CharField(
        _("content hash"),
        max_length=64,
        unique=True,
        help_text=_("sha256 of the clean text; the same article is stored once."),
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    outlet = models.CharField(
        _("outlet"), max_length=200, blank=True, help_text=_("e.g. Global Happenings")
    )
    original_publisher = models.CharField(
        _("original publisher"),
        max_length=200,
        blank=True,
        help_text=_('From a "Source: X" line, e.g. El Comercio'),
    )
    language = models.CharField(_("language"), max_length=16, blank=True, default="en")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ArticleStatus.choices,
        default=ArticleStatus.QUEUED,
        db_index=True,
    )
    error = models.TextField(_("error"), blank=True)
    pipeline_version = models.CharField(_("pipeline version"), max_length=32, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    enqueued_at = models.DateTimeField(
        _("enqueued at"),
        null=True,
        blank=True,
        help_text=_("When the article was last handed to the broker; empty if that failed."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
        ]

    def __str__(self):
        return self.title or f"Article {self.pk}"


class Sentence(models.Model):
    """A sentence of an article: ``article.text[start:end]``."""

    Role = models.TextChoices("Role", [(r, r.capitalize()) for r in ROLES])

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sentences")
    index = models.PositiveIntegerField(_("index"))
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default="body")
    score = models.FloatField(_("check-worthiness"), default=0.0)

    class Meta:
        ordering = ["article", "index"]
        constraints = [
            models.UniqueConstraint(fields=["article", "index"], name="sentence_unique_index"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="sentence_span_order"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="sentence_score_range"
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

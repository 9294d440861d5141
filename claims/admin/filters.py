"""Filters of the claim queue."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from claims.models import Article
from claims.ratings import rating_choices
from claims.services.workflow.rules import DECIDE, REVIEW


class QueueFilter(admin.SimpleListFilter):
    """Flagged (caption/boilerplate) and superseded claims stay out of the queue unless asked."""

    title = _("shown")
    parameter_name = "shown"

    def lookups(self, request, model_admin):
        return [
            ("flagged", _("Flagged (caption or boilerplate)")),
            ("superseded", _("Superseded by a newer pipeline")),
            ("all", _("Everything")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "flagged":
            return queryset.filter(flagged=True)
        if value == "superseded":
            return queryset.filter(superseded_at__isnull=False)
        if value == "all":
            return queryset
        return queryset.filter(flagged=False, superseded_at__isnull=True)

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["query_string"] == changelist.get_query_string(remove=[self.parameter_name]):
                choice["display"] = _("Review queue")
            yield choice


class AssigneeFilter(admin.SimpleListFilter):
    title = _("assignee")
    parameter_name = "assignee"

    def lookups(self, request, model_admin):
        people = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(groups__permissions__codename__in=[p.split(".")[1] for p in (REVIEW, DECIDE)])
            )
            .distinct()
            .order_by("username")
        )
        return [
            ("me", _("Me (my queue)")),
            ("none", _("Nobody")),
            *((str(u.pk), u.get_username()) for u in people),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(assignee=request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value and value.isdigit():
            return queryset.filter(assignee_id=int(value))
        return queryset


class ArticleFilter(admin.SimpleListFilter):
    """The latest articles, plus whichever one is chosen (e.g. from an article's page)."""

    title = _("article")
    parameter_name = "article"
    shown = 15

    def lookups(self, request, model_admin):
        latest = list(
            Article.objects.only("pk", "title").order_by("-created_at", "-id")[: self.shown]
        )
        chosen = self.value()
        if chosen and chosen.isdigit() and all(str(a.pk) != chosen for a in latest):
            latest += list(Article.objects.only("pk", "title").filter(pk=int(chosen)))
        return [(str(a.pk), str(a)[:60]) for a in latest]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(article_id=int(value))
        return queryset


class ScoreFilter(admin.SimpleListFilter):
    title = _("check-worthiness")
    parameter_name = "score"
    RANGES = {
        "high": (0.8, None, _("High (0.8 and above)")),
        "medium": (0.5, 0.8, _("Medium (0.5 to 0.8)")),
        "low": (0.2, 0.5, _("Low (0.2 to 0.5)")),
        "minimal": (None, 0.2, _("Minimal (below 0.2)")),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (_low, _high, label) in self.RANGES.items()]

    def queryset(self, request, queryset):
        if self.value() not in self.RANGES:
            return queryset
        low, high, _label = self.RANGES[self.value()]
        if low is not None:
            queryset = queryset.filter(score__gte=low)
        if high is not None:
            queryset = queryset.filter(score__lt=high)
        return queryset


class RatingFilter(admin.SimpleListFilter):
    title = _("current rating")
    parameter_name = "rating"

    def lookups(self, request, model_admin):
        return [*rating_choices(), ("none", _("No verdict yet"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(current_rating__isnull=True)
        if value:
            return queryset.filter(current_rating=value)
        return queryset

"""Admin for dataset releases: create one from a form, follow its progress, retry."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from claims.models import DatasetRelease, ReleaseStatus
from claims.pipeline.types import KINDS
from claims.releases.scale import release_scale
from claims.releases.services import release_check, release_create
from claims.services.errors import DomainError


def _rating_choices():
    return [(r.code, r.label) for r in release_scale()]


class ReleaseCreateForm(forms.ModelForm):
    """The version and the filters of a new release."""

    approved_from = forms.DateField(
        label=_("approved from"), required=False, help_text=_("YYYY-MM-DD, inclusive, UTC")
    )
    approved_to = forms.DateField(label=_("approved to"), required=False)
    kinds = forms.MultipleChoiceField(
        label=_("kinds"), required=False, choices=[(k, k) for k in KINDS]
    )
    ratings = forms.MultipleChoiceField(label=_("ratings"), required=False, choices=_rating_choices)
    outlets = forms.CharField(
        label=_("outlets"), required=False, help_text=_("Comma-separated, e.g. Daily Ledger")
    )
    languages = forms.CharField(label=_("languages"), required=False, help_text=_("e.g. en,fr"))

    class Meta:
        model = DatasetRelease
        fields = ["version"]

    def release_filters(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) for name in (
            "approved_from", "approved_to", "kinds", "ratings", "outlets", "languages"
        ) if data.get(name)}  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if "version" in cleaned:
            try:
                release_check(version=cleaned["version"], filters=self.release_filters())
            except DomainError as exc:
                for field, errors in exc.fields.items():
                    self.add_error(field if field in self.fields else None, errors)
                if not exc.fields:
                    raise ValidationError(exc.message, code=exc.code) from None
        return cleaned

    def _post_clean(self):
        # The service validates and saves; the model instance is not built here.
        pass


@admin.register(DatasetRelease)
class DatasetReleaseAdmin(admin.ModelAdmin):
    list_display = [
        "version", "status", "progress_bar", "claim_count", "created_by", "created_at",
        "published_at",
    ]  # fmt: skip
    list_filter = ["status"]
    search_fields = ["version"]
    ordering = ["-major", "-minor", "-patch", "-id"]
    actions = ["retry"]
    fieldsets = [
        (None, {"fields": ["version", "status", "progress_bar", "error", "file_links"]}),
        (_("Contents"), {"fields": ["filters", "claim_count", "source_count", "counts"]}),
        (
            _("Advanced"),
            {
                "classes": ["collapse"],
                "fields": [
                    "location", "snapshot_at", "created_by", "created_at", "started_at",
                    "heartbeat_at", "published_at",
                ],
            },
        ),
    ]  # fmt: skip
    readonly_fields = [
        "version", "status", "progress_bar", "error", "file_links", "filters", "claim_count",
        "source_count", "counts", "location", "snapshot_at", "created_by", "created_at",
        "started_at", "heartbeat_at", "published_at",
    ]  # fmt: skip

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ReleaseCreateForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": [
                "version", "approved_from", "approved_to", "kinds", "ratings", "outlets",
                "languages",
            ]})]  # fmt: skip
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Published releases are immutable; only failed attempts may be cleared away.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status == ReleaseStatus.FAILED)

    def save_model(self, request, obj, form, change):
        release = release_create(
            version=form.cleaned_data["version"], filters=form.release_filters(), user=request.user
        )
        obj.pk = release.pk

    def log_addition(self, request, obj, message):
        return super().log_addition(request, DatasetRelease.objects.get(pk=obj.pk), message)

    @admin.display(description=_("progress"))
    def progress_bar(self, obj):
        return format_html(
            '<progress value="{}" max="100"></progress> {}%', obj.progress, obj.progress
        )

    @admin.display(description=_("files"))
    def file_links(self, obj):
        if obj.status != ReleaseStatus.PUBLISHED:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> — {} bytes — sha256 <code>{}</code></li>',
                (
                    (reverse("releases:file", args=[obj.pk, f["name"]]), f["name"], f["bytes"],
                     f["sha256"])
                    for f in obj.files
                ),
            ),
        )  # fmt: skip

    @admin.action(description=_("Retry the selected failed releases"), permissions=["add"])
    def retry(self, request, queryset):
        for release in queryset.filter(status=ReleaseStatus.FAILED):
            try:
                release_create(version=release.version, filters=release.filters, user=request.user)
            except DomainError as exc:
                self.message_user(request, f"{release.version}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, f"{release.version}: started again.", messages.SUCCESS)

"""The claim queue and the claim page."""

from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claims.admin import filters
from claims.admin.claim_page import ClaimPage
from claims.admin.forms import ClaimActionForm, ClaimCorrectionForm
from claims.models import CORRECTABLE_FIELDS, Claim, ClaimStatus
from claims.ratings import rating_label
from claims.selectors import claim_queryset
from claims.selectors.claims import ARTICLE_BODY
from claims.services.errors import DomainError
from claims.services.workflow import (
    claim_bulk_assign,
    claim_bulk_dismiss,
    claim_bulk_start_review,
    claim_correct,
    rules,
)


@admin.register(Claim)
class ClaimAdmin(ClaimPage, admin.ModelAdmin):
    """The review queue: every write goes through a workflow service."""

    list_display = [
        "short_text",
        "kind",
        "figure",
        "status",
        "rating",
        "assignee",
        "score",
        "article",
    ]
    list_display_links = ["short_text"]
    list_filter = [
        filters.QueueFilter,
        "status",
        "kind",
        filters.AssigneeFilter,
        filters.ArticleFilter,
        "article__outlet",
        filters.ScoreFilter,
        filters.RatingFilter,
    ]
    list_select_related = ["article", "assignee"]
    # Counts per status come from one query (see _status_counts); the admin's facets cost
    # one aggregate per filter option and grow with the table.
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    # The unfiltered total is one more COUNT over the whole table; the status bar has it.
    show_full_result_count = False
    search_fields = ["text", "counted", "speaker", "quote", "article__title"]
    search_help_text = _("Words in the claim, what it counts, the speaker or the article title.")
    ordering = ["-score", "id"]
    actions = ["assign_selected", "start_review_selected", "dismiss_selected"]
    action_form = ClaimActionForm
    form = ClaimCorrectionForm
    fieldsets = [
        (
            _("Normalised fields"),
            {
                "fields": [
                    "kind",
                    ("value", "value_min", "value_max", "qualifier"),
                    ("counted", "unit"),
                    ("actor", "location"),
                    ("speaker", "speaker_role", "speech_verb"),
                    "quote",
                    "version",
                ],
                "description": _(
                    "Corrections are kept beside the extractor's values and count towards "
                    "its measured precision."
                ),
            },
        ),
    ]

    # --- queue ----------------------------------------------------------------------

    def get_queryset(self, request):
        return claim_queryset().defer(*ARTICLE_BODY)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _("Review queue"), **(extra_context or {})}
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            context["status_counts"] = self._status_counts(request, context["cl"])
        return response

    def _status_counts(self, request, changelist) -> list[dict]:
        """One query: how many claims of each status the other filters leave."""
        status_filter = next(
            f for f in changelist.filter_specs if "status__exact" in f.expected_parameters()
        )
        queryset = changelist.get_queryset(
            request, exclude_parameters=status_filter.expected_parameters()
        )
        counts = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
        chosen = request.GET.get("status__exact")
        return [
            {
                "status": status,
                "label": label,
                "count": counts.get(status, 0),
                "selected": chosen == status,
                "url": changelist.get_query_string({"status__exact": status}),
            }
            for status, label in ClaimStatus.choices
        ]

    @admin.display(description=_("claim"), ordering="text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 100 else obj.text[:99] + "…"

    @admin.display(description=_("figure or speaker"))
    def figure(self, obj):
        if obj.kind == Claim.Kind.QUOTE:
            return obj.speaker or "—"
        value = "—" if obj.value is None else f"{obj.value:g}"
        qualifier = obj.get_qualifier_display() if obj.qualifier not in ("", "exact") else ""
        return " ".join(p for p in (qualifier, value, obj.unit, obj.counted) if p)

    @admin.display(description=_("rating"), ordering="current_rating")
    def rating(self, obj):
        return rating_label(obj.current_rating) if obj.current_rating else "—"

    # --- bulk actions ---------------------------------------------------------------

    def has_decide_permission(self, request):
        return rules.is_editor(request.user)

    @admin.action(description=_("Assign to the assignee chosen above"), permissions=["decide"])
    def assign_selected(self, request, queryset):
        self._bulk(request, claim_bulk_assign, queryset, assignee=request.POST.get("assignee"))

    @admin.action(description=_("Start review"), permissions=["decide"])
    def start_review_selected(self, request, queryset):
        self._bulk(request, claim_bulk_start_review, queryset)

    @admin.action(description=_("Dismiss with the reason chosen above"), permissions=["decide"])
    def dismiss_selected(self, request, queryset):
        self._bulk(request, claim_bulk_dismiss, queryset, reason=request.POST.get("reason"))

    def _bulk(self, request, service, queryset, **params) -> None:
        try:
            done = service(
                claim_ids=queryset.values_list("pk", flat=True), user=request.user, **params
            )
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        self.message_user(
            request,
            ngettext("%(n)d claim changed.", "%(n)d claims changed.", len(done)) % {"n": len(done)},
            messages.SUCCESS,
        )

    # --- corrections through the change form ------------------------------------------

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Claims are dismissed, never deleted: their verdicts and history must stay.
        return False

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or rules.may_edit(request.user, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            # Raised by the service under the row lock; the admin's transaction rolled back.
            self.message_user(request, exc.message, messages.ERROR)
            return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f in CORRECTABLE_FIELDS}
        if changes:
            saved = claim_correct(
                claim_id=obj.pk, user=request.user, version=form.cleaned_data["version"], **changes
            )
            obj.version = saved.version

"""The claim page's workflow: buttons and forms posting to small views that each call one
service and turn a refusal into an error message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.admin import forms, rendering
from claims.admin.dashboard import DashboardView
from claims.models import CORRECTABLE_FIELDS, Claim, ClaimAction
from claims.selectors import (
    claim_available_actions,
    claim_current_verdict,
    claim_get,
    claim_pending_verdict,
    claim_timeline,
)
from claims.services.errors import DomainError
from claims.services.workflow import (
    claim_assign,
    claim_take,
    claim_transition,
    claim_unassign,
    comment_add,
    source_add,
    source_remove,
)

SUCCESS = {
    ClaimAction.START_REVIEW: gettext_lazy("Review started."),
    ClaimAction.PROPOSE: gettext_lazy("Verdict proposed. Another person must approve it."),
    ClaimAction.APPROVE: gettext_lazy("Verdict approved: the claim is verified."),
    ClaimAction.REJECT: gettext_lazy("Proposal sent back to review."),
    ClaimAction.DISMISS: gettext_lazy("Claim dismissed."),
    ClaimAction.REOPEN: gettext_lazy("Claim reopened for review."),
}
# Input kept across the redirect after a refusal, so nothing typed is lost.
KEPT_INPUT = "claims:kept-input:{}"


class ClaimPage(DashboardView):
    """Mixed into ClaimAdmin: the claim page's context, its POST views and their URLs."""

    change_form_template = "admin/claims/claim/change_form.html"
    change_list_template = "admin/claims/claim/change_list.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        name = "claims_claim_{}".format
        own = [
            path("dashboard/", wrap(self.dashboard_view), name=name("dashboard")),
            path("my-queue/", wrap(self.my_queue_view), name=name("my_queue")),
            path(
                "<int:object_id>/transition/<str:action>/",
                wrap(self.transition_view),
                name=name("transition"),
            ),
            path("<int:object_id>/take/", wrap(self.take_view), name=name("take")),
            path("<int:object_id>/assign/", wrap(self.assign_view), name=name("assign")),
            path("<int:object_id>/unassign/", wrap(self.unassign_view), name=name("unassign")),
            path(
                "<int:object_id>/sources/add/", wrap(self.source_add_view), name=name("source_add")
            ),
            path(
                "<int:object_id>/sources/<int:source_id>/remove/",
                wrap(self.source_remove_view),
                name=name("source_remove"),
            ),
            path(
                "<int:object_id>/comments/add/",
                wrap(self.comment_add_view),
                name=name("comment_add"),
            ),
        ]
        return own + super().get_urls()

    # --- the page --------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        try:
            claim = claim_get(claim_id=object_id)
        except DomainError:
            return super().change_view(request, object_id, form_url, extra_context)
        if not self.has_view_or_change_permission(request, claim):
            return super().change_view(request, object_id, form_url, extra_context)
        context = {**self.claim_page_context(request, claim), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    def claim_page_context(self, request, claim: Claim) -> dict:
        index, around = claim.sentence.index, rendering.CONTEXT_SENTENCES
        sentences = list(
            claim.article.sentences.filter(
                index__gte=index - around, index__lte=index + around
            ).order_by("index")
        )
        actions = claim_available_actions(claim=claim, user=request.user)
        kept = request.session.pop(KEPT_INPUT.format(claim.pk), None)
        version = {"version": claim.version}

        def form(name, form_class, **initial):
            if kept and kept["form"] == name:
                bound = form_class({**kept["data"], **version})
                bound.is_valid()
                return bound
            return form_class(initial={**version, **initial})

        transition_forms = {
            action: form(action, forms.TRANSITION_FORMS[action])
            for action in ClaimAction.values
            if action in actions
        }
        return {
            "claim": claim,
            "context_html": rendering.claim_in_context(claim, sentences),
            "article_html": rendering.text_with_spans(
                claim.article.text, [(claim.start, claim.end, "#claim-context", claim.text)]
            ),
            "sources": list(claim.sources.all()),
            "repeated_by": list(claim.duplicates.order_by("id").values_list("id", flat=True)),
            "verdicts": list(claim.verdicts.all()),
            "current_verdict": claim_current_verdict(claim),
            "pending_verdict": claim_pending_verdict(claim),
            "timeline": claim_timeline(claim=claim),
            "actions": actions,
            "transition_forms": [
                (action, ClaimAction(action).label, f) for action, f in transition_forms.items()
            ],
            "assign_form": form("assign", forms.AssignForm, assignee=claim.assignee_id),
            "source_form": form("source", forms.SourceForm),
            "comment_form": form("comment", forms.CommentForm),
            "extracted_rows": _extracted_rows(claim),
        }

    def my_queue_view(self, request):
        query = "assignee=me&status__in=new,in_review,proposed"
        return redirect(f"{reverse('admin:claims_claim_changelist')}?{query}")

    # --- POST views ------------------------------------------------------------------

    def transition_view(self, request, object_id, action):
        if action not in forms.TRANSITION_FORMS:
            raise Http404(_("Unknown action."))
        return self._post(
            request,
            object_id,
            action,
            forms.TRANSITION_FORMS[action],
            lambda claim, data: claim_transition(
                claim_id=claim.pk, user=request.user, action=action, **_without_blanks(data)
            ),
            SUCCESS[action],
        )

    def take_view(self, request, object_id):
        return self._post(
            request,
            object_id,
            "take",
            forms.VersionForm,
            lambda claim, data: claim_take(claim_id=claim.pk, user=request.user, **data),
            _("The claim is yours."),
        )

    def assign_view(self, request, object_id):
        return self._post(
            request,
            object_id,
            "assign",
            forms.AssignForm,
            lambda claim, data: claim_assign(claim_id=claim.pk, user=request.user, **data),
            _("Claim assigned."),
        )

    def unassign_view(self, request, object_id):
        return self._post(
            request,
            object_id,
            "unassign",
            forms.VersionForm,
            lambda claim, data: claim_unassign(claim_id=claim.pk, user=request.user, **data),
            _("The claim is unassigned."),
        )

    def source_add_view(self, request, object_id):
        return self._post(
            request,
            object_id,
            "source",
            forms.SourceForm,
            lambda claim, data: source_add(claim_id=claim.pk, user=request.user, **data),
            _("Source added."),
            anchor="sources",
        )

    def source_remove_view(self, request, object_id, source_id):
        def remove(claim, data):
            if not claim.sources.filter(pk=source_id).exists():
                raise Http404(_("No such source on this claim."))
            source_remove(source_id=source_id, user=request.user)

        return self._post(
            request,
            object_id,
            "source_remove",
            forms.EmptyForm,
            remove,
            _("Source removed."),
            anchor="sources",
        )

    def comment_add_view(self, request, object_id):
        return self._post(
            request,
            object_id,
            "comment",
            forms.CommentForm,
            lambda claim, data: comment_add(claim_id=claim.pk, user=request.user, **data),
            _("Comment added."),
            anchor="timeline",
        )

    def _post(self, request, object_id, name, form_class, call, success, anchor="workflow"):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = Claim.objects.filter(pk=object_id).first()
        if claim is None:
            raise Http404(_("No such claim."))
        if not self.has_view_permission(request, claim):
            raise PermissionDenied
        page = reverse("admin:claims_claim_change", args=[claim.pk]) + f"#{anchor}"
        form = form_class(request.POST)
        if not form.is_valid():
            self._keep_input(request, claim, name, request.POST)
            self.message_user(request, _form_errors(form), messages.ERROR)
            return HttpResponseRedirect(page)
        try:
            call(claim, form.cleaned_data)
        except DomainError as exc:
            self._keep_input(request, claim, name, request.POST)
            self.message_user(request, exc.message, messages.ERROR)
        else:
            self.message_user(request, success, messages.SUCCESS)
        return HttpResponseRedirect(page)

    def _keep_input(self, request, claim, name, data) -> None:
        kept = {k: v for k, v in data.items() if k not in ("csrfmiddlewaretoken", "version")}
        request.session[KEPT_INPUT.format(claim.pk)] = {"form": name, "data": kept}


def _without_blanks(data: dict) -> dict:
    """Optional form fields left empty mean "use the default" to the services."""
    return {k: v for k, v in data.items() if v not in (None, "") or k == "version"}


def _form_errors(form) -> str:
    errors = form.errors.get_json_data()
    return _("Not done: ") + "; ".join(
        f"{form.fields[name].label if name in form.fields else name}: "
        + " ".join(e["message"] for e in items)
        for name, items in errors.items()
    )


def _extracted_rows(claim: Claim) -> list[dict]:
    rows = []
    for name in CORRECTABLE_FIELDS:
        original, current = claim.extracted.get(name), getattr(claim, name)
        if original in (None, "") and current in (None, ""):
            continue
        if name == "kind":
            original, current = _kind_label(original), _kind_label(current)
        rows.append(
            {
                "field": Claim._meta.get_field(name).verbose_name,
                "extracted": _shown(original),
                "current": _shown(current),
                "corrected": name in claim.corrected_fields,
            }
        )
    return rows


def _kind_label(kind: str | None) -> str | None:
    return Claim.Kind(kind).label if kind in Claim.Kind.values else kind


def _shown(value) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

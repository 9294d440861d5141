"""Forms of the claim page. They only convert input; the services decide what is allowed."""

from django import forms
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from claims.models import (
    CORRECTABLE_FIELDS,
    FIGURE_KINDS,
    MAX_ROW_ID,
    Claim,
    ClaimAction,
    DismissalReason,
    Source,
)
from claims.ratings import rating_choices

STALE = _(
    "Someone else changed this claim while you were editing it (you started from version "
    "%(yours)s, it is now version %(current)s). Your changes were not saved; reload the "
    "page to see theirs."
)


def reviewers():
    """Active users who can take claims: reviewers, editors and admins."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__codename="review_claim"))
        .distinct()
        .order_by("username")
    )


class EmptyForm(forms.Form):
    """A button that sends nothing but itself."""


class VersionForm(forms.Form):
    """Every write on the page says which version of the claim it was based on."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ProposeForm(VersionForm):
    rating = forms.ChoiceField(label=_("Rating"), choices=rating_choices)
    rationale = forms.CharField(
        label=_("Rationale"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for “unverifiable”: say what was tried."),
    )
    valid_as_of = forms.DateTimeField(
        label=_("Valid as of"),
        required=False,
        help_text=_("Leave empty for now. e.g. 2024-06-01 12:00"),
    )


class RejectForm(VersionForm):
    comment = forms.CharField(
        label=_("What should change?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DismissForm(VersionForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=DismissalReason.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    duplicate_of = forms.IntegerField(
        label=_("Duplicate of claim"),
        required=False,
        min_value=1,
        max_value=MAX_ROW_ID,
        help_text=_("For a duplicate: the id of the claim it repeats."),
    )


class ReopenForm(VersionForm):
    reason = forms.CharField(label=_("Why reopen?"), widget=forms.Textarea(attrs={"rows": 3}))


TRANSITION_FORMS = {
    ClaimAction.START_REVIEW: VersionForm,
    ClaimAction.PROPOSE: ProposeForm,
    ClaimAction.APPROVE: VersionForm,
    ClaimAction.REJECT: RejectForm,
    ClaimAction.DISMISS: DismissForm,
    ClaimAction.REOPEN: ReopenForm,
}


class AssignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=reviewers())


class SourceForm(forms.Form):
    url = forms.CharField(label=_("URL"), max_length=2000, help_text="https://example.org/report")
    stance = forms.ChoiceField(label=_("Stance"), choices=Source.Stance.choices)
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)
    published_at = forms.DateTimeField(label=_("Published at"), required=False)
    accessed_at = forms.DateTimeField(
        label=_("Accessed at"), required=False, help_text=_("Leave empty for now.")
    )
    excerpt = forms.CharField(
        label=_("Excerpt"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    archived_url = forms.CharField(
        label=_("Archived copy"),
        max_length=2000,
        required=False,
        help_text="https://web.archive.org/web/…",
    )


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class ClaimCorrectionForm(forms.ModelForm):
    """The normalised fields, with the version the reviewer started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Claim
        fields = list(CORRECTABLE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        kind = self.fields.get("kind")
        if kind is not None:
            if self.instance.kind in FIGURE_KINDS:
                kind.choices = [(k, label) for k, label in kind.choices if k in FIGURE_KINDS]
            elif self.instance.pk:
                kind.disabled = True  # a quote stays a quote

    def clean(self):
        cleaned = super().clean()
        yours = cleaned.get("version")
        if self.instance.pk and yours is not None and yours != self.instance.version:
            raise forms.ValidationError(
                STALE,
                code="stale_version",
                params={"yours": yours, "current": self.instance.version},
            )
        return cleaned


class ClaimActionForm(ActionForm):
    """The bulk-action bar, with what assign and dismiss need."""

    assignee = forms.ModelChoiceField(label=_("Assignee"), queryset=reviewers(), required=False)
    reason = forms.ChoiceField(
        label=_("Dismissal reason"),
        choices=[("", "—"), *DismissalReason.choices],
        required=False,
    )

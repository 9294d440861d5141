"""The claim page: context, fields, sources, verdicts, timeline and workflow buttons."""

import re

import pytest
from django.urls import reverse

from claims.admin.claims import ClaimAdmin
from claims.admin.forms import ClaimCorrectionForm
from claims.models import Claim, ClaimStatus
from claims.services.workflow import claim_correct, comment_add, source_add
from tests.support.workflow import advance, make_article, make_claim, make_quote_claim

pytestmark = pytest.mark.django_db

HOSTILE = (
    "Officials said 12 people died. "
    'Police said 3 people were arrested after the <script>alert("x")</script> protest. '
    "\"We won't back down,\" said organiser Maria O'Neill & co."
)
FORMS = {
    "take-form",
    "assign-form",
    "unassign-form",
    "source-form",
    "comment-form",
    "transition-start_review",
    "transition-propose",
    "transition-approve",
    "transition-reject",
    "transition-dismiss",
    "transition-reopen",
}


def page(client, claim):
    response = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert response.status_code == 200
    return response.content.decode()


def forms_on(html) -> set[str]:
    return {f for f in re.findall(r'<form [^>]*id="([\w-]+)"', html) if f in FORMS}


def post(client, claim, name, *args, **data):
    url = reverse(f"admin:claims_claim_{name}", args=[claim.pk, *args])
    return client.post(url, data, follow=True).content.decode()


def test_the_claim_is_marked_in_its_sentence_and_the_article_text_is_escaped(client_for):
    claim = make_claim(
        make_article(HOSTILE),
        span="3",
        kind="count",
        value=3,
        value_min=3,
        value_max=3,
        qualifier="exact",
        counted="people arrested",
    )
    html = page(client_for("reviewer"), claim)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "O&#x27;Neill &amp; co." in html
    context = html[html.index('id="claim-context"') : html.index('id="workflow"')]
    assert '<strong class="claim-sentence">Police said <mark>3</mark> people were arrested' in (
        context
    )
    assert "Officials said 12 people died." in context  # the sentence before, as context


def test_the_page_shows_fields_sources_verdicts_and_the_timeline(client_for, desk):
    claim = advance(make_claim(), "in_review", desk)
    claim = claim_correct(claim_id=claim.pk, user=desk.reviewer, version=claim.version, value=8)
    source_add(
        claim_id=claim.pk,
        user=desk.reviewer,
        url="https://example.org/<b>",
        stance="mixed",
        title="Report <i>one</i>",
        excerpt="He said <b>8</b>.",
    )
    comment_add(claim_id=claim.pk, user=desk.editor, body="Call the <u>ministry</u>.")
    claim = advance(claim, "verified", desk)
    html = page(client_for("editor"), claim)
    assert 'id="claim-status">Verified<' in html
    assert "people killed" in html  # a normalised field
    assert re.search(r'<tr class="corrected"><td>Value</td><td>7</td><td>8 \(corrected\)', html)
    assert "Report &lt;i&gt;one&lt;/i&gt;" in html and "He said &lt;b&gt;8&lt;/b&gt;." in html
    assert 'href="https://example.org/%3Cb%3E"' in html
    assert re.search(r'<tr class="verdict verdict-approved current">\s*<td><strong>True', html)
    assert "Call the &lt;u&gt;ministry&lt;/u&gt;." in html
    assert "Corrected value: 7 → 8" in html and "Approved: True" in html


@pytest.mark.parametrize(
    ("status", "role", "expected"),
    [
        ("new", "reviewer", {"take-form", "transition-start_review", "comment-form"}),
        (
            "new",
            "editor",
            {
                "take-form",
                "assign-form",
                "transition-start_review",
                "transition-dismiss",
                "source-form",
                "comment-form",
            },
        ),
        (
            "in_review",
            "reviewer",
            {
                "unassign-form",
                "transition-propose",
                "transition-dismiss",
                "source-form",
                "comment-form",
            },
        ),
        ("proposed", "reviewer", {"unassign-form", "comment-form"}),
        (
            "proposed",
            "editor",
            {
                "take-form",
                "assign-form",
                "unassign-form",
                "transition-approve",
                "transition-reject",
                "comment-form",
            },
        ),
        ("verified", "reviewer", {"comment-form"}),
        ("verified", "admin", {"transition-reopen", "comment-form"}),
        ("dismissed", "editor", {"transition-reopen", "comment-form"}),
    ],
)
def test_only_the_transitions_a_person_may_perform_get_a_button(
    client_for, desk, status, role, expected
):
    claim = advance(make_claim(), status, desk)
    assert forms_on(page(client_for(role), claim)) == expected


def test_a_reviewer_walks_a_claim_to_a_proposal_and_an_editor_approves(client_for, desk):
    claim = make_claim()
    reviewer, editor = client_for("reviewer"), client_for("editor")
    assert "The claim is yours." in post(reviewer, claim, "take", version=1)
    assert "Review started." in post(reviewer, claim, "transition", "start_review", version=2)
    html = post(reviewer, claim, "source_add", url="https://example.org/r", stance="supports")
    assert "Source added." in html
    html = post(reviewer, claim, "transition", "propose", version=3, rating="mostly_true")
    assert "Another person must approve it." in html
    html = post(reviewer, claim, "transition", "approve", version=4)
    assert "Only editors and admins can approve claims." in html
    html = post(editor, claim, "transition", "approve", version=4)
    assert "the claim is verified" in html
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.VERIFIED


def test_a_refused_proposal_keeps_what_was_typed(client_for, desk):
    claim = advance(make_claim(), "in_review", desk)
    html = post(
        client_for("reviewer"),
        claim,
        "transition",
        "propose",
        version=claim.version,
        rating="false",
        rationale="The <b>ministry</b> denies it.",
    )
    assert "needs at least one source" in html
    assert "The &lt;b&gt;ministry&lt;/b&gt; denies it.</textarea>" in html
    assert re.search(r'<option value="false" selected>', html)
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.IN_REVIEW
    # The kept input is shown once.
    assert "denies it.</textarea>" not in page(client_for("reviewer"), claim)


def test_a_bad_source_url_is_refused_with_the_reason(client_for, desk):
    claim = advance(make_claim(), "in_review", desk)
    html = post(
        client_for("reviewer"),
        claim,
        "source_add",
        url="javascript:alert(1)",
        stance="supports",
        title="Trick",
    )
    assert "Enter an http or https URL." in html
    assert 'value="Trick"' in html
    assert not claim.sources.exists()


def test_a_button_pressed_on_an_outdated_page_is_refused(client_for, desk):
    claim = advance(make_claim(), "proposed", desk)
    editor, admin = client_for("editor"), client_for("admin")
    post(admin, claim, "transition", "reject", version=claim.version, comment="Weak.")
    html = post(editor, claim, "transition", "approve", version=claim.version)
    assert "changed by someone else" in html
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.IN_REVIEW


def _correction(claim, **changes):
    fields = {
        "version": claim.version,
        "kind": claim.kind,
        "value": "7",
        "value_min": "7",
        "value_max": "",
        "qualifier": "at_least",
        "counted": "people killed",
    }
    return {**fields, **changes}


def test_two_sessions_editing_the_same_claim_the_second_save_is_refused(client_for, desk):
    claim = advance(make_claim(), "in_review", desk)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    first, second = client_for("reviewer"), client_for("editor")
    first.get(url)
    second.get(url)  # both opened the page at the same version
    saved = first.post(url, _correction(claim, value="8", value_min="8"))
    assert saved.status_code == 302
    refused = second.post(url, _correction(claim, counted="civilians killed"))
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Someone else changed this claim while you were editing it" in html
    assert 'value="civilians killed"' in html  # their input is still in the form
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.value, claim.counted, claim.version) == (8, "people killed", 3)


def test_the_service_refuses_a_stale_save_even_past_the_form(client_for, desk, monkeypatch):
    claim = advance(make_claim(), "in_review", desk)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    monkeypatch.setattr(ClaimCorrectionForm, "clean", lambda self: self.cleaned_data)
    client_for("reviewer").post(url, _correction(claim, value="8", value_min="8"))
    response = client_for("editor").post(url, _correction(claim, counted="civilians"), follow=True)
    assert "changed by someone else" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).counted == "people killed"


def test_a_correction_saved_through_the_form_is_kept_beside_the_original(client_for, desk):
    claim = advance(make_claim(), "in_review", desk)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    client_for("reviewer").post(url, _correction(claim, value="9", qualifier="exact"))
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.value, claim.qualifier, claim.corrected_fields) == (
        9,
        "exact",
        ["value", "qualifier"],
    )
    assert claim.extracted["value"] == 7
    assert claim.history.latest().history_user == desk.reviewer


def test_a_figures_kind_is_corrected_on_the_page_among_the_figure_kinds(client_for, desk):
    claim = advance(make_claim(kind="count"), "in_review", desk)
    html = page(client_for("reviewer"), claim)
    kinds = html[html.index('name="kind"') : html.index("</select>", html.index('name="kind"'))]
    assert re.findall(r'<option value="(\w+)"', kinds) == ["casualty", "count", "numeric"]
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    client_for("reviewer").post(url, _correction(claim, kind="casualty"))
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.kind, claim.corrected_fields, claim.extracted["kind"]) == (
        "casualty",
        ["kind"],
        "count",
    )
    html = page(client_for("reviewer"), claim)
    assert re.search(
        r'<tr class="corrected"><td>Kind</td><td>Count</td><td>Casualty \(corrected\)', html
    )


def test_a_quotes_kind_is_shown_but_not_editable(client_for, desk):
    claim = advance(make_quote_claim(), "in_review", desk)
    html = page(client_for("reviewer"), claim)
    select = html[html.index('name="kind"') - 200 : html.index('name="kind"') + 200]
    assert "disabled" in select
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    client_for("reviewer").post(url, {"version": claim.version, "kind": "count"})
    assert Claim.objects.get(pk=claim.pk).kind == "quote"


def test_people_who_may_not_correct_see_the_fields_read_only(client_for, desk):
    claim = advance(make_claim(), "in_review", desk)
    assert 'name="value"' in page(client_for("reviewer"), claim)
    assert 'name="value"' in page(client_for("editor"), claim)
    assert 'name="value"' not in page(client_for("other_reviewer"), claim)
    verified = advance(make_claim(claim.article, span="16", kind="count"), "verified", desk)
    assert 'name="value"' not in page(client_for("editor"), verified)
    assert not ClaimAdmin.has_add_permission(None, None)


def test_assigning_from_the_page(client_for, desk):
    claim = make_claim()
    html = post(client_for("editor"), claim, "assign", version=1, assignee=desk.other_reviewer.pk)
    assert "Claim assigned." in html
    assert Claim.objects.get(pk=claim.pk).assignee == desk.other_reviewer
    html = post(client_for("editor"), claim, "assign", version=2, assignee=desk.nobody.pk)
    assert "Select a valid choice" in html
    html = post(client_for("reviewer"), claim, "take", version=2)
    assert "already assigned to omar" in html


def test_commenting_from_the_page(client_for, desk):
    claim = advance(make_claim(), "verified", desk)
    html = post(client_for("other_reviewer"), claim, "comment_add", body="Seen <b>this</b>.")
    assert "Comment added." in html
    assert "Seen &lt;b&gt;this&lt;/b&gt;." in html
    html = post(client_for("other_reviewer"), claim, "comment_add", body="   ")
    assert "Not done: Comment: This field is required." in html


def test_a_duplicate_dismissed_on_the_page_links_to_its_original(client_for, desk):
    original = make_claim()
    claim = advance(make_claim(make_article()), "in_review", desk)
    html = post(
        client_for("reviewer"),
        claim,
        "transition",
        "dismiss",
        version=claim.version,
        reason="duplicate",
        duplicate_of=original.pk,
    )
    assert "Claim dismissed." in html
    link = reverse("admin:claims_claim_change", args=[original.pk])
    assert f'<a id="claim-duplicate-of" href="{link}">claim {original.pk}</a>' in html
    repeated = page(client_for("reviewer"), original)
    link = reverse("admin:claims_claim_change", args=[claim.pk])
    assert f'<dd id="claim-repeated-by"><a href="{link}">claim {claim.pk}</a></dd>' in repeated
    other = advance(make_claim(make_article()), "in_review", desk)
    html = post(
        client_for("reviewer"),
        other,
        "transition",
        "dismiss",
        version=other.version,
        reason="duplicate",
        duplicate_of=10**9,
    )
    assert f"There is no other claim {10**9}" in html
    assert Claim.objects.get(pk=other.pk).status == "in_review"


def test_claims_are_dismissed_never_deleted_even_by_an_admin(client_for, desk):
    claim = advance(make_claim(), "verified", desk)
    response = client_for("admin").post(
        reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()
    listing = client_for("admin").get(reverse("admin:claims_claim_changelist"))
    assert "delete_selected" not in listing.content.decode()

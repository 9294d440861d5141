"""A claim goes from new to verified in a real browser, with two people."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from claims.models import Claim, ClaimStatus
from tests.support.workflow import PASSWORD, make_article, make_claim, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
HOSTILE = (
    'Police said 3 people were arrested after the <script>alert("x")</script> protest. '
    '"We will not back down," said organiser Maria O\'Neill.'
)


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username)


def test_a_reviewer_proposes_and_a_different_editor_approves(live_server, browser):
    reviewer = make_user("reviewer", "rita", password=True)
    editor = make_user("editor", "edna", password=True)
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
    claim_url = f"{live_server.url}/admin/claims/claim/{claim.pk}/change/"
    dialogs = []

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, live_server.url, "rita")

    page.goto(f"{live_server.url}/admin/claims/claim/")
    page.get_by_role("link", name="3", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/claim/{claim.pk}/change/"))
    page.get_by_role("button", name="Assign to me").click()
    expect(page.locator("#claim-assignee")).to_have_text("rita")
    page.get_by_role("button", name="Start review").click()
    expect(page.locator("#claim-status")).to_have_text("In review")

    page.fill("#source-form [name=url]", "https://police.example.org/statements/protest")
    page.select_option("#source-form [name=stance]", "supports")
    page.fill("#source-form [name=title]", "Police statement on the protest")
    page.get_by_role("button", name="Add source").click()
    expect(page.locator("#sources tr.source")).to_have_count(1)

    page.select_option("#transition-propose [name=rating]", "true")
    page.fill("#transition-propose [name=rationale]", "The police statement gives 3 arrests.")
    page.get_by_role("button", name="Propose verdict").click()
    expect(page.locator("#claim-status")).to_have_text("Proposed")
    expect(page.locator("#transition-approve")).to_have_count(0)

    # Posting the approval anyway is refused by the server too.
    page.evaluate(
        """([url, version]) => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = url;
            const token = document.querySelector("[name=csrfmiddlewaretoken]").value;
            for (const [name, value] of [["csrfmiddlewaretoken", token], ["version", version]]) {
                const input = document.createElement("input");
                input.type = "hidden"; input.name = name; input.value = value;
                form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
        }""",
        [f"/admin/claims/claim/{claim.pk}/transition/approve/", page.inner_text("#claim-version")],
    )
    expect(page.locator(".messagelist .error")).to_contain_text("Only editors and admins")
    expect(page.locator("#claim-status")).to_have_text("Proposed")
    page.close()

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, live_server.url, "edna")
    page.goto(claim_url)
    expect(page.locator("#transition-approve")).to_have_count(1)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist .success")).to_contain_text("verified")
    expect(page.locator("#claim-status")).to_have_text("Verified")
    expect(page.locator("#current-verdict")).to_contain_text("True")
    expect(page.locator("#claim-context")).to_contain_text('<script>alert("x")</script>')
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "claim-page-verified.png"), full_page=True)

    page.get_by_role("link", name="Review queue").click()
    page.locator(".status-counts a[data-status=verified]").click()
    row = page.locator("#result_list tbody tr").filter(has_text="people arrested")
    expect(row).to_contain_text("Verified")
    expect(row.locator("td.field-rating")).to_have_text("True")
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"), full_page=True)

    page.get_by_role("link", name="Dashboard").first.click()
    expect(page.locator("#chart-ratings svg rect")).to_have_count(1)
    expect(page.locator("#chart-precision")).to_contain_text("no reviews")
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    page.close()

    assert dialogs == []  # the hostile article text never ran as script
    claim = Claim.objects.get(pk=claim.pk)
    verdict = claim.verdicts.get(is_current=True)
    assert claim.status == ClaimStatus.VERIFIED
    assert (verdict.proposed_by, verdict.approved_by) == (reviewer, editor)

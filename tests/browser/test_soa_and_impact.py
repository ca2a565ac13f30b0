"""The treatment chain in a real browser: an impact assessment whose finding becomes a risk, is submitted and
approved (and then frozen); a Statement of Applicability that is created, completed, submitted, approved, followed by
a new draft and compared with the approved version."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_a_manager_assesses_impacts_turns_a_finding_into_a_risk_and_approves_the_frozen_version(
    page: Page, live_server, personas, sign_in, screenshot, aisystem_factory
):
    system = aisystem_factory(name="Claims triage")
    sign_in(personas.manager)
    page.goto(system.get_absolute_url())
    page.locator("main .nav-tabs").get_by_role("link", name="EU AI Act").click()
    page.get_by_role("button", name="Impact assessment", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Claims triage")

    page.get_by_label("Fairness and equal treatment: Impact").fill(
        "Claims from older customers are flagged more often."
    )
    page.get_by_label("Fairness and equal treatment: Likelihood").select_option("4")
    page.get_by_label("Fairness and equal treatment: Severity").select_option("4")
    page.get_by_label("Fairness and equal treatment: Mitigation").fill("Quarterly fairness test across age bands.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").first).to_be_visible()

    page.get_by_role("row", name=re.compile("^Fairness")).get_by_role("button", name="Add to risks").click()
    expect(page.get_by_role("row", name=re.compile("^Fairness")).get_by_role("link", name="R-001")).to_be_visible()

    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("main")).to_contain_text("Answer every question before submitting")
    questions = page.locator("textarea[name^=q_]")
    for index in range(questions.count()):  # the prefilled answers stay; the open ones are answered now
        if not questions.nth(index).input_value():
            questions.nth(index).fill("Reviewed with the claims team.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("In review")
    page.get_by_label("Note (optional)").fill("Fairness test plan agreed with the claims team.")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator("main")).to_contain_text(f"Approved by {personas.manager.get_full_name()}")
    expect(page.get_by_label("Fairness and equal treatment: Impact")).to_be_disabled()
    expect(page.get_by_role("button", name="Save draft")).to_have_count(0)
    screenshot("impact-assessment-approved")

    page.get_by_role("navigation", name="Journey to certification").get_by_role("link", name="Risks").click()
    expect(page.get_by_role("link", name=re.compile("Fairness"))).to_be_visible()


def test_a_manager_approves_the_soa_starts_a_new_draft_and_compares_it_with_the_approved_version(
    page: Page, live_server, personas, sign_in, screenshot
):
    from styring.controls.models import SoAEntry
    from styring.controls.soa import soa_draft, soa_entry_update

    sign_in(personas.manager)
    page.goto(f"/o/{personas.org_a.slug}/soa/")
    expect(page.get_by_role("heading", name="No Statement of Applicability yet")).to_be_visible()
    page.get_by_role("button", name="Create the Statement of Applicability").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("version 1")

    # 37 decisions made earlier; the last one, the AI policy, is made in the browser
    soa = soa_draft(organisation=personas.org_a, actor=personas.manager)
    for entry in SoAEntry.objects.filter(soa=soa).exclude(requirement__ref="A.2.2"):
        soa_entry_update(entry=entry, actor=personas.manager, applicable=True, justification_type="risk_treatment",
                         justification="Treats our AI risks.")  # fmt: skip
    page.reload()
    page.get_by_role("row", name=re.compile(r"^A\.2\.2 ")).get_by_role("link", name="Edit").click()
    page.get_by_label("Applicable").select_option(label="Yes, included")
    page.get_by_label("Reason", exact=True).select_option(index=1)
    page.get_by_label("Justification").fill("Our AI policy is approved by the board.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("row", name=re.compile(r"^A\.2\.2 "))).to_contain_text("Our AI policy is approved")

    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Submitted")
    page.get_by_role("button", name="Approve this version").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Approved")
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    screenshot("soa-approved", full_page=False)

    page.get_by_role("button", name="Start a new draft").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("version 2")
    page.get_by_role("row", name=re.compile(r"^A\.2\.2 ")).get_by_role("link", name="Edit").click()
    page.get_by_label("Applicable").select_option(label="No, excluded")
    page.get_by_label("Justification").fill("Covered by the group policy.")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Compare versions").click()
    expect(page.locator("main")).to_contain_text("1 control differs.")
    expect(page.get_by_role("row", name=re.compile(r"^A\.2\.2 "))).to_contain_text("Covered by the group policy.")
    screenshot("soa-compare", full_page=False)

"""The AIMS scope in a real browser: define it, leave a system out with a reason, submit, approve; a system added
later is flagged as not yet placed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_a_manager_defines_and_approves_the_scope_and_sees_a_later_system_flagged(
    page: Page, live_server, personas, sign_in, screenshot, aisystem_factory
):
    aisystem_factory(name="Claims triage")
    aisystem_factory(name="Marketing copy assistant")
    sign_in(personas.manager)
    page.get_by_role("navigation", name="Journey to certification").get_by_role(
        "link", name="Scope and context"
    ).click()
    expect(page.get_by_role("heading", name="No scope yet")).to_be_visible()
    page.get_by_role("button", name="Define the scope").click()
    page.get_by_role("link", name="Edit the draft").click()
    page.get_by_label("Scope statement").fill("AI used in claims handling and customer service in Norway.")
    page.get_by_label("Marketing copy assistant", exact=True).select_option(label="Out of scope")
    page.get_by_label("Reason for Marketing copy assistant").fill("Run by the group's marketing function.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Submit for approval").click()
    page.get_by_role("button", name="Approve").first.click()
    expect(page.locator("main")).to_contain_text("Approved")
    screenshot("scope-approved", full_page=False)

    aisystem_factory(name="Fraud scoring")
    page.goto(f"/o/{personas.org_a.slug}/context/")
    expect(page.locator("main")).to_contain_text("Fraud scoring")
    expect(page.locator("main")).to_contain_text("not yet placed")

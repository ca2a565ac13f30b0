"""Documents in a real browser: adopt the starter AI policy, complete and approve it, send it to staff, and a staff
member reads and acknowledges it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_a_manager_adopts_approves_and_publishes_the_ai_policy_and_a_viewer_acknowledges_it(
    page: Page, live_server, personas, sign_in, screenshot
):
    sign_in(personas.manager)
    page.get_by_role("navigation", name="Journey to certification").get_by_role(
        "link", name="Policies and documents"
    ).click()
    expect(page.get_by_role("heading", name="No documents yet")).to_be_visible()
    page.get_by_role("link", name="Starter AI policy and procedures").click()
    for checkbox in page.get_by_role("checkbox").all():
        checkbox.uncheck()
    page.get_by_role("checkbox", name="AI policy").check()
    page.get_by_role("button", name="Adopt the selected documents as drafts").click()
    expect(page.get_by_role("status").first).to_contain_text("1 documents adopted as drafts")

    page.get_by_role("link", name="AI policy", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("POL-001")
    expect(page.locator("article")).to_contain_text("Acme AS")
    page.get_by_role("link", name=re.compile(r"Version 1 \(Draft\)")).click()
    page.get_by_role("link", name="Edit", exact=True).click()
    body = page.get_by_label("Text (Markdown)")
    body.fill(body.input_value().replace("[to be completed: effective date]", "1 January 2027"))
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("In review")
    page.get_by_role("button", name="Approve this version").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Approved")
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Controlled PDF")).to_be_visible()

    page.get_by_role("checkbox", name="Viewer").check()
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Sent to 1 people")
    screenshot("document-approved", full_page=False)

    page.context.clear_cookies()
    sign_in(personas.viewer)
    page.get_by_role("link", name=re.compile("My tasks")).click()
    page.get_by_role("link", name=re.compile("Read and acknowledge: POL-001")).click()
    page.get_by_role("button", name="I have read and understood this document").click()
    expect(page.get_by_role("status").first).to_contain_text("your acknowledgement is recorded")
    page.get_by_role("link", name="POL-001").click()
    page.get_by_role("link", name="Acknowledgements").click()
    expect(page.get_by_role("row", name=re.compile("v1"))).to_contain_text("1 of 1")
    screenshot("document-acknowledged", full_page=False)

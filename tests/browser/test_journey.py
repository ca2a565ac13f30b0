"""The main journey in a real browser: sign in, record an AI system, find it in the list and in its history."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SYSTEM_NAME = "Claims triage assistant"


def test_a_contributor_signs_in_creates_an_ai_system_and_sees_it_in_the_list_and_its_history(
    page: Page, live_server, personas, sign_in, screenshot
):
    contributor = personas.contributor

    sign_in(contributor)
    expect(page).to_have_url(f"{live_server.url}/o/acme/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acme AS")

    sidebar = page.get_by_role("navigation", name="Journey to certification")
    sidebar.get_by_role("link", name="AI systems", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/o/acme/ai-systems/")
    expect(page.get_by_role("heading", level=1)).to_have_text("AI systems")
    # The sidebar marks where we are.
    expect(sidebar.get_by_role("link", name="AI systems", exact=True)).to_have_attribute("aria-current", "page")

    page.get_by_role("link", name="Add the first one").click()
    expect(page).to_have_url(f"{live_server.url}/o/acme/ai-systems/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("New AI system")

    page.get_by_role("textbox", name=re.compile(r"^Name\b")).fill(SYSTEM_NAME)
    page.get_by_role("textbox", name=re.compile(r"^Purpose and intended use\b")).fill(
        "Sorts incoming insurance claims by urgency for the claims team."
    )
    page.get_by_label("Lifecycle stage").select_option(label="Operation")
    page.get_by_label("Sourcing").select_option(label="Bought or licensed AI system")
    page.get_by_label("Vendor or supplier").fill("Example Vendor AS")
    page.get_by_role("checkbox", name="AI customer").check()
    page.get_by_role("checkbox", name="Deployer").check()
    page.get_by_label("Processes personal data").check()
    page.get_by_label("Criticality").select_option(label="High")
    page.get_by_role("button", name="Create AI system").click()

    # The detail page.
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/o/acme/ai-systems/[0-9a-f-]{{36}}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(SYSTEM_NAME)
    expect(page.get_by_role("status")).to_contain_text("AI system created.")
    facts = page.locator("main")
    expect(facts).to_contain_text("Operation")
    expect(facts).to_contain_text("Bought or licensed AI system · Example Vendor AS")
    expect(facts).to_contain_text("AI customer")
    expect(facts).to_contain_text("Deployer")
    detail_url = page.url

    # The list.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="AI systems").click()
    expect(page).to_have_url(f"{live_server.url}/o/acme/ai-systems/")
    row = page.get_by_role("row").filter(has_text=SYSTEM_NAME)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Operation")
    screenshot("ai-system-list")

    # The history tab.
    row.get_by_role("link", name=SYSTEM_NAME).click()
    expect(page).to_have_url(detail_url)
    page.get_by_role("link", name="History").click()
    expect(page).to_have_url(f"{detail_url}?tab=history")
    expect(page.get_by_role("link", name="History")).to_have_attribute("aria-current", "page")
    entries = page.locator("ol.history > li")
    expect(entries).to_have_count(1)
    expect(entries.first).to_contain_text(f"Created by {contributor.email}")
    screenshot("ai-system-history")


def test_the_layout_works_on_a_phone_sized_screen(page: Page, live_server, personas, sign_in, screenshot):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(personas.contributor)
    expect(page).to_have_url(f"{live_server.url}/o/acme/")

    sidebar = page.get_by_role("navigation", name="Journey to certification")
    expect(sidebar).to_be_hidden()
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    # Nothing spills sideways on a narrow screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    menu.click()
    offcanvas = page.locator("#sidebar")
    expect(offcanvas).to_have_class(re.compile(r"\bshow\b"))
    expect(sidebar).to_be_visible()
    expect(sidebar.get_by_role("link", name="AI systems", exact=True)).to_be_visible()
    page.wait_for_function("!document.querySelector('#sidebar').classList.contains('showing')")
    # The open menu is a fixed overlay, so the viewport is what the user sees (a full-page capture would show the
    # page continuing below it).
    screenshot("mobile-menu", full_page=False)

    page.get_by_role("dialog", name="Acme AS").get_by_role("button", name="Close").click()
    expect(sidebar).to_be_hidden()


def test_keyboard_users_reach_the_skip_link_first(page: Page, live_server, personas, sign_in):
    sign_in(personas.contributor)
    expect(page).to_have_url(f"{live_server.url}/o/acme/")

    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to content")
    expect(focused).to_have_attribute("href", "#main")
    expect(focused).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/o/acme/#main")
    expect(page.locator(":focus")).to_have_id("main")


def test_the_list_header_does_not_cover_the_first_row_on_a_narrow_screen(
    page: Page, live_server, personas, sign_in, aisystem_factory
):
    aisystem_factory(name="Claims triage assistant")
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(personas.contributor)
    page.goto("/o/acme/ai-systems/")

    header = page.get_by_role("columnheader").first.bounding_box()
    first_cell = page.get_by_role("cell").first.bounding_box()
    assert header["y"] + header["height"] <= first_cell["y"] + 1

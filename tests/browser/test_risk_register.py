"""The risk register in a real browser: copy typical risks from the library, read the heat maps, filter by a cell,
rate the residual risk and accept it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_a_manager_builds_the_register_from_the_library_and_accepts_a_treated_risk(
    page: Page, live_server, personas, sign_in, screenshot
):
    sign_in(personas.manager)
    page.get_by_role("navigation", name="Journey to certification").get_by_role("link", name="Risks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("AI risks")
    expect(page.get_by_role("heading", name="No risks recorded yet")).to_be_visible()

    page.get_by_role("link", name="Starter library").click()
    page.get_by_role("checkbox", name=re.compile("Unfair outcomes for some groups")).check()
    page.get_by_role("checkbox", name=re.compile("Manipulated inputs take control")).check()
    page.get_by_role("checkbox", name=re.compile("Generated content is wrong but convincing")).check()
    page.get_by_role("button", name="Copy the selected risks into the register").click()
    expect(page.get_by_role("status").first).to_contain_text("3 risks copied into the register")
    expect(page.get_by_role("row")).to_have_count(4)
    screenshot("risk-register", full_page=False)

    # the hallucination risk is rated likely × moderate (4 × 3): click that cell of the inherent heat map
    page.get_by_role("link", name=re.compile(r"^Likelihood Likely, impact Moderate, level High: 1 risks")).first.click()
    expect(page.get_by_role("row")).to_have_count(2)
    page.get_by_role("link", name="Generated content is wrong but convincing (hallucination)").click()

    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Residual likelihood").select_option(label="2 · Unlikely")
    page.get_by_label("Residual impact").select_option(label="2 · Minor")
    page.get_by_label("Treatment", exact=True).select_option(label="Modify (reduce with controls)")
    page.get_by_role("button", name="Save").click()
    page.get_by_label("Why is the remaining risk acceptable?").fill("Answers are grounded in approved sources.")
    page.get_by_role("button", name="Accept the residual risk").click()
    expect(page.get_by_role("status").first).to_contain_text("Risk accepted.")
    expect(page.locator("main")).to_contain_text(f"Accepted by {personas.manager.get_full_name()}")
    screenshot("risk-accepted", full_page=False)

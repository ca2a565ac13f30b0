"""A spreadsheet import in a real browser: upload, see the problems, fix the mapping, queue every row."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CSV = (
    "Name;Purpose and intended use;Stage (old tool);Lifecycle stage\n"
    "Claims triage;Sorts claims;Live;Operation\n"
    "Chatbot;Answers customers;Pilot;Testing and validation\n"
)


def test_a_contributor_imports_a_spreadsheet_after_fixing_the_column_mapping(
    page: Page, live_server, personas, sign_in, screenshot, tmp_path, settings
):
    settings.DATA_DIR = tmp_path
    source = tmp_path / "inventory.csv"
    source.write_text(CSV, encoding="utf-8")
    sign_in(personas.contributor)
    page.goto("/o/acme/discovery/add/")
    page.get_by_role("link", name="Import a spreadsheet").first.click()
    page.get_by_label("File").set_input_files(str(source))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name=re.compile("2 rows: match the columns"))).to_be_visible()
    page.get_by_label("Field for column Stage (old tool)").select_option(label="Lifecycle stage")
    page.get_by_role("button", name="Check again with this mapping").click()
    expect(page.locator("main")).to_contain_text("Two columns are mapped to this field")
    page.get_by_label("Field for column Stage (old tool)").select_option(label="Ignore this column")
    page.get_by_role("button", name="Check again with this mapping").click()
    expect(page.locator("main")).to_contain_text("No problems found.")
    screenshot("inventory-import-preview", full_page=False)
    page.get_by_role("button", name="Send 2 AI systems to the review queue").click()
    expect(page.get_by_role("status").first).to_contain_text("2 AI systems sent to the review queue.")
    expect(page.get_by_role("link", name="Claims triage")).to_be_visible()

"""An EU AI Act assessment in a real browser: the questionnaire reveals questions as they become relevant, shows
the outcome live, and saves an explained, dated result."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_a_contributor_assesses_a_credit_scoring_system_and_sees_why_it_is_high_risk(
    page: Page, live_server, personas, sign_in, screenshot, aisystem_factory
):
    system = aisystem_factory(name="Credit scoring", purpose="Scores private loan applicants.")
    sign_in(personas.contributor)
    page.goto(f"/o/acme/ai-systems/{system.public_id}/?tab=ai-act")
    expect(page.get_by_role("heading", name="Not assessed yet")).to_be_visible()
    page.get_by_role("link", name="Assess under the EU AI Act").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EU AI Act assessment of Credit scoring")

    form = page.locator("#questionnaire")

    def settled():
        expect(page.locator("#questionnaire.htmx-request")).to_have_count(0)

    def answer(question: str, label: str, role: str = "radiogroup"):
        group = form.get_by_role(role, name=re.compile("^" + re.escape(question)))
        group.get_by_label(label, exact=True).check()
        settled()

    expect(form.get_by_text("Which roles does your organisation play")).to_have_count(0)
    answer("Is the system placed on the market", "Yes")
    expect(form.get_by_text("Which roles does your organisation play")).to_be_visible()
    for question in (
        "Is the system used exclusively for military",
        "Was the system developed and put into service solely",
        "Is the system still only being researched",
        "Is the system used only by individuals",
        "Is the system released under a free and open-source licence",
    ):
        answer(question, "No")
    answer("Which roles does your organisation play", "Deployer: we use it under our own authority", "group")
    answer("Does the system do any of the following?", "None of these", "group")
    answer("Is the system itself a product", "No")
    answer(
        "Is the system intended to be used for any of these purposes?",
        "Evaluating creditworthiness or establishing a credit score (Annex III(5)(b))",
        "group",
    )
    answer("Is the credit-related system used only to detect financial fraud?", "No")
    answer("Does the system profile people", "Yes")
    # a deployer of a high-risk system is asked whether it has taken over the provider's role (Art. 25)
    for question in (
        "Do you put your name",
        "Have you substantially modified",
        "Have you changed the intended purpose",
    ):
        answer(question, "No")
    for question in (
        "Does the system interact directly with people",
        "Does the system generate synthetic audio",
        "Is the system used to recognise emotions",
        "Is the system used to generate or manipulate images",
        "Is the system used to generate or manipulate text",
    ):
        answer(question, "No")
    answer("What kind of organisation uses the system?", "Another private organisation")

    outcome = page.get_by_test_id("ai-act-class")
    expect(outcome).to_have_text("High-risk")
    expect(page.get_by_text("FRIA required").first).to_be_visible()
    outcome.scroll_into_view_if_needed()
    screenshot("ai-act-questionnaire", full_page=False)

    page.get_by_role("button", name="Save assessment").click()
    expect(page).to_have_url(re.compile(r"/o/acme/eu-ai-act/assessments/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("status").first).to_contain_text("Assessment saved: High-risk.")
    main = page.locator("main")
    expect(main).to_contain_text("Carry out a fundamental rights impact assessment")
    expect(main).to_contain_text("An Annex III system that profiles people is always high-risk")
    expect(main.get_by_role("link", name="Art. 27", exact=True).first).to_be_visible()
    screenshot("ai-act-assessment", full_page=False)

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Credit scoring").click()
    expect(page.locator("main").get_by_role("link", name="EU AI Act", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.locator("main")).to_contain_text("Keep the logs for at least six months")

"""Business software with embedded AI: the data file and turning a selection into candidates."""

from __future__ import annotations

import json
import textwrap
from typing import get_args

import pytest

from styring.inventory.discovery.datafiles import DataFileError, parse_model
from styring.inventory.discovery.software_catalog import (
    AiActClass,
    AiActRole,
    IsoRole,
    LifecycleStage,
    SoftwareCatalogFile,
    candidates_from_selection,
    load_software_catalog,
)
from styring.inventory.discovery.software_catalog import Category as SoftwareCategory

REQUIRED_PRODUCTS = [
    "microsoft-365-copilot", "dynamics-365-copilot", "github-copilot", "salesforce-einstein-agentforce",
    "hubspot-breeze", "servicenow-now-assist", "workday-ai", "sap-joule", "zendesk-ai", "adobe-firefly-sensei",
    "google-workspace-gemini", "zoom-ai-companion", "slack-ai", "atlassian-intelligence", "notion-ai", "grammarly",
    "deepl", "canva-magic-studio", "miro-ai", "intercom-fin", "freshworks-freddy", "oracle-fusion-ai", "ibm-watsonx",
    "personio", "hibob", "linkedin-recruiter-ai", "teams-premium-intelligent-recap", "chatgpt-enterprise",
    "claude-for-work", "midjourney",
]  # fmt: skip


def test_the_shipped_file_has_at_least_25_products_with_unique_ids():
    products = load_software_catalog()
    ids = [product.id for product in products]
    assert len(ids) >= 25
    assert len(ids) == len(set(ids))
    assert set(REQUIRED_PRODUCTS) <= set(ids)


def test_the_catalog_is_read_once_per_process():
    assert load_software_catalog() is load_software_catalog()


def test_every_product_has_features_data_and_an_ai_act_hint():
    for product in load_software_catalog():
        assert product.ai_features, product.id
        assert all(feature.description.endswith(".") for feature in product.ai_features), product.id
        assert product.data.description
        assert product.ai_act.note
        assert product.lifecycle_stage == "operation"
        assert "deployer" in product.ai_act_roles


def test_every_category_is_used():
    used = {product.category for product in load_software_catalog()}
    assert used == set(get_args(SoftwareCategory))


def test_recruiting_products_are_flagged_as_annex_iii_point_4():
    products = {product.id: product for product in load_software_catalog()}
    for product_id in ("workday-ai", "linkedin-recruiter-ai", "personio"):
        assert products[product_id].ai_act.likely_class == "high_risk"
        assert "4(a)" in products[product_id].ai_act.annex_iii
    for product in products.values():
        if product.category == "hr":
            assert any(point.startswith("4(") for point in product.ai_act.annex_iii), product.id
    assert products["intercom-fin"].ai_act.likely_class == "transparency"
    assert products["grammarly"].ai_act.likely_class == "minimal"


def test_literal_values_are_those_of_the_inventory_choices():
    from styring.inventory import choices

    assert set(get_args(IsoRole)) == set(choices.IsoRole.values)
    assert set(get_args(AiActRole)) == set(choices.AiActRole.values)
    assert set(get_args(LifecycleStage)) == set(choices.LifecycleStage.values)
    assert set(get_args(AiActClass)) <= set(choices.AiActClass.values)


def test_a_selection_becomes_candidate_dicts_in_the_order_given():
    candidates = candidates_from_selection(["workday-ai", "github-copilot", "workday-ai"])
    assert [candidate["key"] for candidate in candidates] == ["workday-ai", "github-copilot"]
    workday = candidates[0]
    assert workday["source"] == "software_catalog"
    assert workday["suggested_name"] == "Workday AI (HCM and recruiting)"
    assert workday["suggested_sourcing"] == "embedded"
    assert workday["suggested_supplier"] == "Workday"
    assert workday["suggested_iso_roles"] == ["customer"]
    assert workday["suggested_ai_act_roles"] == ["deployer"]
    assert workday["suggested_lifecycle_stage"] == "operation"
    assert workday["suggested_processes_personal_data"] is True
    assert workday["ai_act_likely_class"] == "high_risk"
    assert "Candidate grading and matching" in workday["suggested_purpose"]
    assert json.loads(json.dumps(candidates)) == candidates


def test_candidates_share_the_suggestion_keys_of_manifest_candidates():
    from styring.inventory.discovery.manifests import scan_manifest

    manifest_keys = set(scan_manifest("requirements.txt", b"openai\n").candidates[0].to_dict())
    software_keys = set(candidates_from_selection(["chatgpt-enterprise"])[0])
    shared = {"source", "key", "name", "vendor", "category", "category_label", "description"}
    shared |= {key for key in manifest_keys if key.startswith("suggested_")}
    assert shared <= software_keys


def test_an_empty_selection_gives_no_candidates():
    assert candidates_from_selection([]) == []


def test_an_unknown_id_is_refused_naming_it():
    with pytest.raises(ValueError, match="unknown business software id: 'no-such-product'"):
        candidates_from_selection(["slack-ai", "no-such-product"])
    with pytest.raises(ValueError, match="ids: 'x', 'y'"):
        candidates_from_selection(["x", "slack-ai", "y"])


def test_a_single_string_is_not_taken_for_a_list_of_ids():
    with pytest.raises(TypeError):
        candidates_from_selection("slack-ai")


PRODUCT = """\
  - id: example
    product: Example
    vendor: Example Ltd
    category: productivity
    sourcing: embedded
    summary: An example.
    ai_features:
      - name: Drafting
        description: Drafts text.
    data:
      description: Text.
      personal_data: likely
      special_category_data: unlikely
    ai_act:
      likely_class: minimal
      note: Minimal risk.
"""


def load(text: str) -> SoftwareCatalogFile:
    return parse_model(textwrap.dedent(text), SoftwareCatalogFile, "business_software.yaml")


def test_a_minimal_product_gets_the_usual_deployer_defaults():
    product = load("schema_version: 1\nproducts:\n" + PRODUCT).products[0]
    assert (product.iso_roles, product.ai_act_roles, product.lifecycle_stage) == (
        ["customer"],
        ["deployer"],
        "operation",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version: 1\nproducts:\n" + PRODUCT + PRODUCT, "duplicate ids: example"),
        ("schema_version: 1\nproducts:\n" + PRODUCT.replace("productivity", "gaming"), "category"),
        ("schema_version: 1\nproducts:\n" + PRODUCT.replace("personal_data: likely", "personal_data: yes"), "personal"),
        (
            "schema_version: 1\nproducts:\n" + PRODUCT.replace("likely_class: minimal", "likely_class: high_risk"),
            "Annex",
        ),
        ("schema_version: 1\nproducts:\n" + PRODUCT.replace("sourcing: embedded", "sourcing: stolen"), "sourcing"),
        ("schema_version: 1\nproducts:\n" + PRODUCT + "    ai_act_roles: [deployer, deployer]\n", "role twice"),
        ("schema_version: 1\nproducts:\n" + PRODUCT + "    website: https://x\n", "website"),
        ("schema_version: 1\nproducts: []\n", "products"),
    ],
)
def test_a_malformed_file_is_refused_with_file_path_and_reason(text, message):
    with pytest.raises(DataFileError, match=message) as caught:
        load(text)
    assert str(caught.value).startswith("business_software.yaml: ")

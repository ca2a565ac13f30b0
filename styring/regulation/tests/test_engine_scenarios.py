"""Scenarios for the EU AI Act rules: realistic systems and the class, FRIA duty, reasons and dated obligations the
rules give them. Each scenario starts from a system that answers "no" (or "none of these") everywhere and changes
only what makes it special, so a scenario shows exactly which answers decide its outcome."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from styring.catalog.loader import DATA_DIR
from styring.regulation.engine import evaluate, obligations, outcome, reasons
from styring.regulation.examples import NOTHING_APPLIES

EU_AI_ACT_FILE = DATA_DIR / "frameworks" / "eu-ai-act-2024-1689.yaml"
DATES = {entry["key"]: entry["date"] for entry in yaml.safe_load(EU_AI_ACT_FILE.read_text())["dates"]}

BASELINE = NOTHING_APPLIES

HIGH_RISK_PROVIDER_DUTIES = {
    "hr-risk-management",
    "hr-data-governance",
    "hr-technical-documentation",
    "hr-record-keeping",
    "hr-instructions",
    "hr-human-oversight",
    "hr-accuracy-robustness",
    "hr-qms",
    "hr-logs-retention",
    "hr-conformity-assessment",
    "hr-declaration-ce",
    "hr-post-market-monitoring",
    "hr-serious-incidents-provider",
    "hr-corrective-actions",
}
HIGH_RISK_DEPLOYER_DUTIES = {
    "deployer-instructions",
    "deployer-oversight",
    "deployer-input-data",
    "deployer-monitoring",
    "deployer-logs",
    "deployer-workers",
    "deployer-dpia",
}


def assess(**changes):
    answers = {**BASELINE, **changes}
    evaluation = evaluate(answers)
    assert evaluation.complete, (evaluation.missing, evaluation.errors)
    duties = {item["key"]: item for item in obligations(evaluation, DATES)}
    return evaluation, duties


def facts_of(evaluation) -> set[str]:
    return {key for key, value in evaluation.facts.items() if value}


def cited(evaluation) -> set[str]:
    return {ref for reason in reasons(evaluation) for ref in reason["cites"]}


# --- scope ------------------------------------------------------------------------------------------------------------


def test_a_system_whose_output_never_reaches_the_eu_is_out_of_scope_with_no_duties():
    evaluation, duties = assess(eu_link="no")
    assert evaluation.ai_act_class == "out_of_scope"
    assert duties == {}
    assert "Art. 2(1)" in cited(evaluation)


def test_exclusive_military_use_is_out_of_scope_even_if_later_answers_describe_a_banned_practice():
    evaluation, duties = assess(military="yes", practices=["Art. 5(1)(c)"])
    assert evaluation.ai_act_class == "out_of_scope"
    assert "practices" not in evaluation.answers
    assert "Art. 2(3)" in cited(evaluation) and duties == {}


def test_a_research_only_system_is_out_of_scope():
    evaluation, _ = assess(research_only="yes")
    assert evaluation.ai_act_class == "out_of_scope" and "Art. 2(6)" in cited(evaluation)


def test_a_system_still_in_development_before_release_is_out_of_scope():
    evaluation, _ = assess(pre_market="yes", roles=["provider"])
    assert evaluation.ai_act_class == "out_of_scope" and "Art. 2(8)" in cited(evaluation)


def test_purely_personal_use_is_out_of_scope():
    evaluation, _ = assess(personal_use="yes")
    assert evaluation.ai_act_class == "out_of_scope" and "Art. 2(10)" in cited(evaluation)


def test_an_open_source_system_with_no_duties_attached_is_out_of_scope_and_needs_no_ai_literacy_measures():
    evaluation, duties = assess(open_source="yes", roles=["provider"])
    assert evaluation.ai_act_class == "out_of_scope"
    assert "Art. 2(12)" in cited(evaluation) and duties == {}


def test_an_open_source_system_used_for_recruitment_is_still_high_risk():
    evaluation, _ = assess(open_source="yes", annex_iii_points=["Annex III(4)(a)"])
    assert evaluation.ai_act_class == "high_risk"
    assert "open_source_exempt" not in facts_of(evaluation)


def test_an_open_source_chatbot_keeps_its_transparency_duty():
    evaluation, duties = assess(open_source="yes", roles=["provider"], interacts_with_people="yes")
    assert evaluation.ai_act_class == "transparency" and "transparency-interaction" in duties


# --- prohibited practices ---------------------------------------------------------------------------------------------


def test_social_scoring_is_prohibited_from_february_2025_and_high_risk_answers_no_longer_count():
    evaluation, duties = assess(practices=["Art. 5(1)(c)"], annex_iii_points=["Annex III(4)(a)"])
    assert evaluation.ai_act_class == "prohibited"
    assert "annex_iii_points" not in evaluation.answers
    assert duties["stop-prohibited-practice"]["date"] == "2025-02-02"
    assert not HIGH_RISK_DEPLOYER_DUTIES & set(duties)


def test_emotion_inference_at_work_is_prohibited():
    evaluation, _ = assess(practices=["Art. 5(1)(f)"])
    assert evaluation.ai_act_class == "prohibited" and "Art. 5(1)(f)" in cited(evaluation)


def test_emotion_inference_for_safety_reasons_falls_outside_the_ban_but_is_high_risk_emotion_recognition():
    evaluation, _ = assess(
        practices=["Art. 5(1)(f)"], carveout_emotion_medical="yes", annex_iii_points=["Annex III(1)(c)"]
    )
    assert evaluation.ai_act_class == "high_risk"
    assert {"emotion_medical_carveout", "annex_iii_high_risk"} <= facts_of(evaluation)


def test_crime_prediction_supporting_a_fact_based_human_assessment_is_not_banned():
    evaluation, _ = assess(practices=["Art. 5(1)(d)"], carveout_crime_facts="yes")
    assert evaluation.ai_act_class == "minimal"
    assert "crime_facts_carveout" in facts_of(evaluation)


def test_crime_prediction_from_personality_traits_alone_is_banned():
    evaluation, _ = assess(practices=["Art. 5(1)(d)"])
    assert evaluation.ai_act_class == "prohibited"


def test_labelling_lawfully_acquired_biometric_datasets_is_not_banned_categorisation():
    evaluation, _ = assess(practices=["Art. 5(1)(g)"], carveout_biometric_labelling="yes")
    assert evaluation.ai_act_class != "prohibited"
    assert "biometric_labelling_carveout" in facts_of(evaluation)


def test_real_time_biometric_identification_for_an_allowed_objective_is_not_banned():
    evaluation, _ = assess(practices=["Art. 5(1)(h)"], carveout_rbi_objectives="yes")
    assert evaluation.ai_act_class != "prohibited"
    assert "rbi_objectives_carveout" in facts_of(evaluation)


def test_an_intimate_imagery_generator_without_safeguards_is_banned_from_december_2026():
    evaluation, duties = assess(roles=["provider"], practices=["Art. 5(1)(ba)"])
    assert evaluation.ai_act_class == "prohibited"
    assert duties["stop-prohibited-generation"]["date"] == "2026-12-02"
    assert "stop-prohibited-practice" not in duties


def test_a_general_image_generator_with_adequate_safeguards_is_not_banned_but_must_mark_its_output():
    evaluation, duties = assess(
        roles=["provider"],
        practices=["Art. 5(1)(ba)", "Art. 5(1)(bb)"],
        carveout_generation_safeguards="yes",
        generates_content="yes",
    )
    assert evaluation.ai_act_class == "transparency"
    assert "generation_safeguards_apply" in facts_of(evaluation)
    assert duties["transparency-marking"]["date"] == "2026-08-02"


# --- Annex III --------------------------------------------------------------------------------------------------------


def test_a_bought_cv_screening_tool_makes_the_deployer_carry_deployer_duties_from_december_2027():
    evaluation, duties = assess(annex_iii_points=["Annex III(4)(a)"])
    assert evaluation.ai_act_class == "high_risk" and not evaluation.fria_required
    assert set(duties) >= HIGH_RISK_DEPLOYER_DUTIES
    assert not HIGH_RISK_PROVIDER_DUTIES & set(duties)
    assert {duties[key]["date"] for key in HIGH_RISK_DEPLOYER_DUTIES} == {"2027-12-02"}
    assert "Annex III" in cited(evaluation)


def test_the_provider_of_a_cv_screening_tool_must_meet_the_requirements_and_register_it():
    _evaluation, duties = assess(roles=["provider"], annex_iii_points=["Annex III(4)(a)"])
    assert HIGH_RISK_PROVIDER_DUTIES | {"hr-registration"} <= set(duties)
    assert duties["hr-registration"]["ref"] == "Art. 49(1)"
    assert not HIGH_RISK_DEPLOYER_DUTIES & set(duties)


def test_a_bank_deploying_credit_scoring_must_carry_out_a_fria():
    evaluation, duties = assess(annex_iii_points=["Annex III(5)(b)"])
    assert evaluation.ai_act_class == "high_risk" and evaluation.fria_required
    assert duties["fria"]["ref"] == "Art. 27"


def test_an_insurer_pricing_life_insurance_must_carry_out_a_fria():
    evaluation, _ = assess(annex_iii_points=["Annex III(5)(c)"])
    assert evaluation.fria_required


def test_a_credit_tool_used_only_to_detect_fraud_is_not_high_risk():
    evaluation, _ = assess(annex_iii_points=["Annex III(5)(b)"], iii_fraud_only="yes")
    assert evaluation.ai_act_class == "minimal"
    assert "iii_fraud_excluded" in facts_of(evaluation)


def test_one_to_one_biometric_verification_is_not_high_risk():
    evaluation, _ = assess(annex_iii_points=["Annex III(1)(a)"], iii_verification_only="yes")
    assert evaluation.ai_act_class == "minimal"
    assert "iii_verification_excluded" in facts_of(evaluation)


def test_checking_travel_documents_and_campaign_logistics_tools_are_excluded_from_annex_iii():
    evaluation, _ = assess(
        annex_iii_points=["Annex III(7)(d)", "Annex III(8)(b)"], iii_travel_documents_only="yes", iii_not_exposed="yes"
    )
    assert evaluation.ai_act_class == "minimal"
    assert {"iii_travel_documents_excluded", "iii_not_exposed_excluded"} <= facts_of(evaluation)


def test_a_municipality_deciding_on_benefits_must_do_a_fria_and_register_its_use():
    evaluation, duties = assess(annex_iii_points=["Annex III(5)(a)"], deployer_type="public_authority")
    assert evaluation.fria_required
    assert duties["deployer-registration"]["ref"] == "Art. 49(3)"


def test_a_private_school_deciding_on_admission_provides_public_services_and_must_do_a_fria_without_registering():
    evaluation, duties = assess(annex_iii_points=["Annex III(3)(a)"], deployer_type="public_services")
    assert evaluation.fria_required
    assert "deployer-registration" not in duties


def test_critical_infrastructure_needs_no_fria_and_its_provider_registers_nationally():
    evaluation, duties = assess(
        roles=["provider", "deployer"], annex_iii_points=["Annex III(2)(a)"], deployer_type="public_authority"
    )
    assert evaluation.ai_act_class == "high_risk" and not evaluation.fria_required
    assert "hr-registration-national" in duties and "hr-registration" not in duties
    assert "deployer-registration" not in duties


def test_a_narrow_procedural_task_uses_the_derogation_and_the_provider_must_document_and_register_it():
    evaluation, duties = assess(
        roles=["provider"], annex_iii_points=["Annex III(4)(a)"], derogation_conditions=["Art. 6(3)(a)"]
    )
    assert evaluation.ai_act_class == "minimal"
    assert {"derogation-documentation", "derogation-registration"} <= set(duties)
    assert duties["derogation-registration"]["ref"] == "Art. 49(2)"
    assert not HIGH_RISK_PROVIDER_DUTIES & set(duties)


def test_profiling_people_overrides_the_derogation():
    evaluation, _duties = assess(
        roles=["provider"],
        annex_iii_points=["Annex III(4)(a)"],
        profiling="yes",
        derogation_conditions=["Art. 6(3)(a)"],
    )
    assert evaluation.ai_act_class == "high_risk"
    assert "derogation_conditions" not in evaluation.answers
    assert "profiling_override" in facts_of(evaluation)
    assert "Art. 6(3) third subparagraph" in cited(evaluation)


# --- Annex I ----------------------------------------------------------------------------------------------------------


def test_an_ai_safety_component_of_a_medical_device_is_high_risk_from_august_2028():
    evaluation, duties = assess(
        roles=["provider"],
        annex_i_product="yes",
        annex_i_act="Annex I Section A(11)",
        annex_i_form="safety_component",
        annex_i_third_party="yes",
    )
    assert evaluation.ai_act_class == "high_risk"
    assert {duties[key]["date"] for key in HIGH_RISK_PROVIDER_DUTIES} == {"2028-08-02"}


def test_an_ai_component_that_only_improves_convenience_and_cannot_endanger_safety_is_not_a_safety_component():
    evaluation, _ = assess(
        annex_i_product="yes",
        annex_i_act="Annex I Section A(1)",
        annex_i_form="safety_component",
        annex_i_assist_only="yes",
        annex_i_failure_endangers="no",
        annex_i_third_party="yes",
    )
    assert evaluation.ai_act_class == "minimal"
    assert "Art. 6(1a)" in cited(evaluation)


def test_an_assistive_ai_component_whose_failure_endangers_people_is_still_a_safety_component():
    evaluation, _ = assess(
        annex_i_product="yes",
        annex_i_act="Annex I Section A(4)",
        annex_i_form="safety_component",
        annex_i_assist_only="yes",
        annex_i_failure_endangers="yes",
        annex_i_third_party="yes",
    )
    assert evaluation.ai_act_class == "high_risk"


def test_a_third_party_assessment_needed_only_for_radio_spectrum_does_not_make_a_product_high_risk():
    evaluation, _ = assess(
        annex_i_product="yes",
        annex_i_act="Annex I Section A(6)",
        annex_i_form="product",
        annex_i_third_party="yes",
        annex_i_non_safety_only="yes",
    )
    assert evaluation.ai_act_class == "minimal" and "annex_i_non_safety_assessment" in facts_of(evaluation)


def test_a_product_without_third_party_assessment_is_not_high_risk_through_annex_i():
    evaluation, _ = assess(annex_i_product="yes", annex_i_act="Annex I Section A(2)", annex_i_form="product")
    assert evaluation.ai_act_class == "minimal" and "annex_i_no_third_party" in facts_of(evaluation)


def test_a_vehicle_system_under_annex_i_section_b_is_high_risk_with_duties_through_the_sector_law_only():
    evaluation, duties = assess(
        roles=["provider"],
        annex_i_product="yes",
        annex_i_act="Annex I Section B(18)",
        annex_i_form="safety_component",
        annex_i_third_party="yes",
    )
    assert evaluation.ai_act_class == "high_risk"
    assert "hr-sector-law" in duties and not HIGH_RISK_PROVIDER_DUTIES & set(duties)
    assert "Art. 2(2)" in cited(evaluation)


def test_a_system_high_risk_through_both_annexes_follows_the_earlier_annex_iii_date():
    _, duties = assess(
        roles=["provider"],
        annex_i_product="yes",
        annex_i_act="Annex I Section A(11)",
        annex_i_form="product",
        annex_i_third_party="yes",
        annex_iii_points=["Annex III(5)(d)"],
    )
    assert duties["hr-risk-management"]["date"] == "2027-12-02"


# --- value chain ------------------------------------------------------------------------------------------------------


def test_a_product_manufacturer_selling_a_high_risk_ai_component_under_its_name_is_its_provider():
    evaluation, duties = assess(
        roles=["product_manufacturer"],
        manufacturer_own_name="yes",
        annex_i_product="yes",
        annex_i_act="Annex I Section A(1)",
        annex_i_form="safety_component",
        annex_i_third_party="yes",
    )
    assert "became_provider_art25_3" in facts_of(evaluation)
    assert set(duties) >= HIGH_RISK_PROVIDER_DUTIES


def test_a_deployer_that_substantially_modifies_a_high_risk_system_becomes_its_provider():
    evaluation, duties = assess(annex_iii_points=["Annex III(4)(b)"], art25_substantial_modification="yes")
    assert "became_provider_art25_1" in facts_of(evaluation)
    assert set(duties) >= (HIGH_RISK_PROVIDER_DUTIES | HIGH_RISK_DEPLOYER_DUTIES)


def test_an_importer_must_verify_a_high_risk_system_before_placing_it_on_the_market():
    _, duties = assess(roles=["importer"], annex_iii_points=["Annex III(3)(b)"])
    assert set(duties) == {"importer-checks"}


def test_a_distributor_that_rebrands_a_high_risk_system_takes_on_the_providers_duties_instead_of_its_own():
    evaluation, duties = assess(roles=["distributor"], annex_iii_points=["Annex III(3)(b)"], art25_own_name="yes")
    assert "distributor-checks" not in duties
    assert set(duties) >= HIGH_RISK_PROVIDER_DUTIES
    assert "Art. 25(1)" in cited(evaluation)


# --- transparency -----------------------------------------------------------------------------------------------------


def test_a_customer_service_chatbot_bought_from_a_vendor_is_a_transparency_system_without_duties_of_its_own():
    evaluation, duties = assess(interacts_with_people="yes")
    assert evaluation.ai_act_class == "transparency"
    assert set(duties) == {"ai-literacy"}


def test_a_chatbot_provider_must_disclose_the_ai_from_august_2026():
    _, duties = assess(roles=["provider"], interacts_with_people="yes")
    assert duties["transparency-interaction"]["date"] == "2026-08-02"


def test_a_generative_system_already_on_the_market_has_until_december_2026_to_mark_its_output():
    _, duties = assess(roles=["provider"], generates_content="yes", generation_legacy="yes")
    assert duties["transparency-marking"]["date_key"] == "synthetic-content-marking-legacy"


def test_assistive_editing_is_exempt_from_the_marking_duty():
    evaluation, duties = assess(roles=["provider"], generates_content="yes", generation_assistive_only="yes")
    assert evaluation.ai_act_class == "minimal" and "transparency-marking" not in duties
    assert "generation_assistive_exempt" in facts_of(evaluation)


def test_a_marketing_team_publishing_deep_fakes_must_disclose_them():
    evaluation, duties = assess(deep_fake="yes")
    assert evaluation.ai_act_class == "transparency" and "transparency-deep-fake" in duties


def test_public_interest_text_under_editorial_responsibility_needs_no_disclosure():
    evaluation, duties = assess(public_interest_text="yes", editorial_review="yes")
    assert evaluation.ai_act_class == "minimal" and "transparency-deep-fake" not in duties


def test_public_interest_text_published_without_editorial_review_must_be_disclosed():
    evaluation, duties = assess(public_interest_text="yes")
    assert evaluation.ai_act_class == "transparency" and "transparency-deep-fake" in duties


def test_a_deployer_of_emotion_recognition_outside_work_and_education_must_inform_people():
    _evaluation, duties = assess(emotion_or_biometric_categorisation="yes")
    assert "transparency-emotion" in duties


# --- general-purpose AI models ----------------------------------------------------------------------------------------


def test_a_provider_of_a_frontier_model_must_notify_the_commission_and_meet_the_systemic_risk_duties():
    _evaluation, duties = assess(roles=["provider"], gpai_model="yes", gpai_systemic="yes", gpai_open="yes")
    assert {"gpai-notify-systemic", "gpai-systemic-duties", "gpai-documentation"} <= set(duties)
    assert duties["gpai-documentation"]["date"] == "2025-08-02"


def test_an_open_weight_model_without_systemic_risk_is_exempt_from_the_documentation_duties_only():
    _, duties = assess(roles=["provider"], gpai_model="yes", gpai_open="yes")
    assert {"gpai-copyright", "gpai-training-summary"} <= set(duties)
    assert not {"gpai-documentation", "gpai-downstream-information", "gpai-notify-systemic"} & set(duties)


def test_a_model_placed_on_the_market_before_august_2025_must_comply_by_august_2027():
    _, duties = assess(roles=["provider"], gpai_model="yes", gpai_legacy="yes")
    assert duties["gpai-copyright"]["date"] == "2027-08-02"


def test_a_model_provider_outside_the_eu_must_appoint_an_authorised_representative():
    _, duties = assess(roles=["provider"], gpai_model="yes", gpai_outside_eu="yes")
    assert duties["gpai-representative"]["ref"] == "Art. 54"


def test_a_deployer_is_never_asked_about_providing_a_general_purpose_model():
    evaluation, duties = assess(gpai_model="yes", gpai_systemic="yes")
    assert "gpai_model" not in evaluation.answers
    assert not any(key.startswith("gpai-") for key in duties)


# --- answering --------------------------------------------------------------------------------------------------------


def test_an_incomplete_questionnaire_has_no_class_and_names_the_questions_still_open():
    evaluation = evaluate({"eu_link": "yes", "military": "no"})
    assert not evaluation.complete and evaluation.ai_act_class is None
    assert evaluation.missing[:2] == ["research_only", "pre_market"]
    assert obligations(evaluation, DATES) == []


def test_answers_a_question_cannot_take_are_reported_and_not_kept():
    evaluation = evaluate({**BASELINE, "roles": ["provider", "owner"], "military": "maybe"})
    assert set(evaluation.errors) == {"roles", "military"}
    assert not evaluation.complete


def test_none_of_these_cannot_be_combined_with_a_practice():
    evaluation = evaluate({**BASELINE, "practices": ["none", "Art. 5(1)(a)"]})
    assert "practices" in evaluation.errors


def test_the_stored_outcome_explains_each_reason_with_the_answers_that_mattered_and_dates_each_obligation():
    evaluation, _ = assess(annex_iii_points=["Annex III(5)(b)"])
    stored = outcome(evaluation, DATES)
    assert stored["class"] == "high_risk" and stored["fria_required"] is True
    first = stored["reasons"][0]
    assert first["key"] == "class:high_risk" and first["cites"] == ["Art. 6"]
    fria = next(reason for reason in stored["reasons"] if reason["key"] == "fria_credit_insurance")
    assert fria["explanation"].startswith("As a deployer of a credit-scoring")
    assert [answer["question"] for answer in fria["answers"]] == ["annex_iii_points"]
    literacy = next(item for item in stored["obligations"] if item["key"] == "ai-literacy")
    assert literacy["date"] == "2025-02-02" and literacy["ref"] == "Art. 4"
    dates = [item["date"] for item in stored["obligations"]]
    assert dates == sorted(dates)


def test_an_obligation_whose_date_is_missing_from_the_catalog_has_no_date_rather_than_a_wrong_one():
    evaluation, _ = assess()
    assert obligations(evaluation, {})[0]["date"] is None


@pytest.mark.parametrize("key", sorted(BASELINE))
def test_every_baseline_answer_is_a_question_of_the_rules(key):
    from styring.regulation.rules import load_rules

    assert key in {question.key for question in load_rules().questions}


def test_dates_used_by_the_scenarios_come_from_the_catalog():
    assert DATES["high-risk-annex-iii-apply"] == date(2027, 12, 2)

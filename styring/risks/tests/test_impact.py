"""Impact assessments: prefilled from the inventory, reviewed, approved and frozen, next versions, the FRIA variant
reusing an approved assessment, and findings that become risks in one step."""

import pytest
from django.core.exceptions import ValidationError

from styring.regulation.examples import NOTHING_APPLIES
from styring.regulation.services import assessment_from_answers
from styring.risks.impact import (
    impact_assessment_decide,
    impact_assessment_save,
    impact_assessment_start,
    impact_assessment_submit,
    impact_finding_to_risk,
    questions_of,
)
from styring.risks.models import ImpactAssessment, Risk


def _answer_all(assessment, actor):
    answers = {q["key"]: f"Answer to {q['key']}" for q in questions_of(assessment.variant)}
    return impact_assessment_save(assessment=assessment, actor=actor, answers=answers)


def test_a_new_assessment_is_prefilled_from_the_ai_system(personas, aisystem_factory):
    system = aisystem_factory(name="Pricing", purpose="Prices life insurance", affected_persons="Applicants")
    assessment = impact_assessment_start(system=system, actor=personas.contributor)
    assert assessment.answers["intended_use"] == "Prices life insurance"
    assert assessment.answers["affected_groups"] == "Applicants"
    assert impact_assessment_start(system=system, actor=personas.contributor) == assessment  # one open draft


def test_approval_freezes_a_version_and_the_next_version_starts_from_it(personas, aisystem_factory):
    system = aisystem_factory(name="Pricing")
    draft = impact_assessment_start(system=system, actor=personas.contributor)
    with pytest.raises(ValidationError):
        impact_assessment_submit(assessment=draft, actor=personas.contributor)
    draft = _answer_all(draft, personas.contributor)
    impact_assessment_submit(assessment=draft, actor=personas.contributor)
    approved = impact_assessment_decide(assessment=draft, actor=personas.manager, approve=True)
    assert approved.status == "approved" and approved.approved_by == personas.manager
    with pytest.raises(ValidationError):
        impact_assessment_save(assessment=approved, actor=personas.manager, reviewers="Changed later")
    second = impact_assessment_start(system=system, actor=personas.contributor)
    assert second.number == 2 and second.answers == approved.answers
    second = impact_assessment_save(assessment=second, actor=personas.contributor, reviewers="DPO, CISO")
    impact_assessment_submit(assessment=second, actor=personas.contributor)
    impact_assessment_decide(assessment=second, actor=personas.manager, approve=True)
    approved.refresh_from_db()
    assert approved.status == "superseded"


def test_a_fria_reuses_the_approved_impact_assessment_and_is_offered_when_the_classifier_requires_it(
    personas, login, aisystem_factory
):
    system = aisystem_factory(name="Credit scoring")
    assessment_from_answers(
        system=system, actor=personas.manager, answers={**NOTHING_APPLIES, "annex_iii_points": ["Annex III(5)(b)"]}
    )
    tab = login(personas.contributor).get(f"{system.get_absolute_url()}?tab=ai-act").content.decode()
    assert "Start the required FRIA" in tab
    aisia = _answer_all(impact_assessment_start(system=system, actor=personas.contributor), personas.contributor)
    impact_assessment_submit(assessment=aisia, actor=personas.contributor)
    impact_assessment_decide(assessment=aisia, actor=personas.manager, approve=True)
    response = login(personas.contributor).post(
        f"/o/acme/ai-systems/{system.public_id}/impact-assessments/start/", {"variant": "fria"}
    )
    fria = ImpactAssessment.objects.get(variant="fria")
    assert response["Location"] == fria.get_absolute_url()
    assert fria.answers["affected_categories"] == "Answer to affected_groups"


def test_a_finding_becomes_a_rated_risk_of_the_system_once(personas, login, aisystem_factory):
    system = aisystem_factory(name="Pricing")
    assessment = impact_assessment_start(system=system, actor=personas.contributor)
    assessment = impact_assessment_save(
        assessment=assessment, actor=personas.contributor,
        impacts={"fairness": {"description": "Older applicants pay more", "likelihood": 4, "severity": 4,
                              "mitigation": "Age-band fairness test"}},
    )  # fmt: skip
    client = login(personas.contributor)
    client.post(assessment.get_absolute_url(), {"action": "risk", "area": "fairness"})
    risk = Risk.objects.get()
    assert risk.system == system and risk.inherent_level == "high"
    assert risk.title.startswith("Fairness and equal treatment: Older applicants")
    assessment.refresh_from_db()
    assert assessment.impacts["fairness"]["risk"] == risk.reference
    with pytest.raises(ValidationError):
        impact_finding_to_risk(assessment=assessment, actor=personas.contributor, area="fairness")
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert risk.reference in page


def test_the_form_saves_answers_and_a_contributor_cannot_approve(personas, login, aisystem_factory):
    system = aisystem_factory(name="Pricing")
    assessment = impact_assessment_start(system=system, actor=personas.contributor)
    client = login(personas.contributor)
    data = {f"q_{q['key']}": "Filled in" for q in questions_of("aisia")}
    data.update(version=assessment.version, action="submit", i_privacy_description="Health data in prompts",
                i_privacy_likelihood="2")  # fmt: skip
    client.post(assessment.get_absolute_url(), data)
    assessment.refresh_from_db()
    assert assessment.status == "in_review" and assessment.impacts["privacy"]["likelihood"] == 2
    assert client.post(assessment.get_absolute_url(), {"action": "approve"}).status_code == 403
    assert login(personas.viewer).post(assessment.get_absolute_url(), {"action": "save"}).status_code == 403


def test_the_api_starts_fills_submits_and_approves_an_impact_assessment(personas, login, aisystem_factory):
    system = aisystem_factory(name="Pricing", purpose="Prices policies")
    client = login(personas.contributor)
    started = client.post("/api/v1/organisations/acme/impact-assessments/", {"system": str(system.public_id)},
                          content_type="application/json")  # fmt: skip
    assert started.status_code == 201 and started.json()["answers"]["intended_use"] == "Prices policies"
    url = f"/api/v1/organisations/acme/impact-assessments/{started.json()['id']}"
    answers = {q["key"]: "Done" for q in questions_of("aisia")}
    assert client.patch(url, {"answers": answers}, content_type="application/json").status_code == 200
    assert client.post(f"{url}/actions", {"action": "submit"}, content_type="application/json").status_code == 200
    assert client.post(f"{url}/actions", {"action": "approve"}, content_type="application/json").status_code == 403
    approved = login(personas.manager).post(f"{url}/actions", {"action": "approve"}, content_type="application/json")
    assert approved.json()["status"] == "approved"
    frozen = login(personas.manager).patch(url, {"reviewers": "Late"}, content_type="application/json")
    assert frozen.status_code == 422


@pytest.mark.parametrize("language", ["nb", "da", "zh-hans"])
def test_the_library_and_the_questions_are_translated(language):
    from styring.core.data_i18n import catalog
    from styring.risks.impact import texts
    from styring.risks.library import TRANSLATIONS_DIR, library

    wanted = list(texts())
    for entry in library():
        wanted += [getattr(entry, name) for name in ("title", "description", "treatment") if getattr(entry, name)]
    if not (TRANSLATIONS_DIR / f"{language}.yaml").exists():
        pytest.skip(f"no {language} catalog for the library and the questions yet (they show in English)")
    translated = catalog(TRANSLATIONS_DIR, language)
    missing = [text for text in wanted if " ".join(text.split()) not in translated]
    assert len(missing) <= len(wanted) * 0.02, missing

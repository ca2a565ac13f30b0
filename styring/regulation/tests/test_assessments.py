from styring.core.models import AuditEvent
from styring.inventory.services import aisystem_update
from styring.regulation.selectors import assessment_status, systems_needing_reassessment
from styring.regulation.services import assessment_record

OUTCOME = {"class": "high_risk", "provisions": [{"ref": "Annex III(4)(a)", "why": "Recruitment screening"}]}


def test_recording_an_assessment_stores_it_and_sets_the_systems_class(personas, aisystem_factory):
    system = aisystem_factory(name="CV screening")
    assessment = assessment_record(
        system=system,
        actor=personas.manager,
        answers={"area": "employment"},
        outcome=OUTCOME,
        ai_act_class="high_risk",
        rules_version="2026.1",
        fria_required=False,
    )
    system.refresh_from_db()
    assert system.ai_act_class == "high_risk"
    assert assessment.assessor == personas.manager and assessment.rules_version == "2026.1"
    assert AuditEvent.objects.filter(object_type="regulation.assessment", action="create").exists()
    update = AuditEvent.objects.get(object_id=str(system.public_id), action="update")
    assert update.changes["ai_act_class"] == ["not_assessed", "high_risk"]


def test_changing_purpose_role_or_stage_prompts_a_reassessment(personas, login, aisystem_factory):
    system = aisystem_factory(name="CV screening", lifecycle_stage="deployment")
    assessment_record(
        system=system,
        actor=personas.manager,
        answers={},
        outcome=OUTCOME,
        ai_act_class="high_risk",
        rules_version="2026.1",
    )
    assert assessment_status(system)["changed"] == []
    system = aisystem_update(system=system, actor=personas.manager, description="wording only")
    assert systems_needing_reassessment(personas.org_a) == []
    system = aisystem_update(system=system, actor=personas.manager, lifecycle_stage="operation")
    assert assessment_status(system)["changed"] == ["lifecycle_stage"]
    assert systems_needing_reassessment(personas.org_a) == [system]
    client = login(personas.viewer)
    assert "may be out of date" in client.get(system.get_absolute_url()).content.decode()
    assert "To re-assess" in client.get("/o/acme/ai-systems/portfolio/").content.decode()


def test_the_api_lists_a_systems_assessments(personas, login, aisystem_factory):
    system = aisystem_factory(name="CV screening")
    assessment_record(
        system=system,
        actor=personas.manager,
        answers={"area": "employment"},
        outcome=OUTCOME,
        ai_act_class="high_risk",
        rules_version="2026.1",
    )
    data = login(personas.viewer).get(f"/api/v1/organisations/acme/ai-systems/{system.public_id}/assessments/").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["ai_act_class"] == "high_risk" and item["assessor"] == "manager@acme.example"
    assert item["changed_since"] == []

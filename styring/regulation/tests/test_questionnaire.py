"""The guided questionnaire in the browser and over the API."""

from styring.core.models import AuditEvent
from styring.regulation.examples import NOTHING_APPLIES as BASELINE
from styring.regulation.models import Assessment


def _post_data(answers: dict, **extra) -> dict:
    return {**answers, **extra}


def test_the_questionnaire_starts_with_the_scope_questions_and_prefills_the_systems_roles(
    personas, login, aisystem_factory
):
    system = aisystem_factory(name="Claims triage", ai_act_roles=["deployer"])
    page = login(personas.contributor).get(f"/o/acme/ai-systems/{system.public_id}/eu-ai-act/").content.decode()
    assert "Is the system placed on the market" in page
    assert "Which roles does your organisation play" not in page  # shown once the scope is answered


def test_answering_reveals_the_questions_that_become_relevant(personas, login, aisystem_factory):
    system = aisystem_factory(name="Claims triage")
    client = login(personas.contributor)
    url = f"/o/acme/ai-systems/{system.public_id}/eu-ai-act/"
    page = client.post(url, {"eu_link": "yes"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Which roles does your organisation play" in page
    page = client.post(url, {**BASELINE, "annex_iii_points": "Annex III(5)(b)"}).content.decode()
    assert "used only to detect financial fraud" in page
    assert 'data-testid="ai-act-class">High-risk' in page  # the live outcome


def test_saving_an_incomplete_questionnaire_stores_nothing_and_marks_the_open_questions(
    personas, login, aisystem_factory
):
    system = aisystem_factory(name="Claims triage")
    response = login(personas.contributor).post(
        f"/o/acme/ai-systems/{system.public_id}/eu-ai-act/", {"eu_link": "yes", "save": "1"}
    )
    assert response.status_code == 422
    assert "Answer this question." in response.content.decode()
    assert not Assessment.objects.exists()


def test_saving_records_the_assessment_sets_class_and_roles_and_shows_the_explained_outcome(
    personas, login, aisystem_factory
):
    system = aisystem_factory(name="Credit scoring", ai_act_roles=[])
    client = login(personas.contributor)
    data = {**BASELINE, "annex_iii_points": "Annex III(5)(b)", "note": "Bought from Kreditt AS", "save": "1"}
    response = client.post(f"/o/acme/ai-systems/{system.public_id}/eu-ai-act/", data)
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == assessment.get_absolute_url()
    system.refresh_from_db()
    assert system.ai_act_class == "high_risk" and system.ai_act_roles == ["deployer"]
    assert assessment.fria_required and assessment.assessor == personas.contributor
    assert assessment.changed_since(system) == []
    assert AuditEvent.objects.filter(object_type="regulation.assessment", action="create").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "FRIA required" in page and "Kreditt AS" in page
    assert "/catalog/requirements/eu-ai-act:2024-1689:Art.%2027/" in page  # each provision links to the catalog
    tab = client.get(f"{system.get_absolute_url()}?tab=ai-act").content.decode()
    assert "Carry out a fundamental rights impact assessment" in tab and "2027-12-02" in tab
    # re-assessing starts from the answers of the latest assessment
    again = client.get(f"/o/acme/ai-systems/{system.public_id}/eu-ai-act/").content.decode()
    assert 'value="Annex III(5)(b)" checked' in again


def test_a_deployer_that_modifies_a_high_risk_system_is_recorded_as_its_provider(personas, login, aisystem_factory):
    system = aisystem_factory(name="Rota planner", ai_act_roles=["deployer"])
    data = {**BASELINE, "annex_iii_points": "Annex III(4)(b)", "art25_substantial_modification": "yes", "save": "1"}
    login(personas.contributor).post(f"/o/acme/ai-systems/{system.public_id}/eu-ai-act/", data)
    system.refresh_from_db()
    assert system.ai_act_roles == ["provider", "deployer"]


def test_the_obligations_page_lists_every_assessed_systems_duties_and_exports_them(personas, login, aisystem_factory):
    client = login(personas.contributor)
    for name, point in (("Credit scoring", "Annex III(5)(b)"), ("CV screening", "Annex III(4)(a)")):
        system = aisystem_factory(name=name)
        client.post(
            f"/o/acme/ai-systems/{system.public_id}/eu-ai-act/", {**BASELINE, "annex_iii_points": point, "save": "1"}
        )
    viewer = login(personas.viewer)
    page = viewer.get("/o/acme/eu-ai-act/obligations/?q=credit").content.decode()
    assert "Carry out a fundamental rights impact assessment" in page and "CV screening" not in page
    export = viewer.get("/o/acme/eu-ai-act/obligations/?export=csv&role=deployer")
    body = b"".join(export.streaming_content).decode()
    assert "Credit scoring" in body and "CV screening" in body and "Art. 26(6)" in body
    empty = viewer.get("/o/acme/eu-ai-act/obligations/?status=upcoming&q=nothing-like-this").content.decode()
    assert "Nothing matches these filters" in empty


def test_the_obligations_page_takes_a_constant_number_of_queries(
    personas, login, aisystem_factory, django_assert_max_num_queries
):
    from styring.regulation.services import assessment_from_answers

    for number in range(15):
        system = aisystem_factory(name=f"System {number}")
        assessment_from_answers(
            system=system, actor=personas.manager, answers={**BASELINE, "annex_iii_points": ["Annex III(4)(a)"]}
        )
    client = login(personas.viewer)
    with django_assert_max_num_queries(12):
        assert client.get("/o/acme/eu-ai-act/obligations/").status_code == 200


# --- API ------------------------------------------------------------------------------------------------------------


def test_the_api_serves_the_questionnaire_with_its_conditions(personas, login):
    data = login(personas.viewer).get("/api/v1/organisations/acme/eu-ai-act/questionnaire").json()
    roles = next(question for question in data["questions"] if question["key"] == "roles")
    assert roles["type"] == "multi" and roles["show_if"] == {"fact": "in_scope"}
    assert data["version"] and data["framework"] == "eu-ai-act:2024-1689"


def test_the_api_evaluates_answers_without_storing_them(personas, login):
    client = login(personas.viewer)
    response = client.post(
        "/api/v1/organisations/acme/eu-ai-act/evaluate",
        {"answers": {**BASELINE, "interacts_with_people": "yes", "roles": ["provider"]}},
        content_type="application/json",
    )
    data = response.json()
    assert data["complete"] and data["ai_act_class"] == "transparency"
    assert "Art. 50(1)" in {item["ref"] for item in data["obligations"]}
    assert not Assessment.objects.exists()
    partial = client.post(
        "/api/v1/organisations/acme/eu-ai-act/evaluate",
        {"answers": {"eu_link": "yes"}},
        content_type="application/json",
    ).json()
    assert not partial["complete"] and partial["missing"][0] == "military"


def test_the_api_records_an_assessment_and_refuses_incomplete_answers(personas, login, aisystem_factory):
    system = aisystem_factory(name="Chatbot")
    client = login(personas.contributor)
    url = f"/api/v1/organisations/acme/ai-systems/{system.public_id}/assessments/"
    refused = client.post(url, {"answers": {"eu_link": "maybe"}}, content_type="application/json")
    assert refused.status_code == 422 and "eu_link" in refused.json()["detail"]
    assert not Assessment.objects.exists()
    created = client.post(
        url, {"answers": {**BASELINE, "interacts_with_people": "yes"}}, content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    assert body["ai_act_class"] == "transparency" and body["system"] == str(system.public_id)
    one = client.get(f"/api/v1/organisations/acme/eu-ai-act/assessments/{body['id']}").json()
    assert one["outcome"]["class"] == "transparency"
    assert client.get(url).json()["count"] == 1


def test_a_viewer_cannot_record_an_assessment_over_the_api(personas, login, aisystem_factory):
    system = aisystem_factory(name="Chatbot")
    response = login(personas.viewer).post(
        f"/api/v1/organisations/acme/ai-systems/{system.public_id}/assessments/",
        {"answers": BASELINE},
        content_type="application/json",
    )
    assert response.status_code == 403 and not Assessment.objects.exists()


def test_deleting_an_assessment_made_in_error_restores_the_previous_class(personas, login, aisystem_factory):
    from styring.regulation.services import assessment_from_answers

    system = aisystem_factory(name="Chatbot")
    first = assessment_from_answers(
        system=system, actor=personas.manager, answers={**BASELINE, "interacts_with_people": "yes"}
    )
    wrong = assessment_from_answers(
        system=first.system, actor=personas.manager, answers={**BASELINE, "annex_iii_points": ["Annex III(4)(a)"]}
    )
    assert (
        login(personas.contributor).post(f"/o/acme/eu-ai-act/assessments/{wrong.public_id}/delete/").status_code == 403
    )
    response = login(personas.manager).post(
        f"/o/acme/eu-ai-act/assessments/{wrong.public_id}/delete/", {"reason": "Wrong system answered"}
    )
    assert response.status_code == 302 and response["Location"].endswith("?tab=ai-act")
    system.refresh_from_db()
    assert system.ai_act_class == "transparency"
    assert AuditEvent.objects.filter(object_id=str(wrong.public_id), action="delete", reason="Wrong system answered")
    api = login(personas.manager).delete(f"/api/v1/organisations/acme/eu-ai-act/assessments/{first.public_id}")
    assert api.status_code == 204
    system.refresh_from_db()
    assert system.ai_act_class == "not_assessed" and not Assessment.objects.exists()

"""The risk register: heat maps, acceptance by the right people, treatment actions, the starter library."""

import pytest
from django.core.exceptions import ValidationError

from styring.core.models import AuditEvent
from styring.risks.library import library, library_copy, rescale
from styring.risks.models import Opportunity, Risk
from styring.risks.services import risk_accept, risk_create, risk_update
from styring.tasks.models import Task


@pytest.fixture
def make_risk(personas):
    def make(**fields):
        fields.setdefault("title", "Unfair outcomes")
        return risk_create(organisation=personas.org_a, actor=personas.manager, **fields)

    return make


def test_clicking_a_heat_map_cell_filters_the_register_to_that_cell(personas, login, make_risk):
    make_risk(title="Bias in pricing", inherent_likelihood=3, inherent_impact=4, residual_likelihood=2,
              residual_impact=2)  # fmt: skip
    make_risk(title="Drift", inherent_likelihood=5, inherent_impact=5)
    client = login(personas.viewer)
    page = client.get("/o/acme/risks/")
    assert "Likelihood Possible, impact Major, level High: 1 risks" in page.content.decode()
    assert '?inherent=3-4"' in page.content.decode()
    filtered = client.get("/o/acme/risks/?inherent=3-4").content.decode()
    assert "Bias in pricing" in filtered and "Drift" not in filtered
    assert "Show all cells" in filtered
    assert client.get("/o/acme/risks/?residual=x-y").status_code == 200  # a bad cell shows nothing, not an error


def test_a_contributor_cannot_accept_a_risk_but_a_manager_can_with_a_rationale(personas, login, make_risk):
    risk = make_risk(residual_likelihood=2, residual_impact=2)
    url = f"/o/acme/risks/{risk.public_id}/accept/"
    assert login(personas.contributor).post(url, {"rationale": "Fine", "version": risk.version}).status_code == 403
    page = login(personas.contributor).get(risk.get_absolute_url()).content.decode()
    assert "Accept the residual risk" not in page
    manager = login(personas.manager)
    manager.post(url, {"rationale": "", "version": risk.version})
    risk.refresh_from_db()
    assert risk.accepted_at is None
    manager.post(url, {"rationale": "Within appetite after the fairness tests", "version": risk.version})
    risk.refresh_from_db()
    assert risk.accepted_by == personas.manager and risk.status == "accepted"
    event = AuditEvent.objects.filter(object_id=str(risk.public_id)).latest("id")
    assert event.reason.startswith("Risk accepted: Within appetite")


def test_a_risk_without_a_residual_rating_cannot_be_accepted(personas, make_risk):
    with pytest.raises(ValidationError):
        risk_accept(risk=make_risk(), actor=personas.manager, rationale="Looks fine")


def test_a_new_residual_rating_withdraws_the_acceptance(personas, make_risk):
    risk = risk_accept(
        risk=make_risk(residual_likelihood=2, residual_impact=2), actor=personas.manager, rationale="Low"
    )
    risk = risk_update(risk=risk, actor=personas.contributor, description="Wording only")
    assert risk.accepted_at is not None
    risk = risk_update(risk=risk, actor=personas.contributor, residual_likelihood=4)
    assert risk.accepted_at is None and risk.status == "assessed" and risk.acceptance_rationale == ""


def test_the_detail_page_warns_when_the_residual_risk_is_above_appetite(personas, login, make_risk):
    risk = make_risk(residual_likelihood=5, residual_impact=5)
    page = login(personas.viewer).get(risk.get_absolute_url()).content.decode()
    assert "Above the level the organisation accepts without treatment." in page


def test_a_treatment_action_is_a_task_about_the_risk(personas, login, make_risk):
    risk = make_risk()
    response = login(personas.contributor).post(
        f"/o/acme/risks/{risk.public_id}/actions/",
        {"title": "Run fairness tests per age group", "owner": str(personas.membership(personas.viewer).public_id),
         "due_date": "2027-01-31"},
    )  # fmt: skip
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.subject_id == str(risk.public_id) and task.owner.user == personas.viewer
    assert "Run fairness tests per age group" in login(personas.viewer).get(risk.get_absolute_url()).content.decode()


def test_copying_from_the_library_creates_rated_risks_and_refuses_unknown_entries(personas, login):
    assert len(library()) >= 10
    with pytest.raises(ValidationError):
        library_copy(organisation=personas.org_a, actor=personas.manager, keys=["bias", "no-such-risk"])
    assert not Risk.objects.exists()
    login(personas.viewer).post("/o/acme/risks/library/", {"key": ["bias"]})
    assert not Risk.objects.exists()
    response = login(personas.contributor).post("/o/acme/risks/library/", {"key": ["bias", "prompt-injection"]})
    assert response.status_code == 302
    bias = Risk.objects.get(title__startswith="Unfair outcomes")
    assert bias.risk_source.ref == "C.3.4" and bias.inherent_level == "high"
    assert rescale(5, 3) == 3 and rescale(1, 3) == 1


def test_the_register_takes_a_constant_number_of_queries(personas, login, make_risk, aisystem_factory,
                                                         django_assert_max_num_queries):  # fmt: skip
    system = aisystem_factory(name="Pricing")
    for number in range(30):
        make_risk(title=f"Risk {number}", system=system, owner=personas.membership(personas.viewer),
                  inherent_likelihood=1 + number % 5, inherent_impact=1 + number % 3, residual_likelihood=1,
                  residual_impact=1)  # fmt: skip
    client = login(personas.viewer)
    with django_assert_max_num_queries(16):
        assert client.get("/o/acme/risks/?per_page=100").status_code == 200
    export = client.get("/o/acme/risks/?export=csv")
    assert b"R-030" in b"".join(export.streaming_content)


def test_opportunities_are_recorded_beside_the_risks(personas, login):
    client = login(personas.contributor)
    response = client.post("/o/acme/opportunities/new/", {"title": "Faster claims handling", "status": "identified",
                                                          "benefit": "Customers paid in days, not weeks"})  # fmt: skip
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert opportunity.reference == "O-001"
    assert "Faster claims handling" in client.get("/o/acme/opportunities/").content.decode()


def test_the_register_of_5000_risks_pages_and_maps_them_with_the_same_queries(
    personas, login, django_assert_max_num_queries
):
    from styring.risks.services import risk_method_ensure

    method = risk_method_ensure(organisation=personas.org_a, actor=personas.manager)
    Risk.objects.bulk_create(
        Risk(organisation=personas.org_a, method=method, reference=f"R-{number:05d}", title=f"Risk {number}",
             inherent_likelihood=1 + number % 5, inherent_impact=1 + number % 4,
             inherent_level=method.level_of(1 + number % 5, 1 + number % 4))
        for number in range(5000)
    )  # fmt: skip
    client = login(personas.viewer)
    with django_assert_max_num_queries(16):
        page = client.get("/o/acme/risks/?sort=-reference").content.decode()
    assert "R-04999" in page and "5000 rated risks" in page
    with django_assert_max_num_queries(16):
        assert client.get("/api/v1/organisations/acme/risks/?limit=200").json()["count"] == 5000

import pytest
from django.core.exceptions import ValidationError

from styring.controls.applied import applied_control_create
from styring.controls.models import AppliedControl
from styring.risks.services import risk_create


def test_an_applied_control_links_requirements_and_risks_and_shows_what_crosswalks_add(personas, login):
    risk = risk_create(organisation=personas.org_a, actor=personas.manager, title="Bias")
    client = login(personas.contributor)
    response = client.post(
        "/o/acme/controls/new/",
        {"name": "Fairness testing before release", "implementation_status": "implemented", "frequency": "per_event",
         "requirements": ["iso42001:2023:A.6.2.4"], "risks": [str(risk.public_id)]},
    )  # fmt: skip
    assert response.status_code == 302, response.content
    control = AppliedControl.objects.get()
    assert control.reference == "C-001" and list(control.risks.all()) == [risk]
    page = client.get(control.get_absolute_url()).content.decode()
    assert "A.6.2.4" in page and "Also related through crosswalks" in page
    assert "/o/acme/catalog/requirements/iso42001:2023:A.6.2.4/" in page
    listed = client.get("/o/acme/controls/?requirement=iso42001:2023:A.6.2.4").content.decode()
    assert "Fairness testing before release" in listed


def test_a_control_cannot_treat_a_risk_of_another_organisation(personas, login):
    foreign = risk_create(organisation=personas.org_b, actor=personas.beta_manager, title="Theirs")
    response = login(personas.contributor).post(
        "/o/acme/controls/new/", {"name": "X", "implementation_status": "planned", "risks": [str(foreign.public_id)]}
    )
    assert response.status_code == 200 and not AppliedControl.objects.exists()
    with pytest.raises(ValidationError):
        applied_control_create(organisation=personas.org_a, actor=personas.owner, name="Y", risks=[foreign])
    assert not AppliedControl.objects.exists()

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styring.controls.models import AppliedControl, Evidence
from styring.risks.services import risk_create


@pytest.fixture(autouse=True)
def media_dir(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_api_manages_applied_controls_evidence_and_the_soa(personas, login):
    risk = risk_create(organisation=personas.org_a, actor=personas.manager, title="Drift")
    client = login(personas.contributor)
    created = client.post(
        "/api/v1/organisations/acme/controls/",
        {"name": "Drift monitoring", "implementation_status": "implemented",
         "requirements": ["iso42001:2023:A.6.2.6"], "risks": [str(risk.public_id)]},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.json()["requirements"] == ["iso42001:2023:A.6.2.6"]
    unknown = client.post("/api/v1/organisations/acme/controls/", {"name": "X", "requirements": ["nope"]},
                          content_type="application/json")  # fmt: skip
    assert unknown.status_code == 422 and AppliedControl.objects.count() == 1
    link = client.post("/api/v1/organisations/acme/evidence/", {"title": "Dashboard", "url": "https://grafana.example/d/1",
                       "applied_controls": [created.json()["id"]]}, content_type="application/json")  # fmt: skip
    assert link.status_code == 201
    upload = client.post("/api/v1/organisations/acme/evidence/upload",
                         {"title": "Report", "file": SimpleUploadedFile("r.pdf", b"%PDF-1.7 report")})  # fmt: skip
    assert upload.status_code == 201 and upload.json()["content_type"] == "application/pdf"
    refused = client.post("/api/v1/organisations/acme/evidence/upload",
                          {"title": "Empty", "file": SimpleUploadedFile("e.pdf", b"")})  # fmt: skip
    assert refused.status_code == 422 and Evidence.objects.count() == 2

    draft = client.post("/api/v1/organisations/acme/soa/actions", {"action": "draft"}, content_type="application/json")
    assert draft.status_code == 200 and draft.json()["number"] == 1
    entries = client.get(f"/api/v1/organisations/acme/soa/versions/{draft.json()['id']}/entries").json()
    monitoring = next(entry for entry in entries if entry["control"] == "iso42001:2023:A.6.2.6")
    assert monitoring["applied_controls"] == [created.json()["id"]]
    url = f"/api/v1/organisations/acme/soa/entries/{monitoring['id']}"
    changed = client.patch(url, {"applicable": False, "justification": "Not needed"}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["warnings"] == ["Excluded, while risks rely on it: R-001"]
    approve = client.post("/api/v1/organisations/acme/soa/actions", {"action": "approve", "soa": draft.json()["id"]},
                          content_type="application/json")  # fmt: skip
    assert approve.status_code == 403

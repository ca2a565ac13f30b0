"""The API: audits with checklists and findings, findings → nonconformity, management reviews with their steps."""

import datetime

from styring.assurance.models import Audit
from styring.improvement.models import Nonconformity

API = "/api/v1/organisations/acme"
JSON = "application/json"


def test_the_api_plans_an_audit_and_refuses_an_auditor_who_audits_their_own_work(personas, login):
    client = login(personas.auditor)
    auditor = str(personas.membership(personas.auditor).public_id)
    refused = client.post(
        f"{API}/audits/",
        {"title": "Own work", "requirements": ["iso42001:2023:6.1.2"], "lead_auditor": auditor, "auditees": [auditor]},
        content_type=JSON,
    )
    assert refused.status_code == 422 and "Auditor Person" in str(refused.json()["detail"])
    assert not Audit.objects.exists()
    created = client.post(
        f"{API}/audits/",
        {"title": "Risk process", "requirements": ["iso42001:2023:6.1.2", "iso42001:2023:A.6.2.4"],
         "lead_auditor": auditor, "auditees": [str(personas.membership(personas.manager).public_id)],
         "processes": ["risk_assessment"], "planned_start": "2030-03-01"},
        content_type=JSON,
    )  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["reference"] == "AUD-001" and body["requirements"] == ["iso42001:2023:6.1.2", "iso42001:2023:A.6.2.4"]
    item = f"{API}/audits/{body['id']}/"
    stale = client.patch(item, {"title": "Renamed"}, content_type=JSON, HTTP_IF_MATCH='"7"')
    assert stale.status_code == 409
    assert client.patch(item, {"title": "Renamed"}, content_type=JSON, HTTP_IF_MATCH='"1"').json()["version"] == 2
    assert [row["reference"] for row in client.get(f"{API}/audits/").json()["items"]] == ["AUD-001"]
    assert login(personas.viewer).post(f"{API}/audits/", {"title": "X"}, content_type=JSON).status_code == 403
    assert login(personas.beta_manager).get(item).status_code == 404


def test_the_api_fills_the_checklist_and_a_finding_raises_its_nonconformity_once(personas, login, make_audit):
    audit = make_audit()
    client = login(personas.auditor)
    started = client.post(f"{API}/audits/{audit.public_id}/actions", {"action": "start"}, content_type=JSON)
    assert started.status_code == 200 and started.json()["status"] == "in_progress"
    checklist = client.get(f"{API}/audits/{audit.public_id}/checklist").json()
    assert [row["ref"] for row in checklist] == ["6.1.2", "A.6.2.4"]
    filled = client.patch(
        f"{API}/checklist-items/{checklist[0]['id']}", {"result": "nonconforming", "notes": "No criteria"},
        content_type=JSON,
    )  # fmt: skip
    assert filled.status_code == 200 and filled.json()["result"] == "nonconforming"
    finding = client.post(
        f"{API}/audits/{audit.public_id}/findings",
        {"finding_type": "major", "statement": "Risk criteria missing", "checklist_item": checklist[0]["id"]},
        content_type=JSON,
    )
    assert finding.status_code == 201, finding.content
    body = finding.json()
    assert body["requirement"] == "iso42001:2023:6.1.2" and body["nonconformity_reference"] == "NC-001"
    again = client.post(f"{API}/audit-findings/{body['id']}/nonconformity", content_type=JSON)
    assert again.status_code == 200 and again.json()["nonconformity"] == body["nonconformity"]
    assert Nonconformity.objects.count() == 1
    assert client.delete(f"{API}/audit-findings/{body['id']}").status_code == 422  # kept as the source
    findings = client.get(f"{API}/audits/{audit.public_id}/findings").json()
    assert findings["count"] == 1
    report = client.post(f"{API}/audits/{audit.public_id}/actions", {"action": "report", "conclusion": "One gap"},
                         content_type=JSON)  # fmt: skip
    assert report.json()["status"] == "reported"


def test_the_api_compiles_a_review_and_only_top_management_signs_it(personas, login):
    manager = login(personas.manager)
    created = manager.post(f"{API}/management-reviews/", {"title": "Annual", "planned_date": "2030-01-15"},
                           content_type=JSON)  # fmt: skip
    assert created.status_code == 201 and created.json()["reference"] == "MR-001"
    steps = f"{API}/management-reviews/{created.json()['id']}/steps"
    compiled = manager.post(steps, {"action": "compile"}, content_type=JSON)
    assert compiled.status_code == 200 and "risks" in compiled.json()["inputs"]
    noted = manager.post(steps, {"action": "notes", "notes": {"risks": "Look at R-001"}}, content_type=JSON)
    assert noted.json()["input_notes"] == {"risks": "Look at R-001"}
    manager.patch(f"{API}/management-reviews/{created.json()['id']}/", {"decisions": "Carry on"}, content_type=JSON)
    assert manager.post(steps, {"action": "hold", "held_on": "2030-01-15"}, content_type=JSON).status_code == 200
    action = manager.post(
        f"{API}/management-reviews/{created.json()['id']}/actions", {"description": "Budget for training"},
        content_type=JSON,
    )  # fmt: skip
    assert action.status_code == 201 and action.json()["task"]
    assert manager.post(steps, {"action": "sign"}, content_type=JSON).status_code == 403
    signed = login(personas.owner).post(steps, {"action": "sign"}, content_type=JSON)
    assert signed.status_code == 200 and signed.json()["status"] == "signed"
    frozen = login(personas.owner).patch(
        f"{API}/management-reviews/{created.json()['id']}/", {"decisions": "Changed"}, content_type=JSON
    )
    assert frozen.status_code == 422
    following = manager.post(steps, {"action": "next", "planned_date": str(datetime.date(2031, 1, 15))},
                             content_type=JSON)  # fmt: skip
    assert following.status_code == 200 and following.json()["reference"] == "MR-002"

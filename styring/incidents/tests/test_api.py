"""The incidents API: CRUD with If-Match, the serious-incident test, clocks in the output, status, notifications."""

import pytest

from styring.incidents.models import Incident

pytestmark = pytest.mark.django_db
BASE = "/api/v1/organisations/acme/incidents/"
JSON = "application/json"


def test_create_list_patch_and_delete_an_incident(personas, login, aisystem_factory):
    system = aisystem_factory()
    client = login(personas.manager)
    response = client.post(BASE, {
        "title": "Biased scoring", "system": str(system.public_id), "aware_at": "2027-03-26T12:00:00+01:00",
        "severity": "high", "personal_data": True, "owner": str(personas.membership(personas.manager).public_id),
    }, content_type=JSON)  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"] == "INC-001" and body["clocks"] == [] and response["ETag"] == '"1"'
    item = f"{BASE}{body['id']}/"
    assert client.get(BASE).json()["items"][0]["title"] == "Biased scoring"
    stale = client.patch(item, {"title": "x"}, content_type=JSON, HTTP_IF_MATCH='"7"')
    assert stale.status_code == 409
    response = client.patch(item, {"root_cause": "Skewed data"}, content_type=JSON, HTTP_IF_MATCH='"1"')
    assert response.status_code == 200 and response.json()["root_cause"] == "Skewed data"
    assert client.delete(item, HTTP_IF_MATCH='"1"').status_code == 409
    assert client.delete(item, HTTP_IF_MATCH='"2"').status_code == 204
    assert not Incident.objects.exists()


def test_the_assessment_returns_the_clocks_in_the_organisations_time_zone(personas, login):
    client = login(personas.contributor)
    body = client.post(BASE, {"title": "Outage", "aware_at": "2027-03-26T11:00:00Z", "personal_data": True},
                       content_type=JSON).json()  # fmt: skip
    response = client.put(f"{BASE}{body['id']}/assessment", {
        "critical_infrastructure": True, "high_risk_operator": True, "personal_data_breach": True,
    }, content_type=JSON)  # fmt: skip
    assert response.status_code == 200, response.content
    clocks = {clock["clock"]: clock for clock in response.json()["clocks"]}
    assert clocks["ai_act"]["due_at"] == "2027-03-28T12:00:00+02:00"
    assert clocks["ai_act"]["rule"] == "ai_act_73_3" and "73(3)" in clocks["ai_act"]["source"]
    assert clocks["gdpr_33"]["due_at"] == "2027-03-29T13:00:00+02:00"
    assert response.json()["is_serious"] is True


def test_bad_input_is_refused_and_changes_nothing(personas, login):
    client = login(personas.contributor)
    assert client.post(BASE, {"title": "X", "severity": "huge"}, content_type=JSON).status_code == 422
    assert client.post(BASE, {"title": "X", "status": "closed"}, content_type=JSON).status_code == 422
    assert client.post(BASE, {"title": "X", "aware_at": "2027-03-26T11:00:00"}, content_type=JSON).status_code == 422
    assert client.post(BASE, {"title": "X", "personal_data": "yes"}, content_type=JSON).status_code == 422
    assert not Incident.objects.exists()


def test_notifications_meet_clocks_and_closing_needs_a_manager(personas, login):
    contributor = login(personas.contributor)
    body = contributor.post(BASE, {"title": "Harm", "root_cause": "Drift"}, content_type=JSON).json()
    item = f"{BASE}{body['id']}/"
    contributor.put(f"{item}assessment", {"death": True, "high_risk_operator": True}, content_type=JSON)
    refused = contributor.post(f"{item}status", {"status": "closed"}, content_type=JSON)
    assert refused.status_code == 403
    response = contributor.post(f"{item}notifications/", {
        "kind": "market_surveillance", "recipient": "Nkom", "sent_at": "2027-05-04T10:00:00+02:00",
        "report_type": "initial", "summary": "First report",
    }, content_type=JSON)  # fmt: skip
    assert response.status_code == 201, response.content
    assert contributor.get(f"{item}notifications/").json()["items"][0]["recipient"] == "Nkom"
    assert contributor.get(item).json()["clocks"][0]["state"] in ("met", "met_late")
    manager = login(personas.manager)
    response = manager.post(f"{item}status", {"status": "closed"}, content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == "closed"


def test_closing_without_the_report_is_refused(personas, login):
    client = login(personas.manager)
    body = client.post(BASE, {"title": "Harm", "root_cause": "Drift"}, content_type=JSON).json()
    client.put(f"{BASE}{body['id']}/assessment", {"health_harm": True}, content_type=JSON)
    response = client.post(f"{BASE}{body['id']}/status", {"status": "closed"}, content_type=JSON)
    assert response.status_code == 422
    assert Incident.objects.get().status == "new"


def test_a_viewer_reads_but_cannot_write_and_outsiders_see_nothing(personas, login):
    body = login(personas.manager).post(BASE, {"title": "Harm"}, content_type=JSON).json()
    viewer = login(personas.viewer)
    assert viewer.get(f"{BASE}{body['id']}/").status_code == 200
    assert viewer.post(BASE, {"title": "X"}, content_type=JSON).status_code == 403
    assert viewer.post(f"{BASE}{body['id']}/notifications/", {"kind": "other", "recipient": "A"},
                       content_type=JSON).status_code == 403  # fmt: skip
    outsider = login(personas.beta_manager)
    assert outsider.get(f"{BASE}{body['id']}/").status_code == 404
    assert outsider.get(f"/api/v1/organisations/beta/incidents/{body['id']}/").status_code == 404


def test_raising_a_nonconformity_through_the_api(personas, login):
    client = login(personas.contributor)
    body = client.post(BASE, {"title": "Harm"}, content_type=JSON).json()
    response = client.post(f"{BASE}{body['id']}/nonconformity")
    assert response.status_code == 200 and response.json()["nonconformity"] is not None
    assert client.post(f"{BASE}{body['id']}/nonconformity").status_code == 422

"""The incident pages: list with filters, clocks and export; detail; the serious-incident test; status changes and
closing; notifications; raising a nonconformity; permissions."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styring.incidents import services
from styring.incidents.choices import NotificationKind
from styring.incidents.models import Incident

OSLO = ZoneInfo("Europe/Oslo")
pytestmark = pytest.mark.django_db


def test_a_contributor_records_an_incident_in_the_organisations_time_zone(personas, login, aisystem_factory):
    system = aisystem_factory()
    response = login(personas.contributor).post("/o/acme/incidents/new/", {
        "title": "Wrong claim rejected", "system": system.public_id, "aware_at": "2027-03-26T12:00",
        "severity": "high", "personal_data": "on",
    })  # fmt: skip
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.aware_at == datetime(2027, 3, 26, 12, 0, tzinfo=OSLO)
    assert incident.reference == "INC-001"


def test_a_viewer_cannot_record_or_change_an_incident(personas, login, incident_factory):
    incident = incident_factory()
    client = login(personas.viewer)
    assert client.get(incident.get_absolute_url()).status_code == 200
    assert client.get("/o/acme/incidents/new/").status_code == 403
    assert client.get(f"{incident.get_absolute_url()}assessment/").status_code == 403
    assert client.post(f"{incident.get_absolute_url()}nonconformity/").status_code == 403


def test_only_managers_delete_incidents(personas, login, incident_factory):
    incident = incident_factory()
    assert login(personas.contributor).post(f"{incident.get_absolute_url()}delete/", {"version": 1}).status_code == 403
    response = login(personas.manager).post(f"{incident.get_absolute_url()}delete/", {"version": 1})
    assert response.status_code == 302
    assert not Incident.objects.exists()


def test_the_serious_incident_test_shows_the_deadline_and_its_reason(personas, login, incident_factory):
    incident = incident_factory(aware_at=datetime(2027, 1, 30, 10, 0, tzinfo=OSLO), high_risk_operator=True)
    client = login(personas.contributor)
    response = client.post(f"{incident.get_absolute_url()}assessment/", {
        "version": 1, "death": "true", "critical_infrastructure": "true", "health_harm": "false",
        "high_risk_operator": "true",
    })  # fmt: skip
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.ai_act_rule == "ai_act_73_3"
    page = client.get(incident.get_absolute_url()).content.decode()
    assert "2027-02-01 10:00" in page
    assert "Art. 73(3)" in page
    assert "Serious incident" in page


def test_a_contributor_cannot_close_but_a_manager_can_once_the_rules_are_met(personas, login, incident_factory):
    incident = incident_factory(health_harm=True)
    status_url = f"{incident.get_absolute_url()}status/"
    response = login(personas.contributor).post(status_url, {"version": 1, "status": "closed"})
    assert response.status_code == 200 and "managers" in response.content.decode()
    response = login(personas.manager).post(status_url, {"version": 1, "status": "closed"})
    assert "Record the root cause" in response.content.decode()
    incident = services.incident_update(incident, actor=personas.manager, root_cause="Drift")
    response = login(personas.manager).post(status_url, {"version": incident.version, "status": "closed"})
    assert "Art. 73" in response.content.decode()
    client = login(personas.contributor)
    response = client.post(f"{incident.get_absolute_url()}notifications/new/", {
        "kind": "market_surveillance", "recipient": "Nkom", "sent_at": "2027-05-04T10:00",
        "report_type": "initial", "summary": "Initial report",
    })  # fmt: skip
    assert response.status_code == 302
    incident.refresh_from_db()
    response = login(personas.manager).post(status_url, {"version": incident.version, "status": "closed"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == "closed"


def test_raising_a_nonconformity_from_the_page_links_it(personas, login, incident_factory):
    incident = incident_factory()
    client = login(personas.contributor)
    assert client.post(f"{incident.get_absolute_url()}nonconformity/").status_code == 302
    incident.refresh_from_db()
    assert incident.nonconformity is not None
    page = client.get(incident.get_absolute_url()).content.decode()
    assert incident.nonconformity.reference in page
    assert "Raise a nonconformity" not in page


def test_the_history_tab_lists_the_changes(personas, login, incident_factory):
    incident = incident_factory()
    services.incident_update(incident, actor=personas.manager, title="Renamed", reason="Clearer")
    page = login(personas.auditor).get(f"{incident.get_absolute_url()}?tab=history").content.decode()
    assert "Clearer" in page


def test_the_list_filters_by_serious_and_overdue_clock(personas, login, incident_factory):
    incident_factory(title="Serious and overdue", aware_at=datetime(2020, 1, 1, 9, 0, tzinfo=OSLO), death=True)
    reported = incident_factory(title="Serious but reported", aware_at=datetime(2020, 1, 1, 9, 0, tzinfo=OSLO),
                                death=True)  # fmt: skip
    services.notification_create(
        incident=reported, actor=personas.manager, kind=NotificationKind.MARKET_SURVEILLANCE, recipient="MSA"
    )
    incident_factory(title="Minor glitch")
    client = login(personas.viewer)
    page = client.get("/o/acme/incidents/?overdue=true").content.decode()
    assert "Serious and overdue" in page and "Serious but reported" not in page and "Minor glitch" not in page
    page = client.get("/o/acme/incidents/?serious=true").content.decode()
    assert "Serious but reported" in page and "Minor glitch" not in page
    page = client.get("/o/acme/incidents/?serious=false&severity=medium").content.decode()
    assert "Minor glitch" in page and "Serious and overdue" not in page
    assert "Overdue" in client.get("/o/acme/incidents/").content.decode()


def test_the_list_takes_a_constant_number_of_queries_and_exports_csv(personas, login, incident_factory,
                                                                      aisystem_factory):  # fmt: skip
    system = aisystem_factory()
    owner = personas.membership(personas.manager)

    def add(count):
        for _ in range(count):
            incident = incident_factory(system=system, owner=owner, health_harm=True, personal_data=True,
                                        personal_data_breach=True)  # fmt: skip
            services.notification_create(
                incident=incident, actor=personas.manager, kind=NotificationKind.DATA_PROTECTION, recipient="DPA"
            )

    client = login(personas.viewer)
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/o/acme/incidents/?per_page=100").status_code == 200
    add(25)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/o/acme/incidents/?per_page=100").status_code == 200
    assert len(many) == len(few)
    export = client.get("/o/acme/incidents/?export=csv")
    content = b"".join(export.streaming_content).decode()
    assert "INC-027" in content and "Due " in content

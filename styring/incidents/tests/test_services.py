"""Incident services: creation (the entry point for other apps), the serious-incident test, closing rules, the
link to a nonconformity, and their change-log events."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from styring.core.exceptions import ConflictError
from styring.core.models import AuditEvent
from styring.improvement.models import Nonconformity
from styring.incidents import services
from styring.incidents.choices import IncidentStatus, NotificationKind, ReportType
from styring.incidents.deadlines import Clock
from styring.incidents.models import Incident

OSLO = ZoneInfo("Europe/Oslo")
pytestmark = pytest.mark.django_db


def events_about(record):
    return AuditEvent.objects.filter(object_id=str(record.public_id)).order_by("sequence")


def test_incidents_are_numbered_per_organisation_and_their_creation_is_logged(personas, incident_factory):
    first = incident_factory()
    second = incident_factory()
    other = incident_factory(organisation=personas.org_b, actor=personas.beta_manager)
    assert (first.reference, second.reference, other.reference) == ("INC-001", "INC-002", "INC-001")
    assert events_about(first).get().action == "create"


def test_an_incident_raised_from_another_record_names_it(personas, aisystem_factory):
    system = aisystem_factory()
    incident = services.incident_create(
        organisation=personas.org_a, actor=personas.owner, title="Accuracy dropped", system=system,
        source_record=system, reason="Threshold breached",
    )  # fmt: skip
    assert incident.source_type == "inventory.aisystem"
    assert incident.source_id == str(system.public_id)
    assert incident.source_label == str(system)
    assert incident.source_url == system.get_absolute_url()
    assert incident.aware_at is not None
    assert events_about(incident).get().reason == "Threshold breached"


def test_an_incident_cannot_name_a_system_of_another_organisation(personas, aisystem_factory):
    foreign = aisystem_factory(organisation=personas.org_b, actor=personas.beta_manager)
    with pytest.raises(ValidationError):
        services.incident_create(organisation=personas.org_a, actor=personas.owner, title="x", system=foreign)
    assert not Incident.objects.exists()


def test_a_naive_awareness_time_is_refused_and_nothing_is_saved(personas):
    with pytest.raises(ValidationError):
        services.incident_create(
            organisation=personas.org_a, actor=personas.owner, title="x", aware_at=datetime(2027, 1, 1, 10, 0)
        )
    assert not Incident.objects.exists()


def test_unknown_fields_are_refused(personas):
    with pytest.raises(ValueError):
        services.incident_create(organisation=personas.org_a, actor=personas.owner, title="x", status="closed")


def test_the_assessment_stores_the_deadline_and_logs_the_answers(personas, incident_factory):
    incident = incident_factory(aware_at=datetime(2027, 1, 30, 10, 0, tzinfo=OSLO))
    incident = services.incident_assess(incident, actor=personas.manager, widespread=True, high_risk_operator=True)
    assert incident.is_serious is False  # a widespread infringement alone is not an Art. 3(49) serious incident …
    assert incident.ai_act_rule == "ai_act_73_3"  # … but must still be reported within 2 days (73(3))
    assert incident.ai_act_due_at == datetime(2027, 2, 1, 10, 0, tzinfo=OSLO)
    event = events_about(incident).last()
    assert event.changes["widespread"] == [None, True]
    assert "ai_act_due_at" in event.changes


def test_a_death_at_a_high_risk_system_the_organisation_deploys_is_taken_from_the_system(
    personas, incident_factory, aisystem_factory
):
    system = aisystem_factory(ai_act_class="high_risk", ai_act_roles=["deployer"])
    incident = incident_factory(system=system, aware_at=datetime(2027, 2, 20, 8, 0, tzinfo=OSLO))
    incident = services.incident_assess(incident, actor=personas.manager, death=True)
    assert incident.is_serious
    assert incident.ai_act_rule == "ai_act_73_4"
    assert incident.ai_act_due_at == datetime(2027, 3, 2, 8, 0, tzinfo=OSLO)


def test_a_serious_incident_of_a_minimal_risk_system_starts_no_ai_act_clock(
    personas, incident_factory, aisystem_factory
):
    system = aisystem_factory(ai_act_class="minimal", ai_act_roles=["provider"])
    incident = services.incident_assess(incident_factory(system=system), actor=personas.manager, health_harm=True)
    assert incident.is_serious
    assert incident.ai_act_rule == ""
    assert incident.clocks() == []


def test_changing_the_awareness_time_moves_the_deadlines(personas, incident_factory):
    incident = services.incident_assess(incident_factory(), actor=personas.manager, health_harm=True)
    incident = services.incident_update(
        incident, actor=personas.manager, aware_at=datetime(2027, 12, 20, 16, 0, tzinfo=OSLO)
    )
    assert incident.ai_act_due_at == datetime(2028, 1, 4, 16, 0, tzinfo=OSLO)


def test_the_gdpr_clock_needs_personal_data(personas, incident_factory):
    incident = services.incident_assess(incident_factory(), actor=personas.manager, personal_data_breach=True)
    assert incident.gdpr_due_at is None
    incident = services.incident_update(incident, actor=personas.manager, personal_data=True)
    assert incident.gdpr_due_at == datetime(2027, 5, 6, 9, 0, tzinfo=OSLO)


def test_an_organisation_in_shanghai_gets_deadlines_on_its_own_clock(personas, incident_factory):
    from styring.organisations.models import Organisation

    Organisation.objects.filter(pk=personas.org_b.pk).update(time_zone="Asia/Shanghai")
    personas.org_b.refresh_from_db()
    incident = incident_factory(
        organisation=personas.org_b, actor=personas.beta_manager,
        aware_at=datetime(2027, 1, 30, 23, 30, tzinfo=UTC),  # 31 January 07:30 in Shanghai
        critical_infrastructure=True,
    )  # fmt: skip
    assert incident.ai_act_due_at == datetime(2027, 2, 2, 7, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    clock = incident.clocks()[0]
    assert clock.due_at.tzinfo == ZoneInfo("Asia/Shanghai")


def test_clocks_are_met_by_a_notification_of_their_kind(personas, incident_factory):
    incident = incident_factory(personal_data=True, health_harm=True, personal_data_breach=True)
    now = datetime(2027, 5, 4, 9, 0, tzinfo=OSLO)
    assert {clock.clock: clock.state for clock in incident.clocks(now)} == {
        Clock.AI_ACT: "running",
        Clock.GDPR_33: "running",
    }
    services.notification_create(
        incident=incident, actor=personas.manager, kind=NotificationKind.OTHER, recipient="Press",
        sent_at=datetime(2027, 5, 3, 10, 0, tzinfo=OSLO),
    )  # fmt: skip
    services.notification_create(
        incident=incident, actor=personas.manager, kind=NotificationKind.DATA_PROTECTION, recipient="Datatilsynet",
        sent_at=datetime(2027, 5, 7, 10, 0, tzinfo=OSLO),
    )  # fmt: skip
    services.notification_create(
        incident=incident, actor=personas.manager, kind=NotificationKind.MARKET_SURVEILLANCE, recipient="MSA",
        sent_at=datetime(2027, 5, 5, 10, 0, tzinfo=OSLO), report_type=ReportType.INITIAL,
    )  # fmt: skip
    incident = Incident.objects.get(pk=incident.pk)
    states = {clock.clock: clock.state for clock in incident.clocks(datetime(2027, 5, 8, 9, 0, tzinfo=OSLO))}
    assert states == {Clock.AI_ACT: "met", Clock.GDPR_33: "met_late"}


def test_an_unmet_clock_past_its_deadline_is_overdue(personas, incident_factory):
    incident = incident_factory(death=True, high_risk_operator=True)
    clock = incident.clocks(datetime(2027, 5, 13, 9, 1, tzinfo=OSLO))[0]
    assert clock.state == "overdue"
    assert "overdue by" in clock.summary


def test_closing_needs_a_root_cause(personas, incident_factory):
    incident = incident_factory()
    with pytest.raises(ValidationError) as error:
        services.incident_set_status(incident, actor=personas.manager, status=IncidentStatus.CLOSED)
    assert "root cause" in str(error.value)
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.NEW


def test_closing_a_reportable_incident_needs_the_notification_to_the_authority(personas, incident_factory):
    incident = incident_factory(health_harm=True, root_cause="Model drift")
    with pytest.raises(ValidationError) as error:
        services.incident_set_status(incident, actor=personas.manager, status=IncidentStatus.CLOSED)
    assert "Art. 73" in str(error.value)
    services.notification_create(
        incident=incident, actor=personas.manager, kind=NotificationKind.MARKET_SURVEILLANCE, recipient="MSA"
    )
    incident = Incident.objects.get(pk=incident.pk)
    incident = services.incident_set_status(incident, actor=personas.manager, status=IncidentStatus.CLOSED)
    assert incident.status == IncidentStatus.CLOSED
    assert incident.closed_at is not None


def test_a_closed_incident_cannot_be_edited_and_is_reopened_only_with_a_reason(personas, incident_factory):
    incident = incident_factory(root_cause="Bad data")
    incident = services.incident_set_status(incident, actor=personas.manager, status=IncidentStatus.CLOSED)
    with pytest.raises(ValidationError):
        services.incident_update(incident, actor=personas.manager, title="New")
    with pytest.raises(ValidationError):
        services.incident_set_status(incident, actor=personas.manager, status=IncidentStatus.INVESTIGATING)
    incident = services.incident_set_status(
        incident, actor=personas.manager, status=IncidentStatus.INVESTIGATING, reason="New evidence"
    )
    assert incident.closed_at is None
    assert events_about(incident).last().reason == "New evidence"


def test_a_stale_version_is_refused(personas, incident_factory):
    incident = incident_factory()
    services.incident_update(incident, actor=personas.manager, title="Changed")
    with pytest.raises(ConflictError):
        services.incident_update(incident, actor=personas.manager, title="Stale", expected_version=1)


def test_raising_a_nonconformity_links_it_once(personas, incident_factory):
    incident = incident_factory(severity="critical", owner=personas.membership(personas.manager))
    nonconformity = services.incident_raise_nonconformity(incident, actor=personas.manager)
    incident.refresh_from_db()
    assert incident.nonconformity == nonconformity
    assert nonconformity.source == "incident"
    assert nonconformity.source_id == str(incident.public_id)
    assert nonconformity.severity == "major"
    with pytest.raises(ValidationError):
        services.incident_raise_nonconformity(incident, actor=personas.manager)
    assert Nonconformity.objects.count() == 1


def test_deleting_an_incident_logs_it_and_its_notifications(personas, incident_factory):
    incident = incident_factory()
    notification = services.notification_create(
        incident=incident, actor=personas.manager, kind=NotificationKind.OTHER, recipient="Board"
    )
    services.incident_delete(record=incident, actor=personas.manager, reason="Duplicate")
    assert not Incident.objects.exists()
    assert events_about(incident).last().action == "delete"
    assert events_about(notification).last().action == "delete"

"""The clock-reminder job: tasks for the owner per open clock, escalated to owners and administrators near or past
the deadline, created once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from styring.incidents import services
from styring.incidents.choices import IncidentStatus, NotificationKind
from styring.incidents.reminders import clock_reminders
from styring.tasks.jobs import all_jobs
from styring.tasks.models import Task

OSLO = ZoneInfo("Europe/Oslo")
pytestmark = pytest.mark.django_db
AWARE = datetime(2027, 5, 3, 9, 0, tzinfo=OSLO)


def test_the_job_is_registered():
    assert "incident-clock-reminders" in [job.name for job in all_jobs()]


def test_the_owner_gets_one_task_per_open_clock_and_a_second_run_adds_none(personas, incident_factory):
    owner = personas.membership(personas.contributor)
    incident = incident_factory(
        owner=owner, aware_at=AWARE, health_harm=True, personal_data=True, personal_data_breach=True
    )
    now = datetime(2027, 5, 3, 10, 0, tzinfo=OSLO)  # 71 hours left on GDPR, 15 days on the AI Act
    assert clock_reminders(now=now) == "2 incident clock task(s) created"
    tasks = Task.objects.filter(subject_id=str(incident.public_id))
    assert {task.owner for task in tasks} == {owner}
    assert sorted(task.due_date.isoformat() for task in tasks) == ["2027-05-06", "2027-05-18"]
    assert clock_reminders(now=now) == "0 incident clock task(s) created"


def test_less_than_a_day_left_escalates_to_owners_and_administrators_once(personas, incident_factory):
    owner = personas.membership(personas.contributor)
    incident_factory(owner=owner, aware_at=AWARE, critical_infrastructure=True, high_risk_operator=True)
    now = datetime(2027, 5, 4, 10, 0, tzinfo=OSLO)  # 23 hours left of 2 days
    clock_reminders(now=now)
    people = set(Task.objects.values_list("owner__user__email", flat=True))
    assert people == {"contributor@acme.example", "owner@acme.example", "admin@acme.example"}
    escalated = Task.objects.filter(title__startswith="Escalated")
    assert escalated.count() == 2
    assert "Art. 73(3)" in escalated.first().description
    count = Task.objects.count()
    clock_reminders(now=datetime(2027, 5, 6, 10, 0, tzinfo=OSLO))  # now overdue: still nothing new
    assert Task.objects.count() == count


def test_met_clocks_and_closed_incidents_get_no_tasks(personas, incident_factory):
    met = incident_factory(death=True, high_risk_operator=True)
    services.notification_create(
        incident=met, actor=personas.manager, kind=NotificationKind.MARKET_SURVEILLANCE, recipient="MSA"
    )
    closed = incident_factory(health_harm=True, high_risk_operator=False, root_cause="x")
    services.incident_set_status(closed, actor=personas.manager, status=IncidentStatus.CLOSED)
    no_clock = incident_factory()
    assert clock_reminders(now=AWARE) == "0 incident clock task(s) created"
    assert not Task.objects.filter(subject_id__in=[str(i.public_id) for i in (met, closed, no_clock)]).exists()

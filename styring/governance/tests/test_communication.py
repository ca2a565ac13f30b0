"""The communication plan (7.4): recording a communication moves the next due date on; reminders come once."""

import datetime

import pytest
from django.urls import reverse

from styring.governance.choices import Frequency
from styring.governance.models import CommunicationItem
from styring.governance.reminders import communication_reminders
from styring.governance.services import add_months, communication_item_create, communication_record
from styring.tasks.models import Task, TaskStatus

D = datetime.date


@pytest.fixture
def item_factory(personas):
    def make(**fields):
        fields.setdefault("what", "AI policy summary")
        fields.setdefault("audience", "All staff")
        fields.setdefault("communicator", personas.membership(personas.manager))
        return communication_item_create(organisation=personas.org_a, actor=personas.owner, **fields)

    return make


def _record(personas, item, on):
    return communication_record(
        item=item, actor=personas.owner, membership=personas.membership(personas.owner), communicated_on=on
    )


@pytest.mark.parametrize(
    ("frequency", "due", "communicated", "expected"),
    [
        (Frequency.MONTHLY, D(2026, 1, 31), D(2026, 1, 30), D(2026, 2, 28)),
        (Frequency.QUARTERLY, D(2026, 3, 1), D(2026, 3, 5), D(2026, 6, 1)),
        (Frequency.YEARLY, D(2026, 3, 1), D(2026, 2, 1), D(2027, 3, 1)),
        (Frequency.MONTHLY, D(2026, 1, 1), D(2026, 5, 10), D(2026, 6, 1)),  # long overdue: catch up
        (Frequency.QUARTERLY, None, D(2026, 5, 10), D(2026, 8, 10)),
        (Frequency.ONCE, D(2026, 3, 1), D(2026, 3, 1), None),
        (Frequency.ON_EVENT, D(2026, 3, 1), D(2026, 3, 1), None),
    ],
)
def test_recording_a_communication_advances_the_next_due_date(frequency, due, communicated, expected, personas,
                                                              item_factory):  # fmt: skip
    item = item_factory(frequency=frequency, next_due_on=due)
    record = _record(personas, item, communicated)
    item.refresh_from_db()
    assert item.next_due_on == expected
    assert record.recorded_by == personas.membership(personas.owner)


def test_add_months_keeps_the_end_of_short_months():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)


def test_the_reminders_job_creates_one_task_per_item_due_within_seven_days(personas, item_factory):
    today = D(2026, 6, 1)
    due = item_factory(what="Quarterly AI update", next_due_on=D(2026, 6, 8))
    overdue = item_factory(what="Yearly report", next_due_on=D(2026, 5, 1))
    item_factory(what="Later", next_due_on=D(2026, 6, 9))
    item_factory(what="Unplanned", next_due_on=None)
    assert communication_reminders(today=today) == "2 communication reminder tasks created"
    assert communication_reminders(today=today) == "0 communication reminder tasks created"
    tasks = Task.objects.filter(subject_type="governance.communicationitem")
    assert {task.subject_id for task in tasks} == {str(due.public_id), str(overdue.public_id)}
    assert all(task.owner == personas.membership(personas.manager) for task in tasks)


def test_recording_the_communication_closes_its_reminder_and_the_next_period_reminds_again(personas, item_factory):
    item = item_factory(frequency=Frequency.MONTHLY, next_due_on=D(2026, 6, 5))
    communication_reminders(today=D(2026, 6, 1))
    _record(personas, item, D(2026, 6, 4))
    assert Task.objects.get().status == TaskStatus.DONE
    assert communication_reminders(today=D(2026, 6, 2)) == "0 communication reminder tasks created"
    assert communication_reminders(today=D(2026, 6, 30)) == "1 communication reminder tasks created"


def test_the_job_is_registered_for_tick():
    from styring.tasks.jobs import all_jobs

    assert "communication-reminders" in [job.name for job in all_jobs()]


def test_the_detail_page_records_a_communication(personas, login, item_factory):
    item = item_factory(frequency=Frequency.YEARLY, next_due_on=D(2026, 3, 1))
    client = login(personas.contributor)
    assert client.get(item.get_absolute_url()).status_code == 200
    url = reverse("governance:communication-record", kwargs={"org": "acme", "communicationitem": item.public_id})
    response = client.post(url, {"communicated_on": "2026-03-02", "note": "Town hall", "version": item.version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.next_due_on == D(2027, 3, 1)
    assert "Town hall" in client.get(item.get_absolute_url()).content.decode()


def test_a_viewer_cannot_record_a_communication(personas, login, item_factory):
    item = item_factory(next_due_on=D(2026, 3, 1))
    url = reverse("governance:communication-record", kwargs={"org": "acme", "communicationitem": item.public_id})
    assert login(personas.viewer).post(url, {"communicated_on": "2026-03-02"}).status_code == 403
    assert CommunicationItem.objects.get().next_due_on == D(2026, 3, 1)

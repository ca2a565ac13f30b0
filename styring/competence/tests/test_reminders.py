"""Reminders to renew competences before they lapse."""

from datetime import timedelta

from styring.competence.reminders import expiry_reminders
from styring.tasks.models import Task

from .conftest import TODAY


def test_one_task_per_competence_expiring_within_30_days_for_the_member_and_none_twice(personas, make_competence, hold):
    viewer = personas.membership(personas.viewer)
    competence = make_competence("Security")
    member_record = hold(viewer, competence, expires_on=TODAY + timedelta(days=30))
    outside_record = hold("Kari Nordmann", competence, expires_on=TODAY)
    later_record = hold(viewer, make_competence("Law"), expires_on=TODAY + timedelta(days=31))
    hold(viewer, make_competence("Ethics"), expires_on=TODAY - timedelta(days=1))
    hold(viewer, make_competence("Python"))
    assert expiry_reminders(today=TODAY) == "2 competence renewal tasks created"
    tasks = {task.subject_id: task for task in Task.objects.all()}
    assert set(tasks) == {str(member_record.public_id), str(outside_record.public_id)}
    assert tasks[str(member_record.public_id)].owner == viewer
    assert tasks[str(member_record.public_id)].due_date == TODAY + timedelta(days=30)
    assert tasks[str(outside_record.public_id)].owner is None
    assert "Kari Nordmann" in tasks[str(outside_record.public_id)].title
    assert expiry_reminders(today=TODAY) == "0 competence renewal tasks created"
    assert Task.objects.count() == 2
    Task.objects.filter(subject_id=str(member_record.public_id)).update(status="done")
    # a day later: the Law record comes within 30 days, and the done task no longer stands for the first record
    assert expiry_reminders(today=TODAY + timedelta(days=1)) == "2 competence renewal tasks created"
    assert Task.objects.filter(subject_id=str(later_record.public_id), status="open").count() == 1
    assert Task.objects.filter(subject_id=str(member_record.public_id), status="open").count() == 1

import datetime

from django.core.management import call_command

from styring.inventory.reminders import review_reminders
from styring.tasks.models import Task

TODAY = datetime.date(2027, 3, 1)


def test_owners_get_a_task_when_a_review_is_due_and_only_once(personas, aisystem_factory):
    owner = personas.membership(personas.manager)
    aisystem_factory(name="Due soon", owner=owner, review_date=datetime.date(2027, 3, 10))
    aisystem_factory(name="Overdue", review_date=datetime.date(2027, 1, 1))
    aisystem_factory(name="Later", review_date=datetime.date(2027, 6, 1))
    aisystem_factory(name="Retired", review_date=datetime.date(2027, 1, 1), lifecycle_stage="decommissioned")
    assert review_reminders(today=TODAY) == "2 review task(s) created"
    task = Task.objects.get(title__contains="Due soon")
    assert task.owner == owner and task.due_date == datetime.date(2027, 3, 10)
    assert task.organisation == personas.org_a
    assert review_reminders(today=TODAY) == "0 review task(s) created"


def test_tick_runs_the_registered_jobs(personas, capsys):
    call_command("tick", "--job", "inventory-review-reminders")
    assert "inventory-review-reminders:" in capsys.readouterr().out

"""Due and overdue reminders: in-app notifications and one e-mail per person, never repeated for the same task,
kind and due date; the owner's calendar day decides what is overdue."""

from datetime import UTC, date, datetime

from django.core import mail
from django.urls import reverse

from styring.core.models import AuditEvent
from styring.tasks.models import Notification, NotificationKind
from styring.tasks.reminders import task_reminders
from styring.tasks.services import task_create


def _task(personas, user, due, **fields):
    title = fields.pop("title", "Review the policy")
    return task_create(organisation=personas.org_a, actor=personas.manager, title=title,
                       owner=personas.membership(user), due_date=due, **fields)  # fmt: skip


def test_due_soon_and_overdue_tasks_notify_their_owner_once_and_are_emailed(personas):
    now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    _task(personas, personas.contributor, date(2027, 5, 11), title="Due tomorrow")
    _task(personas, personas.contributor, date(2027, 5, 1), title="Long overdue")
    _task(personas, personas.contributor, date(2027, 6, 1), title="Next month")
    _task(personas, personas.viewer, None, title="No date")
    assert task_reminders(now=now) == "2 reminders, 1 e-mails"
    kinds = dict(Notification.objects.values_list("task__title", "kind"))
    assert kinds == {"Due tomorrow": NotificationKind.DUE_SOON, "Long overdue": NotificationKind.OVERDUE}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [personas.contributor.email]
    assert "Due tomorrow" in mail.outbox[0].body and "Long overdue" in mail.outbox[0].body
    assert task_reminders(now=now) == "0 reminders, 0 e-mails"
    # the next day the due-soon task becomes overdue: a new kind of reminder
    assert task_reminders(now=datetime(2027, 5, 12, 8, 0, tzinfo=UTC)) == "1 reminders, 1 e-mails"
    assert AuditEvent.objects.filter(object_type="tasks.notification").count() == 2


def test_done_tasks_and_tasks_without_owner_get_no_reminder(personas):
    from styring.tasks.services import task_update

    now = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)
    done = _task(personas, personas.contributor, date(2027, 5, 1))
    task_update(task=done, actor=personas.manager, status="done")
    task_create(organisation=personas.org_a, actor=personas.manager, title="Nobody's", due_date=date(2027, 5, 1))
    assert task_reminders(now=now) == "0 reminders, 0 e-mails"


def test_overdue_is_decided_in_the_organisations_time_zone(personas):
    from styring.organisations.models import Organisation

    # already 11 May there at 20:00 UTC on 10 May
    Organisation.objects.filter(pk=personas.org_a.pk).update(time_zone="Pacific/Auckland")
    _task(personas, personas.contributor, date(2027, 5, 10))
    task_reminders(now=datetime(2027, 5, 10, 20, 0, tzinfo=UTC))
    assert Notification.objects.get().kind == NotificationKind.OVERDUE


def test_my_tasks_lists_only_my_open_tasks_with_overdue_first_and_notifications_are_mine_only(personas, login):
    _task(personas, personas.contributor, date(2020, 1, 1), title="Old and overdue")
    _task(personas, personas.viewer, date(2020, 1, 1), title="Someone else's")
    task_reminders()
    client = login(personas.contributor)
    page = client.get(reverse("tasks:mine", kwargs={"org": "acme"})).content.decode()
    assert "Old and overdue" in page and "Someone else" not in page and "Overdue" in page
    notifications = client.get(reverse("tasks:notifications", kwargs={"org": "acme"})).content.decode()
    assert "Old and overdue" in notifications and "Someone else" not in notifications
    client.post(reverse("tasks:notifications", kwargs={"org": "acme"}))
    assert Notification.objects.get(recipient__user=personas.contributor).read_at is not None
    assert Notification.objects.get(recipient__user=personas.viewer).read_at is None


def test_the_worker_in_batch_mode_runs_the_scheduled_jobs_before_the_queue(personas, monkeypatch):
    from django.core.management import call_command

    _task(personas, personas.contributor, date(2020, 1, 1), title="Old and overdue")
    queued = []
    monkeypatch.setattr("styring.core.management.commands.worker.call_command", lambda *args: queued.append(args))
    call_command("worker", "--batch")
    assert Notification.objects.filter(task__title="Old and overdue").exists()
    assert queued == [("db_worker", "--queue-name", "default", "--batch")]


def test_one_failing_scheduled_job_does_not_stop_the_others(personas, monkeypatch):
    from styring.core.management.commands.worker import run_scheduled_jobs
    from styring.tasks import jobs

    monkeypatch.setitem(jobs._jobs, "aaa-broken", jobs.Job("aaa-broken", lambda: 1 / 0))
    results = run_scheduled_jobs()
    assert results[0] == "aaa-broken: failed" and any(line.startswith("task-reminders:") for line in results)

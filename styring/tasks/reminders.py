"""Due and overdue reminders: an in-app notification for the task's owner and one e-mail per person per run
(SMTP when configured, the console otherwise). Run by `styring tick` or by `styring worker`'s own schedule."""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from styring.core.audit import record_event
from styring.core.models import AuditAction

from .jobs import register
from .models import OPEN_STATUSES, Notification, NotificationKind, Task

REMIND_DAYS_BEFORE = 2


def _today_in(organisation, now: datetime) -> object:
    return now.astimezone(zoneinfo.ZoneInfo(organisation.time_zone)).date()


@register("task-reminders")
def task_reminders(now: datetime | None = None) -> str:
    """Notify owners of open tasks due within two days (their organisation's calendar) or overdue; never twice for
    the same task, kind and due date."""
    now = now or timezone.now()
    horizon = now.date() + timedelta(days=REMIND_DAYS_BEFORE + 1)  # widest possible local date, refined per task
    tasks = list(
        Task.objects.filter(status__in=OPEN_STATUSES, owner__isnull=False, due_date__lte=horizon)
        .select_related("organisation", "owner__user")
        .order_by("organisation_id", "due_date", "id")
    )
    sent = {
        (task_id, kind, due)
        for task_id, kind, due in Notification.objects.filter(task__in=tasks).values_list("task_id", "kind", "due_date")
    }
    by_organisation: dict = defaultdict(list)
    for task in tasks:
        today = _today_in(task.organisation, now)
        if task.due_date > today + timedelta(days=REMIND_DAYS_BEFORE):
            continue
        kind = NotificationKind.OVERDUE if task.due_date < today else NotificationKind.DUE_SOON
        if (task.id, kind, task.due_date) not in sent:
            by_organisation[task.organisation].append((task, kind))
    created: list[Notification] = []
    for organisation, items in by_organisation.items():
        created += _notify(organisation, items)
    emailed = _email(created)
    return f"{len(created)} reminders, {emailed} e-mails"


def _notify(organisation, items) -> list[Notification]:
    """The notifications of one organisation, with one change-log event for the run (not one per message)."""
    notifications = []
    try:
        with transaction.atomic():
            for task, kind in items:
                with translation.override(task.owner.user.language or organisation.default_language):
                    label = _("Overdue") if kind == NotificationKind.OVERDUE else _("Due soon")
                    title = f"{label}: {task.title}"[:400]
                notifications.append(
                    Notification.objects.create(
                        organisation=organisation,
                        recipient=task.owner,
                        task=task,
                        kind=kind,
                        due_date=task.due_date,
                        title=title,
                    )
                )
            record_event(
                organisation=organisation,
                actor=None,
                action=AuditAction.CREATE,
                object_type="tasks.notification",
                object_repr=f"{len(notifications)} task reminders",
                reason="Scheduled task reminders",
            )
    except IntegrityError:  # another worker sent these in the meantime
        return []
    return notifications


def _email(notifications: list[Notification]) -> int:
    by_person: dict = defaultdict(list)
    for notification in notifications:
        by_person[notification.recipient].append(notification)
    sent = 0
    for member, items in by_person.items():
        user = member.user
        if not user.email or not user.is_active:
            continue
        with translation.override(user.language or member.organisation.default_language):
            context = {
                "member": member,
                "organisation": member.organisation,
                "items": items,
                "base_url": settings.BASE_URL,
            }
            subject = _("%(n)s tasks need your attention in %(organisation)s") % {
                "n": len(items),
                "organisation": member.organisation.name,
            }
            body = render_to_string("tasks/reminder_email.txt", context)
        send_mail(f"[Styring] {subject}", body, None, [user.email])
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(emailed_at=timezone.now())
        sent += 1
    return sent

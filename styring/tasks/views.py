from datetime import timedelta

from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styring.core.permissions import Perm
from styring.core.views import OrganisationListView, OrganisationPage

from . import selectors
from .filtersets import TaskFilterSet
from .models import OPEN_STATUSES, Notification
from .tables import TaskTable


class TaskListView(OrganisationListView):
    permission_required = Perm.ORGANISATION_VIEW
    table_class = TaskTable
    filterset_class = TaskFilterSet
    title = _("Tasks")
    export_name = "tasks"
    section = "tasks:task-list"
    empty_title = _("No tasks")
    empty_text = _("Tasks appear here when open gaps, risks or findings are turned into work for someone.")

    def get_queryset(self):
        return selectors.tasks_of(self.organisation)


class MyTasksView(OrganisationPage):
    """The signed-in member's open tasks, overdue first, and their in-app reminders."""

    permission_required = Perm.ORGANISATION_VIEW
    template_name = "tasks/mine.html"
    section = "tasks:task-list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        tasks = list(selectors.tasks_of(self.organisation).filter(owner=self.membership, status__in=OPEN_STATUSES)
                     .order_by(F("due_date").asc(nulls_last=True), "title")[:500])  # fmt: skip
        groups = [
            (_("Overdue"), [task for task in tasks if task.due_date and task.due_date < today], "danger"),
            (
                _("Due in the next 7 days"),
                [task for task in tasks if task.due_date and today <= task.due_date <= today + timedelta(days=7)],
                "warning",
            ),
            (_("Later"), [task for task in tasks if task.due_date and task.due_date > today + timedelta(days=7)], ""),
            (_("No due date"), [task for task in tasks if not task.due_date], ""),
        ]
        context.update(title=_("My tasks"), groups=groups, total=len(tasks), today=today)
        return context


class NotificationsView(OrganisationPage):
    permission_required = Perm.ORGANISATION_VIEW
    template_name = "tasks/notifications.html"
    section = "tasks:task-list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notifications = list(
            Notification.objects.for_organisation(self.organisation)
            .filter(recipient=self.membership)
            .select_related("task")
            .order_by("-created_at")[:200]
        )
        context.update(title=_("Notifications"), notifications=notifications)
        return context

    def post(self, request, *args, **kwargs):
        """Mark all as read (only the member's own notifications)."""
        Notification.objects.for_organisation(self.organisation).filter(
            recipient=self.membership, read_at__isnull=True
        ).update(read_at=timezone.now())
        messages.success(request, _("All notifications marked as read."))
        return redirect("tasks:notifications", org=self.organisation.slug)

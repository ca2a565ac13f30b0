from django.utils.translation import gettext_lazy as _

from styring.core.permissions import Perm
from styring.core.views import OrganisationListView

from . import selectors
from .filtersets import TaskFilterSet
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

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "styring.tasks"
    label = "tasks"
    verbose_name = _("Tasks")

    def ready(self):
        from . import reminders  # noqa: F401 - registers the due and overdue reminders

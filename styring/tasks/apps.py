from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "styring.tasks"
    label = "tasks"
    verbose_name = _("Tasks")

    def ready(self):
        from . import readiness, reminders  # noqa: F401 - reminders and the readiness check

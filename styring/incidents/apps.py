from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "styring.incidents"
    label = "incidents"
    verbose_name = _("AI incidents")

    def ready(self):
        from . import readiness, reminders  # noqa: F401  - registers the clock-reminder job and the readiness check

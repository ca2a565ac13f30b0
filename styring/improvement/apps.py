from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImprovementConfig(AppConfig):
    name = "styring.improvement"
    label = "improvement"
    verbose_name = _("Nonconformities and improvement")

    def ready(self):
        from . import readiness, reminders  # noqa: F401  (corrective-action reminders, readiness check)

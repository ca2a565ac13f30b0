from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "styring.governance"
    label = "governance"
    verbose_name = _("Roles and objectives")

    def ready(self):
        from . import readiness, reminders  # noqa: F401  (the communication reminders job, readiness check)

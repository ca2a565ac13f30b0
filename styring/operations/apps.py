from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "styring.operations"
    label = "operations"
    verbose_name = _("Monitoring and event logs")

    def ready(self):
        from . import events, readiness  # noqa: F401  (jobs: retention, override rate; readiness check)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControlsConfig(AppConfig):
    name = "styring.controls"
    label = "controls"
    verbose_name = _("Controls")

    def ready(self):
        from . import evidence, readiness  # noqa: F401  (expiry reminders, requirement-page links, readiness checks)

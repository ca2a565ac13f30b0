from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "styring.risks"
    label = "risks"
    verbose_name = _("AI risks and opportunities")

    def ready(self):
        from . import readiness  # noqa: F401 - registers the readiness checks

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssuranceConfig(AppConfig):
    name = "styring.assurance"
    label = "assurance"
    verbose_name = _("Internal audit and management review")

    def ready(self):
        from . import readiness  # noqa: F401  (readiness of step 6)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegulationConfig(AppConfig):
    name = "styring.regulation"
    label = "regulation"
    verbose_name = _("EU AI Act")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssuranceConfig(AppConfig):
    name = "styring.assurance"
    label = "assurance"
    verbose_name = _("Audit, review and improvement")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenceConfig(AppConfig):
    name = "styring.competence"
    label = "competence"
    verbose_name = _("Competence and training")

    def ready(self):
        from . import readiness, reminders  # noqa: F401  (expiry reminders and the readiness check)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContextConfig(AppConfig):
    name = "styring.context"
    label = "context"
    verbose_name = _("Context and scope")

    def ready(self):
        from . import readiness  # noqa: F401 - registers the readiness check

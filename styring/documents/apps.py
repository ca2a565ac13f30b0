from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "styring.documents"
    label = "documents"
    verbose_name = _("Policies and documents")

    def ready(self):
        from . import catalog_links, readiness, reminders  # noqa: F401 - review job, requirement links, readiness

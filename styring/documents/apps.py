from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "styring.documents"
    label = "documents"
    verbose_name = _("Policies and documents")

    def ready(self):
        from . import catalog_links, reminders  # noqa: F401 - registers the review job and the requirement links

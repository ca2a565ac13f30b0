from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "styring.inventory"
    label = "inventory"
    verbose_name = _("Inventory")

    def ready(self):
        from . import readiness, reminders  # noqa: F401 - registers the scheduled job and the readiness check

import logging

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class CatalogConfig(AppConfig):
    name = "styring.catalog"
    label = "catalog"
    verbose_name = _("Catalog")

    def ready(self):
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="styring.catalog.sync")


def sync_after_migrate(sender, using="default", plan=None, **kwargs):
    """`styring migrate` also loads the catalog, so a new install or upgrade needs no extra step."""
    from .loader import sync_catalog

    report = sync_catalog()
    for error in report.errors:
        logger.error("Catalog file refused: %s", error)
    if report.loaded or report.updated:
        logger.info("Catalog: %d file(s) loaded, %d updated", len(report.loaded), len(report.updated))

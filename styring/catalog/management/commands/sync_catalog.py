"""`styring sync-catalog`: load the reviewed standards catalog from `styring/catalog/data/`.

The loader itself arrives with the catalog (issue "Standards catalog, crosswalks and gap analysis"); until then
this command reports which data files exist so that `make demo` and deployments already call it.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = "Load or update the standards catalog from styring/catalog/data (idempotent)."

    def handle(self, *args, **options):
        files = sorted(DATA_DIR.glob("*.yaml")) if DATA_DIR.exists() else []
        self.stdout.write(f"Catalog: {len(files)} framework file(s) found; nothing to load yet.")

"""`styring sync-catalog`: load the reviewed standards catalog from `styring/catalog/data/` (idempotent)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styring.catalog.loader import DATA_DIR, sync_catalog


class Command(BaseCommand):
    help = "Load or update the standards catalog from styring/catalog/data (unchanged files are skipped)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="Folder with frameworks/ and crosswalks/")

    def handle(self, *args, **options):
        report = sync_catalog(options["data_dir"])
        for label, names in (("loaded", report.loaded), ("updated", report.updated), ("unchanged", report.unchanged)):
            for name in names:
                self.stdout.write(f"{label}: {name}")
        self.stdout.write(
            f"Catalog: {len(report.loaded)} loaded, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.errors)} refused."
        )
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"refused: {error}")
            raise CommandError(f"{len(report.errors)} catalog file(s) refused; nothing was loaded from them")

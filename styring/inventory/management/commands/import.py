"""`styring import inventory FILE --org SLUG`: CSV, XLSX or CycloneDX into the review queue, with the same checks as
the web import. Any error prints the report and writes nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styring.accounts.models import User
from styring.inventory.imports import service
from styring.inventory.imports.spreadsheet import ImportError_
from styring.organisations.models import Membership, Organisation


class Command(BaseCommand):
    help = "Import an AI inventory (CSV, XLSX or CycloneDX 1.5/1.6 JSON) into an organisation's review queue."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["inventory"], help="What to import (inventory).")
        parser.add_argument("file", type=Path)
        parser.add_argument("--org", required=True, help="The organisation's short name (slug).")
        parser.add_argument("--format", choices=["csv", "xlsx", "cyclonedx"], default="", help="Default: detected.")
        parser.add_argument("--actor", default="", help="E-mail of the member recorded as importer (default: none).")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")

    def handle(self, *args, what, file, org, format, actor, dry_run, **options):
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"No organisation with the short name {org!r}.")
        user = None
        if actor:
            user = User.objects.filter(email__iexact=actor).first()
            if user is None or not Membership.objects.for_organisation(organisation).filter(user=user).exists():
                raise CommandError(f"{actor} is not a member of {organisation.name}.")
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            kind, items, problems, batch = service.import_file(
                organisation, user, content, kind=format, dry_run=dry_run
            )
        except ImportError_ as exc:
            raise CommandError(str(exc)) from exc
        for problem in problems:
            self.stdout.write(f"row {problem.row}: {problem.column}: {problem.level}: {problem.message}")
        errors = [problem for problem in problems if problem.level == "error"]
        if errors:
            raise CommandError(f"{len(errors)} errors; nothing was imported.")
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"{kind}: {len(items)} records would be queued (dry run)."))
            return
        self.stdout.write(self.style.SUCCESS(f"{kind}: {len(items)} records queued for review (batch {batch})."))

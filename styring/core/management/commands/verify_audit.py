"""`styring verify-audit`: recompute every organisation's change-log hash chain."""

from django.core.management.base import BaseCommand, CommandError

from styring.core.audit import verify_chain
from styring.organisations.models import Organisation


class Command(BaseCommand):
    help = "Verify the hash chain of the change log; exits non-zero and names the first broken event if tampered."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", metavar="SLUG", help="Check only this organisation.")

    def handle(self, *args, **options):
        organisations = Organisation.objects.order_by("slug")
        if options["organisation"]:
            organisations = organisations.filter(slug=options["organisation"])
            if not organisations.exists():
                raise CommandError(f"No organisation with short name {options['organisation']!r}")
        broken = 0
        for organisation in organisations:
            report = verify_chain(organisation)
            if report.ok:
                self.stdout.write(f"OK {organisation.slug}: {report.events_checked} events")
            else:
                broken += 1
                self.stderr.write(
                    f"BROKEN {organisation.slug}: first broken event #{report.broken_sequence}: {report.problem} "
                    f"({report.events_checked} events verified before it)"
                )
        if broken:
            raise CommandError(f"{broken} organisation(s) have a broken change log")

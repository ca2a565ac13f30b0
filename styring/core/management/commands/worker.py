"""`styring worker`: runs background jobs from the database queue (django-tasks-db)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run background jobs (reminders, report rendering) from the database queue. Run as many as you need."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="default")
        parser.add_argument("--batch", action="store_true", help="Process what is queued, then exit (for cron).")

    def handle(self, *args, **options):
        arguments = ["--queue-name", options["queue_name"]]
        if options["batch"]:
            arguments.append("--batch")
        call_command("db_worker", *arguments)

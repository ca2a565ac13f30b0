"""`styring tick`: run the scheduled jobs once (review reminders, …). Safe to run often; each job is idempotent."""

from django.core.management.base import BaseCommand, CommandError

from styring.tasks.jobs import all_jobs


class Command(BaseCommand):
    help = "Run the scheduled jobs once (schedule it every 15 minutes with cron or a systemd timer)."

    def add_arguments(self, parser):
        parser.add_argument("--job", action="append", help="Run only this job (repeatable).")

    def handle(self, *args, **options):
        jobs = all_jobs()
        if options["job"]:
            unknown = set(options["job"]) - {job.name for job in jobs}
            if unknown:
                raise CommandError(f"Unknown job(s): {', '.join(sorted(unknown))}")
            jobs = [job for job in jobs if job.name in options["job"]]
        for job in jobs:
            self.stdout.write(f"{job.name}: {job.run()}")

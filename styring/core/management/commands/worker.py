"""`styring worker`: runs background jobs from the database queue (django-tasks-db) and, every
`STYRING_TICK_MINUTES`, the scheduled jobs of `styring tick` (reminders and expiry checks), so one process is enough.
Several workers may run: every scheduled job is idempotent, and reminders are unique per task, kind and due date."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger("styring.worker")


def run_scheduled_jobs() -> list[str]:
    from styring.tasks.jobs import all_jobs

    results = []
    for job in all_jobs():
        try:
            results.append(f"{job.name}: {job.run()}")
        except Exception:  # one failing job must not stop the others or the worker
            logger.exception("Scheduled job %s failed", job.name)
            results.append(f"{job.name}: failed")
    return results


def _schedule(stop: threading.Event, minutes: int) -> None:
    while not stop.is_set():
        close_old_connections()  # this thread keeps its own connection between runs; drop it if it went stale
        for line in run_scheduled_jobs():
            logger.info(line)
        close_old_connections()
        stop.wait(minutes * 60)


class Command(BaseCommand):
    help = (
        "Run background jobs from the database queue, and the scheduled jobs every STYRING_TICK_MINUTES. "
        "Run as many as you need."
    )

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="default")
        parser.add_argument(
            "--batch", action="store_true", help="Run the scheduled jobs once, process what is queued, then exit."
        )
        parser.add_argument("--no-schedule", action="store_true", help="Leave the scheduled jobs to `styring tick`.")

    def handle(self, *args, **options):
        arguments = ["--queue-name", options["queue_name"]]
        minutes = 0 if options["no_schedule"] else settings.STYRING_TICK_MINUTES
        stop = threading.Event()
        if options["batch"]:
            arguments.append("--batch")
            if minutes:
                for line in run_scheduled_jobs():
                    self.stdout.write(line)
        elif minutes:
            threading.Thread(target=_schedule, args=(stop, minutes), name="styring-schedule", daemon=True).start()
        try:
            call_command("db_worker", *arguments)
        finally:
            stop.set()

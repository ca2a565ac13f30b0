"""`styring serve`: the production web server (gunicorn, sync workers) with static files from whitenoise."""

from __future__ import annotations

import multiprocessing
import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

from styring.conf.env import env_int, env_str


class Command(BaseCommand):
    help = "Serve Styring with gunicorn (sync workers); static files are served by whitenoise."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=env_str("STYRING_BIND", "127.0.0.1:8000"),
            help="Address to listen on (default 127.0.0.1:8000, or STYRING_BIND).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=env_int("STYRING_WORKERS", min(4, multiprocessing.cpu_count() * 2 + 1), minimum=1),
        )
        parser.add_argument("--timeout", type=int, default=env_int("STYRING_REQUEST_TIMEOUT", 60, minimum=5))
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Skip collecting static files (when a deployment step already did it).",
        )

    def handle(self, *args, **options):
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        run_gunicorn(bind=options["bind"], workers=options["workers"], timeout=options["timeout"])


def run_gunicorn(*, bind: str, workers: int, timeout: int) -> None:
    from gunicorn.app.base import BaseApplication

    from styring.wsgi import application

    class StyringServer(BaseApplication):
        def load_config(self):
            config = {
                "bind": bind,
                "workers": workers,
                "worker_class": "sync",
                "timeout": timeout,
                "accesslog": "-",
                "errorlog": "-",
                "forwarded_allow_ips": os.environ.get("STYRING_FORWARDED_ALLOW_IPS", "127.0.0.1"),
            }
            for key, value in config.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    # Close the database connection the command itself opened, so forked workers do not share it.
    from django.db import connections

    connections.close_all()
    StyringServer().run()

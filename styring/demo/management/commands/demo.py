"""`styring demo`: migrate, load the demo organisation (once), print the login, and serve."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.http.request import validate_host

from styring.conf.env import env_int
from styring.core.management.commands.serve import run_gunicorn
from styring.demo.loader import DEMO_EMAIL, DEMO_PASSWORD, load_demo

_ANY_ADDRESS = {"", "0.0.0.0", "::", "[::]"}  # noqa: S104 - only compared against, never bound here


def browser_url(bind: str) -> str:
    """The address to open for a gunicorn bind such as 127.0.0.1:8000, 0.0.0.0:9000 or [::1]:8000."""
    if bind.startswith(("unix:", "fd://")):
        return bind
    host, sep, port = bind.rpartition(":")
    if not sep or not port.isdigit():  # a bare host: gunicorn's default port
        host, port = bind, "8000"
    if host in _ANY_ADDRESS:
        host = "127.0.0.1"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = (
        "Try Styring: migrate, load the fictional insurer Nordlys Forsikring AS (once) and serve it. "
        "Every demo member has the same printed password, so do not expose a demo to a network."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="Address to listen on (default 127.0.0.1:8000).")
        parser.add_argument("--workers", type=int, default=2, help="Number of gunicorn workers (default 2).")
        parser.add_argument("--no-serve", action="store_true", help="Load the demo and print the login; do not serve.")

    def handle(self, *args, **options):
        self.stdout.write("Preparing the database …")
        call_command("migrate", interactive=False, verbosity=0)
        catalog_output = io.StringIO()
        call_command("sync_catalog", stdout=catalog_output)
        summary = catalog_output.getvalue().strip().splitlines()
        if summary:
            self.stdout.write(summary[-1])

        organisation, created = load_demo(stdout=self.stdout)
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo organisation “{organisation.name}” created."))
        else:
            self.stdout.write(
                self.style.WARNING(f"Demo organisation “{organisation.name}” already exists; nothing was changed.")
            )

        url = browser_url(options["bind"])
        self.stdout.write("")
        self.stdout.write(f"  Open:      {url}")
        self.stdout.write(f"  E-mail:    {DEMO_EMAIL}")
        self.stdout.write(f"  Password:  {DEMO_PASSWORD}  (the same for every demo member)")
        self.stdout.write(f"  Data:      {settings.DATA_DIR}")
        self.stdout.write("")
        host = url.removeprefix("http://").rsplit(":", 1)[0]
        if url.startswith("http://") and not validate_host(host, settings.ALLOWED_HOSTS):
            self.stdout.write(
                self.style.WARNING(f"{host} is not in STYRING_ALLOWED_HOSTS; add it there to open the demo at {url}.")
            )
        if options["no_serve"]:
            return

        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("Serving the demo; press Ctrl+C to stop.")
        self.stdout.flush()
        run_gunicorn(
            bind=options["bind"],
            workers=options["workers"],
            timeout=env_int("STYRING_REQUEST_TIMEOUT", 60, minimum=5),
        )

"""`styring demo`: migrate, load the demo organisation (once), print the login, and serve."""

import io

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from styring.core.management.commands.serve import run_gunicorn
from styring.demo.loader import demo_login, load_demo


class Command(BaseCommand):
    help = "Set up a demo of Styring with a fictional insurer and serve it (for trying Styring, not production)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-serve", action="store_true", help="Set up and print the login, do not serve.")

    def handle(self, *args, **options):
        self.stdout.write("Preparing the database …")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("sync_catalog", stdout=io.StringIO())  # migrate already synced it; this reports nothing new
        organisation, created = load_demo()
        email, password = demo_login()
        state = "created" if created else "already present"
        host, _, port = options["bind"].rpartition(":")
        url = f"http://{host}:{port}/"
        self.stdout.write(self.style.SUCCESS(f"\nDemo organisation “{organisation.name}” {state}."))
        self.stdout.write(f"  Open:      {url}")
        self.stdout.write(f"  Sign in:   {email}")
        self.stdout.write(f"  Password:  {password}  (every demo member has this password)")
        self.stdout.write(f"  Data:      {settings.DATA_DIR}\n")
        if options["no_serve"]:
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("Serving; press Ctrl+C to stop.")
        run_gunicorn(bind=options["bind"], workers=options["workers"], timeout=60)

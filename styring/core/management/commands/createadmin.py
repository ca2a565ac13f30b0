"""`styring createadmin`: create the first administrator, optionally with an organisation they own."""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify


class Command(BaseCommand):
    help = "Create an administrator account (and optionally an organisation owned by it)."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="", help="Full name.")
        parser.add_argument(
            "--password-file",
            help="Read the password from this file instead of prompting. STYRING_ADMIN_PASSWORD is used when set.",
        )
        parser.add_argument("--organisation", help="Also create an organisation with this name, owned by the admin.")
        parser.add_argument("--slug", help="Short name of the organisation (default: from its name).")

    def handle(self, *args, **options):
        from styring.organisations.services import organisation_create

        User = get_user_model()
        email = options["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"A user with e-mail {email} already exists.")
        password = self._password(options)
        candidate = User(email=email, full_name=options["name"])
        try:
            password_validation.validate_password(password, candidate)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with transaction.atomic():
            user = User.objects.create_superuser(email=email, password=password, full_name=options["name"])
            if options["organisation"]:
                slug = options["slug"] or slugify(options["organisation"])
                try:
                    organisation_create(name=options["organisation"], slug=slug, owner=user)
                except ValidationError as exc:
                    raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Administrator {email} created."))

    def _password(self, options) -> str:
        if options["password_file"]:
            try:
                with open(options["password_file"], encoding="utf-8") as handle:
                    return handle.read().strip()
            except OSError as exc:
                raise CommandError(f"Cannot read {options['password_file']}: {exc}") from exc
        if os.environ.get("STYRING_ADMIN_PASSWORD"):
            return os.environ["STYRING_ADMIN_PASSWORD"]
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        return first

"""`styring bench`: time the hot paths on this machine and database, inside a transaction that is rolled back.

Tests assert query counts; this measures time, on demand (see bench/README.md).
"""

from __future__ import annotations

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure list pages, API lists and audit verification with N records (nothing is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=1000)
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                self._run(options["rows"], options["repeat"])
                raise Rollback
        except Rollback:
            self.stdout.write("(all benchmark data rolled back)")

    def _run(self, rows: int, repeat: int) -> None:
        from styring.accounts.models import User
        from styring.accounts.services import api_token_create
        from styring.core.audit import verify_chain
        from styring.inventory.services import aisystem_create
        from styring.organisations.models import Membership
        from styring.organisations.services import organisation_create

        user = User.objects.create_user(email="bench@example.invalid", password=None)
        organisation = organisation_create(name="Benchmark", slug="styring-bench", owner=user)
        started = time.perf_counter()
        for number in range(rows):
            aisystem_create(organisation=organisation, actor=user, name=f"System {number:05d}", purpose="Benchmark")
        created = time.perf_counter() - started
        self.stdout.write(
            f"create {rows} AI systems through the service: {created:.2f} s "
            f"({1000 * created / rows:.1f} ms each, change log included)"
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        _token, secret = api_token_create(membership=Membership.objects.get(user=user), name="bench")
        self._time("AI system list page", repeat, lambda: client.get("/o/styring-bench/ai-systems/"))
        self._time(
            "AI system list, sorted by owner, page 10",
            repeat,
            lambda: client.get("/o/styring-bench/ai-systems/?sort=owner&page=10"),
        )
        self._time(
            "API list (limit 200)",
            repeat,
            lambda: client.get(
                "/api/v1/organisations/styring-bench/ai-systems/?limit=200", HTTP_AUTHORIZATION=f"Bearer {secret}"
            ),
        )
        self._time(
            "CSV export of all rows",
            1,
            lambda: b"".join(client.get("/o/styring-bench/ai-systems/?export=csv").streaming_content),
        )
        self._time("verify the change-log chain", 1, lambda: verify_chain(organisation))

    def _time(self, label: str, repeat: int, call) -> None:
        durations = []
        queries = 0
        for _round in range(repeat):
            with CaptureQueriesContext(connection) as context:
                started = time.perf_counter()
                call()
                durations.append(time.perf_counter() - started)
            queries = len(context.captured_queries)
        self.stdout.write(f"{label}: median {1000 * statistics.median(durations):.1f} ms, {queries} queries")

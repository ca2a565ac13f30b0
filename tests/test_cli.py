import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styring import cli


def test_the_documented_hyphenated_commands_reach_their_django_commands(monkeypatch):
    import django.core.management

    seen = []
    monkeypatch.setattr(django.core.management, "execute_from_command_line", seen.append)
    cli.main(["styring", "verify-audit", "--organisation", "acme"])
    cli.main(["styring", "sync-catalog"])
    cli.main(["styring", "migrate"])
    assert [argv[1] for argv in seen] == ["verify_audit", "sync_catalog", "migrate"]


def test_serve_runs_gunicorn_with_sync_workers_on_the_given_address(monkeypatch, db):
    from gunicorn.app.base import BaseApplication

    seen = {}

    def fake_run(self):
        seen.update(worker_class=self.cfg.worker_class_str, bind=self.cfg.bind, workers=self.cfg.workers)
        seen["app"] = self.load()

    monkeypatch.setattr(BaseApplication, "run", fake_run)
    cli.main(["styring", "serve", "--bind", "127.0.0.1:8765", "--workers", "3", "--no-collectstatic"])
    assert seen["worker_class"] == "sync"
    assert seen["bind"] == ["127.0.0.1:8765"]
    assert seen["workers"] == 3
    assert callable(seen["app"])


def test_createadmin_creates_an_administrator_who_owns_a_new_organisation(db, monkeypatch, capsys):
    from styring.accounts.models import User
    from styring.organisations.models import Membership

    monkeypatch.setenv("STYRING_ADMIN_PASSWORD", "a-very-long-admin-pass")
    # call_command rather than cli.main: the command line closes database connections when it ends.
    call_command("createadmin", "--email", "Admin@Example.com", "--organisation", "Fjord Consulting")
    user = User.objects.get(email="admin@example.com")
    assert user.is_superuser and user.check_password("a-very-long-admin-pass")
    assert Membership.objects.get(user=user).organisation.slug == "fjord-consulting"


def test_createadmin_refuses_a_weak_password_and_creates_nothing(db, monkeypatch, capsys):
    from styring.accounts.models import User

    monkeypatch.setenv("STYRING_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError, match="too short"):
        call_command("createadmin", "--email", "admin@example.com")
    assert not User.objects.filter(email="admin@example.com").exists()


def test_bench_measures_the_hot_paths_and_keeps_nothing(db, capsys):
    from styring.organisations.models import Organisation

    call_command("bench", "--rows", "3", "--repeat", "1")
    output = capsys.readouterr().out
    assert "AI system list page: median" in output and "rolled back" in output
    assert not Organisation.objects.filter(slug="styring-bench").exists()

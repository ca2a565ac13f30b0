"""Configuration: typed environment helpers, the generated secret key, and the settings module as deployed.

The last tests start `python -m styring` in a subprocess with a clean environment, because settings are read once
at import and the test run itself uses `styring.settings_test`.
"""

import os
import secrets
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from styring.conf.data_dir import SECRET_KEY_FILE_NAME, ensure_data_dir, generated_secret_key
from styring.conf.env import ConfigurationError, env_bool, env_int, env_list, env_secret

REPO = Path(__file__).resolve().parents[1]
VAR = "STYRING_TEST_SETTING"


# --- env_bool -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True),
        ("True", True),
        (" TRUE ", True),
        ("1", True),
        ("yes", True),
        ("on", True),
        ("false", False),
        ("FALSE", False),
        ("0", False),
        ("no", False),
        ("off", False),
    ],
)
def test_env_bool_accepts_the_usual_spellings_of_true_and_false(monkeypatch, raw, expected):
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, default=not expected) is expected


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_falls_back_to_the_default_when_the_variable_is_not_set(monkeypatch, default):
    monkeypatch.delenv(VAR, raising=False)
    assert env_bool(VAR, default) is default


@pytest.mark.parametrize("raw", ["maybe", "2", "ja", "truee"])
def test_env_bool_rejects_anything_else_and_names_the_variable(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ConfigurationError, match=rf"{VAR} must be one of .*got '{raw}'"):
        env_bool(VAR)


# --- env_int --------------------------------------------------------------------------------------------------------


def test_env_int_reads_a_whole_number_or_falls_back_to_the_default(monkeypatch):
    monkeypatch.setenv(VAR, " 42 ")
    assert env_int(VAR, 7) == 42
    monkeypatch.setenv(VAR, "")
    assert env_int(VAR, 7) == 7
    monkeypatch.delenv(VAR)
    assert env_int(VAR, 7) == 7


def test_env_int_enforces_the_minimum_and_names_the_variable(monkeypatch):
    monkeypatch.setenv(VAR, "1")
    assert env_int(VAR, 5, minimum=1) == 1
    monkeypatch.setenv(VAR, "0")
    with pytest.raises(ConfigurationError, match=f"{VAR} must be at least 1, got 0"):
        env_int(VAR, 5, minimum=1)


@pytest.mark.parametrize("raw", ["twelve", "1.5", "1e3"])
def test_env_int_rejects_what_is_not_a_whole_number(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ConfigurationError, match=f"{VAR} must be a whole number"):
        env_int(VAR, 5)


# --- env_list -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a.example,b.example", ["a.example", "b.example"]),
        (" a.example , ,b.example, ", ["a.example", "b.example"]),
        ("single", ["single"]),
        ("", ["default"]),
    ],
)
def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch, raw, expected):
    monkeypatch.setenv(VAR, raw)
    assert env_list(VAR, ["default"]) == expected


def test_env_list_without_the_variable_is_a_copy_of_the_default(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)
    default = ["localhost"]
    result = env_list(VAR, default)
    assert result == ["localhost"] and result is not default
    assert env_list(VAR) == []


# --- env_secret -----------------------------------------------------------------------------------------------------


@pytest.fixture
def no_secret(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)
    monkeypatch.delenv(f"{VAR}_FILE", raising=False)
    return monkeypatch


def test_env_secret_reads_the_variable_itself(no_secret):
    no_secret.setenv(VAR, "s3cret")
    assert env_secret(VAR) == "s3cret"


def test_env_secret_reads_the_file_named_by_the_file_variable(no_secret, tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-a-file\n", encoding="utf-8")
    no_secret.setenv(f"{VAR}_FILE", str(secret_file))
    assert env_secret(VAR) == "from-a-file"


def test_env_secret_falls_back_to_the_default(no_secret):
    assert env_secret(VAR) is None
    assert env_secret(VAR, "fallback") == "fallback"


def test_env_secret_refuses_both_the_variable_and_the_file(no_secret, tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("x", encoding="utf-8")
    no_secret.setenv(VAR, "direct")
    no_secret.setenv(f"{VAR}_FILE", str(secret_file))
    with pytest.raises(ConfigurationError, match=f"Set either {VAR} or {VAR}_FILE, not both"):
        env_secret(VAR)


@pytest.mark.parametrize("make_path", [lambda tmp: tmp / "missing", lambda tmp: tmp])
def test_env_secret_refuses_a_file_that_cannot_be_read(no_secret, tmp_path, make_path):
    no_secret.setenv(f"{VAR}_FILE", str(make_path(tmp_path)))
    with pytest.raises(ConfigurationError, match=f"{VAR}_FILE points to .* which cannot be read"):
        env_secret(VAR)


@pytest.mark.parametrize("content", ["", "  \n"])
def test_env_secret_refuses_an_empty_file(no_secret, tmp_path, content):
    secret_file = tmp_path / "secret"
    secret_file.write_text(content, encoding="utf-8")
    no_secret.setenv(f"{VAR}_FILE", str(secret_file))
    with pytest.raises(ConfigurationError, match=f"{VAR}_FILE points to an empty file"):
        env_secret(VAR)


# --- The data directory and the generated secret key ----------------------------------------------------------------


def test_generated_secret_key_is_created_owner_only_and_reused_on_the_next_start(tmp_path):
    data_dir = ensure_data_dir(tmp_path / "data")
    key = generated_secret_key(data_dir)
    key_file = data_dir / SECRET_KEY_FILE_NAME
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert len(key) >= 50 and key_file.read_text(encoding="utf-8") == key
    assert generated_secret_key(data_dir) == key


def test_an_empty_secret_key_file_is_replaced_by_a_new_key(tmp_path):
    (tmp_path / SECRET_KEY_FILE_NAME).write_text("\n", encoding="utf-8")
    key = generated_secret_key(tmp_path)
    assert len(key) >= 50
    assert generated_secret_key(tmp_path) == key


def test_a_data_directory_that_cannot_be_created_is_a_configuration_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="STYRING_DATA_DIR"):
        ensure_data_dir(blocker / "data")


# --- The settings module, as a fresh process sees it ----------------------------------------------------------------


def styring(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run `python -m styring …` with none of this test run's database, Django or Styring settings in its
    environment (the test run sets DJANGO_SETTINGS_MODULE, and browser tests DJANGO_ALLOW_ASYNC_UNSAFE)."""
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("STYRING_", "DJANGO_")) and name != "DATABASE_URL"
    }
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "styring", *args],
        env={**clean, **env},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_deploy_check_is_clean_for_a_production_configuration(tmp_path):
    result = styring(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="styring.settings",
        STYRING_DATA_DIR=str(tmp_path),
        STYRING_SECRET_KEY=secrets.token_urlsafe(64),
        STYRING_ALLOWED_HOSTS="styring.example.com",
        STYRING_BASE_URL="https://styring.example.com",
        STYRING_DEBUG="false",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert not (tmp_path / SECRET_KEY_FILE_NAME).exists()  # the configured key is used, none is generated


def test_the_deploy_check_still_warns_about_an_insecure_configuration(tmp_path):
    result = styring(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        STYRING_DATA_DIR=str(tmp_path),
        STYRING_SECRET_KEY=secrets.token_urlsafe(64),
        STYRING_ALLOWED_HOSTS="styring.example.com",
        STYRING_BASE_URL="http://styring.example.com",
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS over plain HTTP


def test_with_nothing_configured_styring_starts_with_a_generated_key_and_sqlite_in_wal_mode(tmp_path):
    data_dir = tmp_path / "styring-data"
    result = styring("check", STYRING_DATA_DIR=str(data_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    key_file = data_dir / SECRET_KEY_FILE_NAME
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text(encoding="utf-8")

    result = styring("migrate", "--no-input", STYRING_DATA_DIR=str(data_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert key_file.read_text(encoding="utf-8") == key

    database = sqlite3.connect(data_dir / "styring.sqlite3")
    try:
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert database.execute("SELECT COUNT(*) FROM django_migrations").fetchone()[0] > 0
    finally:
        database.close()

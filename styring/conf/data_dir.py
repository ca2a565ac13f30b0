"""The data directory: where the embedded database, the generated secret key and uploads live by default."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .env import ConfigurationError

SECRET_KEY_FILE_NAME = "secret_key"  # noqa: S105 - a file name, not a secret


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "styring"


def ensure_data_dir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise ConfigurationError(f"STYRING_DATA_DIR {str(path)!r} cannot be created: {exc}") from exc
    return path


def generated_secret_key(data_dir: Path) -> str:
    """Return the secret key kept in the data directory, creating it on first start.

    Keeping it on disk means sessions and password-reset links survive restarts without anyone having to
    configure a key for a laptop install.
    """
    key_file = data_dir / SECRET_KEY_FILE_NAME
    if key_file.exists():
        key = key_file.read_text(encoding="utf-8").strip()
        if key:
            return key
    key = secrets.token_urlsafe(64)
    # Create with owner-only permissions before writing, so the key is never world-readable.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key

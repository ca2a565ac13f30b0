"""Settings for the test suite: the production settings with a throw-away data directory and fast hashing.

`STYRING_TEST_DATABASE_URL` selects PostgreSQL (CI sets it); otherwise the tests run on SQLite.
"""

import os
import tempfile

os.environ["STYRING_DATA_DIR"] = tempfile.mkdtemp(prefix="styring-test-")
os.environ.setdefault("STYRING_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
if os.environ.get("STYRING_TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["STYRING_TEST_DATABASE_URL"]
else:
    os.environ.pop("DATABASE_URL", None)

from styring.settings import *  # noqa: F403
from styring.settings import STORAGES

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; argon2 is tested explicitly
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
LANGUAGE_CODE = "en"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns about a missing directory

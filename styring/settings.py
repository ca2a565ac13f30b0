"""Django settings for Styring.

Everything configurable comes from environment variables (see `.env.example`); with nothing set, Styring runs as a
single-user laptop install: a data directory is created, a secret key generated and kept there, SQLite in WAL mode.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from styring.conf.data_dir import default_data_dir, ensure_data_dir, generated_secret_key
from styring.conf.env import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_path,
    env_secret,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent

DATA_DIR = ensure_data_dir(env_path("STYRING_DATA_DIR", default_data_dir()))
DEBUG = env_bool("STYRING_DEBUG", False)
SECRET_KEY = env_secret("STYRING_SECRET_KEY") or generated_secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("STYRING_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("STYRING_CSRF_TRUSTED_ORIGINS")
BASE_URL = env_str("STYRING_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_tables2",
    "django_filters",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "styring.core",
    "styring.accounts",
    "styring.organisations",
    "styring.catalog",
    "styring.inventory",
    "styring.tasks",
    "styring.controls",
    "styring.regulation",
    "styring.risks",
    "styring.context",
    "styring.documents",
    "styring.governance",
    "styring.competence",
    "styring.operations",
    "styring.incidents",
    "styring.assurance",
    "styring.improvement",
    "styring.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "styring.core.middleware.ApiRequestGuardMiddleware",
    "styring.core.middleware.ResetTimezoneMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Axes must come last so it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "styring.urls"
WSGI_APPLICATION = "styring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "styring.core.context_processors.shell",
            ],
            # django-template-partials does not register itself; Django 6 has these tags built in.
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]


# --- Database -----------------------------------------------------------------------------------------------
def _database_settings() -> dict:
    url = env_str("DATABASE_URL")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "styring.sqlite3",
            "OPTIONS": {
                # WAL lets readers continue while one writer commits; IMMEDIATE takes the write lock at BEGIN so
                # two writers queue instead of failing with "database is locked" half-way through a transaction.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("STYRING_DB_CONN_MAX_AGE", 60, minimum=0))
    except ValueError as exc:
        raise ConfigurationError(f"DATABASE_URL cannot be parsed: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["CONN_HEALTH_CHECKS"] = True
    elif config["ENGINE"] != "django.db.backends.sqlite3":
        raise ConfigurationError("DATABASE_URL must point to PostgreSQL (postgres://…) or SQLite (sqlite:///…)")
    return config


DATABASES = {"default": _database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -----------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "styring.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# allauth slows down guessing; django-axes (below) locks the account/address pair and shows the lockout page.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip,10/5m/key", "reset_password": "5/m/ip,3/5m/key"}
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Styring"

# django-axes: lock an account/IP pair after repeated failures (allauth's rate limits slow brute force; axes stops it).
AXES_FAILURE_LIMIT = env_int("STYRING_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("STYRING_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("STYRING_PROXY_COUNT", 0, minimum=0)

# --- Sessions and security ----------------------------------------------------------------------------------
SESSION_COOKIE_AGE = env_int("STYRING_SESSION_HOURS", 12, minimum=1) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from a <meta> tag, not the cookie; Django's default is fine.
HTTPS = env_bool("STYRING_HTTPS", not DEBUG and BASE_URL.startswith("https://"))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("STYRING_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("STYRING_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("STYRING_HSTS_PRELOAD", False)
# Preloading commits the domain and all its subdomains to HTTPS in browsers for months, so it stays the operator's
# opt-in (STYRING_HSTS_PRELOAD) and Django's deploy-check reminder about it (security.W021) is not a warning here.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if AXES_IPWARE_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Request body limits: API bodies and form posts larger than this are refused before they are parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("STYRING_MAX_REQUEST_BYTES", 2 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# Evidence files: larger uploads are refused with a clear message.
STYRING_EVIDENCE_MAX_BYTES = env_int("STYRING_EVIDENCE_MAX_BYTES", 25 * 1024 * 1024, minimum=1024)
# `styring worker` runs the scheduled jobs (reminders, expiry checks …) itself this often; 0 leaves it to cron.
STYRING_TICK_MINUTES = env_int("STYRING_TICK_MINUTES", 15, minimum=0)

# --- Internationalisation -----------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("nb", _("Norwegian Bokmål")),
    ("da", _("Danish")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("STYRING_TIME_ZONE", "Europe/Oslo")

# --- Static and uploaded files ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = env_path("STYRING_MEDIA_DIR", DATA_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# --- E-mail -------------------------------------------------------------------------------------------------
EMAIL_HOST = env_str("STYRING_EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("STYRING_EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("STYRING_EMAIL_USER")
    EMAIL_HOST_PASSWORD = env_secret("STYRING_EMAIL_PASSWORD", "") or ""
    _email_security = env_choice("STYRING_EMAIL_SECURITY", ("starttls", "tls", "none"), "starttls")
    EMAIL_USE_TLS = _email_security == "starttls"
    EMAIL_USE_SSL = _email_security == "tls"
    EMAIL_TIMEOUT = env_int("STYRING_EMAIL_TIMEOUT", 20, minimum=1)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("STYRING_EMAIL_FROM", "Styring <styring@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Styring] "

# --- Background tasks ---------------------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- API ----------------------------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200
API_TOKEN_PREFIX = "sty"  # noqa: S105 - a public prefix, not a secret

FILTERS_EMPTY_CHOICE_LABEL = _("Any")

# --- Lists --------------------------------------------------------------------------------------------------
DJANGO_TABLES2_TEMPLATE = "core/tables/table.html"
LIST_PAGE_SIZE = 50
EXPORT_MAX_ROWS = env_int("STYRING_EXPORT_MAX_ROWS", 100_000, minimum=1)

# --- Logging ------------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("STYRING_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
STYRING_ALLOW_ORGANISATION_CREATION = env_bool("STYRING_ALLOW_ORGANISATION_CREATION", True)
STYRING_OPEN_SIGNUP = env_bool("STYRING_OPEN_SIGNUP", False)

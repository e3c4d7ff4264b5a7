"""Django settings, all read from the environment (see docs/configuration.md)."""

from __future__ import annotations

import os
from typing import Any

import dj_database_url
from django.utils.csp import CSP

from goodwill.config import ConfigurationError, env_flag, goodwill_home, secret_key

GOODWILL_HOME = goodwill_home()
SECRET_KEY = secret_key(GOODWILL_HOME)
DEBUG = env_flag("GOODWILL_DEBUG")
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("GOODWILL_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("GOODWILL_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "goodwill.network",
    "goodwill.accounts",
    "goodwill.rhythm",
    "goodwill.mail",
    "goodwill.feeds",
    "goodwill.work",
    "goodwill.review",
    "goodwill.web",
    "ninja",
    "goodwill.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "goodwill.urls"
WSGI_APPLICATION = "goodwill.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    url = os.environ.get("GOODWILL_DATABASE_URL")
    if url:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": GOODWILL_HOME / "goodwill.sqlite3",
        "OPTIONS": {
            # WAL lets the task worker write while pages read; the busy timeout makes a writer
            # wait for another instead of failing at once; IMMEDIATE avoids upgrade deadlocks.
            # A 16 MiB page cache per connection: 64 MiB was no faster for the pages or the
            # imports at 10,000 contacts, and held 48 MiB more in every process
            # (docs/benchmarks.md, "SQLite's page cache").
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA cache_size=-16384;"
            ),
        },
        "TEST": {"NAME": os.environ.get("GOODWILL_TEST_SQLITE_NAME") or None},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# The daily digest goes out over SMTP; with no GOODWILL_SMTP_HOST the digest is never sent
# (`goodwill digest --send` says so).
GOODWILL_SMTP_HOST = os.environ.get("GOODWILL_SMTP_HOST", "").strip()
_smtp_security = os.environ.get("GOODWILL_SMTP_SECURITY", "starttls").strip().lower()
if _smtp_security not in {"starttls", "ssl", "none"}:
    raise ConfigurationError(
        f"GOODWILL_SMTP_SECURITY {_smtp_security!r} is not one of starttls, ssl, none"
    )
_smtp_port = os.environ.get("GOODWILL_SMTP_PORT", "").strip()
if _smtp_port and not (_smtp_port.isdigit() and 0 < int(_smtp_port) < 65536):
    raise ConfigurationError(f"GOODWILL_SMTP_PORT {_smtp_port!r} is not a port number")
MAILERS: dict[str, dict[str, Any]] = (
    {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": GOODWILL_SMTP_HOST,
                "port": int(_smtp_port) if _smtp_port else None,
                "username": os.environ.get("GOODWILL_SMTP_USER", ""),
                "password": os.environ.get("GOODWILL_SMTP_PASSWORD", ""),
                "use_tls": _smtp_security == "starttls",
                "use_ssl": _smtp_security == "ssl",
                "timeout": 20,
            },
        }
    }
    if GOODWILL_SMTP_HOST
    # No host: a mailer that sends nothing, so nothing can leave the machine by accident.
    else {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
)
DEFAULT_FROM_EMAIL = os.environ.get("GOODWILL_MAIL_FROM", "Goodwill <goodwill@localhost>")
# Links in the digest and the calendar feed point here.
GOODWILL_BASE_URL = os.environ.get("GOODWILL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Argon2 first: new and changed passwords are hashed with it, and older hashes are upgraded the next
# time their owner signs in. The others stay so that those older hashes can still be checked.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "login"
# A password-reset link works once, for a day (Django's default is three).
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("GOODWILL_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = GOODWILL_HOME / "static"
# WhiteNoise serves from the installed packages (below) and from STATIC_ROOT after collectstatic;
# the folder must exist either way.
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Served straight from the installed packages, so `goodwill serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind HTTPS (GOODWILL_HTTPS=1) cookies travel only over HTTPS and browsers are told to use HTTPS
# for a year. Off by default because `goodwill serve` answers plain HTTP on 127.0.0.1, where secure
# cookies would never come back and nobody could sign in.
GOODWILL_HTTPS = env_flag("GOODWILL_HTTPS")
SESSION_COOKIE_SECURE = env_flag("GOODWILL_SECURE_COOKIES", default=GOODWILL_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if GOODWILL_HTTPS:
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False
    SECURE_SSL_REDIRECT = env_flag("GOODWILL_SSL_REDIRECT", default=True)
    # The reverse proxy terminates TLS and says so in this header; without it Django would see
    # every request as plain HTTP and redirect forever.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# check --deploy asks for HSTS preload only as a hint; a self-hosted instance should not be
# preloaded by default, since leaving the list takes months.
# With no SMTP host the dummy mailer is chosen on purpose (nothing leaves the machine), not by
# mistake, so the check that calls it development-only is silenced too.
SILENCED_SYSTEM_CHECKS = ["security.W021", "mail.E001"]

# Scripts and styles come only from Goodwill's own static files: no inline script, no inline style,
# no other origin. htmx is served from here too, with its inline indicator style turned off in
# base.html's htmx-config (goodwill.css styles the indicator instead).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # The favicon is an empty data: URL so that browsers do not ask for /favicon.ico.
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Uploads: form fields are small, and an import file is streamed to disk past 2.5 MB instead of held
# in memory; the import view caps the file itself (GOODWILL_IMPORT_MAX_BYTES).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600

# Sign-in throttling: after this many wrong passwords for one account from one address within the
# window, the sign-in form refuses that pair until the window has passed.
GOODWILL_LOGIN_FAILURE_LIMIT = 5
GOODWILL_LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GOODWILL_LOG_LEVEL", "WARNING")},
}

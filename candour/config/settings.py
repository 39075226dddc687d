"""Candour's one settings module: every value comes from the environment (see README)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url

from candour.config.env import (
    ConfigurationError,
    development_secret,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
)
from candour.config.shared_data import shared_data_dir
from candour.lib.private_files import private_dir, private_sqlite

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("CANDOUR_VAR_DIR", str(BASE_DIR / "var")))

# production is the default so that a forgotten variable fails safe, not open.
ENVIRONMENT = env_choice(
    "CANDOUR_ENVIRONMENT", choices=("production", "development", "test"), default="production"
)
IS_PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("CANDOUR_DEBUG", default=False)
if DEBUG and IS_PRODUCTION:
    raise ConfigurationError("CANDOUR_DEBUG must not be on in production")

if IS_PRODUCTION:
    SECRET_KEY = env_str("CANDOUR_SECRET_KEY")
else:
    SECRET_KEY = env_str("CANDOUR_SECRET_KEY", "") or development_secret(VAR_DIR / "secret_key")

# Retired keys, so that a rotation does not make every flagged child look up as "no
# current plan" before `candour sharing rehash` has run (docs/deployment.md).
SECRET_KEY_FALLBACKS = env_list("CANDOUR_SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env_list(
    "CANDOUR_ALLOWED_HOSTS",
    default=[] if IS_PRODUCTION else ["127.0.0.1", "localhost", "testserver"],
)
CSRF_TRUSTED_ORIGINS = env_list("CANDOUR_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "candour.core",
    "candour.audit",
    "candour.accounts",
    "candour.keys",
    "candour.reporting",
    "candour.learning",
    "candour.notifications",
    "candour.ideas",
    "candour.voice",
    "candour.workforce",
    "candour.surveys",
    "candour.sharing",
    "candour.subscriptions",
    "candour.api",
    "candour.demo",
]

# The header-setting middleware come first, so that answers made by a middleware further
# in (a bad Host header, a request too large or holding a NUL) carry the headers too.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "candour.core.middleware.SecurityHeadersMiddleware",
    "candour.core.middleware.ApiErrorsAsJsonMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Not Django's LocaleMiddleware: the page's language is the person's own choice, else
    # their organisation's, never the browser's guess (candour/core/languages.py, ADR 0030).
    "candour.core.languages.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "candour.core.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "candour.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "candour.config.urls"
WSGI_APPLICATION = "candour.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "candour" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "candour.core.context_processors.service",
                "candour.core.context_processors.languages",
            ],
        },
    }
]

# Database: SQLite (WAL) when DATABASE_URL is unset, so one command runs everything.
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ConfigurationError("DATABASE_URL must be a postgres:// URL (or unset for SQLite)")
else:
    private_dir(VAR_DIR)
    _sqlite_path = Path(env_str("CANDOUR_SQLITE_PATH", str(VAR_DIR / "candour.sqlite3")))
    if _sqlite_path.parent.is_dir():
        private_sqlite(_sqlite_path)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_sqlite_path),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so the audit chain's
                # read-last-then-append cannot interleave between writers.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;"
                ),
            },
            "TEST": {"NAME": env_str("CANDOUR_SQLITE_TEST_PATH", "") or None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if ENVIRONMENT == "test":
    # Tests create hundreds of personas; Argon2 is still exercised by its own test.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:start"

# Sign-in throttling (candour.accounts.lockout): this many failures within the window
# pause one account name from one client; a client failing on many names is paused
# whatever name it tries; past the per-account limit (failures from every client), only
# a browser that has signed in to that account before may try it.
CANDOUR_SIGN_IN_FAILURE_LIMIT = env_int("CANDOUR_SIGN_IN_FAILURE_LIMIT", default=5, minimum=1)
CANDOUR_SIGN_IN_CLIENT_FAILURE_LIMIT = env_int(
    "CANDOUR_SIGN_IN_CLIENT_FAILURE_LIMIT", default=30, minimum=1
)
CANDOUR_SIGN_IN_ACCOUNT_FAILURE_LIMIT = env_int(
    "CANDOUR_SIGN_IN_ACCOUNT_FAILURE_LIMIT", default=50, minimum=1
)
CANDOUR_SIGN_IN_LOCKOUT_MINUTES = env_int("CANDOUR_SIGN_IN_LOCKOUT_MINUTES", default=15, minimum=1)
OTP_TOTP_ISSUER = "Candour"
# Organisations' own OpenID Connect providers (accounts.providers, ADR 0031). Issuers must
# use https; plain http on this machine (127.0.0.1, localhost) only outside production,
# where the tests start a real provider on loopback. Each call to a provider waits at most
# this long, so a provider that is down gives a clear answer rather than a hung page.
CANDOUR_PROVIDER_ALLOW_LOOPBACK = env_bool(
    "CANDOUR_PROVIDER_ALLOW_LOOPBACK", default=not IS_PRODUCTION
)
CANDOUR_PROVIDER_TIMEOUT_SECONDS = env_int("CANDOUR_PROVIDER_TIMEOUT_SECONDS", default=5, minimum=1)

# Sessions and cookies.
SECURE_COOKIES = env_bool("CANDOUR_SECURE_COOKIES", default=IS_PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_NAME = "__Host-candour-session" if SECURE_COOKIES else "candour-session"
CSRF_COOKIE_NAME = "__Host-candour-csrf" if SECURE_COOKIES else "candour-csrf"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_AGE = env_int("CANDOUR_SESSION_MINUTES", default=8 * 60, minimum=5) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
CSRF_FAILURE_VIEW = "candour.core.views.csrf_failure"

# Transport and browser security headers (CSP is set by SecurityHeadersMiddleware).
SECURE_SSL_REDIRECT = env_bool("CANDOUR_SSL_REDIRECT", default=IS_PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Behind Candour's own proxy: trust its X-Forwarded-Proto, and its last X-Forwarded-For hop
# as the client (used only, hashed, to key rate limits: core.client).
CANDOUR_BEHIND_PROXY = env_bool("CANDOUR_BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if CANDOUR_BEHIND_PROXY else None
SECURE_HSTS_SECONDS = env_int("CANDOUR_HSTS_SECONDS", default=31536000 if IS_PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = IS_PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Internationalisation: every user-facing string is marked for translation.
LANGUAGE_CODE = "en-gb"
# Add a language here only with its translations, or pages would claim a language they are
# not in. English and Welsh on every page; Polish, Urdu, Romanian and Arabic only on the
# children's and families' feedback pages (candour/core/languages.py, ADR 0030).
LANGUAGES = [
    ("en-gb", "English"),
    ("cy", "Cymraeg"),
    ("pl", "Polski"),
    ("ur", "\u0627\u0631\u062f\u0648"),
    ("ro", "Rom\u00e2n\u0103"),
    ("ar", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"),
]
# The person's own choice of language, remembered for a year on this device; not personal
# data, and strictly necessary for a service they asked to read in their language.
LANGUAGE_COOKIE_NAME = "candour-language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LOCALE_PATHS = [BASE_DIR / "candour" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

# Static files: GOV.UK Frontend is built from npm into candour/static/build by `make assets`.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("CANDOUR_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "candour" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, files are served straight from the source tree (no collectstatic).
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
if not IS_PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

EMAIL_BACKEND = env_str(
    "CANDOUR_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if IS_PRODUCTION
    # Not Django's console backend: it prints addresses and a child's words (issue 16).
    else "candour.notifications.console_backend.ScrubbedConsoleBackend",
)
# Where Django's file-based backend writes (django.core.mail.backends.filebased); only
# used with that backend or one built on it, such as the crash drill's mail sink.
_email_file_path = env_str("CANDOUR_EMAIL_FILE_PATH", "")
if _email_file_path:
    EMAIL_FILE_PATH = _email_file_path
    # Messages hold addresses and people's words: the folder is the owner's alone.
    private_dir(Path(_email_file_path))
DEFAULT_FROM_EMAIL = env_str("CANDOUR_FROM_EMAIL", "candour@localhost")
# How long a sender holds a queued email before another may try it (notifications.outbox).
CANDOUR_EMAIL_LEASE_SECONDS = env_int("CANDOUR_EMAIL_LEASE_SECONDS", default=300, minimum=1)
# The address people reach Candour at, for links in emails.
CANDOUR_BASE_URL = env_str("CANDOUR_BASE_URL", "http://127.0.0.1:8000")

CANDOUR_SERVICE_NAME = env_str("CANDOUR_SERVICE_NAME", "Candour")
CANDOUR_PHASE = env_str("CANDOUR_PHASE", "Beta")
CANDOUR_SUPPORT_EMAIL = env_str("CANDOUR_SUPPORT_EMAIL", "learning-team@example.org")

# Logs: JSON lines to stderr. Formatters never add request details (no IP, no user agent).
LOG_LEVEL = env_choice(
    "CANDOUR_LOG_LEVEL", choices=("DEBUG", "INFO", "WARNING", "ERROR"), default="INFO"
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"privacy": {"()": "candour.core.logging.PrivacyFilter"}},
    "formatters": {"json": {"()": "candour.core.logging.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["privacy"],
        }
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # The request loggers would otherwise print paths and client addresses.
        "django.server": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        # The PDF printer logs each step of every bulletin it prints.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}
FORM_RENDERER = "candour.core.forms.GovukFormRenderer"

# The audit chain's HMAC key lives outside the database (ADR 0002).
if IS_PRODUCTION:
    CANDOUR_AUDIT_KEY = env_str("CANDOUR_AUDIT_KEY")
else:
    CANDOUR_AUDIT_KEY = env_str("CANDOUR_AUDIT_KEY", "") or development_secret(
        VAR_DIR / "audit_key"
    )

# Where verify-audit records the last head it verified, so a truncated tail is caught on
# the next run without anyone typing --expect-head. Keep it off the database's storage
# (and publish heads elsewhere too: docs/deployment.md).
CANDOUR_AUDIT_ANCHOR_FILE = Path(
    env_str("CANDOUR_AUDIT_ANCHOR_FILE", str(VAR_DIR / "audit-anchor.json"))
)

# Wraps every record's data key (envelope encryption, ADR 0005). At least 32 characters.
if IS_PRODUCTION:
    CANDOUR_KEY_ENCRYPTION_KEY = env_str("CANDOUR_KEY_ENCRYPTION_KEY")
else:
    CANDOUR_KEY_ENCRYPTION_KEY = env_str("CANDOUR_KEY_ENCRYPTION_KEY", "") or development_secret(
        VAR_DIR / "key_encryption_key"
    )

# Reporting: receipt hashing cost, receipt guessing limits, and how long raw text may be
# kept before the retention rule closes a report and destroys it.
CANDOUR_RECEIPT_SCRYPT_N = env_int("CANDOUR_RECEIPT_SCRYPT_N", default=2**14, minimum=2**10)
CANDOUR_RECEIPT_ATTEMPTS_PER_SESSION = env_int(
    "CANDOUR_RECEIPT_ATTEMPTS_PER_SESSION", default=5, minimum=1
)
CANDOUR_RECEIPT_ATTEMPTS_PER_CLIENT = env_int(
    "CANDOUR_RECEIPT_ATTEMPTS_PER_CLIENT", default=20, minimum=1
)
CANDOUR_RECEIPT_ATTEMPTS_PER_SERVICE = env_int(
    "CANDOUR_RECEIPT_ATTEMPTS_PER_SERVICE", default=200, minimum=1
)
# Reports: how many one session and one client (one address: a whole office behind one
# address shares it) may send in an hour.
CANDOUR_REPORTS_PER_SESSION = env_int("CANDOUR_REPORTS_PER_SESSION", default=5, minimum=1)
CANDOUR_REPORTS_PER_CLIENT = env_int("CANDOUR_REPORTS_PER_CLIENT", default=20, minimum=1)
# Feedback through one link: ordinary feedback past these limits is refused for a while;
# anything the safeguarding check flags is always taken, and grouped as a burst.
CANDOUR_FEEDBACK_PER_SESSION = env_int("CANDOUR_FEEDBACK_PER_SESSION", default=3, minimum=1)
CANDOUR_FEEDBACK_PER_LINK = env_int("CANDOUR_FEEDBACK_PER_LINK", default=30, minimum=1)
CANDOUR_RAW_RETENTION_DAYS = env_int("CANDOUR_RAW_RETENTION_DAYS", default=90, minimum=1)
CANDOUR_REPORT_RESPONSE_WORKING_DAYS = env_int(
    "CANDOUR_REPORT_RESPONSE_WORKING_DAYS", default=10, minimum=1
)

# The similar-reports index (ADR 0008): files written by `candour build-similarity-index`
# and read by every web worker. Tests default to a directory of their own, so that an index
# built in var/ for development never leaks into them.
CANDOUR_SIMILARITY_DIR = Path(
    env_str(
        "CANDOUR_SIMILARITY_DIR",
        str(Path(tempfile.gettempdir()) / f"candour-test-similarity-{os.getpid()}")
        if ENVIRONMENT == "test"
        else str(VAR_DIR / "similarity"),
    )
)

# The DfE's published children's social care statistics, read by `candour workforce load-dfe`.
CANDOUR_DFE_DIR = Path(env_str("CANDOUR_DFE_DIR", str(shared_data_dir() / "dfe")))

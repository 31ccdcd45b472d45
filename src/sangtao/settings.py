"""Settings of Sáng tạo, read from the environment (12-factor).

Every value a deployment changes comes from an environment variable; the defaults serve a
developer's machine: SQLite in ./var, debug on, e-mail printed to the console.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SANGTAO_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Turn `sqlite:///path` or `postgres://user:pass@host:port/name` into a DATABASES entry."""
    from urllib.parse import unquote, urlsplit

    if url.startswith("sqlite:///"):
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": url.removeprefix("sqlite:///") or str(VAR_DIR / "sangtao.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"Unsupported DATABASE_URL scheme: {parts.scheme}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": unquote(parts.hostname or ""),
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": int(env("DATABASE_CONN_MAX_AGE", "60")),
        # No JIT compilation: it adds 50-100 ms to any statement PostgreSQL thinks costly, and
        # every page here reads a few rows through indexes.
        "OPTIONS": {"options": "-c jit=off"},
    }


DEBUG = env_bool("SANGTAO_DEBUG", True)
SECRET_KEY = env("SANGTAO_SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
ALLOWED_HOSTS = env_list("SANGTAO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("SANGTAO_CSRF_TRUSTED_ORIGINS")
# A form sent without a valid token gets a Vietnamese page in the site's layout.
CSRF_FAILURE_VIEW = "sangtao.core.views_errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "template_partials",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "sangtao.core",
    "sangtao.orgs",
    "sangtao.accounts",
    "sangtao.movements",
    "sangtao.initiatives",
    "sangtao.appraisal",
    "sangtao.jobs",
    "sangtao.certificates",
    "sangtao.honours",
    "sangtao.portal",
    "sangtao.challenges",
    "sangtao.api",
    "sangtao.dashboard",
    "sangtao.reports",
    "sangtao.practices",
    "sangtao.activities",
    "sangtao.feedback",
    "sangtao.consultations",
    "sangtao.budget",
    "sangtao.reminders",
    "sangtao.demo",
]

MIDDLEWARE = [
    "sangtao.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "sangtao.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After the session and the user are known: officers, administrators and council chairs
    # verify a one-time code before any page.
    "sangtao.accounts.middleware.TwoFactorMiddleware",
    # Last: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:  # in development runserver serves static files itself
    MIDDLEWARE.insert(
        MIDDLEWARE.index("sangtao.core.middleware.SecurityHeadersMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "sangtao.urls"
WSGI_APPLICATION = "sangtao.wsgi.application"

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
                "sangtao.core.context_processors.navigation",
            ],
        },
    }
]

# Django's form templates, the commonest widgets written out in Python (core/form_renderer.py).
FORM_RENDERER = "sangtao.core.form_renderer.FastRenderer"

DATABASES = {
    "default": database_from_url(env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sangtao.sqlite3'}"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any sign-in of a locked-out account or address before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Ends with no the search for a permission only `rules` grants, before ModelBackend would
    # read the person's user and group permissions to say the same (accounts/backends.py).
    "sangtao.accounts.backends.RulesOnlyPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "sangtao.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A password-reset link works for a day.
PASSWORD_RESET_TIMEOUT = int(env("SANGTAO_PASSWORD_RESET_TIMEOUT", str(24 * 3600)))

# Lock-out after repeated failed sign-ins (django-axes): 5 failures lock the pair (user name,
# address) for 15 minutes, never the account everywhere, so nobody can lock the chair out from
# elsewhere. An address that fails 20 times across user names waits a minute before each further
# try (sangtao.accounts.throttle). Behind a reverse proxy the client's address is read from
# X-Forwarded-For only when the request comes from an address listed in SANGTAO_TRUSTED_PROXY
# (see sangtao.core.middleware.client_ip).
AXES_FAILURE_LIMIT = int(env("SANGTAO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("SANGTAO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
SANGTAO_LOGIN_ADDRESS_FAILURE_LIMIT = int(env("SANGTAO_LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
SANGTAO_LOGIN_ADDRESS_WAIT_SECONDS = int(env("SANGTAO_LOGIN_ADDRESS_WAIT_SECONDS", "60"))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "sangtao.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "sangtao.core.middleware.client_ip"
SANGTAO_TRUSTED_PROXIES = env_list("SANGTAO_TRUSTED_PROXY")

# Each process's memory. The production settings keep the shared cache in the database.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Public pages for visitors without a session (sangtao.core.public_pages), kept
    # SANGTAO_PUBLIC_PAGE_SECONDS (here 0 unless set: nothing is kept in development).
    "public_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "public-pages",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    },
}
SANGTAO_PUBLIC_PAGE_SECONDS = int(env("SANGTAO_PUBLIC_PAGE_SECONDS", "0"))

# Two-factor sign-in (django-otp, time-based codes) for officers, administrators and chairs,
# with one-time backup codes (otp_static) printed at enrolment.
OTP_TOTP_ISSUER = "Sáng tạo"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Core's catalogue first, ahead of the contrib apps' (the admin's) and Django's own: it words
# or completes their Vietnamese (see core/django_catalogue.py).
LOCALE_PATHS = [BASE_DIR / "src" / "sangtao" / "core" / "locale"]
# Each app keeps its translations in <app>/locale/vi/LC_MESSAGES/django.po.
FORMAT_MODULE_PATH = ["sangtao.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("SANGTAO_STATIC_ROOT", str(VAR_DIR / "static")))
# Uploaded dossier files are private: they live outside any served folder and are sent only
# through views that check the permission.
PRIVATE_MEDIA_ROOT = Path(env("SANGTAO_PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "sangtao.core.storage.StaticFilesStorage"
        )
    },
}
ATTACHMENT_MAX_BYTES = int(env("SANGTAO_ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background work (the Django Tasks API, django-tasks): jobs (sangtao.jobs) wait in the database
# for `manage.py jobs_worker`. The tests run them at once, with the immediate backend.
TASKS = {
    "default": {
        "BACKEND": env("SANGTAO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = env("SANGTAO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("SANGTAO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("SANGTAO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("SANGTAO_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("SANGTAO_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("SANGTAO_EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("SANGTAO_EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(env("SANGTAO_EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = env("SANGTAO_DEFAULT_FROM_EMAIL", "Sáng tạo <no-reply@sangtao.local>")
SITE_URL = env("SANGTAO_SITE_URL", "http://127.0.0.1:8000")
# Days before a deadline its reminders go out (and on the day itself), e.g. "7,1".
SANGTAO_REMINDER_DAYS = tuple(int(day) for day in env_list("SANGTAO_REMINDER_DAYS", "7,1"))
# Days after a report's deadline its writers are reminded while it is still not sent.
SANGTAO_REMINDER_DAYS_AFTER = tuple(
    int(day) for day in env_list("SANGTAO_REMINDER_DAYS_AFTER", "1,7")
)

SESSION_COOKIE_AGE = int(env("SANGTAO_SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SANGTAO_SESSION_EXPIRE_AT_BROWSER_CLOSE")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SANGTAO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Sent on every response by sangtao.core.middleware.SecurityHeadersMiddleware: no inline script
# or style anywhere, every asset from the site itself.
SANGTAO_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)
SANGTAO_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Logs go to standard error: one JSON object a line in production (sangtao.core.logging),
# readable lines on a developer's machine. Each request is logged once by
# sangtao.core.middleware.RequestLogMiddleware with its id, path, status and duration.
LOG_FORMAT = env("SANGTAO_LOG_FORMAT", "plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "sangtao.core.logging.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("SANGTAO_LOG_LEVEL", "INFO")},
    # The lock-out's own lines at INFO repeat the request log; its warnings (failures,
    # lock-outs) stay.
    "loggers": {"axes": {"level": "WARNING"}},
}

"""Production settings: `DJANGO_SETTINGS_MODULE=sangtao.settings_production`.

Everything of `sangtao.settings`, with debug off and what a public server needs: a secret key
and host names from the environment (refused when missing), HTTPS only (redirect, HSTS, secure
cookies), static files from whitenoise, e-mail through SMTP, JSON logs. Behind a reverse proxy
set SANGTAO_TRUSTED_PROXY to its address: only then are its X-Forwarded-For (the client's
address) and X-Forwarded-Proto (HTTPS) headers believed. docs/deploy.md lists every variable.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403
from .settings import (
    DATABASES,
    LOGGING,
    MIDDLEWARE,
    SANGTAO_TRUSTED_PROXIES,
    STORAGES,
    env,
    env_bool,
)

DEBUG = False

SECRET_KEY = env("SANGTAO_SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SANGTAO_SECRET_KEY must be set to a random string of at least 50 characters, e.g. "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
ALLOWED_HOSTS = [host for host in env("SANGTAO_ALLOWED_HOSTS").split(",") if host.strip()]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "SANGTAO_ALLOWED_HOSTS must name the site's host, e.g. sangtao.example.vn"
    )
ALLOWED_HOSTS = [host.strip() for host in ALLOWED_HOSTS]
# The public address printed on certificates (their QR code and verification link) and in
# e-mails: never the development default.
SITE_URL = env("SANGTAO_SITE_URL", "")
if not SITE_URL.startswith("https://") or urlsplit(SITE_URL).hostname in (
    "127.0.0.1",
    "localhost",
):
    raise ImproperlyConfigured(
        "SANGTAO_SITE_URL must be the site's public https address, e.g. https://sangtao.example.vn"
    )

# HTTPS only. The reverse proxy terminates TLS and says so in X-Forwarded-Proto.
if SANGTAO_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SANGTAO_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a local monitor may ask over plain HTTP
SECURE_HSTS_SECONDS = int(env("SANGTAO_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SANGTAO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SANGTAO_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

# Static files: collected by `manage.py collectstatic` into STATIC_ROOT, served by whitenoise
# from gunicorn with hashed names (cached for ever by browsers).
WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"
if WHITENOISE not in MIDDLEWARE:
    MIDDLEWARE = list(MIDDLEWARE)
    MIDDLEWARE.insert(
        MIDDLEWARE.index("sangtao.core.middleware.SecurityHeadersMiddleware") + 1, WHITENOISE
    )
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "sangtao.core.storage.StaticFilesStorage"},
}

# Parallel query for the site's requests, when SANGTAO_DB_PARALLEL_WORKERS is set: it overrides
# the server's max_parallel_workers_per_gather for these connections (docs/deploy-postgresql.md:
# 0 on 2 cores). With many people served at once on a few cores, a parallel plan spends about
# twice the CPU of a serial one for the same rows (a similar-initiatives search: 89 against
# 45 ms on 2 cores, docs/performance.md), CPU the other requests were waiting for.
PARALLEL_WORKERS = env("SANGTAO_DB_PARALLEL_WORKERS", "")
if PARALLEL_WORKERS and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"]["options"] += (
        f" -c max_parallel_workers_per_gather={int(PARALLEL_WORKERS)}"
    )

# One cache for every worker process and every app server (the certificate check's rate limit,
# cached figures): a table in the shared database, made by `manage.py createcachetable`.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": env("SANGTAO_CACHE_TABLE", "sangtao_cache"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
    # Public pages for visitors without a session, in each worker's memory (their version is
    # in "default", shared): sangtao.core.public_pages.
    "public_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "public-pages",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    },
}
SANGTAO_PUBLIC_PAGE_SECONDS = int(env("SANGTAO_PUBLIC_PAGE_SECONDS", "60"))

# E-mail (notifications, password reset) through an SMTP server: SANGTAO_EMAIL_HOST, _PORT,
# _USER, _PASSWORD, _USE_TLS / _USE_SSL (read by sangtao.settings).
EMAIL_BACKEND = env("SANGTAO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
SERVER_EMAIL = env("SANGTAO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405

LOGGING = {
    **LOGGING,
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("SANGTAO_LOG_FORMAT", "json"),
        }
    },
}

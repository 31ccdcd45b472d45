"""Security headers on every page, and the production settings pass Django's deploy check."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "sangtao"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)


@pytest.fixture
def pages(people, client_for):
    """(client, path) of pages of every kind: public, signed in, a form, an error."""
    anonymous = Client()
    author = client_for(people["author"])
    return [
        (anonymous, reverse("home")),
        (anonymous, reverse("login")),
        (anonymous, reverse("password_reset")),
        (author, reverse("home")),
        (author, reverse("initiatives:mine")),
        (author, reverse("initiatives:create")),
        (client_for(people["officer"]), reverse("movements:list")),
    ]


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Content-Security-Policy", CSP),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("X-Content-Type-Options", "nosniff"),
        (
            "Permissions-Policy",
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
            "microphone=(), payment=(), usb=()",
        ),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ],
)
def test_every_page_sends_the_security_header(pages, header, value):
    for client, path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response[header] == value, path


def test_not_found_page_has_the_headers_too(db):
    response = Client().get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert response["Content-Security-Policy"] == CSP
    assert response["X-Frame-Options"] == "DENY"


def test_hsts_is_sent_over_https_in_production(db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    secure = Client().get(reverse("login"), secure=True)
    plain = Client().get(reverse("login"))

    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in plain


def test_session_and_csrf_cookies_are_secure_in_production(people, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client = Client()

    csrf = client.get(reverse("login"), secure=True).cookies["csrftoken"]
    signed_in = client.post(
        reverse("login"),
        {"username": "tacgia", "password": "mat-khau-thu-nghiem"},
        secure=True,
    )

    session = signed_in.cookies["sessionid"]
    assert (csrf["secure"], csrf["samesite"]) == (True, "Lax")
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")
    assert session["max-age"] == 8 * 3600


# -- no inline script or style, so the policy needs no exception ---------------------------------

# The PDF layouts (core/documents/) are rendered by WeasyPrint, never served as pages.
PAGE_TEMPLATES = sorted(
    path
    for path in SRC.glob("*/templates/**/*.html")
    if "core/templates/core/documents" not in str(path)
)
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:|hx-on", re.IGNORECASE
)


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_page_template_has_no_inline_script_or_style(path):
    found = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if INLINE.search(line)
    ]
    assert found == []


# -- production settings --------------------------------------------------------------------------

PRODUCTION_ENV = {
    "SANGTAO_SECRET_KEY": "k" * 20 + "Zq7-Vx9_pLm2Rt5Wn8Yb3Hc6Jd1Gf4Ks0AaE",
    "SANGTAO_ALLOWED_HOSTS": "sangtao.example.vn",
    "SANGTAO_SITE_URL": "https://sangtao.example.vn",
    "SANGTAO_TRUSTED_PROXY": "127.0.0.1",
    "DATABASE_URL": "postgres://sangtao:secret@127.0.0.1:5432/sangtao",
}


def _manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SANGTAO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_of_production_settings_reports_no_issue():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", "--settings=sangtao.settings_production",
        env=PRODUCTION_ENV,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SANGTAO_SECRET_KEY", "SANGTAO_SECRET_KEY must be set"),
        ("SANGTAO_ALLOWED_HOSTS", "SANGTAO_ALLOWED_HOSTS must name the site's host"),
        ("SANGTAO_SITE_URL", "SANGTAO_SITE_URL must be the site's public https address"),
    ],
)
def test_production_settings_refuse_to_start_without(missing, message):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _manage("check", "--settings=sangtao.settings_production", env=env)
    assert result.returncode == 1
    assert message in result.stderr


def test_production_settings_read_the_environment():
    env = {
        **PRODUCTION_ENV,
        "SANGTAO_EMAIL_HOST": "smtp.example.vn",
        "SANGTAO_EMAIL_PORT": "587",
        "SANGTAO_EMAIL_USE_TLS": "true",
        "SANGTAO_STATIC_ROOT": "/srv/sangtao/var/static",
    }
    names = [
        "DEBUG",
        "ALLOWED_HOSTS",
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_USE_TLS",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    ]
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        + ", ".join(f"{name!r}: s.{name}" for name in names)
        + ", 'DATABASE': s.DATABASES['default']['ENGINE'], 'STATIC_ROOT': str(s.STATIC_ROOT),"
        " 'STATICFILES': s.STORAGES['staticfiles']['BACKEND'],"
        " 'WHITENOISE': 'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE,"
        " 'LOG_FORMAT': s.LOGGING['handlers']['console']['formatter']}))"
    )

    result = _manage(
        "shell", "--no-imports", "--settings=sangtao.settings_production", "-c", code, env=env
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "DEBUG": False,
        "ALLOWED_HOSTS": ["sangtao.example.vn"],
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.vn",
        "EMAIL_PORT": 587,
        "EMAIL_USE_TLS": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "DATABASE": "django.db.backends.postgresql",
        "STATIC_ROOT": "/srv/sangtao/var/static",
        "STATICFILES": "sangtao.core.storage.StaticFilesStorage",
        "WHITENOISE": True,
        "LOG_FORMAT": "json",
    }

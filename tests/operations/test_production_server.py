"""The production stack for real: collectstatic, migrate, then gunicorn with the production
settings, asked over the loopback as nginx would ask it."""

import json
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str, headers: dict | None = None):
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        response = opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, dict(response.headers), response.read()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """gunicorn on a free loopback port, started and stopped by this test."""
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SANGTAO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "sangtao.settings_production",
        "SANGTAO_SECRET_KEY": secrets.token_urlsafe(50),
        "SANGTAO_ALLOWED_HOSTS": "127.0.0.1",
        "SANGTAO_SITE_URL": "https://sangtao.example.vn",
        "SANGTAO_TRUSTED_PROXY": "127.0.0.1",
        "SANGTAO_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'sangtao.sqlite3'}",
        "XDG_RUNTIME_DIR": str(tmp_path),
        "SANGTAO_LOG_LEVEL": "INFO",
    }
    for command in (["collectstatic", "--noinput"], ["migrate"], ["createcachetable"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"],
            cwd=ROOT, env=env, check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [GUNICORN, "sangtao.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # at most 20 s
            try:
                _get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        yield base, tmp_path / "gunicorn.log"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_gunicorn_serves_the_production_settings(server):
    base, log = server
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}

    health = _get(f"{base}/healthz")
    plain = _get(f"{base}/accounts/login/")
    login = _get(f"{base}/accounts/login/", https)

    assert health[0] == 200 and json.loads(health[2])["database"] is True
    assert (
        plain[0] == 301
        and plain[1]["Location"] == f"https://127.0.0.1:{base.rsplit(':', 1)[1]}/accounts/login/"
    )
    status, headers, body = login
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self';")
    assert headers["X-Frame-Options"] == "DENY"
    page = body.decode()
    assert "Đăng nhập" in page
    # Static files with hashed names, served by whitenoise from gunicorn.
    stylesheet = page.split('href="/static/vendor/bootstrap/bootstrap.min.')[1].split('"')[0]
    css = _get(f"{base}/static/vendor/bootstrap/bootstrap.min.{stylesheet}", https)
    assert css[0] == 200
    assert css[1]["Content-Type"].startswith("text/css")
    assert "max-age=315360000" in css[1]["Cache-Control"]

    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    request_lines = [line for line in lines if line["logger"] == "sangtao.request"]
    assert [(r["method"], r["path"], r["status"], r["ip"]) for r in request_lines] == [
        ("GET", "/accounts/login/", 301, "127.0.0.1"),
        ("GET", "/accounts/login/", 200, "203.0.113.7"),
    ]
    assert request_lines[1]["request_id"] == headers["X-Request-ID"]


def test_the_workers_count_the_verification_limit_together(server):
    """Two worker processes, one limit: the 31st check in a minute from one address is refused
    whichever worker answers it (the counter is in the database's cache table)."""
    base, log = server
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    # The limit counts per minute of the clock: the 31 checks must fall in one minute, so on a
    # slow machine near a minute's end wait for the next one to begin.
    left = 60 - time.time() % 60
    if left < 20:
        time.sleep(left + 0.2)
    statuses = [_get(f"{base}/certificates/verify/", https)[0] for _ in range(31)]
    assert statuses == [200] * 30 + [429]
    other = {**https, "X-Forwarded-For": "203.0.113.10"}
    assert _get(f"{base}/certificates/verify/", other)[0] == 200
    database = sqlite3.connect(log.parent / "sangtao.sqlite3")
    keys = [row[0] for row in database.execute("SELECT cache_key FROM sangtao_cache")]
    database.close()
    assert sum("ratelimit:certificate-verify:203.0.113.9" in key for key in keys) == 1

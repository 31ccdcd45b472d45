"""The deployment files in deploy/ are valid: nginx accepts the site, systemd the units, and
the numbers in them agree with the settings."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"

nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
needs_nginx = pytest.mark.skipif(
    nginx is None, reason="nginx is not installed (apt-get install nginx)"
)
systemd_analyze = shutil.which("systemd-analyze")
needs_systemd = pytest.mark.skipif(
    systemd_analyze is None, reason="systemd-analyze is not installed (Debian's systemd package)"
)


def _checkout(text: str) -> str:
    """The unit as installed from this checkout (the files say /srv/sangtao)."""
    return text.replace("/srv/sangtao", str(ROOT))


@needs_nginx
def test_nginx_accepts_the_site(tmp_path):
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=sangtao.example.vn",
            "-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx.conf").read_text()
    site = site.replace("/etc/ssl/certs/sangtao.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/ssl/private/sangtao.key", str(tmp_path / "key.pem"))
    (tmp_path / "site.conf").write_text(site)
    # nginx's own main file (user, modules) is the system's; this wrapper is the part that
    # matters: the http block that includes the site.
    (tmp_path / "wrapper.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/error.log;\n"
        "events {}\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        f"    client_body_temp_path {tmp_path}/body;\n"
        f"    proxy_temp_path {tmp_path}/proxy;\n"
        f"    include {tmp_path}/site.conf;\n"
        "}\n"
    )

    result = subprocess.run(
        [nginx, "-t", "-c", tmp_path / "wrapper.conf", "-e", tmp_path / "error.log"],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_takes_the_largest_attachment():
    site = (DEPLOY / "nginx.conf").read_text()
    size = re.search(r"client_max_body_size (\d+)m;", site)
    limit = int(size.group(1)) * 1024 * 1024
    assert settings.ATTACHMENT_MAX_BYTES < limit <= settings.ATTACHMENT_MAX_BYTES + 10 * 1024**2


def test_nginx_passes_to_the_port_gunicorn_listens_on():
    site = (DEPLOY / "nginx.conf").read_text()
    unit = (DEPLOY / "sangtao.service").read_text()
    upstream = re.search(r"server (127\.0\.0\.1:\d+) fail_timeout", site).group(1)
    assert f"--bind {upstream}" in unit
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site


@needs_systemd
@pytest.mark.parametrize(
    "units",
    [
        ("sangtao.service",),
        ("sangtao-worker.service",),
        ("sangtao-backup.service", "sangtao-backup.timer"),
        ("sangtao-opendata.service", "sangtao-opendata.timer"),
        ("sangtao-search-terms.service", "sangtao-search-terms.timer"),
        ("sangtao-emails.service", "sangtao-emails.timer"),
        ("sangtao-dashboard.service", "sangtao-dashboard.timer"),
    ],
    ids=["web", "worker", "backup", "opendata", "search-terms", "emails", "dashboard"],
)
def test_systemd_accepts_the_units(tmp_path, units):
    for name in units:
        (tmp_path / name).write_text(_checkout((DEPLOY / name).read_text()))

    result = subprocess.run(
        [systemd_analyze, "verify", *(f"./{name}" for name in units)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_web_unit_runs_the_production_settings():
    unit = (DEPLOY / "sangtao.service").read_text()
    assert "Environment=DJANGO_SETTINGS_MODULE=sangtao.settings_production" in unit
    assert "sangtao.wsgi:application" in unit
    assert (ROOT / "src" / "sangtao" / "settings_production.py").exists()


def test_worker_unit_runs_the_worker_command():
    """deploy/sangtao-worker.service runs `manage.py jobs_worker` (sangtao.jobs)."""
    from django.core.management import get_commands

    assert "jobs_worker" in get_commands()
    unit = (DEPLOY / "sangtao-worker.service").read_text()
    assert "ExecStart=/srv/sangtao/.venv/bin/python /srv/sangtao/manage.py jobs_worker" in unit
    assert "Environment=DJANGO_SETTINGS_MODULE=sangtao.settings_production" in unit

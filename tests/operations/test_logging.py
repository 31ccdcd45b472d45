"""Structured logs: one JSON object a line, each request logged once with its id."""

import json
import logging
import sys

import pytest
from django.test import Client

from sangtao.core.logging import JsonFormatter, request_id_var


def _record(message="Đã lưu %s", args=("hồ sơ",), level=logging.INFO, **extra):
    record = logging.LogRecord("sangtao.test", level, __file__, 1, message, args, None)
    for name, value in extra.items():
        setattr(record, name, value)
    return record


def test_json_line_has_time_level_logger_and_message():
    line = JsonFormatter().format(_record())

    data = json.loads(line)
    assert "\n" not in line
    assert set(data) == {"time", "level", "logger", "message"}
    assert (data["level"], data["logger"], data["message"]) == (
        "INFO",
        "sangtao.test",
        "Đã lưu hồ sơ",
    )
    assert data["time"][10] == "T" and data["time"][-6] in "+-"


def test_json_line_carries_the_request_fields_and_nothing_else():
    line = JsonFormatter().format(
        _record(
            method="GET", path="/", status=200, duration_ms=1.5, ip="203.0.113.7", password="bí mật"
        )  # fmt: skip
    )
    data = json.loads(line)
    assert {k: data[k] for k in ("method", "path", "status", "duration_ms", "ip")} == {
        "method": "GET",
        "path": "/",
        "status": 200,
        "duration_ms": 1.5,
        "ip": "203.0.113.7",
    }
    assert "password" not in data


def test_json_line_has_the_current_request_id_and_the_exception():
    token = request_id_var.set("abc123def456")
    try:
        try:
            raise ValueError("hỏng")
        except ValueError:
            record = _record(level=logging.ERROR)
            record.exc_info = sys.exc_info()
        data = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert data["request_id"] == "abc123def456"
    assert data["exception"].startswith("Traceback")
    assert data["exception"].endswith("ValueError: hỏng")


@pytest.mark.django_db
def test_each_request_is_logged_once_with_its_id(caplog):
    with caplog.at_level(logging.INFO, logger="sangtao.request"):
        response = Client().get("/accounts/login/")

    [record] = [r for r in caplog.records if r.name == "sangtao.request"]
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    data = json.loads(JsonFormatter().format(record))
    assert data["request_id"] == request_id
    assert (data["method"], data["path"], data["status"]) == ("GET", "/accounts/login/", 200)
    assert data["message"] == "GET /accounts/login/ 200"
    assert data["duration_ms"] >= 0
    assert data["ip"] == "127.0.0.1"


@pytest.mark.django_db
def test_the_proxy_request_id_is_kept_and_a_forged_one_replaced():
    kept = Client().get("/healthz", headers={"X-Request-ID": "0123456789abcdef0123456789abcdef"})
    replaced = Client().get("/healthz", headers={"X-Request-ID": "<script>"})
    assert kept["X-Request-ID"] == "0123456789abcdef0123456789abcdef"
    assert replaced["X-Request-ID"] != "<script>" and len(replaced["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_health_checks_are_logged_at_debug_only(caplog):
    with caplog.at_level(logging.INFO, logger="sangtao.request"):
        Client().get("/healthz")
    assert [r for r in caplog.records if r.name == "sangtao.request"] == []


def test_logs_are_json_in_production_and_plain_in_development(settings):
    assert settings.LOGGING["formatters"]["json"] == {"()": "sangtao.core.logging.JsonFormatter"}
    assert settings.LOGGING["handlers"]["console"]["formatter"] == settings.LOG_FORMAT

"""Middleware every response passes through: the request log and the security headers.

Also `client_ip`, the one place that says which address a request came from (the lock-out
counts failures per address with it, and the request log writes it).
"""

import ipaddress
import logging
import re
import time
import uuid

from django.conf import settings

from .logging import request_id_var

logger = logging.getLogger("sangtao.request")

# An id the reverse proxy may pass on (nginx: `proxy_set_header X-Request-ID $request_id`).
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Requests a monitor sends every few seconds, and static files (whitenoise serves them through
# the middleware when nginx does not): logged at DEBUG only.
QUIET_PATHS = frozenset({"/healthz"})


def _quiet(path: str) -> bool:
    return path in QUIET_PATHS or path.startswith(settings.STATIC_URL)


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address the request came from.

    That is REMOTE_ADDR, unless the request came from a trusted reverse proxy
    (SANGTAO_TRUSTED_PROXY, a comma-separated list of addresses): then it is the right-most
    address of X-Forwarded-For that is not itself a trusted proxy. Everything left of it was
    written by the client and can be forged, so it is never read.
    """
    remote = _address(request.META.get("REMOTE_ADDR", "") or "")
    trusted = {_address(proxy) for proxy in settings.SANGTAO_TRUSTED_PROXIES} - {None}
    if remote is None or remote not in trusted:
        return remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            return remote  # a malformed chain: trust nothing in it
        if address not in trusted:
            return address
    return remote


class RequestLogMiddleware:
    """Give each request an id (X-Request-ID) and log it once, with its status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            logger.log(
                logging.DEBUG if _quiet(request.path) else logging.INFO,
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "ip": client_ip(request),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response.

    Django's own middleware sends the others (X-Frame-Options, X-Content-Type-Options,
    Referrer-Policy, Cross-Origin-Opener-Policy and, in production, Strict-Transport-Security).
    A view that needs another policy sets the header itself and it is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Django's debug pages (development only) are made of inline style and script.
        if settings.DEBUG and response.status_code >= 400:
            return response
        if settings.SANGTAO_CONTENT_SECURITY_POLICY:
            response.headers.setdefault(
                "Content-Security-Policy", settings.SANGTAO_CONTENT_SECURITY_POLICY
            )
        if settings.SANGTAO_PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.SANGTAO_PERMISSIONS_POLICY)
        return response

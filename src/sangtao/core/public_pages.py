"""Public pages kept a short while for visitors without a session (issue 19).

`public_page` wraps a view whose page is the same for every visitor who is not signed in (the
home page's public half, the public search and one recognised initiative, the API's public
list). A GET from a visitor with neither a session cookie nor a messages cookie is answered
from the page kept in the worker's memory (the `public_pages` cache) when there is one;
anyone with a session (everyone signed in) always gets the page made for them. A page is kept
for `SANGTAO_PUBLIC_PAGE_SECONDS` (0: nothing is kept), under a key of the full address
(query string included), the language, whether htmx asked for it, and the present version.

The version lives in the shared cache (`default`: the database in production), so every
worker reads it: `public_pages_changed` (called by the services that change what the public
sees: a council's seal and its reopening, which make and withdraw recognitions, and every
index write of a public initiative) gives it a new value once the transaction commits, and no
worker serves a page kept before. Anything else (a unit renamed, a field's name) shows within
the page's lifetime.

The CSRF token is the visitor's own: the page is kept with a placeholder where its token was
(the form of the language switch, htmx's header) and each visitor's token is written in as
the page is served, which also sets their CSRF cookie exactly as a page made for them does.
"""

import hashlib
import re
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token

PAGES = "public_pages"
VERSION_KEY = "public-pages:version"
# Not text a page can carry otherwise: the templates escape "<" in every value they print.
TOKEN = "<csrf-token>"
_MASKED = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def public_pages_changed() -> None:
    """Set aside every kept public page, in every worker, once the caller's transaction
    commits (at once outside one)."""
    transaction.on_commit(_new_version, robust=True)


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version or ""


def _keepable(request) -> bool:
    """A GET from a visitor without a session or waiting messages (so: not signed in)."""
    return (
        settings.SANGTAO_PUBLIC_PAGE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request) -> str:
    address = request.build_absolute_uri().encode()
    htmx = "htmx" if request.headers.get("HX-Request") == "true" else "page"
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"public:{_version()}:{language}:{htmx}:{hashlib.sha256(address).hexdigest()}"


def _without_token(request, content: str) -> str | None:
    """The page with a placeholder for each CSRF token it carries (None when a token could
    not be told apart: the page is then not kept)."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content
    if TOKEN in content:
        return None

    def placeholder(match):
        return TOKEN if _unmask_cipher_token(match.group()) == secret else match.group()

    return _MASKED.sub(placeholder, content)


def _keep(request, response, key: str) -> None:
    session = getattr(request, "session", None)
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or (session is not None and session.modified)
        or set(response.headers) - {"Content-Type"}
    ):
        return
    content = _without_token(request, response.content.decode(response.charset))
    if content is not None:
        kept = (content, response["Content-Type"])
        caches[PAGES].set(key, kept, settings.SANGTAO_PUBLIC_PAGE_SECONDS)


def public_page(view):
    """Serve `view`'s page from the kept public pages to visitors without a session."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _keepable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        kept = caches[PAGES].get(key)
        if kept is not None:
            content, content_type = kept
            if TOKEN in content:
                content = content.replace(TOKEN, get_token(request))
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        _keep(request, response, key)
        return response

    return wrapped

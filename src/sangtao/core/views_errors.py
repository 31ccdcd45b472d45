"""The error pages (handler400/403/404/500 in sangtao.urls, and CSRF_FAILURE_VIEW): in
Vietnamese, in the site's layout, each with a way back home; JSON under /api/.

The 400 and 500 pages are rendered without the request's context (no context processor, so no
database query): they must appear when the database or the request itself is what failed.
"""

import logging

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger("sangtao.errors")

# Written out, for the case where even the template cannot be rendered (a missing static
# files manifest, a broken template): still Vietnamese, still a way home.
LAST_RESORT = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Lỗi máy chủ</title>'
    "</head><body><h1>Đã có lỗi ở máy chủ</h1><p>Trang này chưa mở được. Lỗi đã được ghi lại; "
    'hãy thử lại sau ít phút.</p><p><a href="/">Về trang chủ</a></p></body></html>'
)


def _is_api(request) -> bool:
    return request is not None and request.path.startswith("/api/")


def _json(status: int, detail: str) -> JsonResponse:
    return JsonResponse(
        {"detail": detail, "errors": {}}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _plain(template: str, status: int) -> HttpResponse:
    """Rendered from the template alone: no request, no context processor, no database."""
    try:
        body = loader.get_template(template).render({"status": status})
    except Exception:
        logger.exception("error page %s could not be rendered", template)
        body = LAST_RESORT
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None):
    if _is_api(request):
        return _json(400, _("The request could not be read."))
    return _plain("400.html", 400)


def permission_denied(request, exception=None):
    if _is_api(request):
        return _json(403, _("You are not allowed to do this."))
    return render(request, "403.html", {"status": 403}, status=403)


def page_not_found(request, exception=None):
    if _is_api(request):
        return _json(404, _("Not found."))
    return render(request, "404.html", {"status": 404}, status=404)


def server_error(request=None):
    if _is_api(request):
        return _json(500, _("Something went wrong on the server. Try again in a few minutes."))
    return _plain("500.html", 500)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without (or with an old) protection token."""
    logger.warning("CSRF verification failed: %s", reason, extra={"path": request.path})
    if _is_api(request):
        return _json(403, _("The form has expired. Reload the page and send it again."))
    return render(request, "403_csrf.html", {"status": 403}, status=403)

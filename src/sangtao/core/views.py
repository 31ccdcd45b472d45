"""Pages every user meets: notifications, the health check (the home is the portal's)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .selectors import notifications_of
from .services import notification_mark_read


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:
        return False


# What /healthz checks, each a name and a function answering True when it works. Without a
# critical one the site cannot serve (503); without a degrading one it serves, but something
# waits (the worker: asked-for files stay queued), and the answer is 200 "degraded". Apps add
# their own checks from their AppConfig.ready() (sangtao.jobs adds "worker").
HEALTH_CHECKS = {"database": _database_ok}
DEGRADING_CHECKS: dict = {}


@require_GET
@never_cache
def healthz(request):
    """200 with {"status": "ok", "database": true, "worker": true} while every check passes;
    200 "degraded" when only a degrading check fails; 503 "error" when a critical one does."""
    critical = {name: check() for name, check in HEALTH_CHECKS.items()}
    if not all(critical.values()):
        return JsonResponse(
            {"status": "error", **critical, **dict.fromkeys(DEGRADING_CHECKS, False)},
            status=503,
        )
    degrading = {name: check() for name, check in DEGRADING_CHECKS.items()}
    status = "ok" if all(degrading.values()) else "degraded"
    return JsonResponse({"status": status, **critical, **degrading}, status=200)


@login_required
def notification_list(request):
    page = Paginator(notifications_of(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def notification_read(request):
    notification_id = request.POST.get("id")
    notification_mark_read(
        user=request.user,
        notification_id=int(notification_id)
        if notification_id and notification_id.isdigit()
        else None,
    )
    return redirect("notifications")

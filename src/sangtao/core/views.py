"""Pages every user meets: home, notifications, the health check."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .models import Notification
from .services import notification_mark_read


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:
        return False


# What /healthz checks, each a name and a function answering True when it works. The task
# worker's check (e.g. "tasks": the age of the oldest waiting task) is added here when the
# background worker lands.
HEALTH_CHECKS = {"database": _database_ok}


@require_GET
@never_cache
def healthz(request):
    """200 with {"status": "ok", "database": true, ...} while every check passes, else 503."""
    results = {name: check() for name, check in HEALTH_CHECKS.items()}
    healthy = all(results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **results}, status=200 if healthy else 503
    )


def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    from sangtao.initiatives.selectors import home_summary

    return render(request, "core/home.html", home_summary(user=request.user))


@login_required
def notification_list(request):
    page = Paginator(
        Notification.objects.filter(recipient=request.user).order_by("-created_at", "-id"), 30
    ).get_page(request.GET.get("page"))
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

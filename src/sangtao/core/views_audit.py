"""The audit trail of one object: read-only, for whoever may view the object."""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .audit import action_sentence, audited
from .selectors import audit_events_of, audited_object

PAGE_SIZE = 50


@require_GET
@login_required
def audit_trail(request, model: str, object_id: str):
    """GET /audit/<app_label.model>/<id>/: the object's events, newest first, 50 a page: for
    an object whose trail holds more than some viewers may read, only what its selector
    (`Audited.events`) gives this viewer."""
    entry = audited(model)
    if entry is None:
        raise Http404
    model_class = apps.get_model(model)
    try:
        pk = model_class._meta.pk.to_python(object_id)
        target = audited_object(model_class, pk)
    except (ValidationError, ValueError):
        target = None
    # The same refusal for an object that does not exist and one the user may not see: ids
    # are numbers, and a different answer would tell what exists in other units.
    if target is None or not request.user.has_perm(entry.permission, target):
        return render(request, "core/audit_refused.html", {"target": target}, status=403)
    events = entry.events_for(target, request.user)
    if events is None:
        events = audit_events_of(target=target)
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        for event in page:
            event.sentence = action_sentence(event.action)
            event.details = [f"{key}: {value}" for key, value in event.data.items()]
    else:
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_trail.html",
        {
            "target": target,
            "kind": model_class._meta.verbose_name,
            "detail_url": entry.detail_url(target),
            "page": page,
        },
    )

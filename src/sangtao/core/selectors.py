"""Read queries every app shares."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import AuditEvent


def audit_events_of(*, target) -> QuerySet[AuditEvent]:
    """The audit trail of one object, newest first, with who did each step."""
    return (
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
        )
        .select_related("actor")
        .order_by("-at", "-id")
    )

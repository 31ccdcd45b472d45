"""Writes every app shares: the audit trail and notifications."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import AuditEvent, Notification


def audit_record(
    *,
    actor,
    action: str,
    target,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to the audit trail (call it inside the service's transaction)."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )


def notify(*, recipients: Iterable, message: str, url: str = "") -> list[Notification]:
    """Notify each recipient in the app, and by e-mail once the transaction commits."""
    people = {person.pk: person for person in recipients if person is not None}
    notes = Notification.objects.bulk_create(
        [Notification(recipient=person, message=message, url=url) for person in people.values()]
    )
    addresses = [person.email for person in people.values() if person.email]
    if addresses:
        link = f"{settings.SITE_URL}{url}" if url else settings.SITE_URL

        def send() -> None:
            for address in addresses:
                send_mail(
                    subject=f"[Sáng tạo] {message}"[:150],
                    message=f"{message}\n\n{link}\n",
                    from_email=None,
                    recipient_list=[address],
                    fail_silently=True,
                )

        transaction.on_commit(send)
    return notes


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one notification (or all of a user's) as read; returns how many changed."""
    notes = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        notes = notes.filter(pk=notification_id)
    return notes.update(read_at=timezone.now())

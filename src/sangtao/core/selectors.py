"""Read queries every app shares."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from .models import AuditEvent, Notification


def audit_events_of(*, target) -> QuerySet[AuditEvent]:
    """The audit trail of one object, newest first, with who did each step."""
    return (
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
        )
        .select_related("actor")
        .order_by("-at", "-id")
    )


# A work list counts its rows up to this many: a list of a million rows says "more than 1,000"
# and shows its first pages, and no page counts a million rows.
COUNT_CAP = 1000


def count_capped(queryset: QuerySet) -> tuple[int, bool]:
    """How many rows `queryset` has, counted up to `COUNT_CAP`, and whether there are more."""
    counted = queryset.order_by().values("pk")[: COUNT_CAP + 1].count()
    return min(counted, COUNT_CAP), counted > COUNT_CAP


class CappedPaginator(Paginator):
    """A paginator over the first `COUNT_CAP` rows, which never counts further; `capped` says
    there were more."""

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        return count_capped(self.object_list)

    @property
    def count(self) -> int:
        return self._counted[0]

    @property
    def capped(self) -> bool:
        return self._counted[1]


def notifications_of(*, user) -> QuerySet[Notification]:
    """`user`'s notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def audited_object(model_class, pk):
    """The object of `model_class` with primary key `pk`, or None (the audit page's target)."""
    return model_class._default_manager.filter(pk=pk).first()

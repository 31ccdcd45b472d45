"""Read queries of initiatives, each scoped to what the user may see."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from sangtao.accounts.scope import COUNCIL_ROLES, STAFF_ROLES, scope_q
from sangtao.core.models import AuditEvent
from sangtao.core.selectors import count_capped

from .models import Attachment, Initiative, InitiativeAuthor, InitiativeLink
from .states import ACTION_LABELS, State


def _listing(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """A page's rows with their number of files: a subquery per row of the page, which the
    paginator's count leaves out (a join and GROUP BY would count the files of every row)."""
    files = (
        Attachment.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return queryset.select_related("unit", "field", "round", "created_by").annotate(
        attachment_count=Coalesce(Subquery(files, output_field=IntegerField()), 0)
    )


def _own(user) -> QuerySet[Initiative]:
    """The initiatives a person filed or is credited on: one IN over a UNION of two indexed
    selections (an OR across the authors' join would scan every initiative)."""
    filed = Initiative.objects.filter(created_by=user).order_by().values("pk")
    credited = InitiativeAuthor.objects.filter(user=user).order_by().values("initiative_id")
    return Initiative.objects.filter(pk__in=filed.union(credited))


def initiative_list_own(*, user) -> QuerySet[Initiative]:
    """The initiatives a person filed or is credited on."""
    return _listing(_own(user)).order_by("-created_at", "-id")


def initiative_list_visible(*, user) -> QuerySet[Initiative]:
    """Everything a user may see: their own, plus non-drafts in the subtrees they cover."""
    staff = scope_q(user, STAFF_ROLES)
    council = scope_q(user, COUNCIL_ROLES | STAFF_ROLES, field="appraisal_unit")
    return Initiative.objects.filter(
        Q(created_by=user) | (~Q(state=State.DRAFT) & (staff | council))
    )


# The states a unit's queue lists: everything but drafts, which are their filer's alone.
QUEUE_STATES = [state for state in State if state != State.DRAFT]


def initiative_unit_queue(*, user, state: str = State.SUBMITTED) -> QuerySet[Initiative]:
    """Initiatives in a clerk's subtree in `state` (submitted by default); a draft, or a state
    that does not exist, lists nothing (a draft is seen by its filer only)."""
    if state not in QUEUE_STATES:
        return _listing(Initiative.objects.none())
    return _listing(Initiative.objects.filter(scope_q(user, STAFF_ROLES), state=state)).order_by(
        "submitted_at", "id"
    )


def initiative_history(*, initiative: Initiative) -> list[AuditEvent]:
    """The dossier's audit trail, oldest first, with on-screen labels."""
    events = list(
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(Initiative),
            target_id=str(initiative.pk),
        )
        .select_related("actor")
        .order_by("at", "id")
    )
    labels = dict(State.choices)
    for event in events:
        event.action_label = ACTION_LABELS.get(event.action, event.action)
        event.from_label = labels.get(event.from_state, "")
        event.to_label = labels.get(event.to_state, "")
        event.file_name = event.data.get("file", "")
    return events


def home_summary(*, user) -> dict:
    """What a signed-in person sees first: their initiatives by state and what awaits them."""
    from sangtao.core.models import Notification

    mine = _own(user).order_by().values("state").annotate(total=Count("id"))
    by_state = {row["state"]: row["total"] for row in mine}
    queue_count, queue_capped = (
        count_capped(initiative_unit_queue(user=user))
        if scope_q(user, STAFF_ROLES) != Q(pk__in=[])
        else (0, False)
    )
    return {
        "my_counts": [(state, by_state.get(state.value, 0)) for state in State],
        "my_total": sum(by_state.values()),
        "queue_count": queue_count,
        "queue_capped": queue_capped,
        "latest_notifications": Notification.objects.filter(recipient=user).order_by(
            "-created_at", "-id"
        )[:5],
    }


def initiative_links(*, initiative: Initiative, user) -> list[InitiativeLink]:
    """The council's duplicate / builds-on links from and to `initiative`, newest first; the
    other initiative's title only when the user may see it (`other_visible`)."""
    links = list(
        InitiativeLink.objects.filter(Q(initiative=initiative) | Q(other=initiative))
        .select_related("initiative__unit", "other__unit", "created_by", "other__search_entry")
        .select_related("initiative__search_entry")
        .order_by("-created_at", "-id")
    )
    for link in links:
        link.outgoing = link.initiative_id == initiative.pk
        link.counterpart = link.other if link.outgoing else link.initiative
        entry = getattr(link.counterpart, "search_entry", None)
        link.other_visible = bool(entry and entry.is_public) or user.has_perm(
            "initiatives.view_initiative", link.counterpart
        )
    return links

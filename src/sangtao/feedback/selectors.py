"""Reads of feedback threads, scoped to the staff of either side."""

from django.db.models import Q, QuerySet

from sangtao.accounts.models import Role, RoleMembership, User
from sangtao.accounts.scope import STAFF_ROLES, outer_paths, scope_q, units_covered_q
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import current_q
from sangtao.orgs.text import fold
from sangtao.registers.keepers import KEEPERS

from .models import Message, Thread

FRONT_COMMITTEE = "front_committee"
TOLD_ROLES = (Role.CLERK, Role.OFFICER)  # who hears of a new message, at either side's unit


# A scope whose root sits this high in the tree (the centre, a province) holds most threads.
WIDE_DEPTH = 2


def _both_sides_q(user) -> Q:
    """Threads addressed to or sent by a unit of the person's subtrees, read without an OR
    across the two joins to the units (which no index serves):

    - a narrow scope (a commune, a member organisation, a school) reads one IN over the UNION
      of two indexed selections, threads received and threads sent: a few rows, found through
      the `receiver` and `unit` indexes whatever the size of the table;
    - a wide scope (the centre, a province: most of the table) keeps the threads whose sending
      or receiving unit is among its units (two hashed lists of unit ids), which the planner
      reads along the `thread_newest` index and stops at the page's last row, instead of
      gathering and sorting every thread of the province first.

    Both hold exactly the same threads (tests/feedback/test_inbox_union.py)."""
    paths = outer_paths(user, STAFF_ROLES)
    if any(path.strip("/").count("/") < WIDE_DEPTH for path in paths):
        units = OrgUnit.objects.filter(units_covered_q(user, STAFF_ROLES)).values("pk")
        return Q(unit_id__in=units) | Q(receiver_id__in=units)
    received = Thread.objects.filter(scope_q(user, STAFF_ROLES, "receiver")).order_by()
    sent = Thread.objects.filter(scope_q(user, STAFF_ROLES, "unit")).order_by()
    return Q(pk__in=received.values("pk").union(sent.values("pk")))


def threads_visible(*, user, state: str = "", unit_id: int | None = None, q: str = ""):
    """The threads sent by or addressed to a unit of the person's subtrees, newest message
    first; `state`, the sending `unit_id` and a search without tones narrow them."""
    rows = Thread.objects.filter(_both_sides_q(user))
    if state:
        rows = rows.filter(state=state)
    if unit_id:
        rows = rows.filter(unit_id=unit_id)
    for word in fold(q).split():
        rows = rows.filter(search_key__contains=word)
    return rows.select_related("unit", "receiver").order_by("-last_message_at", "-pk")


def thread_messages(*, thread: Thread) -> QuerySet[Message]:
    """The messages of a thread, oldest first, with their author and file."""
    return thread.messages.select_related("author", "attached").order_by("sent_at", "pk")


def thread_files(*, thread: Thread):
    """The files of a thread's messages (to open one of them)."""
    from .models import MessageFile

    return MessageFile.objects.filter(message__thread=thread)


def units_sending(*, user) -> QuerySet[OrgUnit]:
    """The current units the person may send feedback for: those they are a keeper at."""
    held = RoleMembership.objects.filter(user=user, role__in=KEEPERS).values("unit_id")
    return OrgUnit.objects.filter(pk__in=held).filter(current_q()).order_by("path")


def units_in_threads(*, user) -> list[tuple[int, str]]:
    """(id, name) of the sending units of the threads the person sees, for the filter."""
    sent = threads_visible(user=user).order_by().values("unit_id")
    return list(OrgUnit.objects.filter(pk__in=sent).order_by("name").values_list("pk", "name"))


def receiver_for(*, unit: OrgUnit) -> OrgUnit | None:
    """The nearest Front committee above `unit` that is in force today (the province's
    Standing Board for a member organisation), or None."""
    above = unit.ancestor_ids[:-1]
    found = {
        committee.pk: committee
        for committee in OrgUnit.objects.filter(pk__in=above, kind__code=FRONT_COMMITTEE).filter(
            current_q()
        )
    }
    for pk in reversed(above):
        if pk in found:
            return found[pk]
    return None


def thread_people(*, thread: Thread) -> list[User]:
    """Who hears of a new message: whoever opened the thread, and the active clerks and
    officers at the sending unit and at the receiving committee."""
    people = User.objects.filter(is_active=True).filter(
        Q(pk=thread.opened_by_id)
        | Q(
            memberships__role__in=TOLD_ROLES,
            memberships__unit_id__in=(thread.unit_id, thread.receiver_id),
        )
    )
    return list(people.distinct())

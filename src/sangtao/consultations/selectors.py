"""Read queries of consultations: the drafts a person may see, their sections, the comments each
person may read, and the units a person comments for."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sangtao.accounts.models import RoleMembership
from sangtao.accounts.scope import STAFF_ROLES, role_paths, scope_q
from sangtao.core.selectors import audit_events_of
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import current_q, subtree_q
from sangtao.registers.keepers import units_kept

from .models import Comment, Consultation, Section

PUBLISHING_KINDS = ("front_committee",)


def _ancestor_ids(user) -> set[int]:
    """The ids of the units above (and at) the units where `user` is staff."""
    paths = role_paths(user)
    return {
        int(part)
        for role in STAFF_ROLES
        for path in paths.get(role, ())
        for part in path.strip("/").split("/")
        if part
    }


def consultations_visible(*, user, parent=None) -> QuerySet[Consultation]:
    """What `user` may see: every consultation of the units they are staff over, and, once
    open, those whose audience holds them (staff of a unit in the subtree; anyone signed in for
    a public one)."""
    audience = Q(unit_id__in=_ancestor_ids(user))
    if getattr(user, "is_authenticated", False):
        audience |= Q(audience=Consultation.Audience.PUBLIC)
    opened = Q(opens_on__lte=timezone.localdate()) & audience
    return (
        Consultation.objects.filter(scope_q(user, STAFF_ROLES, "unit") | opened)
        .select_related("unit")
        .order_by("-opens_on", "-pk")
    )


def consultation_page(*, user, pk: int) -> Consultation | None:
    """The consultation `pk` if `user` may see it (None otherwise)."""
    return consultations_visible(user=user).select_related("unit__kind").filter(pk=pk).first()


def sections_of(*, user=None, parent: Consultation) -> QuerySet[Section]:
    return Section.objects.filter(consultation=parent).annotate(comment_count=Count("comments"))


def section_of(*, consultation: Consultation, pk: int) -> Section | None:
    """The section `pk` of `consultation` (None when it belongs to another one)."""
    return Section.objects.filter(consultation=consultation, pk=pk).first()


def comment_of(*, consultation: Consultation, pk: int) -> Comment | None:
    return (
        Comment.objects.filter(consultation=consultation, pk=pk)
        .select_related("section", "unit", "author", "consultation__unit")
        .first()
    )


def comments_readable(*, user, consultation: Consultation) -> QuerySet[Comment]:
    """The comments `user` may read: all of them for the publishing unit's staff, or once the
    responses are published; otherwise the person's own."""
    comments = Comment.objects.filter(consultation=consultation)
    if not (
        consultation.responses_published
        or user.has_perm("consultations.read_comments", consultation)
    ):
        comments = comments.filter(author=user)
    return comments.select_related("unit", "author", "responded_by").order_by("created_at", "pk")


def sections_with_comments(*, user, consultation: Consultation) -> list[tuple[Section, list]]:
    """Each section in order, with the comments `user` may read on it (two queries)."""
    by_section: dict[int, list[Comment]] = {}
    for comment in comments_readable(user=user, consultation=consultation):
        by_section.setdefault(comment.section_id, []).append(comment)
    sections = Section.objects.filter(consultation=consultation).order_by("order", "pk")
    return [(section, by_section.get(section.pk, [])) for section in sections]


def units_speaking_for(*, user, consultation: Consultation) -> QuerySet[OrgUnit]:
    """The current units below the publishing unit where `user` is staff: those they comment
    for."""
    if not getattr(user, "is_authenticated", False):
        return OrgUnit.objects.none()
    held = RoleMembership.objects.filter(user=user, role__in=STAFF_ROLES).values("unit_id")
    return (
        OrgUnit.objects.filter(subtree_q(consultation.unit.path), pk__in=held)
        .exclude(pk=consultation.unit_id)
        .filter(current_q())
        .order_by("path")
    )


def publishing_units(*, user) -> QuerySet[OrgUnit]:
    """The current Front committees whose records `user` keeps (for the create form)."""
    return units_kept(user).filter(kind__code__in=PUBLISHING_KINDS)


def history_of(*, consultation: Consultation) -> list:
    return list(audit_events_of(target=consultation)[:50])

"""Reads of practices, replications and applications, scoped to what a person may see."""

from django.db.models import Q, QuerySet

from sangtao.accounts.scope import STAFF_ROLES, scope_q, units_covered_q
from sangtao.core.collation import vi_order
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import current_q
from sangtao.registers.files import IMAGE_TYPES

from .models import Application, Practice, PracticeFile, Replication

MEMBER_ORG = "member_org"
PHOTO_TYPES = tuple(kind.content_type for kind in IMAGE_TYPES)


def practices_visible(*, user, parent=None) -> QuerySet[Practice]:
    """The practices of the person's subtrees (staff) and every published one."""
    return (
        Practice.objects.filter(scope_q(user, STAFF_ROLES, "unit") | Q(published=True))
        .select_related("unit", "field")
        .order_by("-started_on", "-pk")
    )


def practices_published() -> QuerySet[Practice]:
    """What the public portal shows."""
    return (
        Practice.objects.filter(published=True)
        .select_related("unit", "field")
        .order_by("-started_on", "-pk")
    )


def replications_of(*, user, parent) -> QuerySet[Replication]:
    """The replications of practice `parent` (whoever may open the practice sees them)."""
    return (
        Replication.objects.filter(practice=parent)
        .select_related("unit", "practice")
        .order_by("-started_on", "-pk")
    )


def replications_published(*, practice: Practice) -> QuerySet[Replication]:
    """The replications of a published practice, for its public page, oldest first."""
    return practice.replications.select_related("unit").order_by("started_on")


def applications_visible(*, user, parent=None) -> QuerySet[Application]:
    """Applications recorded by units of the person's subtrees, or of initiatives of them."""
    return (
        Application.objects.filter(
            scope_q(user, STAFF_ROLES, "unit") | scope_q(user, STAFF_ROLES, "initiative__unit")
        )
        .select_related("unit", "initiative")
        .order_by("-applied_on", "-pk")
    )


def applications_of_initiative(initiative) -> QuerySet[Application]:
    """Where an initiative is used, for its dossier page."""
    return (
        Application.objects.filter(initiative=initiative)
        .select_related("unit")
        .order_by("-applied_on", "-pk")
    )


def units_seen(user) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(units_covered_q(user, STAFF_ROLES)).order_by("path")


def initiatives_applicable() -> QuerySet[Initiative]:
    """The initiatives a unit may record as applied: the recognised ones."""
    return Initiative.objects.filter(state=State.RECOGNISED).order_by(vi_order("title"))


def units_without_practice(*, user, year: int, limit: int = 100) -> tuple[list[OrgUnit], int]:
    """The plan's target (at least one practice per member organisation a year, and one by the
    Front committee): the member organisations of the person's subtrees, and the committees
    the person works at, with no practice started in `year`. ([first `limit`], count)."""
    from sangtao.accounts.scope import role_paths

    roots = {path for role in STAFF_ROLES for path in role_paths(user).get(role, ())}
    built = Practice.objects.filter(started_on__year=year).values("unit_id")
    missing = (
        OrgUnit.objects.filter(units_covered_q(user, STAFF_ROLES))
        .filter(current_q())
        .filter(Q(kind__code=MEMBER_ORG) | Q(path__in=roots, kind__code="front_committee"))
        .exclude(pk__in=built)
        .order_by("path")
    )
    return list(missing[:limit]), missing.count()


def practice_files(row: Practice) -> QuerySet[PracticeFile]:
    """The files of a practice, oldest first."""
    return PracticeFile.objects.filter(practice=row).order_by("uploaded_at", "pk")


def practice_photos(*, practice: Practice) -> QuerySet[PracticeFile]:
    """The photos (JPG, PNG) of a practice, for its public page."""
    return practice_files(practice).filter(content_type__in=PHOTO_TYPES)

"""Read queries about people."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .models import Role, RoleMembership, User


def people_with_role_over(*, roles, unit) -> list[User]:
    """Active users holding one of `roles` at `unit` or at a unit above it."""
    return list(
        User.objects.filter(
            memberships__role__in=roles,
            memberships__unit_id__in=unit.ancestor_ids,
            is_active=True,
        ).distinct()
    )


def two_factor_required(*, user) -> bool:
    """Whether `user` must give a one-time code after the password: superusers, officers and
    administrators (of any unit), and the chairs of appraisal councils."""
    from sangtao.appraisal.models import CouncilMember

    from .models import Role
    from .scope import has_role

    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or has_role(user, {Role.OFFICER, Role.ADMIN}):
        return True
    return CouncilMember.objects.filter(user=user, role=CouncilMember.Role.CHAIR).exists()


def two_factor_device(*, user):
    """The user's confirmed authenticator (a TOTP device), or None."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


# --- people pages and the people picker ---------------------------------------------------------

PICKER_LIMIT = 20


def people_in_scope(*, by, roles) -> QuerySet:
    """People whose unit lies in a subtree `by` covers with one of `roles` (everyone for a
    superuser): one indexed path range per subtree, through the unit join."""
    from .scope import scope_q

    if getattr(by, "is_superuser", False):
        return User.objects.all()
    return User.objects.filter(scope_q(by, roles, "unit"))


def people_search(*, by, query: str = "", roles=None) -> QuerySet:
    """People `by` administers (or, with `roles`, covers with those roles) whose name, user
    name, e-mail or phone holds every word of `query`, typed with or without diacritics.

    Each word is a `LIKE '%word%'` on the folded `search_key` (a trigram index serves it on
    PostgreSQL); the listing brings each person's unit along."""
    from sangtao.orgs.text import fold

    people = people_in_scope(by=by, roles=roles or {Role.ADMIN})
    for word in fold(query).split()[:6]:
        people = people.filter(search_key__contains=word)
    return people.select_related("unit").order_by("search_key", "pk")


def people_listing(*, by, query: str = "") -> QuerySet:
    """The people page: the search with each person's role memberships (one more query)."""
    return people_search(by=by, query=query).prefetch_related(
        Prefetch(
            "memberships",
            queryset=RoleMembership.objects.select_related("unit").order_by("role", "unit__path"),
        )
    )


def people_to_pick(*, by, query: str) -> list:
    """At most PICKER_LIMIT people `by` may pick (administrators, officers and secretaries, each
    in their subtrees) matching `query`, with their unit and `load`: the score sheets they
    still have to fill."""
    from sangtao.appraisal.models import Assignment

    if len(query.strip()) < 2:
        return []
    open_sheets = (
        Assignment.objects.filter(member__user=OuterRef("pk"), state=Assignment.State.DRAFT)
        .order_by()
        .values("member__user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    people = people_search(
        by=by, query=query, roles={Role.ADMIN, Role.OFFICER, Role.SECRETARY}
    ).filter(is_active=True)
    return list(
        people.annotate(load=Coalesce(Subquery(open_sheets, output_field=IntegerField()), 0))[
            :PICKER_LIMIT
        ]
    )


def person_in_scope(*, by, pk: int):
    """The person `by` administers with this id, or None (another province's: None too)."""
    return people_in_scope(by=by, roles={Role.ADMIN}).select_related("unit").filter(pk=pk).first()


def person_memberships(*, person) -> list:
    return list(
        RoleMembership.objects.filter(user=person)
        .select_related("unit")
        .order_by("role", "unit__path")
    )

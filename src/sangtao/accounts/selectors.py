"""Read queries about people."""

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch, QuerySet, Value

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


# Who else must give a one-time code, told by the apps above this one (appraisal: the chairs of
# its councils) from their AppConfig.ready(): accounts imports none of them.
TWO_FACTOR_REQUIREMENTS: list[Callable[[User], bool]] = []


def register_two_factor_requirement(predicate: Callable[[User], bool]) -> None:
    """Add `predicate(user) -> bool` to the reasons a signed-in person must give a one-time
    code (called from an AppConfig.ready(); registering twice adds it once)."""
    if predicate not in TWO_FACTOR_REQUIREMENTS:
        TWO_FACTOR_REQUIREMENTS.append(predicate)


# How busy a person is, told by the apps above this one (appraisal: the score sheets still to
# fill): each entry makes an integer expression over the user's row: `make(user_ref)` with
# OuterRef(user_ref) naming the person ("pk" on users, "user" on rows that point at one).
LOAD_EXPRESSIONS: list[Callable[[str], Any]] = []


def register_load(make: Callable[[str], Any]) -> None:
    """Add `make(user_ref) -> expression` to a person's load (called from an
    AppConfig.ready())."""
    if make not in LOAD_EXPRESSIONS:
        LOAD_EXPRESSIONS.append(make)


def two_factor_required(*, user) -> bool:
    """Whether `user` must give a one-time code after the password: superusers, officers and
    administrators (of any unit), and whoever a registered requirement names (the chairs of
    appraisal councils)."""
    from .models import Role
    from .scope import has_role

    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or has_role(user, {Role.OFFICER, Role.ADMIN}):
        return True
    return any(predicate(user) for predicate in TWO_FACTOR_REQUIREMENTS)


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
    if len(query.strip()) < 2:
        return []
    people = people_search(
        by=by, query=query, roles={Role.ADMIN, Role.OFFICER, Role.SECRETARY}
    ).filter(is_active=True)
    return list(with_load(people)[:PICKER_LIMIT])


def with_load(people: QuerySet, *, user_ref: str = "pk") -> QuerySet:
    """`people` (or rows pointing at a person through `user_ref`) annotated with `load`: the
    sum of the registered load expressions (0 when none is registered)."""
    loads = [make(user_ref) for make in LOAD_EXPRESSIONS]
    return people.annotate(load=sum(loads[1:], loads[0]) if loads else Value(0))


def people_to_pick_among(*, people: QuerySet, query: str) -> list:
    """The people picker over another set of candidates (a council's possible members): at
    most PICKER_LIMIT of `people` whose folded name holds every word of `query`, with their
    unit and load."""
    from sangtao.orgs.text import fold

    if len(query.strip()) < 2:
        return []
    for word in fold(query).split()[:6]:
        people = people.filter(search_key__contains=word)
    people = people.filter(is_active=True).select_related("unit").order_by("search_key", "pk")
    return list(with_load(people)[:PICKER_LIMIT])


def person_in_scope(*, by, pk: int):
    """The person `by` administers with this id, or None (another province's: None too)."""
    return people_in_scope(by=by, roles={Role.ADMIN}).select_related("unit").filter(pk=pk).first()


def person_memberships(*, person) -> list:
    return list(
        RoleMembership.objects.filter(user=person)
        .select_related("unit")
        .order_by("role", "unit__path")
    )


def role_memberships_of(*, user) -> QuerySet:
    """The role memberships `user` holds, with their unit (the revoke button finds one)."""
    return RoleMembership.objects.select_related("unit", "user").filter(user=user)


def username_for_sign_in(*, login: str) -> str:
    """The user name to sign in with for what was typed: itself, unless it is an e-mail
    address that is nobody's user name and belongs to exactly one active account."""
    login = login.strip()
    if "@" not in login or User.objects.filter(username=login).exists():
        return login
    owners = list(
        User.objects.filter(email__iexact=login, is_active=True).values_list("username", flat=True)[
            :2
        ]
    )
    return owners[0] if len(owners) == 1 else login

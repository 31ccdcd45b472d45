"""Who keeps a unit's registers: its clerks, movement officers and administrators keep the
records of their unit and of its subtree; staff (leaders too) see them. The `rules` predicates,
the service check and the units a form offers, shared by the registers of every app."""

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sangtao.accounts.models import Role
from sangtao.accounts.scope import STAFF_ROLES, has_role, has_role_over, units_covered_q
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import current_q

from .pickers import picker, unit_source

KEEPERS = frozenset({Role.CLERK, Role.OFFICER, Role.ADMIN})


@rules.predicate
def keeps_unit_of(user, row) -> bool:
    """`user` keeps the records of `row.unit`."""
    return row is not None and has_role_over(user, KEEPERS, row.unit)


@rules.predicate
def sees_unit_of(user, row) -> bool:
    """`user` is staff over `row.unit`."""
    return row is not None and has_role_over(user, STAFF_ROLES, row.unit)


@rules.predicate
def keeps_anywhere(user) -> bool:
    return has_role(user, KEEPERS)


@rules.predicate
def staff_anywhere(user) -> bool:
    return has_role(user, STAFF_ROLES)


def add_kept_perms(
    model: str,
    *,
    lists=staff_anywhere,
    sees=sees_unit_of,
    keeps=keeps_unit_of,
) -> None:
    """The permissions of a register of rows units keep, "<app>.<action>_<model>" for `model`
    ("activities.event"), each for a signed-in person: `list` to `lists` (staff anywhere),
    `view` a row to `sees` (staff over its unit), `add` to the keepers of any unit, `change`
    and `delete` a row to `keeps` (the keepers of its unit)."""
    app, name = model.split(".")
    auth = rules.is_authenticated
    rules.add_perm(f"{app}.list_{name}", auth & lists)
    rules.add_perm(f"{app}.view_{name}", auth & sees)
    rules.add_perm(f"{app}.add_{name}", auth & keeps_anywhere)
    rules.add_perm(f"{app}.change_{name}", auth & keeps)
    rules.add_perm(f"{app}.delete_{name}", auth & keeps)


def require_keeps(by, unit: OrgUnit) -> None:
    """Refuse unless `by` keeps the records of `unit` (holds a keeper's role over it)."""
    if not has_role_over(by, KEEPERS, unit):
        raise PermissionDenied


def units_kept(user) -> QuerySet[OrgUnit]:
    """The current units whose records `user` keeps, for the forms' choices."""
    return OrgUnit.objects.filter(units_covered_q(user, KEEPERS), current_q()).order_by("path")


# The forms' unit picker over the units a person keeps (sangtao.registers.pickers).
UNITS_KEPT = unit_source("units-kept", lambda *, user: units_kept(user))


def pick_units_kept(form, user, *names: str) -> None:
    """The form's unit fields `names` ("unit" unless told) as pickers among the units `user`
    keeps (20,000 for a national officer: no <select>)."""
    units = units_kept(user)
    for name in names or ("unit",):
        form.fields[name] = picker(form.fields[name], UNITS_KEPT, units)

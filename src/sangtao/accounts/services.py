"""Writes about people: creating an account and granting a role over a subtree."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sangtao.core.services import audit_record
from sangtao.orgs.models import OrgUnit

from .models import RoleMembership, User
from .scope import forget


def _require_admin_over(by: User | None, unit: OrgUnit | None) -> None:
    """`by` None is the system itself (a command); anyone else must administer `unit`."""
    if by is not None and not by.has_perm("accounts.manage_people", unit):
        raise PermissionDenied(_("You are not allowed to do this."))


@transaction.atomic
def user_create(
    *,
    username: str,
    full_name: str,
    unit: OrgUnit | None,
    by: User | None,
    password: str | None = None,
    password_hash: str | None = None,
    position: str = "",
    email: str = "",
    phone: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create an account working in `unit`.

    Give `password` (hashed here) or `password_hash` (already made by `make_password`, e.g. one
    hash shared by many demo accounts); with neither the account cannot sign in until a password
    is set.
    """
    _require_admin_over(by, unit)
    user = User(
        username=username,
        full_name=full_name,
        unit=unit,
        position=position,
        email=email,
        phone=phone,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)  # None makes the password unusable
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=by,
        action="user.create",
        target=user,
        data={"unit": unit.pk if unit else None, "is_staff": is_staff},
    )
    return user


@transaction.atomic
def role_grant(*, user: User, role: str, unit: OrgUnit, by: User | None) -> RoleMembership:
    """Give `user` the `role` over `unit` and its subtree (nothing changes if they hold it)."""
    _require_admin_over(by, unit)
    membership, created = RoleMembership.objects.get_or_create(user=user, role=role, unit=unit)
    if created:
        audit_record(
            actor=by,
            action="role.grant",
            target=user,
            data={"role": role, "unit": unit.pk},
        )
        forget(user)
    return membership

"""Read queries about people."""

from collections.abc import Callable

from .models import User


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

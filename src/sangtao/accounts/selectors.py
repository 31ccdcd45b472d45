"""Read queries about people."""

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

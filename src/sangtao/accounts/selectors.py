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

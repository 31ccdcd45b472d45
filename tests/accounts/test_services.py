"""Creating accounts and granting roles: who may, and what is recorded."""

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError

from sangtao.accounts.models import Role, RoleMembership, User
from sangtao.accounts.scope import has_role_over
from sangtao.accounts.services import role_grant, user_create
from sangtao.core.models import AuditEvent

from ..factories import make_user


@pytest.fixture
def district_admin(tree):
    return make_user("quantri.huyen", roles=((Role.ADMIN, tree["district"]),))


def test_user_create_by_an_admin_of_the_unit_records_it(tree, district_admin):
    person = user_create(
        username="giaovien",
        full_name="Lê Thị Hồng",
        unit=tree["school"],
        password="mot-mat-khau-dai",
        by=district_admin,
    )

    assert person.check_password("mot-mat-khau-dai") is True
    assert person.unit == tree["school"]
    assert list(
        AuditEvent.objects.filter(target_id=str(person.pk)).values_list("action", "actor__username")
    ) == [("user.create", "quantri.huyen")]


def test_user_create_outside_the_admins_subtree_is_refused(tree, district_admin):
    with pytest.raises(PermissionDenied):
        user_create(
            username="giaovien",
            full_name="Lê Thị Hồng",
            unit=tree["other_school"],
            by=district_admin,
        )
    assert User.objects.filter(username="giaovien").exists() is False


def test_user_create_with_a_password_hash_keeps_it(tree):
    encoded = make_password("mat-khau-chung-2020")

    person = user_create(
        username="a", full_name="A", unit=tree["school"], password_hash=encoded, by=None
    )

    assert person.password == encoded
    assert person.check_password("mat-khau-chung-2020") is True


def test_user_create_without_a_password_cannot_sign_in(tree):
    person = user_create(username="b", full_name="B", unit=tree["school"], by=None)

    assert person.has_usable_password() is False


def test_user_create_with_a_taken_username_is_refused(tree, people):
    with pytest.raises(ValidationError) as error:
        user_create(username="tacgia", full_name="C", unit=tree["school"], by=None)

    assert list(error.value.message_dict) == ["username"]


def test_role_grant_covers_the_subtree_and_records_once(tree, district_admin):
    person = make_user("canbo", unit=tree["commune"])

    role_grant(user=person, role=Role.CLERK, unit=tree["commune"], by=district_admin)
    role_grant(user=person, role=Role.CLERK, unit=tree["commune"], by=district_admin)

    assert RoleMembership.objects.filter(user=person).count() == 1
    assert has_role_over(person, {Role.CLERK}, tree["school"]) is True
    assert AuditEvent.objects.filter(action="role.grant", target_id=str(person.pk)).count() == 1


def test_role_grant_above_the_admins_subtree_is_refused(tree, district_admin):
    person = make_user("canbo", unit=tree["commune"])

    with pytest.raises(PermissionDenied):
        role_grant(user=person, role=Role.OFFICER, unit=tree["province"], by=district_admin)
    assert person.memberships.count() == 0

"""Permissions only `rules` grants are refused without reading user and group permissions;
what Django's permission tables grant is granted as before."""

from django.contrib.auth.models import Group, Permission

from sangtao.accounts.backends import model_permissions
from sangtao.accounts.models import Role, User

from ..factories import make_user


def _fresh(user) -> User:
    """The person as a new request loads them: nothing cached on the object."""
    return User.objects.get(pk=user.pk)


def test_rules_permission_refused_without_reading_permission_tables(
    tree, django_assert_num_queries
):
    author = make_user(unit=tree["school"], roles=((Role.AUTHOR, tree["school"]),))
    person = _fresh(author)
    person.has_perm("initiatives.view_unit_queue")  # reads the roles once

    # Before: two more queries (user permissions, group permissions) for each new person.
    with django_assert_num_queries(0):
        assert person.has_perm("dashboard.view") is False
        assert person.has_perm("feedback.list_thread") is False
        assert person.has_perm("budget.list_budgetline") is False


def test_rules_permission_still_granted_by_the_role(tree):
    officer = make_user(unit=tree["province"], roles=((Role.OFFICER, tree["province"]),))

    person = _fresh(officer)

    assert person.has_perm("initiatives.view_unit_queue") is True
    assert person.has_perm("dashboard.view") is True


def test_model_permission_granted_through_a_group_still_counts(tree):
    editors = Group.objects.create(name="Biên tập")
    editors.permissions.add(Permission.objects.get(codename="view_initiative"))
    clerk = make_user(unit=tree["commune"])
    clerk.groups.add(editors)

    person = _fresh(clerk)

    assert person.has_perm("initiatives.view_initiative") is True
    assert person.has_perm("initiatives.change_initiative") is False


def test_model_permission_granted_to_the_person_still_counts(tree):
    clerk = make_user(unit=tree["commune"])
    clerk.user_permissions.add(Permission.objects.get(codename="change_initiative"))

    assert _fresh(clerk).has_perm("initiatives.change_initiative") is True


def test_superuser_keeps_every_permission(tree):
    admin = make_user(unit=tree["central"], is_superuser=True, is_staff=True)

    person = _fresh(admin)

    assert person.has_perm("dashboard.view") is True
    assert person.has_perm("initiatives.change_initiative") is True


def test_model_permissions_name_every_permission_row(db):
    rows = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list(
            "content_type__app_label", "codename"
        )
    }

    assert rows
    assert rows - model_permissions() == set()


def test_signed_in_person_stays_signed_in_with_the_backend_listed(tree, client):
    author = make_user(unit=tree["school"], roles=((Role.AUTHOR, tree["school"]),))

    client.force_login(author)  # the first backend that can load a person: ModelBackend
    assert client.get("/initiatives/").status_code == 200
    client.logout()
    assert client.login(username=author.username, password="mat-khau-thu-nghiem")
    assert client.get("/initiatives/").status_code == 200

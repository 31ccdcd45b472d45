"""The Django admin of people: it opens for the administrator and for nobody else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sangtao.accounts.models import Role, RoleMembership

from ..factories import make_user


@pytest.fixture
def admin_user(tree):
    return make_user(
        "quantri",
        unit=tree["province"],
        roles=((Role.ADMIN, tree["province"]),),
        is_staff=True,
        is_superuser=True,
    )


def test_admin_user_changelist_loads_for_the_administrator(admin_user, people, client_for):
    response = client_for(admin_user).get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == 8
    assert "tacgia" in response.content.decode()


def test_admin_user_changelist_filters_by_role(admin_user, people, client_for):
    response = client_for(admin_user).get(
        reverse("admin:accounts_user_changelist"), {"memberships__role": Role.CLERK}
    )

    assert response.status_code == 200
    assert sorted(user.username for user in response.context["cl"].result_list) == [
        "vanthu",
        "vanthu2",
    ]


def test_admin_user_changelist_queries_do_not_grow_with_rows(admin_user, tree, client_for):
    client = client_for(admin_user)
    url = reverse("admin:accounts_user_changelist")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(50):
        make_user(f"nguoi{number}", unit=tree["school"], roles=((Role.AUTHOR, tree["school"]),))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert response.context["cl"].result_count == 51
    assert len(many) == len(one)


def test_admin_user_change_form_loads_with_its_memberships(admin_user, people, client_for):
    author = people["author"]

    response = client_for(admin_user).get(reverse("admin:accounts_user_change", args=[author.pk]))

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.role for form in formset.forms] == [Role.AUTHOR]


def test_admin_membership_changelist_loads_for_the_administrator(admin_user, people, client_for):
    response = client_for(admin_user).get(reverse("admin:accounts_rolemembership_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == RoleMembership.objects.count() == 8


def test_admin_refuses_a_signed_in_user_without_staff_status(people, client_for):
    url = reverse("admin:accounts_user_changelist")

    response = client_for(people["officer"]).get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_admin_refuses_an_anonymous_visitor(client, db):
    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))

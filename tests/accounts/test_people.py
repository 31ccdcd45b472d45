"""Administrators manage people and roles in the app, within their subtree; the people picker."""

import re

import pytest
from django import forms
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sangtao.accounts.forms import PersonMultiplePickerField, PersonPickerField
from sangtao.accounts.models import Role, RoleMembership, User
from sangtao.accounts.selectors import people_search
from sangtao.core.models import AuditEvent, Notification
from sangtao.orgs.models import OrgUnit

from .. import factories as f


@pytest.fixture
def rival_province(tree):
    return f.make_unit("Ủy ban MTTQ Việt Nam tỉnh Long An", parent=tree["central"])


@pytest.fixture
def admin(tree):
    return f.make_user(
        "quantri",
        unit=tree["province"],
        full_name="Trần Quản Trị",
        roles=((Role.ADMIN, tree["province"]),),
    )


@pytest.fixture
def rival(rival_province):
    return f.make_user("quantri.la", unit=rival_province, roles=((Role.ADMIN, rival_province),))


@pytest.fixture
def lan(tree):
    return f.make_user(
        "lan.nguyen", unit=tree["school"], full_name="Nguyễn Thị Lan", phone="0912 345 678"
    )


@pytest.fixture
def stranger(rival_province):
    return f.make_user("lan.la", unit=rival_province, full_name="Lê Thị Lan")


# --- finding people -------------------------------------------------------------------------


def test_people_search_finds_part_of_a_name_without_tones(admin, lan, stranger):
    assert list(people_search(by=admin, query="thi lan")) == [lan]
    assert list(people_search(by=admin, query="NGUYỄN lan")) == [lan]
    assert list(people_search(by=admin, query="345678")) == [lan]  # the phone's digits
    assert list(people_search(by=admin, query="345 678")) == [lan]
    assert list(people_search(by=admin, query="lan.nguyen@example")) == [lan]


def test_people_search_key_follows_a_renamed_person(admin, lan):
    lan.full_name = "Phạm Thị Lan Anh"
    lan.save(update_fields=["full_name"])
    assert User.objects.get(pk=lan.pk).search_key.startswith("pham thi lan anh ")
    assert list(people_search(by=admin, query="lan anh")) == [lan]


def test_people_page_lists_people_of_the_subtree_with_their_roles(admin, lan, stranger, client_for):
    RoleMembership.objects.create(user=lan, role=Role.CLERK, unit=lan.unit)
    response = client_for(admin).get(reverse("people"), {"q": "lan"})
    assert response.status_code == 200
    assert list(response.context["page"]) == [lan]
    html = response.content.decode()
    assert "Nguyễn Thị Lan" in html and "Trường THCS Tân Hòa" in html
    assert "Cán bộ tiếp nhận hồ sơ · Trường THCS Tân Hòa" in html
    assert "Lê Thị Lan" not in html


def test_people_page_query_count_does_not_grow_with_rows(tree, admin, client_for):
    client = client_for(admin)
    counts = []
    for total in (1, 50):
        User.objects.exclude(pk=admin.pk).delete()
        for number in range(total):
            person = f.make_user(f"nguoi{number}", unit=tree["school"], full_name=f"Người {number}")
            RoleMembership.objects.create(user=person, role=Role.AUTHOR, unit=tree["school"])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("people"), {"q": "nguoi"})
        assert len(response.context["page"]) == total
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- granting and taking back roles --------------------------------------------------------


def test_role_grant_over_a_unit_of_the_subtree_is_audited_and_notified(
    tree, admin, lan, client_for
):
    response = client_for(admin).post(
        reverse("people_role_grant", args=[lan.pk]),
        {"role": Role.CLERK, "unit": "Ủy ban MTTQ Việt Nam xã Tân Hòa"},
    )
    assert response.status_code == 302
    assert list(RoleMembership.objects.filter(user=lan).values_list("role", "unit")) == [
        (Role.CLERK, tree["commune"].pk)
    ]
    event = AuditEvent.objects.get(action="role.grant")
    assert (event.actor, event.data) == (admin, {"role": "clerk", "unit": tree["commune"].pk})
    note = Notification.objects.get(recipient=lan)
    assert note.message == (
        "Bạn nay giữ vai trò Cán bộ tiếp nhận hồ sơ đối với Ủy ban MTTQ Việt Nam xã Tân Hòa."
    )


def test_role_grant_forged_for_a_unit_of_another_province_saves_nothing(
    tree, admin, lan, rival_province, client_for
):
    OrgUnit.objects.filter(pk=rival_province.pk).update(official_code="80")
    response = client_for(admin).post(
        reverse("people_role_grant", args=[lan.pk]), {"role": Role.ADMIN, "unit": "80"}
    )
    assert response.status_code == 400
    assert "trong phạm vi bạn quản trị" in response.content.decode()
    assert not RoleMembership.objects.filter(user=lan).exists()


def test_role_grant_over_the_unit_above_ones_own_is_refused(tree, admin, lan, client_for):
    response = client_for(admin).post(
        reverse("people_role_grant", args=[lan.pk]),
        {"role": Role.ADMIN, "unit": "Ủy ban Trung ương MTTQ Việt Nam"},
    )
    assert response.status_code == 400
    assert not RoleMembership.objects.filter(user=lan).exists()


def test_role_revoke_is_audited_and_notified(tree, admin, lan, client_for):
    membership = RoleMembership.objects.create(user=lan, role=Role.CLERK, unit=tree["commune"])
    response = client_for(admin).post(reverse("people_role_revoke", args=[lan.pk, membership.pk]))
    assert response.status_code == 302
    assert not RoleMembership.objects.filter(pk=membership.pk).exists()
    event = AuditEvent.objects.get(action="role.revoke")
    assert (event.actor, event.data) == (admin, {"role": "clerk", "unit": tree["commune"].pk})
    assert Notification.objects.get(recipient=lan).message == (
        "Vai trò Cán bộ tiếp nhận hồ sơ của bạn đối với Ủy ban MTTQ Việt Nam xã Tân Hòa "
        "đã bị thu hồi."
    )


def test_role_revoke_of_ones_own_administrator_role_is_refused(tree, admin, client_for):
    membership = admin.memberships.get()
    response = client_for(admin).post(
        reverse("people_role_revoke", args=[admin.pk, membership.pk]), follow=True
    )
    assert "Bạn không thể tự thu hồi quyền quản trị của mình." in response.content.decode()
    assert RoleMembership.objects.filter(pk=membership.pk).exists()


# --- inviting and deactivating -------------------------------------------------------------


def test_invite_creates_an_account_without_password_and_mails_a_link(
    tree, admin, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin).post(
            reverse("people_invite"),
            {
                "full_name": "Võ Văn  Kiệt",
                "email": "Kiet.Vo@Example.vn",
                "unit": "Trường THPT Gò Dầu",
                "role": Role.AUTHOR,
            },
        )
    person = User.objects.get(email="kiet.vo@example.vn")
    assert response.status_code == 302
    assert (person.username, person.full_name, person.unit) == (
        "kiet.vo@example.vn",
        "Võ Văn Kiệt",
        tree["other_school"],
    )
    assert not person.has_usable_password()
    assert list(person.memberships.values_list("role", "unit")) == [
        (Role.AUTHOR, tree["other_school"].pk)
    ]
    assert AuditEvent.objects.filter(action="user.invite", target_id=str(person.pk)).exists()
    invitation = [m for m in mail.outbox if "mật khẩu" in m.subject]
    assert len(invitation) == 1 and invitation[0].to == ["kiet.vo@example.vn"]
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/", invitation[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client = client_for(User.objects.create_user("x"))
    client.logout()
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Mot-mat-khau-dai-2026", "new_password2": "Mot-mat-khau-dai-2026"},
    )
    assert User.objects.get(pk=person.pk).check_password("Mot-mat-khau-dai-2026")


def test_invite_refuses_a_known_address_and_saves_nothing(admin, lan, client_for):
    before = User.objects.count()
    response = client_for(admin).post(
        reverse("people_invite"),
        {"full_name": "Ai đó", "email": "lan.nguyen@example.vn", "unit": "Trường THCS Tân Hòa"},
    )
    assert response.status_code == 200
    assert "Đã có tài khoản với địa chỉ e-mail này." in response.content.decode()
    assert User.objects.count() == before


def test_deactivate_closes_the_account_and_keeps_its_roles(tree, admin, lan, client_for):
    RoleMembership.objects.create(user=lan, role=Role.AUTHOR, unit=tree["school"])
    response = client_for(admin).post(reverse("people_deactivate", args=[lan.pk]))
    assert response.status_code == 302
    lan.refresh_from_db()
    assert lan.is_active is False
    assert lan.memberships.count() == 1
    assert AuditEvent.objects.filter(action="user.deactivate", target_id=str(lan.pk)).exists()


# --- who may ---------------------------------------------------------------------------------


def test_people_pages_refuse_an_administrator_of_another_province(tree, rival, lan, client_for):
    membership = RoleMembership.objects.create(user=lan, role=Role.AUTHOR, unit=tree["school"])
    client = client_for(rival)
    assert list(client.get(reverse("people"), {"q": "lan"}).context["page"]) == []
    assert client.get(reverse("people_detail", args=[lan.pk])).status_code == 404
    posts = [
        (
            reverse("people_role_grant", args=[lan.pk]),
            {"role": "admin", "unit": tree["school"].name},
        ),
        (reverse("people_role_revoke", args=[lan.pk, membership.pk]), {}),
        (reverse("people_deactivate", args=[lan.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    invite = client.post(
        reverse("people_invite"),
        {"full_name": "Ai đó", "email": "ai@example.vn", "unit": tree["school"].name},
    )
    assert invite.status_code == 200
    assert not User.objects.filter(email="ai@example.vn").exists()
    picked = client.get(reverse("people_pick"), {"q": "nguyen thi lan", "format": "json"})
    assert picked.json() == {"results": []}
    lan.refresh_from_db()
    assert (lan.is_active, lan.memberships.count()) == (True, 1)


def test_people_pages_refuse_people_without_the_administrator_role(people, lan, client_for):
    for person in ("clerk", "officer", "leader", "author"):
        client = client_for(people[person])
        assert client.get(reverse("people")).status_code == 403
        assert client.get(reverse("people_detail", args=[lan.pk])).status_code == 403
        assert client.get(reverse("people_invite")).status_code == 403
        assert client.post(reverse("people_deactivate", args=[lan.pk])).status_code == 403


# --- the people picker -----------------------------------------------------------------------


def test_people_picker_answers_htmx_with_radio_buttons_and_the_unit(
    admin, lan, stranger, client_for
):
    response = client_for(admin).get(
        reverse("people_pick"), {"field": "chair", "chair__q": "nguyen lan"}
    )
    html = response.content.decode()
    assert f'name="chair" value="{lan.pk}"' in html
    assert "Nguyễn Thị Lan" in html and "Trường THCS Tân Hòa" in html
    assert "0 phiếu cần chấm" in html
    assert "Lê Thị Lan" not in html


def test_people_picker_is_open_to_officers_within_their_subtree(people, lan, stranger, client_for):
    answer = client_for(people["officer"]).get(
        reverse("people_pick"), {"q": "thi lan", "format": "json"}
    )
    assert [row["name"] for row in answer.json()["results"]] == ["Nguyễn Thị Lan"]
    assert client_for(people["clerk"]).get(reverse("people_pick"), {"q": "lan"}).status_code == 403


class CouncilForm(forms.Form):
    chair = PersonPickerField()
    members = PersonMultiplePickerField()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].limit_to(user)
        self.fields["members"].limit_to(user)


def test_person_picker_field_accepts_people_of_the_subtree_only(admin, lan, stranger, tree):
    other = f.make_user("binh", unit=tree["commune"], full_name="Đỗ Văn Bình")
    form = CouncilForm({"chair": lan.pk, "members": [lan.pk, other.pk]}, user=admin)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["chair"] == lan
    assert set(form.cleaned_data["members"]) == {lan, other}
    html = str(form["chair"])
    assert 'hx-get="/accounts/people/pick/?field=chair"' in html
    assert f'value="{lan.pk}"' in html and "checked" in html
    forged = CouncilForm({"chair": stranger.pk, "members": [stranger.pk]}, user=admin)
    assert not forged.is_valid()
    assert set(forged.errors) == {"chair", "members"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index")
def test_people_search_key_has_a_trigram_index_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'accounts_user_search_trgm'"
        )
        (definition,) = cursor.fetchone()
    assert "gin (search_key gin_trgm_ops)" in definition

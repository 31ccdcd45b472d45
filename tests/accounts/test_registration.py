"""Public registration: anyone registers with an e-mail address, confirms it by a signed link,
and then files initiatives with the Front committee they chose, which reach its queue."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client

from sangtao.accounts import registration
from sangtao.accounts.models import Registration, Role, User
from sangtao.core.models import AuditEvent
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State

from ..factories import complete_dossier

PASSWORD = "Hoa-sen-nở-2025"


def _form(tree, **changes) -> dict:
    return {
        "full_name": "Lê Thị Kiều",
        "email": "Kieu.Le@example.de",
        "country": "Đức",
        "place": "Berlin",
        "committee": tree["commune"].pk,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "website": "",
    } | changes


def _link() -> str:
    return re.search(r"http://\S+/accounts/register/confirm/\S+/", mail.outbox[-1].body).group(0)


def _path(link: str) -> str:
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


@pytest.fixture
def registered(client, tree):
    response = client.post("/accounts/register/", _form(tree))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/register/sent/"
    return User.objects.get(email="kieu.le@example.de")


def test_registration_opens_an_inactive_account_and_mails_a_link(registered, tree):
    assert registered.username == "kieu.le@example.de"
    assert registered.full_name == "Lê Thị Kiều"
    assert not registered.is_active
    assert registered.memberships.count() == 0
    record = Registration.objects.get(user=registered)
    assert (record.country, record.place, record.committee) == ("Đức", "Berlin", tree["commune"])
    assert record.confirmed_at is None
    assert [m.to for m in mail.outbox] == [["kieu.le@example.de"]]
    assert mail.outbox[0].subject == "[Sáng tạo] Xác nhận địa chỉ thư điện tử"
    assert "Lê Thị Kiều" in mail.outbox[0].body


def test_unconfirmed_account_cannot_sign_in(registered):
    client = Client()

    assert not client.login(username="kieu.le@example.de", password=PASSWORD)
    response = client.post(
        "/accounts/login/", {"username": "kieu.le@example.de", "password": PASSWORD}
    )
    assert response.status_code == 200  # the form again, not a signed-in redirect
    assert "_auth_user_id" not in client.session


def test_confirmed_author_files_with_the_chosen_committee(
    client, registered, tree, movement, people, django_capture_on_commit_callbacks
):
    page = client.get(_path(_link()))

    assert page.status_code == 200
    assert "Ủy ban MTTQ Việt Nam xã Tân Hòa" in page.content.decode()
    registered.refresh_from_db()
    assert registered.is_active
    assert list(registered.memberships.values_list("role", "unit")) == [
        (Role.AUTHOR, tree["commune"].pk)
    ]
    assert Registration.objects.get().confirmed_at is not None
    assert client.login(username="kieu.le@example.de", password=PASSWORD)

    data = complete_dossier(movement, tree["commune"])
    form = {
        **{k: getattr(v, "pk", v) for k, v in data.items()},
        "first_applied_on": "2018-03-01",
        "authors-TOTAL_FORMS": "1",
        "authors-INITIAL_FORMS": "1",  # the page pre-fills the registrant as the author
        "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "30",
        "authors-0-full_name": "Lê Thị Kiều",
        "authors-0-share": "100",
        "action": "submit",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/initiatives/new/", form)
        initiative = Initiative.objects.get()
        assert response["Location"] == f"/initiatives/{initiative.public_id}/submit/confirm/"
        client.post(f"/initiatives/{initiative.public_id}/submit/")  # confirmed

    initiative.refresh_from_db()
    assert initiative.state == State.SUBMITTED
    assert initiative.unit == tree["commune"]
    clerk = Client()
    clerk.force_login(people["clerk"])
    queue = clerk.get("/initiatives/queue/").content.decode()
    assert initiative.title in queue
    other = Client()
    other.force_login(people["other_clerk"])
    assert initiative.title not in other.get("/initiatives/queue/").content.decode()
    actions = list(
        AuditEvent.objects.filter(target_id=str(registered.pk), target_type__model="user")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["user.create", "user.register", "role.grant", "user.confirm_email"]


def test_expired_link_is_refused(registered, client, monkeypatch):
    link = _link()
    monkeypatch.setattr(registration, "LINK_MAX_AGE", timedelta(seconds=-1))

    response = client.get(_path(link))

    assert response.status_code == 400
    assert "Đường dẫn này đã hết hạn." in response.content.decode()
    registered.refresh_from_db()
    assert not registered.is_active


@pytest.mark.parametrize(
    "token",
    [
        "abc",
        signing.dumps({"u": 1, "e": "kieu.le@example.de"}, salt="other"),
        signing.dumps({"u": 1, "e": "x@example.de"}, salt=registration.SALT, key="wrong-key"),
    ],
)
def test_forged_link_is_refused(registered, client, token):
    response = client.get(f"/accounts/register/confirm/{token}/")

    assert response.status_code == 400
    assert "Đường dẫn này không hợp lệ." in response.content.decode()
    registered.refresh_from_db()
    assert not registered.is_active


def test_link_of_a_staff_account_does_nothing(client, people):
    """A link signed for an account that did not register publicly opens nothing."""
    token = signing.dumps(
        {"u": people["author"].pk, "e": people["author"].email}, salt=registration.SALT
    )
    assert client.get(f"/accounts/register/confirm/{token}/").status_code == 400


def test_known_address_gets_a_mail_not_a_second_account(client, tree, people):
    response = client.post("/accounts/register/", _form(tree, email="tacgia@example.vn"))

    assert response["Location"] == "/accounts/register/sent/"
    assert User.objects.filter(email__iexact="tacgia@example.vn").count() == 1
    assert mail.outbox[-1].subject == "[Sáng tạo] Bạn đã có tài khoản"


def test_registering_again_unconfirmed_sends_a_new_link(client, registered, tree):
    client.post("/accounts/register/", _form(tree, email="kieu.le@EXAMPLE.de"))

    assert len(mail.outbox) == 2
    assert "/accounts/register/confirm/" in mail.outbox[1].body
    assert User.objects.filter(email__iexact="kieu.le@example.de").count() == 1


def test_weak_or_mismatched_password_is_refused(client, tree):
    weak = client.post(
        "/accounts/register/", _form(tree, password1="12345678", password2="12345678")
    )
    mismatch = client.post("/accounts/register/", _form(tree, password2="khác-hẳn-nhau-99"))

    assert "Mật khẩu này quá ngắn" in weak.content.decode()
    assert "Hai mật khẩu không giống nhau." in mismatch.content.decode()
    assert not User.objects.filter(email="kieu.le@example.de").exists()
    assert mail.outbox == []


def test_only_front_committees_can_be_chosen(client, tree):
    response = client.post("/accounts/register/", _form(tree, committee=tree["school"].pk))

    assert response.status_code == 200
    assert not User.objects.filter(email="kieu.le@example.de").exists()
    page = client.get("/accounts/register/").content.decode()
    assert "Ủy ban MTTQ Việt Nam xã Tân Hòa" in page and "Trường THCS Tân Hòa" not in page


def test_honeypot_creates_nothing(client, tree):
    response = client.post("/accounts/register/", _form(tree, website="http://spam.example"))

    assert response["Location"] == "/accounts/register/sent/"
    assert not User.objects.filter(email="kieu.le@example.de").exists()
    assert mail.outbox == []


def test_registrations_from_one_address_are_limited(client, tree):
    for number in range(registration.HOURLY_LIMIT):
        client.post("/accounts/register/", _form(tree, email=f"nguoi{number}@example.vn"))

    response = client.post("/accounts/register/", _form(tree, email="mot-nua@example.vn"))

    assert response.status_code == 200
    assert "Có quá nhiều lượt đăng ký từ mạng của bạn" in response.content.decode()
    assert Registration.objects.count() == registration.HOURLY_LIMIT


def test_signed_in_people_are_sent_home(client_for, people):
    assert client_for(people["author"]).get("/accounts/register/").status_code == 302


def test_the_sign_in_page_offers_registration(db):
    page = Client().get("/accounts/login/").content.decode()
    assert 'href="/accounts/register/"' in page
    assert "Chưa có tài khoản?" in page

"""`manage.py demo_data`: the plan's story on an empty database, once, through the services."""

import io
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.test import Client
from django.utils.translation import gettext

from sangtao.accounts.models import Role, RoleMembership, User
from sangtao.appraisal.models import Council, Recognition
from sangtao.core.models import AuditEvent, Notification
from sangtao.demo import story as demo
from sangtao.initiatives.models import Attachment, Initiative, InitiativeAuthor
from sangtao.movements.models import Movement, Round
from sangtao.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db

MODELS = [
    Council,
    Recognition,
    OrgUnit,
    User,
    RoleMembership,
    Movement,
    Round,
    Initiative,
    InitiativeAuthor,
    Attachment,
    AuditEvent,
    Notification,
]


def _load() -> str:
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_data_on_an_empty_database_files_forty_initiatives_in_every_state():
    assert Initiative.objects.count() == 0

    _load()

    states = Counter(Initiative.objects.values_list("state", flat=True))
    assert states == {
        "draft": 4,
        "submitted": 7,
        "returned": 4,
        "in_appraisal": 20,
        "recognised": 1,
        "not_recognised": 1,
        "withdrawn": 3,
    }
    assert set(Initiative.objects.values_list("field__code", flat=True)) == {
        "doanh-nghiep",
        "he-thong-chinh-tri",
        "su-nghiep",
        "luc-luong-vu-trang",
        "dan-toc-ton-giao-kieu-bao",
    }
    assert set(Initiative.objects.values_list("kind", flat=True)) == {
        "initiative",
        "idea",
        "invention",
        "method",
    }
    assert Attachment.objects.count() == 35


def test_demo_data_movement_has_the_plan_rounds_with_2020_open():
    _load()

    movement = Movement.objects.get()
    assert movement.name == "Đoàn kết sáng tạo 2017-2020"
    assert (movement.start_year, movement.end_year) == (2017, 2020)
    assert movement.plan_reference == (
        "Kế hoạch thay thế Kế hoạch số 249/KH-UBMTTQVN ngày 16/11/2017"
    )
    assert movement.unit.name == "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"
    assert dict(movement.rounds.values_list("year", "status")) == {
        2017: "closed",
        2018: "appraisal",
        2019: "appraisal",
        2020: "open",
    }
    assert movement.fields.count() == 5
    assert movement.criteria.count() == 5


def test_demo_data_member_organisations_and_departments_hang_under_the_province():
    _load()

    province = OrgUnit.objects.get(name="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", valid_to=None)
    children = province.children.all()
    assert sorted(children.filter(kind__code="member_org").values_list("name", flat=True)) == [
        "Hội Cựu chiến binh tỉnh Tây Ninh",
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
        "Hội Nông dân tỉnh Tây Ninh",
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Tây Ninh",
        "Liên đoàn Lao động tỉnh Tây Ninh",
        "Tỉnh Đoàn Tây Ninh",
    ]
    assert sorted(children.filter(kind__code="state_agency").values_list("name", flat=True)) == [
        "Sở Giáo dục và Đào tạo tỉnh Tây Ninh",
        "Sở Khoa học và Công nghệ tỉnh Tây Ninh",
        "Sở Nội vụ tỉnh Tây Ninh",
    ]
    under_districts = Counter(
        OrgUnit.objects.filter(parent__level__code="district", parent__parent=province, depth=3)
        .exclude(kind__code="front_committee")
        .values_list("parent__short_name", flat=True)
    )
    assert under_districts == {"Thành phố Tây Ninh": 3, "Huyện Tân Châu": 5, "Huyện Gò Dầu": 4}


def test_demo_data_goes_through_the_services_with_the_demo_people():
    _load()

    last_action = {
        "draft": "initiative.create",
        "submitted": "initiative.submit",
        "returned": "initiative.return",
        "in_appraisal": "initiative.forward",
        "withdrawn": "initiative.withdraw",
        "recognised": "initiative.recognise",
        "not_recognised": "initiative.reject",
    }
    for initiative in Initiative.objects.select_related("created_by"):
        events = list(
            AuditEvent.objects.filter(
                target_id=str(initiative.pk), action__startswith="initiative."
            )
            .order_by("id")
            .values_list("action", "actor__username")
        )
        assert events[0] == ("initiative.create", initiative.created_by.username)
        assert events[-1][0] == last_action[initiative.state]
    returns = AuditEvent.objects.filter(action="initiative.return")
    assert set(returns.values_list("actor__username", flat=True)) == {"vanthu"}
    assert all(reason.strip() for reason in returns.values_list("reason", flat=True))
    # Each author's shares add up to 100 %, as submission demands.
    totals = Initiative.objects.annotate(total=Sum("authors__share")).values_list(
        "total", flat=True
    )
    assert set(totals) == {Decimal("100")}
    # 38 about dossiers, and 1 telling the clerk of the role the demo's administrator granted.
    assert Notification.objects.filter(recipient__username="vanthu").count() == 39


def test_demo_data_province_council_of_2019_scores_decides_and_seals():
    _load()

    council = Council.objects.get()
    assert (council.round.year, council.unit.name) == (2019, "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh")
    assert council.sealed_by.username == "lanhdao"
    assert dict(council.members.values_list("user__username", "role")) == {
        "lanhdao": "chair",
        "thuky": "secretary",
        "uyvien": "member",
        "phongtrao": "member",
    }
    assert sorted(
        council.assignments.values_list("initiative__unit__short_name", "member__user__username")
    ) == [
        ("Sở KH&CN", "lanhdao"),
        ("Sở KH&CN", "phongtrao"),
        ("Tỉnh Tây Ninh", "lanhdao"),
        ("Tỉnh Tây Ninh", "uyvien"),
    ]
    assert set(council.assignments.values_list("state", flat=True)) == {"submitted"}
    decisions = dict(council.decisions.values_list("initiative__title", "outcome"))
    assert decisions == {
        "Ứng dụng Zalo OA trong tiếp nhận phản ánh của Nhân dân": "recognised",
        "Tiếp nhận và xử lý hồ sơ thẩm định công nghệ dự án đầu tư qua mạng": "not_recognised",
    }
    recognition = Recognition.objects.get()
    assert (recognition.initiative.title, recognition.grade.name) == (
        "Ứng dụng Zalo OA trong tiếp nhận phản ánh của Nhân dân",
        "Tốt",
    )


def test_demo_data_second_run_changes_nothing():
    _load()
    before = _counts()

    output = _load()

    assert _counts() == before
    assert output.strip() == gettext("The demo data is already there: nothing was changed.")


def test_demo_data_role_accounts_sign_in_and_see_their_home_page():
    _load()

    roles = dict(RoleMembership.objects.values_list("user__username", "role"))
    for account in demo.ROLE_ACCOUNTS:
        assert roles[account.username] == account.role
        client = Client()
        assert client.login(username=account.username, password=demo.DEMO_PASSWORD)
        response = client.get("/")
        assert response.status_code == 200
        assert account.full_name in response.content.decode()
        assert response.context["my_total"] == {
            "tacgia": 5,
            "phongtrao": 1,
        }.get(account.username, 0)
    assert Client().login(username="tacgia.htx", password=demo.DEMO_PASSWORD)


def test_demo_data_admin_account_opens_the_django_admin():
    _load()
    client = Client()
    client.login(username="quantri", password=demo.DEMO_PASSWORD)

    assert client.get("/admin/").status_code == 200
    assert User.objects.get(username="quantri").memberships.get().role == Role.ADMIN

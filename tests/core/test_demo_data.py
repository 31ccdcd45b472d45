"""`manage.py demo_data`: the plan's story on an empty database, once, through the services.

The demo lives in 2026: its history (the round of 2019) sits in the tree the plan knew, its open
round in today's tree, after the reform of 1 July 2025."""

import datetime
import html
import io
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Q, Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from sangtao.accounts.models import Role, RoleMembership, User
from sangtao.appraisal.models import Assignment, Council, Decision, Recognition
from sangtao.certificates.models import Certificate
from sangtao.core.models import AuditEvent, Notification
from sangtao.demo import story as demo
from sangtao.honours.models import Honour, HonoursRound
from sangtao.initiatives.models import Attachment, Initiative, InitiativeAuthor
from sangtao.initiatives.states import State
from sangtao.movements.models import Milestone, Movement, Round
from sangtao.movements.selectors import milestone_progress
from sangtao.orgs.models import OrgUnit
from sangtao.reports import selectors as reports
from sangtao.reports.models import ReportPeriod

pytestmark = pytest.mark.django_db

MODELS = [
    Council,
    Recognition,
    OrgUnit,
    User,
    RoleMembership,
    Movement,
    Round,
    Milestone,
    Initiative,
    InitiativeAuthor,
    Attachment,
    ReportPeriod,
    AuditEvent,
    Notification,
]
OPEN_STATES = [State.DRAFT, State.SUBMITTED, State.RETURNED, State.IN_APPRAISAL]
TODAY = datetime.date(2026, 12, 6)


def _load() -> str:
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _closed() -> Q:
    """Units whose last day has passed."""
    return Q(valid_to__lt=TODAY)


@pytest.fixture
def loaded(settings):
    """The demo, loaded once per test on 06/12/2026 (the demo's today)."""
    _load()


def test_demo_data_on_an_empty_database_files_forty_initiatives_in_every_state(loaded):
    states = Counter(Initiative.objects.values_list("round__year", "state"))
    assert states == {
        (2019, "recognised"): 1,
        (2019, "not_recognised"): 1,
        (2026, "draft"): 4,
        (2026, "submitted"): 19,
        (2026, "returned"): 4,
        (2026, "in_appraisal"): 8,
        (2026, "withdrawn"): 3,
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


def test_demo_data_movement_continues_the_plan_with_2026_open(loaded):
    movement = Movement.objects.get()
    assert movement.name == "Đoàn kết sáng tạo"
    assert (movement.start_year, movement.end_year) == (2017, 2026)
    assert movement.plan_reference == (
        "Kế hoạch thay thế Kế hoạch số 249/KH-UBMTTQVN ngày 16/11/2017"
    )
    assert movement.unit.name == "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"
    assert movement.unit.valid_to is None
    assert dict(movement.rounds.values_list("year", "status")) == {
        **{year: "closed" for year in range(2017, 2026)},
        2026: "open",
    }
    assert movement.fields.count() == 5
    assert movement.criteria.count() == 5


def test_demo_data_milestones_are_the_plan_timeline_by_year(loaded):
    book = (
        "Tập hợp các sáng kiến, ý tưởng mới tiêu biểu gửi Trung ương Mặt trận Tổ quốc Việt Nam "
        "biên tập và phát hành ấn phẩm “Gương người Việt đoàn kết sáng tạo” năm {}."
    )
    milestones = list(Milestone.objects.order_by("due_on", "id"))

    assert [(m.due_on.year, m.title) for m in milestones] == [
        (
            2018,
            "Tổ chức tọa đàm trao đổi về nội dung và phương thức triển khai kết hợp với khảo "
            "sát phong trào “Đoàn kết sáng tạo” ở 03 cụm cấp huyện (tổ chức tại các đơn vị: "
            "Thành phố Tây Ninh, Tân Châu, Gò Dầu) và ở tỉnh.",
        ),
        (
            2018,
            "Mặt trận tỉnh xây dựng ít nhất một (1) mô hình; mỗi tổ chức chính trị - xã hội xây "
            "dựng và triển khai ít nhất một (01) mô hình về đoàn kết sáng tạo.",
        ),
        (
            2018,
            "Thành lập Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới cấp "
            "tỉnh.",
        ),
        (2018, "Xây dựng tiêu chí đánh giá, xếp loại sáng kiến, sáng chế, ý tưởng mới."),
        (2018, book.format(2018)),
        (
            2019,
            "Tiếp tục xây dựng và nhân rộng mô hình phong trào “Đoàn kết sáng tạo” trên các "
            "lĩnh vực.",
        ),
        (
            2019,
            "Sơ kết đánh giá 01 năm thực hiện Phong trào; biểu dương các tập thể, cá nhân điển "
            "hình trong Phong trào.",
        ),
        (2019, book.format(2019)),
        (2020, "Sơ kết 03 năm thực hiện Phong trào."),
        (2020, "Biểu dương các tập thể, cá nhân điển hình trong Phong trào."),
        (2020, book.format(2020)),
        (
            2026,
            "Thành lập Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới cấp "
            "tỉnh năm 2026.",
        ),
        (2026, "Các tổ chức thành viên gửi báo cáo 6 tháng đầu năm 2026."),
        (2026, "Tổng kết năm 2026; biểu dương các tập thể, cá nhân điển hình."),
        (2026, book.format(2026)),
    ]
    # The plan names years, not days: each is due (and, for the plan's years, done) at the
    # end of its year; nothing is overdue.
    assert {(m.due_on.month, m.due_on.day) for m in milestones} == {(12, 31)}
    assert [m.done_on for m in milestones if m.due_on.year < 2026] == [
        m.due_on for m in milestones if m.due_on.year < 2026
    ]
    assert [m.done_on for m in milestones if m.due_on.year == 2026] == [None] * 4
    assert not [m for m in milestones if m.is_overdue]
    # The target says the plan gives the year only; the round of 2026 is partly measured.
    assert milestones[2].target == (
        "Hội đồng cấp tỉnh; trong năm 2018 (Kế hoạch chỉ nêu năm; hạn ghi là ngày cuối năm)"
    )
    assert milestones[3].target == "Trong năm 2018 (Kế hoạch chỉ nêu năm; hạn ghi là ngày cuối năm)"
    measured = {
        m.title: (m.progress.done, m.progress.needed, m.done_on)
        for m in milestone_progress(movement=milestones[0].movement)
        if m.progress is not None
    }
    assert measured == {
        milestones[11].title: (2, 1, timezone.localdate()),  # two province-level councils
        milestones[12].title: (2, 3, None),  # the Farmers' Union is late
    }


def test_demo_data_units_hang_under_their_successors_in_todays_tree(loaded):
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
    participating = OrgUnit.objects.exclude(kind__code__in=["front_committee", "member_org"])
    assert dict(participating.values_list("name", "parent__name")) == {
        "Sở Giáo dục và Đào tạo tỉnh Tây Ninh": "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        "Sở Khoa học và Công nghệ tỉnh Tây Ninh": "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        "Sở Nội vụ tỉnh Tây Ninh": "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        "Trung tâm Y tế Thành phố Tây Ninh": "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        "Trung tâm Y tế huyện Tân Châu": "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        "Công an huyện Tân Châu": "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        "Ban Chỉ huy Quân sự huyện Gò Dầu": "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        "Trường THPT Tây Ninh": "Ủy ban MTTQ Việt Nam phường Tân Ninh",
        "Công ty TNHH Cơ khí Ninh Sơn": "Ủy ban MTTQ Việt Nam phường Bình Minh",
        "Công ty TNHH Chế biến Tinh bột mì Tân Châu": "Ủy ban MTTQ Việt Nam xã Tân Hội",
        "Cộng đồng đồng bào Khmer xã Tân Đông": "Ủy ban MTTQ Việt Nam xã Tân Đông",
        "Trường Tiểu học Suối Ngô": "Ủy ban MTTQ Việt Nam xã Tân Hòa",
        "Trường THCS Thị trấn Gò Dầu": "Ủy ban MTTQ Việt Nam phường Gò Dầu",
        "Ban Cai quản Họ đạo Cao Đài thị trấn Gò Dầu": "Ủy ban MTTQ Việt Nam phường Gò Dầu",
        "Hợp tác xã Nông nghiệp Thạnh Đức": "Ủy ban MTTQ Việt Nam xã Thạnh Đức",
    }
    # Every one of them hangs under a unit open today: a new commune or ward right under the
    # province, or the province itself; the old tree is where they started (the admin's moves).
    for unit in participating.select_related("parent"):
        assert unit.parent.is_active
        assert unit.parent.parent_id in (None, province.pk) or unit.parent == province
    school = OrgUnit.objects.get(name="Trường THPT Tây Ninh")
    move = AuditEvent.objects.get(action="unit.move", target_id=str(school.pk))
    old_parent = OrgUnit.objects.get(pk=move.data["from"].strip("/").split("/")[-2])
    assert (old_parent.name, old_parent.parent.name, str(old_parent.valid_to)) == (
        "Ủy ban MTTQ Việt Nam phường 3",
        "Ủy ban MTTQ Việt Nam thành phố Tây Ninh",
        "2025-06-30",
    )


def test_demo_data_nothing_open_sits_on_a_closed_unit(loaded):
    open_dossiers = Initiative.objects.filter(state__in=OPEN_STATES)
    assert open_dossiers.count() == 35
    assert not open_dossiers.filter(unit__valid_to__lt=TODAY).exists()
    assert not open_dossiers.filter(appraisal_unit__valid_to__lt=TODAY).exists()
    assert not Council.objects.filter(sealed_at__isnull=True, unit__valid_to__lt=TODAY).exists()
    assert not RoleMembership.objects.filter(unit__valid_to__lt=TODAY).exists()
    assert not User.objects.filter(unit__valid_to__lt=TODAY).exists()
    # The demo's accounts work over the current province committee; the author's school sits
    # under its new ward.
    roles = {
        m.user.username: (m.role, m.unit.name, m.unit.valid_to)
        for m in RoleMembership.objects.select_related("user", "unit")
        if m.user.username in {"vanthu", "phongtrao", "thuky", "lanhdao"}
    }
    assert roles == {
        "vanthu": (Role.CLERK, "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", None),
        "phongtrao": (Role.OFFICER, "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", None),
        "thuky": (Role.SECRETARY, "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", None),
        "lanhdao": (Role.LEADER, "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", None),
    }
    author = User.objects.select_related("unit__parent").get(username="tacgia")
    assert (author.unit.name, author.unit.parent.name) == (
        "Trường THPT Tây Ninh",
        "Ủy ban MTTQ Việt Nam phường Tân Ninh",
    )


def test_demo_data_dossiers_in_appraisal_sit_with_open_councils_half_scored(loaded):
    in_appraisal = Initiative.objects.filter(state=State.IN_APPRAISAL).select_related(
        "appraisal_unit", "round"
    )
    where = Counter(i.appraisal_unit.name for i in in_appraisal)
    assert where == {
        "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh": 6,
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh": 2,
    }
    for initiative in in_appraisal:
        council = Council.objects.get(round=initiative.round, unit=initiative.appraisal_unit)
        assert council.round.year == 2026 and council.round.status == Round.Status.OPEN
        assert not council.is_sealed and council.unit.is_active
        assert council.assignments.filter(initiative=initiative).count() == 2
    for council in Council.objects.filter(sealed_at__isnull=True):
        members = council.members.select_related("user", "user__unit")
        assert all(m.user.is_active and m.user.unit.is_active for m in members)
        states = Counter(council.assignments.values_list("state", flat=True))
        assert states[Assignment.State.SUBMITTED] * 2 == sum(states.values())
    assert sorted(
        Council.objects.filter(sealed_at__isnull=True).values_list("unit__name", "round__year")
    ) == [
        ("Hội Liên hiệp Phụ nữ tỉnh Tây Ninh", 2026),
        ("Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", 2026),
    ]


def test_demo_data_history_of_2019_keeps_its_tree_and_dates(loaded):
    council = Council.objects.get(round__year=2019)
    assert council.unit.name == "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"
    assert council.unit.valid_from is None  # the committee that existed in 2019, continuing
    assert (council.decision_number, council.decision_date) == (
        "15/QĐ-MTTQ-BTT",
        datetime.date(2019, 3, 15),
    )
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
        ("Sở GD&ĐT", "lanhdao"),
        ("Sở GD&ĐT", "uyvien"),
        ("Sở KH&CN", "lanhdao"),
        ("Sở KH&CN", "phongtrao"),
    ]
    assert set(council.assignments.values_list("state", flat=True)) == {"submitted"}
    assert dict(council.decisions.values_list("initiative__title", "outcome")) == {
        "Biểu mẫu điện tử thống nhất chấm sáng kiến kinh nghiệm ngành giáo dục": "recognised",
        "Tiếp nhận và xử lý hồ sơ thẩm định công nghệ dự án đầu tư qua mạng": "not_recognised",
    }
    recognition = Recognition.objects.get()
    assert (recognition.initiative.title, recognition.grade.name) == (
        "Biểu mẫu điện tử thống nhất chấm sáng kiến kinh nghiệm ngành giáo dục",
        "Tốt",
    )
    # Its dossiers came from units that existed in 2019; its papers carry 2019 dates.
    for initiative in Initiative.objects.filter(round__year=2019).select_related("unit"):
        assert initiative.unit.valid_from is None
    certificates = Certificate.objects.all()
    assert certificates.exists()
    assert {c.decision_date for c in certificates} == {datetime.date(2019, 11, 20)}
    honours = HonoursRound.objects.get()
    assert (honours.year, honours.decision_date) == (2019, datetime.date(2019, 12, 20))


def test_demo_data_people_never_judge_or_honour_their_own(loaded):
    def authors(initiative_id) -> set[int]:
        return set(
            InitiativeAuthor.objects.filter(
                initiative_id=initiative_id, user__isnull=False
            ).values_list("user_id", flat=True)
        ) | set(Initiative.objects.filter(pk=initiative_id).values_list("created_by", flat=True))

    for assignment in Assignment.objects.select_related("member"):
        assert assignment.member.user_id not in authors(assignment.initiative_id)
    for decision in Decision.objects.all():
        members = set(decision.council.members.values_list("user_id", flat=True))
        assert not members & authors(decision.initiative_id)
    for honour in Honour.objects.select_related("round"):
        deciders = set(
            Council.objects.filter(decisions__initiative_id=honour.initiative_id).values_list(
                "members__user_id", flat=True
            )
        )
        if honour.user_id:
            assert honour.user_id not in deciders
        if honour.kind == Honour.Kind.COLLECTIVE:
            assert honour.unit_id != honour.round.unit_id
    assert Honour.objects.filter(kind=Honour.Kind.COLLECTIVE, confirmed=True).exists()
    assert Honour.objects.filter(kind=Honour.Kind.INDIVIDUAL, confirmed=True).exists()


def test_demo_data_reports_period_of_2026_has_two_sent_and_one_late(loaded):
    period = ReportPeriod.objects.get()
    assert (period.title, period.starts_on, period.ends_on) == (
        "Báo cáo 6 tháng đầu năm 2026",
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
    )
    rows = reports.status_rows(
        period=period, reports=list(reports.period_reports(period=period)), today=TODAY
    )
    below = {
        row.report.unit.name: (row.report.state, row.late)
        for row in rows
        if row.report.parent_id is not None
    }
    assert below == {
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh": ("submitted", False),
        "Tỉnh Đoàn Tây Ninh": ("submitted", False),
        "Hội Nông dân tỉnh Tây Ninh": ("draft", True),
    }
    assert all(row.report.unit.is_active for row in rows)


def test_demo_data_goes_through_the_services_with_the_demo_people(loaded):
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
    totals = Initiative.objects.annotate(total=Sum("authors__share")).values_list(
        "total", flat=True
    )
    assert set(totals) == {Decimal("100")}


def test_demo_data_second_run_changes_nothing(loaded):
    before = _counts()

    output = _load()

    assert _counts() == before
    assert output.strip() == gettext("The demo data is already there: nothing was changed.")


def test_demo_data_role_accounts_sign_in_and_see_their_home_page(loaded):
    roles = dict(RoleMembership.objects.values_list("user__username", "role"))
    for account in demo.ROLE_ACCOUNTS:
        assert roles[account.username] == account.role
        client = Client()
        assert client.login(username=account.username, password=demo.DEMO_PASSWORD)
        response = client.get("/")
        assert response.status_code == 200
        assert account.full_name in response.content.decode()
        assert response.context["my_total"] == {"tacgia": 5}.get(account.username, 0)
    assert Client().login(username="tacgia.htx", password=demo.DEMO_PASSWORD)


def _visible_text(content: bytes) -> str:
    page = content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _english_left(text: str) -> list[str]:
    """The project's English message ids (of several words) found in the text."""
    with translation.override("vi"):
        catalog = translation.trans_real.translation("vi")._catalog
    found = []
    for msgid, msgstr in catalog.items():
        if (
            isinstance(msgid, str)
            and len(msgid.split()) >= 3
            and "%" not in msgid
            and msgstr != msgid
            and msgid in text
        ):
            found.append(msgid)
    return found


def test_demo_data_clerk_first_clicks_are_vietnamese_and_offer_no_dissolved_committee(loaded):
    open_names = set(OrgUnit.objects.filter(valid_to__isnull=True).values_list("name", flat=True))
    dissolved = set(OrgUnit.objects.filter(_closed()).values_list("name", flat=True)) - open_names
    assert "Ủy ban MTTQ Việt Nam huyện Tân Châu" in dissolved
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    assert client.login(username="vanthu", password=demo.DEMO_PASSWORD)

    pages = {url: client.get(url) for url in ("/", "/initiatives/queue/")}
    queue = pages["/initiatives/queue/"]
    first = queue.context["page"].object_list[0]
    pages[f"dossier {first.pk}"] = client.get(
        reverse("initiatives:detail", kwargs={"public_id": first.public_id})
    )

    for url, response in pages.items():
        assert response.status_code == 200, url
        text = _visible_text(response.content)
        assert _english_left(text) == [], url
        assert [name for name in dissolved if name in text] == [], url
    queued = list(queue.context["page"].object_list)
    assert len(queued) == 19
    assert all(initiative.unit.is_active for initiative in queued)


def test_demo_data_admin_account_opens_the_django_admin(loaded):
    client = Client()
    client.login(username="quantri", password=demo.DEMO_PASSWORD)

    assert client.get("/admin/").status_code == 200
    assert User.objects.get(username="quantri").memberships.get().role == Role.ADMIN

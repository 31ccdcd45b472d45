"""Demo data of the activities: what the Tây Ninh plan asked units to do besides filing
initiatives. The plan's talks of 2018 in Thành phố Tây Ninh, Tân Châu and Gò Dầu (IV.1, the old
tree with its districts), the one-year review of 2019, the final review and award ceremony of
2020, the member organisations' and the education department's response plans (V.2-V.3) and,
in 2026, the province committee's inspection of the Women's Union with its recommendation
answered; then, after the reform of 1 July 2025, the plans of two new wards, a talk and a fair
of 2026 and two more inspections whose answers are awaited.

Steps of `manage.py demo_data` (see sangtao.demo.story): `activities` (76), `activities_today`
(86, after the reform). They find their units by name or code in the movement's subtree (old
units included) and stop with a clear error when one is missing, rather than writing the story
about the wrong unit."""

import datetime

from django.db.models import Q

from sangtao.accounts.models import RoleMembership, User
from sangtao.accounts.services import role_grant, user_create
from sangtao.appraisal.models import Recognition
from sangtao.initiatives.models import Initiative
from sangtao.movements.models import Movement
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import current_q, subtree_q

from . import services
from .models import Event, Inspection
from .rules import EDITORS

# (key in the demo's units, GSO code, words of the name) of the plan's three districts.
DISTRICTS = (
    ("tp_tay_ninh", "703", "Tây Ninh"),
    ("tan_chau", "706", "Tân Châu"),
    ("go_dau", "710", "Gò Dầu"),
)

TALKS = {  # key: (date, place, participants, where)
    "tp_tay_ninh": (
        datetime.date(2018, 4, 20),
        "Hội trường Ủy ban MTTQ Việt Nam thành phố",
        150,
        "thành phố Tây Ninh",
    ),
    "tan_chau": (
        datetime.date(2018, 5, 18),
        "Hội trường Trung tâm Văn hóa huyện Tân Châu",
        120,
        "huyện Tân Châu",
    ),
    "go_dau": (
        datetime.date(2018, 6, 15),
        "Hội trường Ủy ban MTTQ Việt Nam huyện Gò Dầu",
        110,
        "huyện Gò Dầu",
    ),
}

# Member organisations' plans answering the movement: (name, number, date, signer, targets).
PLANS = (
    (
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
        "18/KH-HLHPN",
        datetime.date(2018, 3, 12),
        "Nguyễn Thị Bích Thủy",
        "Mỗi cơ sở Hội xây dựng ít nhất 01 mô hình “Phụ nữ đoàn kết sáng tạo”; "
        "vận động hội viên đăng ký 50 sáng kiến, ý tưởng trong năm 2018.",
    ),
    (
        "Tỉnh Đoàn Tây Ninh",
        "72-KH/TĐTN-PT",
        datetime.date(2018, 3, 20),
        "Trần Quốc Việt",
        "Tổ chức Hội thi “Thanh niên sáng tạo” cấp tỉnh; mỗi cơ sở Đoàn có 01 công trình, "
        "phần việc thanh niên gắn với phong trào.",
    ),
    (
        "Hội Nông dân tỉnh Tây Ninh",
        "25/KH-HND",
        datetime.date(2018, 4, 2),
        "Lê Văn Hùng",
        "Nhân rộng mô hình tổ hợp tác sản xuất mì, mía ứng dụng cơ giới hóa; "
        "giới thiệu 20 sáng kiến cải tiến nông cụ.",
    ),
    (
        "Liên đoàn Lao động tỉnh Tây Ninh",
        "31/KH-LĐLĐ",
        datetime.date(2018, 4, 10),
        "Phạm Văn Tâm",
        "Gắn phong trào với phong trào “Lao động giỏi, lao động sáng tạo” trong công nhân, "
        "viên chức, lao động.",
    ),
)

# A department's plan (V.3): the Department of Education and Training answered the movement.
DEPARTMENT_PLAN = (
    "Sở Giáo dục và Đào tạo tỉnh Tây Ninh",
    "612/KH-SGDĐT",
    datetime.date(2018, 4, 16),
    "Nguyễn Văn Hiếu",
    "Vận động cán bộ quản lý, giáo viên đăng ký sáng kiến gắn với phong trào; mỗi trường có ít "
    "nhất 01 sáng kiến được áp dụng trong năm học 2018-2019.",
)

REVIEWS = (
    (
        Event.Kind.INTERIM_REVIEW,
        "Hội nghị sơ kết 01 năm thực hiện phong trào “Đoàn kết sáng tạo”",
        datetime.date(2019, 11, 28),
        "Hội trường Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        180,
        "Đánh giá kết quả năm 2018-2019, biểu dương các mô hình tiêu biểu và bàn nhiệm vụ "
        "năm 2020.",
    ),
    (
        Event.Kind.FINAL_REVIEW,
        "Hội nghị tổng kết phong trào “Đoàn kết sáng tạo” giai đoạn 2017-2020",
        datetime.date(2020, 10, 29),
        "Hội trường Tỉnh ủy Tây Ninh",
        250,
        "Tổng kết ba năm thực hiện phong trào; rút ra bài học kinh nghiệm cho giai đoạn sau.",
    ),
    (
        Event.Kind.AWARD_CEREMONY,
        "Lễ biểu dương tập thể, cá nhân tiêu biểu trong phong trào “Đoàn kết sáng tạo”",
        datetime.date(2020, 10, 29),
        "Hội trường Tỉnh ủy Tây Ninh",
        250,
        "Trao bằng khen của Ủy ban MTTQ Việt Nam tỉnh cho các tập thể, cá nhân có sáng kiến "
        "được công nhận.",
    ),
)


class DemoUnitMissing(RuntimeError):
    pass


def _movement(context) -> Movement:
    movement = getattr(context, "movement", None) or (
        Movement.objects.filter(unit__level__code="province").order_by("start_year", "pk").first()
    )
    if movement is None:
        raise DemoUnitMissing("The activities' demo needs the movement of the province.")
    return movement


def _district(context, province: OrgUnit, key: str, code: str, words: str) -> OrgUnit:
    unit = context.units.get(key)
    if unit is not None:
        return unit
    found = OrgUnit.objects.filter(
        subtree_q(province.path), kind__code="front_committee", level__code="district"
    ).filter(Q(official_code=code) | Q(name__iendswith=words))
    unit = found.order_by("valid_to", "pk").first()
    if unit is None:
        raise DemoUnitMissing(f"The activities' demo found no Front committee of {words}.")
    return unit


def _member_org(province: OrgUnit, name: str, kind: str = "member_org") -> OrgUnit:
    unit = (
        OrgUnit.objects.filter(subtree_q(province.path), kind__code=kind, name=name)
        .order_by("pk")
        .first()
    )
    if unit is None:
        raise DemoUnitMissing(f"The activities' demo found no member organisation “{name}”.")
    return unit


def _keeper(unit: OrgUnit, *, not_over: OrgUnit | None = None) -> User:
    """A person who keeps `unit`'s records (clerk, officer or admin over it), the closest first;
    with `not_over`, one whose role does not also cover that unit."""
    memberships = RoleMembership.objects.filter(role__in=EDITORS).select_related("user", "unit")
    candidates = [
        m
        for m in memberships
        if unit.path.startswith(m.unit.path)
        and not (not_over is not None and not_over.path.startswith(m.unit.path))
    ]
    if not candidates:
        raise DemoUnitMissing(f"The activities' demo found nobody keeping {unit.name}'s records.")
    return max(candidates, key=lambda m: len(m.unit.path)).user


def _women_clerk(context, women: OrgUnit, province: OrgUnit) -> User:
    """The Women's Union's clerk, who answers the inspection (made when the story has none)."""
    try:
        return _keeper(women, not_over=province)
    except DemoUnitMissing:
        admin = getattr(context, "admin", None) or _keeper(province)
        clerk = user_create(
            username="vanthu.phunu",
            full_name="Đặng Thị Mỹ Linh",
            position="Chuyên viên Văn phòng Hội LHPN tỉnh",
            unit=women,
            password_hash=getattr(context, "password_hash", "") or None,
            by=admin,
        )
        role_grant(user=clerk, role="clerk", unit=women, by=admin)
        if hasattr(context, "people"):
            context.people[clerk.username] = clerk
        return clerk


def _plans(movement: Movement, planning) -> None:
    """Each (unit, number, day, signer, targets) of `planning` records its plan for `movement`."""
    for unit, number, day, signer, targets in planning:
        services.plan_create(
            by=_keeper(unit),
            movement=movement,
            unit=unit,
            number=number,
            issued_on=day,
            signer=signer,
            targets=targets,
        )


def _event(by: User, unit: OrgUnit, kind, title, day, place, people, description, **more) -> None:
    """`by` records an event `unit` held (`more`: the initiatives it honoured)."""
    services.event_create(
        by=by,
        unit=unit,
        kind=kind,
        title=title,
        held_on=day,
        place=place,
        participants=people,
        description=description,
        **more,
    )


def activities(context) -> None:
    """The plan's talks, reviews and award ceremony, the member organisations' response plans,
    and the 2026 inspection of the Women's Union with its answer."""
    movement = _movement(context)
    province = movement.unit
    districts = {
        key: _district(context, province, key, code, words) for key, code, words in DISTRICTS
    }
    for key, (day, place, people, where) in TALKS.items():
        unit = districts[key]
        services.event_create(
            by=_keeper(unit),
            unit=unit,
            kind=Event.Kind.TALK,
            title=f"Tọa đàm về phong trào “Đoàn kết sáng tạo” tại {where}",
            held_on=day,
            place=place,
            participants=people,
            description=(
                "Quán triệt kế hoạch phong trào, giới thiệu cách đăng ký sáng kiến và các mô "
                "hình hay của địa phương."
            ),
        )
    recognised = Initiative.objects.filter(
        pk__in=Recognition.objects.filter(council__round__movement=movement).values("initiative_id")
    ).order_by("pk")[:5]
    officer = _keeper(province)
    for kind, *event in REVIEWS:
        honoured = list(recognised) if kind == Event.Kind.AWARD_CEREMONY else ()
        _event(officer, province, kind, *event, initiatives=honoured)
    planning = [(_member_org(province, name), *rest) for name, *rest in PLANS]
    department = _member_org(province, DEPARTMENT_PLAN[0], kind="state_agency")
    planning.append((department, *DEPARTMENT_PLAN[1:]))
    _plans(movement, planning)
    women = _member_org(province, PLANS[0][0])
    inspector = women.parent
    inspection = services.inspection_create(
        by=_keeper(inspector),
        inspector=inspector,
        inspected=women,
        inspected_on=datetime.date(2026, 10, 14),
        findings=(
            "Hội đã ban hành kế hoạch hưởng ứng và triển khai đến 100% cơ sở Hội; 9 mô hình "
            "“Phụ nữ đoàn kết sáng tạo” duy trì hiệu quả. Việc theo dõi sáng kiến của hội viên "
            "sau sáp nhập địa giới còn chậm, hồ sơ lưu chưa đầy đủ."
        ),
        recommendations=(
            "Rà soát, cập nhật danh sách sáng kiến của hội viên theo đơn vị hành chính mới và "
            "báo cáo kết quả về Ban Phong trào."
        ),
        follow_up_due=datetime.date(2026, 11, 30),
    )
    services.inspection_answer(
        inspection=inspection,
        response=(
            "Hội đã rà soát 146 sáng kiến của hội viên, cập nhật theo 96 xã, phường mới và gửi "
            "báo cáo số 87/BC-HLHPN ngày 20/11/2026 về Ban Phong trào."
        ),
        responded_on=datetime.date(2026, 11, 20),
        by=_women_clerk(context, women, inspector),
    )


# What the units did in the movement's last year, after the reform of 1 July 2025.
# Plans of two wards formed by the reform: (words of the name, number, date, signer, targets).
PLANS_TODAY = (
    (
        "Tân Ninh",
        "12/KH-MTTQ",
        datetime.date(2025, 8, 20),
        "Huỳnh Thị Kim Loan",
        "Mỗi khu phố có ít nhất 01 sáng kiến, cách làm hay được ghi nhận trong năm 2026; "
        "biểu dương các tập thể, cá nhân tiêu biểu tại ngày hội Đại đoàn kết toàn dân tộc.",
    ),
    (
        "Gò Dầu",
        "09/KH-MTTQ",
        datetime.date(2025, 9, 5),
        "Trương Văn Phúc",
        "Rà soát, tiếp nhận các mô hình của thị trấn Gò Dầu và các xã cũ; nhân rộng mô hình "
        "“Tuyến đường nông thôn sáng – xanh – sạch”.",
    ),
)

EVENTS_TODAY = (  # (name of the unit, kind, title, date, place, participants, description)
    (
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
        Event.Kind.TALK,
        "Tọa đàm “Phụ nữ Tây Ninh đoàn kết sáng tạo” sau sắp xếp đơn vị hành chính",
        datetime.date(2026, 4, 16),
        "Hội trường Hội Liên hiệp Phụ nữ tỉnh",
        130,
        "Chia sẻ cách duy trì các mô hình của cơ sở Hội khi xã, phường sắp xếp lại; giới thiệu "
        "cách ghi nhận sáng kiến của hội viên theo đơn vị mới.",
    ),
    (
        "Tỉnh Đoàn Tây Ninh",
        Event.Kind.FAIR,
        "Ngày hội “Thanh niên sáng tạo” tỉnh Tây Ninh năm 2026",
        datetime.date(2026, 10, 25),
        "Nhà Thiếu nhi tỉnh Tây Ninh",
        420,
        "Trưng bày 60 sản phẩm, sáng kiến của đoàn viên, thanh niên, khép lại Tháng Thanh niên "
        "sáng tạo; các cơ sở Đoàn đăng ký hồ sơ sáng kiến đợt năm 2026.",
    ),
)


def _ward(province: OrgUnit, words: str) -> OrgUnit:
    """The Front committee of a commune or ward in force today whose name ends with `words`."""
    unit = (
        OrgUnit.objects.filter(subtree_q(province.path), kind__code="front_committee")
        .filter(current_q(), name__iendswith=words)
        .exclude(level__code__in=("province", "district"))
        .order_by("pk")
        .first()
    )
    if unit is None:
        raise DemoUnitMissing(f"The activities' demo found no ward committee of {words}.")
    return unit


# The province's inspections of this year: (the inspected member organisation, as its index in
# PLANS), the day, the findings, the recommendations and the day their answer is due.
INSPECTIONS_TODAY = [
    (
        2,
        datetime.date(2026, 9, 15),
        "Hội đã nhân rộng mô hình tổ hợp tác ứng dụng cơ giới hóa ở 14 xã; một số cơ sở Hội "
        "ở các xã mới sáp nhập chưa cập nhật sáng kiến cải tiến nông cụ của hội viên.",
        "Báo cáo danh sách sáng kiến cải tiến nông cụ của hội viên theo xã mới về Ban Phong trào.",
        datetime.date(2026, 11, 15),
    ),
    (
        1,
        datetime.date(2026, 11, 18),
        "Tỉnh Đoàn tổ chức tốt Tháng Thanh niên sáng tạo; hồ sơ sáng kiến của nhiều cơ sở "
        "Đoàn còn thiếu phần đánh giá hiệu quả áp dụng.",
        "Hoàn thiện phần hiệu quả áp dụng trong hồ sơ sáng kiến của đoàn viên trước khi gửi "
        "Hội đồng thẩm định tỉnh.",
        datetime.date(2026, 12, 31),
    ),
]


def activities_today(context) -> None:
    """2026, after the reform: two new wards' plans, a talk of the Women's Union and the Youth
    Union's fair, and the province committee's inspections of the Farmers' Union (its answer
    now overdue) and of the Youth Union (due at the end of the year)."""
    movement = _movement(context)
    province = movement.unit
    _plans(movement, [(_ward(province, words), *rest) for words, *rest in PLANS_TODAY])
    for name, *event in EVENTS_TODAY:
        unit = _member_org(province, name)
        _event(_keeper(unit), unit, *event)
    officer = _keeper(province)
    for plan, inspected_on, findings, recommendations, follow_up_due in INSPECTIONS_TODAY:
        services.inspection_create(
            by=officer,
            inspector=province,
            inspected=_member_org(province, PLANS[plan][0]),
            inspected_on=inspected_on,
            findings=findings,
            recommendations=recommendations,
            follow_up_due=follow_up_due,
        )


def present() -> bool:
    """True when the demo's inspection is already in the database."""
    return Inspection.objects.filter(inspected_on=datetime.date(2026, 10, 14)).exists()


STEPS = [(76, activities), (86, activities_today)]

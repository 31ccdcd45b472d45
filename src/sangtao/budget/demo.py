"""Demo data of the budget: the Tây Ninh province committee's and the Women's Union's budget of
2026 for the movement (III.7), estimated at the start of the year, approved by the finance
office in January, most of it spent by the autumn, and the contributions businesses and
people gave the fund "Người Việt sáng tạo" in 2026. Names of givers are invented.

Step of `manage.py demo_data` (see sangtao.demo.story): `budget` (77), after the activities."""

import datetime

from sangtao.accounts.models import RoleMembership, User
from sangtao.movements.models import Movement
from sangtao.orgs.models import OrgUnit
from sangtao.registers.keepers import KEEPERS

from . import services
from .models import Contribution

WOMEN = "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh"
APPROVED_ON = datetime.date(2026, 1, 22)

# (kind, source, activity, estimate, approved, spent, settled on) of the province committee.
PROVINCE_LINES = (
    (
        "communication",
        "state_budget",
        "Tuyên truyền phong trào trên Báo và Đài PT-TH Tây Ninh",
        60_000_000,
        55_000_000,
        48_600_000,
        datetime.date(2026, 9, 30),
    ),
    (
        "conferences",
        "state_budget",
        "Hội nghị sơ kết 6 tháng đầu năm 2026",
        35_000_000,
        30_000_000,
        28_750_000,
        datetime.date(2026, 7, 24),
    ),
    (
        "practices",
        "contributions",
        "Hỗ trợ nhân rộng mô hình “Dân vận khéo” ở các xã mới",
        80_000_000,
        80_000_000,
        52_000_000,
        datetime.date(2026, 10, 15),
    ),
    (
        "appraisal",
        "state_budget",
        "Hội đồng thẩm định sáng kiến năm 2026 (bồi dưỡng chấm)",
        45_000_000,
        40_000_000,
        0,
        None,
    ),
    (
        "honours",
        "contributions",
        "Lễ biểu dương điển hình “Đoàn kết sáng tạo” năm 2026",
        120_000_000,
        100_000_000,
        0,
        None,
    ),
    (
        "inspections",
        "state_budget",
        "Kiểm tra, giám sát việc thực hiện phong trào ở cơ sở",
        25_000_000,
        20_000_000,
        17_300_000,
        datetime.date(2026, 10, 20),
    ),
    (
        "other",
        "state_budget",
        "Văn phòng phẩm, in ấn biểu mẫu hồ sơ sáng kiến",
        8_000_000,
        None,
        0,
        None,
    ),
)

WOMEN_LINES = (
    (
        "communication",
        "state_budget",
        "Tuyên truyền phong trào trong hội viên phụ nữ",
        15_000_000,
        12_000_000,
        11_400_000,
        datetime.date(2026, 6, 12),
    ),
    (
        "practices",
        "contributions",
        "Nhân rộng mô hình “Phụ nữ đoàn kết sáng tạo”",
        30_000_000,
        25_000_000,
        21_000_000,
        datetime.date(2026, 8, 28),
    ),
)

# (giver, amount, received on, reference) for the fund, received by the province committee.
CONTRIBUTIONS = (
    (
        "Công ty TNHH Chế biến Nông sản Hòa Thành",
        50_000_000,
        datetime.date(2026, 3, 26),
        "PT-015/2026",
    ),
    ("Hợp tác xã Nông nghiệp Tân Châu", 20_000_000, datetime.date(2026, 5, 19), "PT-031/2026"),
    (
        "Ông Nguyễn Văn Phúc (doanh nhân, phường Tân Ninh)",
        10_000_000,
        datetime.date(2026, 8, 19),
        "PT-047/2026",
    ),
    (
        "Ngân hàng thương mại cổ phần chi nhánh Tây Ninh",
        100_000_000,
        datetime.date(2026, 9, 2),
        "PT-052/2026",
    ),
)


def _keeper(unit: OrgUnit) -> User:
    """The person closest above `unit` who keeps its records."""
    memberships = RoleMembership.objects.filter(role__in=KEEPERS).select_related("user", "unit")
    candidates = [m for m in memberships if unit.path.startswith(m.unit.path)]
    if not candidates:
        raise RuntimeError(f"The budget's demo found nobody keeping {unit.name}'s records.")
    return max(candidates, key=lambda m: len(m.unit.path)).user


def _lines(unit: OrgUnit, lines) -> None:
    by = _keeper(unit)
    for kind, source, activity, estimated, approved, spent, settled in lines:
        services.budget_line_create(
            by=by,
            unit=unit,
            year=2026,
            kind=kind,
            source=source,
            activity=activity,
            estimated_vnd=estimated,
            approved_vnd=approved,
            approved_on=APPROVED_ON if approved is not None else None,
            spent_vnd=spent,
            spent_on=settled,
        )


def budget(context) -> None:
    """The 2026 budget of the province committee and the Women's Union, and the fund's
    contributions of 2026."""
    movement = getattr(context, "movement", None) or (
        Movement.objects.filter(unit__level__code="province").order_by("start_year", "pk").first()
    )
    province = movement.unit
    _lines(province, PROVINCE_LINES)
    women = OrgUnit.objects.filter(name=WOMEN, path__startswith=province.path).first()
    if women is not None:
        _lines(women, WOMEN_LINES)
    by = _keeper(province)
    for giver, amount, received_on, reference in CONTRIBUTIONS:
        services.contribution_create(
            by=by,
            unit=province,
            giver=giver,
            amount_vnd=amount,
            received_on=received_on,
            reference=reference,
        )


def present() -> bool:
    return Contribution.objects.filter(reference="PT-015/2026").exists()


STEPS = [(77, budget)]

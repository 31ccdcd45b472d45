"""Demo data of the reports: one open 6-month period with two reports sent and one unit late.

`build_demo` is the part; `period_2026` is its step of `manage.py demo_data` (95, see
sangtao.demo.story), with the demo's member organisations and clerks. It uses the same services
as the pages, with the demo's people as actors.
"""

import datetime

from sangtao.accounts.models import User
from sangtao.movements.models import Movement
from sangtao.orgs.models import OrgUnit

from . import services
from .models import ReportPeriod

NARRATIVES = (
    {
        "results": (
            "Phát động phong trào đến toàn thể cán bộ, hội viên; các chi hội đăng ký sáng kiến "
            "gắn với chương trình xây dựng nông thôn mới."
        ),
        "limits": "Một số cơ sở chưa quan tâm đúng mức đến việc áp dụng sáng kiến.",
        "proposals": "Đề nghị tỉnh tổ chức tập huấn cách viết hồ sơ sáng kiến.",
    },
    {
        "results": (
            "Tổ chức tọa đàm về phong trào “Đoàn kết sáng tạo”, giới thiệu các mô hình hay "
            "trong sản xuất và quản lý."
        ),
        "limits": "Kinh phí hoạt động còn hạn chế.",
        "proposals": "Đề nghị bố trí kinh phí khen thưởng kịp thời.",
    },
)
# The first unit adds a talk its events register lacks, with the reason beside the figure.
CORRECTION = (1, "Thêm 01 buổi tọa đàm ở chi hội chưa ghi vào sổ hoạt động.")


def build_demo(
    *,
    movement: Movement,
    units: list[OrgUnit],
    officer: User,
    writers: list[User],
    receivers: list[OrgUnit] | None = None,
    year: int | None = None,
) -> ReportPeriod:
    """Open the 6-month period of `year` (the movement's last year by default) for `units`
    (at least three, below the movement's committee), with `officer` (movement officer over
    the committee) and `receivers` (the committee by default). `writers[i]` (a clerk of
    `units[i]`) fills in and sends the reports of the first two units, the first adding an
    event its register lacks, with the reason; the third stays a draft and, its deadline past,
    late."""
    year = year or movement.end_year
    period = services.period_open(
        movement=movement,
        kind="six_month",
        title=f"Báo cáo 6 tháng đầu năm {year}",
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 6, 30),
        deadline=datetime.date(year, 7, 10),
        levels=None,
        kinds=None,
        receivers=receivers or [movement.unit],
        units=list(units),
        by=officer,
    )
    for number, (unit, writer, narratives) in enumerate(
        zip(units[:2], writers[:2], NARRATIVES, strict=True), start=1
    ):
        report = period.reports.get(unit=unit)
        figures = {}
        if number == 1:
            events = report.values.get(indicator__code="events_held", key="")
            figures[events.pk] = ((events.computed or 0) + CORRECTION[0], CORRECTION[1])
        services.report_update(
            report=report,
            figures=figures,
            narratives=narratives,
            number=f"{10 + number}",
            signer_title="Chủ tịch",
            signer_name=writer.display_name,
            by=writer,
        )
        services.report_submit(report=report, by=writer)
    return period


# The units that report in the demo's period: two member organisations send (their clerks
# write), the third is late.
PERIOD_UNITS = ["hoi_phu_nu", "tinh_doan", "hoi_nong_dan"]
PERIOD_WRITERS = ["vanthu.phunu", "vanthu.doan"]
PERIOD_YEAR = 2026


def period_2026(context) -> None:
    """The first six months of 2026: the Women's and the Youth Unions sent their reports, the
    Farmers' Union is late."""
    build_demo(
        movement=context.movement,
        units=[context.units[key] for key in PERIOD_UNITS],
        officer=context.people["phongtrao"],
        writers=[context.people[username] for username in PERIOD_WRITERS],
        year=PERIOD_YEAR,
    )


STEPS = [(95, period_2026)]

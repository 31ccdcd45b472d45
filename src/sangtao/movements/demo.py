"""The demo's movement: "Đoàn kết sáng tạo" of the Tây Ninh committee, launched by the plan of
2017-2020 and continued since: its history is the round of 2019, its open round today's (2026).

Its milestones are the plan's timeline (section IV) as the plan words them, year by year, with
no day the plan does not give: a milestone is due at the end of its year, and its target says
so. The round of 2026 adds its own, two of them measured from the data (its province council,
its six-month reports).

Step of `manage.py demo_data` (see sangtao.demo.story): `movement` (50)."""

import datetime
from typing import NamedTuple

from .models import Campaign, Milestone, Movement, Round
from .services import (
    milestone_add,
    milestone_delete,
    milestone_mark_done,
    movement_create,
    round_update,
)

MOVEMENT_NAME = "Đoàn kết sáng tạo"
MOVEMENT_THEME = (
    "Đoàn kết, năng động, sáng tạo thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội"
)
PLAN_REFERENCE = "Kế hoạch thay thế Kế hoạch số 249/KH-UBMTTQVN ngày 16/11/2017"
FIRST_YEAR, OPEN_YEAR = 2017, 2026

# Round years and their submission dates: the plan's years are closed (the round of 2019 is the
# one the story tells), the years between closed without dossiers, 2026 open.
ROUNDS = {
    2018: (datetime.date(2018, 3, 1), datetime.date(2018, 9, 30)),
    2019: (datetime.date(2019, 1, 2), datetime.date(2019, 9, 30)),
    OPEN_YEAR: (datetime.date(OPEN_YEAR, 1, 5), datetime.date(OPEN_YEAR, 12, 31)),
}

BOOK = (
    "Tập hợp các sáng kiến, ý tưởng mới tiêu biểu gửi Trung ương Mặt trận Tổ quốc Việt Nam "
    "biên tập và phát hành ấn phẩm “Gương người Việt đoàn kết sáng tạo” năm {year}."
)
BOARD = "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh"
MEMBERS = "Mặt trận tỉnh và các tổ chức chính trị - xã hội"


class Task(NamedTuple):
    """A milestone of the timeline: its year, the task in the plan's words, the count it
    targets, the plan's target in words, who answers for it (section V) and, where the data
    measures it, the condition (milestone conditions) and its parameters."""

    year: int
    title: str
    count: int | None = None
    target: str = ""
    responsible: str = ""
    condition: str = ""
    params: dict | None = None


# Section IV of the plan, word for word. The plan's years are done.
PLAN_MILESTONES = [
    Task(
        2018,
        "Tổ chức tọa đàm trao đổi về nội dung và phương thức triển khai kết hợp với khảo sát "
        "phong trào “Đoàn kết sáng tạo” ở 03 cụm cấp huyện (tổ chức tại các đơn vị: Thành phố "
        "Tây Ninh, Tân Châu, Gò Dầu) và ở tỉnh.",
        3,
        "03 cụm cấp huyện và ở tỉnh",
        BOARD,
    ),
    Task(
        2018,
        "Mặt trận tỉnh xây dựng ít nhất một (1) mô hình; mỗi tổ chức chính trị - xã hội xây "
        "dựng và triển khai ít nhất một (01) mô hình về đoàn kết sáng tạo.",
        1,
        "Ít nhất 01 mô hình ở mỗi tổ chức",
        MEMBERS,
    ),
    Task(
        2018,
        "Thành lập Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới cấp tỉnh.",
        1,
        "Hội đồng cấp tỉnh",
        BOARD,
    ),
    Task(
        2018, "Xây dựng tiêu chí đánh giá, xếp loại sáng kiến, sáng chế, ý tưởng mới.", 1, "", BOARD
    ),
    Task(2018, BOOK.format(year=2018), None, "", BOARD),
    Task(
        2019,
        "Tiếp tục xây dựng và nhân rộng mô hình phong trào “Đoàn kết sáng tạo” trên các lĩnh vực.",
        None,
        "",
        MEMBERS,
    ),
    Task(
        2019,
        "Sơ kết đánh giá 01 năm thực hiện Phong trào; biểu dương các tập thể, cá nhân điển hình "
        "trong Phong trào.",
        1,
        "",
        BOARD,
    ),
    Task(2019, BOOK.format(year=2019), None, "", BOARD),
    Task(2020, "Sơ kết 03 năm thực hiện Phong trào.", 1, "", BOARD),
    Task(2020, "Biểu dương các tập thể, cá nhân điển hình trong Phong trào.", None, "", BOARD),
    Task(2020, BOOK.format(year=2020), None, "", BOARD),
]
# The round of 2026, which the movement adds after the plan (not done yet): its council and
# its six-month reports are measured from the data (the council exists; two of three reports
# are sent).
OPEN_ROUND_MILESTONES = [
    Task(
        OPEN_YEAR,
        "Thành lập Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới cấp tỉnh "
        f"năm {OPEN_YEAR}.",
        1,
        "Hội đồng cấp tỉnh",
        BOARD,
        Milestone.Condition.COUNCIL_LEVEL,
        {"level": "province", "year": OPEN_YEAR},
    ),
    Task(
        OPEN_YEAR,
        f"Các tổ chức thành viên gửi báo cáo 6 tháng đầu năm {OPEN_YEAR}.",
        None,
        "Mọi đơn vị được giao báo cáo",
        MEMBERS,
        Milestone.Condition.REPORT_PERIOD,
        {"kind": "six_month", "year": OPEN_YEAR},
    ),
    Task(
        OPEN_YEAR,
        f"Tổng kết năm {OPEN_YEAR}; biểu dương các tập thể, cá nhân điển hình.",
        1,
        "",
        BOARD,
    ),
    Task(OPEN_YEAR, BOOK.format(year=OPEN_YEAR), None, "", BOARD),
]


def plan_year_words(task: Task) -> str:
    """The target as shown: the plan's target, then that the plan gives the year only (the
    due date, the year's last day, is the plan's year, not a day it names)."""
    year = f"Trong năm {task.year} (Kế hoạch chỉ nêu năm; hạn ghi là ngày cuối năm)"
    return f"{task.target}; {year[:1].lower()}{year[1:]}" if task.target else year


def year_end(year: int) -> datetime.date:
    """The date a milestone of `year` is due: the plan names only the year."""
    return datetime.date(year, 12, 31)


def present() -> bool:
    """True when the demo's movement is already in the database."""
    return Movement.objects.filter(name=MOVEMENT_NAME).exists()


def movement(context) -> None:
    """The movement with its rounds, fields, the linked campaigns and the plan's timeline."""
    officer = context.people["phongtrao"]
    context.movement = movement_create(
        unit=context.units["province"],
        name=MOVEMENT_NAME,
        start_year=FIRST_YEAR,
        end_year=OPEN_YEAR,
        theme=MOVEMENT_THEME,
        plan_reference=PLAN_REFERENCE,
        # Tây Ninh's practice: the Standing Board decides on the council's recommendation.
        recognised_by="board",
        by=officer,
    )
    rounds = {round_.year: round_ for round_ in context.movement.rounds.all()}
    for year, round_ in sorted(rounds.items()):
        opens_on, closes_on = ROUNDS.get(year, (None, None))
        status = Round.Status.OPEN if year == OPEN_YEAR else Round.Status.CLOSED
        round_update(
            round_=round_,
            data={"status": status, "opens_on": opens_on, "closes_on": closes_on},
            by=officer,
        )
    _timeline(context.movement, officer)
    context.rounds.update(rounds)
    context.fields.update({field.code: field for field in context.movement.fields.all()})
    context.campaigns.update({campaign.name: campaign for campaign in Campaign.objects.all()})


def _timeline(movement: Movement, officer) -> None:
    """The plan's milestones replace the defaults laid on the movement's years."""
    for milestone in list(movement.milestones.all()):
        milestone_delete(milestone=milestone, by=officer)
    for task in PLAN_MILESTONES + OPEN_ROUND_MILESTONES:
        milestone = milestone_add(
            movement=movement,
            due_on=year_end(task.year),
            title=task.title,
            target=plan_year_words(task),
            target_count=task.count,
            responsible=task.responsible,
            condition=task.condition,
            condition_params=task.params,
            by=officer,
        )
        if task.year < OPEN_YEAR:
            milestone_mark_done(milestone=milestone, done_on=year_end(task.year), by=officer)


STEPS = [(50, movement)]

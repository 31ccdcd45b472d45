"""The demo's movement: "Đoàn kết sáng tạo" of the Tây Ninh committee, launched by the plan of
2017-2020 and continued since: its history is the round of 2019, its open round today's (2026).

Its milestones are the plan's timeline (section IV) as the plan words them, year by year, with
no day the plan does not give: a milestone is due at the end of its year. The round of 2026
adds its own.

Step of `manage.py demo_data` (see sangtao.demo.story): `movement` (50)."""

import datetime

from .models import Campaign, Movement, Round
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
# Section IV of the plan, word for word: (year, task, target count). The plan's years are done.
PLAN_MILESTONES = [
    (
        2018,
        "Tổ chức tọa đàm trao đổi về nội dung và phương thức triển khai kết hợp với khảo sát "
        "phong trào “Đoàn kết sáng tạo” ở 03 cụm cấp huyện (tổ chức tại các đơn vị: Thành phố "
        "Tây Ninh, Tân Châu, Gò Dầu) và ở tỉnh.",
        3,
    ),
    (
        2018,
        "Mặt trận tỉnh xây dựng ít nhất một (1) mô hình; mỗi tổ chức chính trị - xã hội xây "
        "dựng và triển khai ít nhất một (01) mô hình về đoàn kết sáng tạo.",
        1,
    ),
    (
        2018,
        "Thành lập Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới cấp tỉnh.",
        1,
    ),
    (2018, "Xây dựng tiêu chí đánh giá, xếp loại sáng kiến, sáng chế, ý tưởng mới.", 1),
    (2018, BOOK.format(year=2018), None),
    (
        2019,
        "Tiếp tục xây dựng và nhân rộng mô hình phong trào “Đoàn kết sáng tạo” trên các lĩnh vực.",
        None,
    ),
    (
        2019,
        "Sơ kết đánh giá 01 năm thực hiện Phong trào; biểu dương các tập thể, cá nhân điển hình "
        "trong Phong trào.",
        1,
    ),
    (2019, BOOK.format(year=2019), None),
    (2020, "Sơ kết 03 năm thực hiện Phong trào.", 1),
    (2020, "Biểu dương các tập thể, cá nhân điển hình trong Phong trào.", None),
    (2020, BOOK.format(year=2020), None),
]
# The round of 2026, which the movement adds after the plan (not done yet).
OPEN_ROUND_MILESTONES = [
    (OPEN_YEAR, f"Tổng kết năm {OPEN_YEAR}; biểu dương các tập thể, cá nhân điển hình.", 1),
    (OPEN_YEAR, BOOK.format(year=OPEN_YEAR), None),
]


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
    for year, title, count in PLAN_MILESTONES + OPEN_ROUND_MILESTONES:
        milestone = milestone_add(
            movement=movement,
            due_on=year_end(year),
            title=title,
            target_count=count,
            by=officer,
        )
        if year < OPEN_YEAR:
            milestone_mark_done(milestone=milestone, done_on=year_end(year), by=officer)


STEPS = [(50, movement)]

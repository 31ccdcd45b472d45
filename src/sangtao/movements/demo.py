"""The demo's movement: "Đoàn kết sáng tạo 2017-2020" of the Tây Ninh committee, with the
plan's rounds (2018 and 2019 in appraisal, 2020 open).

Step of `manage.py demo_data` (see sangtao.demo.story): `movement` (50)."""

import datetime

from .models import Campaign, Movement, Round
from .services import movement_create, round_update

MOVEMENT_NAME = "Đoàn kết sáng tạo 2017-2020"
MOVEMENT_THEME = (
    "Đoàn kết, năng động, sáng tạo thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội"
)
PLAN_REFERENCE = "Kế hoạch thay thế Kế hoạch số 249/KH-UBMTTQVN ngày 16/11/2017"

# Round years and what each is doing in the story: 2018 and 2019 in appraisal, 2020 open.
ROUNDS = {
    2017: (Round.Status.CLOSED, None, None),
    2018: (Round.Status.APPRAISAL, datetime.date(2018, 3, 1), datetime.date(2018, 9, 30)),
    2019: (Round.Status.APPRAISAL, datetime.date(2019, 1, 2), datetime.date(2019, 9, 30)),
    2020: (Round.Status.OPEN, datetime.date(2020, 1, 2), None),
}


def present() -> bool:
    """True when the demo's movement is already in the database."""
    return Movement.objects.filter(name=MOVEMENT_NAME).exists()


def movement(context) -> None:
    """The movement with its rounds, fields and the linked campaigns."""
    officer = context.people["phongtrao"]
    context.movement = movement_create(
        unit=context.units["province"],
        name=MOVEMENT_NAME,
        start_year=2017,
        end_year=2020,
        theme=MOVEMENT_THEME,
        plan_reference=PLAN_REFERENCE,
        by=officer,
    )
    rounds = {round_.year: round_ for round_ in context.movement.rounds.all()}
    # Move the open round last: only one round of a movement may be open at a time.
    for year, (status, opens_on, closes_on) in sorted(
        ROUNDS.items(), key=lambda item: item[1][0] == Round.Status.OPEN
    ):
        round_update(
            round_=rounds[year],
            data={"status": status, "opens_on": opens_on, "closes_on": closes_on},
            by=officer,
        )
    context.rounds.update(rounds)
    context.fields.update({field.code: field for field in context.movement.fields.all()})
    context.campaigns.update({campaign.name: campaign for campaign in Campaign.objects.all()})


STEPS = [(50, movement)]

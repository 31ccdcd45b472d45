"""The demo's appraisal: the province council of 2019 scores, decides and seals two of the
forwarded initiatives, through the appraisal services.

Step of `manage.py demo_data` (see sangtao.demo.story): `council_2019` (65)."""

import datetime

from sangtao.movements.models import Grade

from . import services as appraisal
from .models import CouncilMember, Decision

# The province council of 2019 (plan III.5.1: chaired by a vice-chairman of the committee, with
# the movement office and the Department of Science and Technology) appraises the two 2019
# initiatives forwarded to the province: the Zalo OA one and the Department's own.
COUNCIL_2019 = {
    "name": "Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới tỉnh Tây Ninh "
    "năm 2019",
    "decision_number": "15/QĐ-MTTQ-BTT",
    "decision_date": datetime.date(2019, 3, 15),
    "decision_signer": "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh",
}
COUNCIL_SEATS = [  # username, seat, title in the council
    ("lanhdao", CouncilMember.Role.CHAIR, "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
    ("thuky", CouncilMember.Role.SECRETARY, "Chuyên viên Ban Phong trào"),
    ("uyvien", CouncilMember.Role.MEMBER, "Đại diện Sở Khoa học và Công nghệ"),
    ("phongtrao", CouncilMember.Role.MEMBER, "Trưởng Ban Phong trào"),
]
ZALO = "Ứng dụng Zalo OA trong tiếp nhận phản ánh của Nhân dân"
ONLINE_APPRAISAL = "Tiếp nhận và xử lý hồ sơ thẩm định công nghệ dự án đầu tư qua mạng"
# title -> {scoring member: five scores, one per criterion (0-20 each)}. Nobody scores their
# own initiative or one of their own unit: the author of the first sits on the council and the
# Department's representative works where the second comes from.
SHEETS_2019 = {
    ZALO: {"uyvien": (18, 17, 16, 18, 17), "lanhdao": (17, 18, 17, 17, 18)},
    ONLINE_APPRAISAL: {"phongtrao": (9, 14, 12, 13, 12), "lanhdao": (8, 13, 11, 12, 12)},
}
DECISIONS_2019 = {
    ZALO: (Decision.Outcome.RECOGNISED, "Tốt", ""),
    ONLINE_APPRAISAL: (
        Decision.Outcome.NOT_RECOGNISED,
        None,
        "Điểm bình quân 58/100, dưới mức Đạt (60 điểm): giải pháp thuộc nhiệm vụ cải cách hành "
        "chính thường xuyên của Sở, tính mới chưa rõ.",
    ),
}


def council_2019(context) -> None:
    """The province council of 2019 on the round of 2019."""
    _appraise_2019(
        round_=context.rounds[2019],
        province=context.units["province"],
        people=context.people,
        told=context.told,
    )


STEPS = [(65, council_2019)]


def _appraise_2019(*, round_, province, people: dict, told) -> None:
    """The province council of 2019 scores, decides and seals, through the appraisal services."""
    council = appraisal.council_create(
        round=round_, unit=province, by=people["phongtrao"], data=COUNCIL_2019
    )
    seats = {
        username: appraisal.council_member_add(
            council=council, user=people[username], role=role, title=title, by=people["phongtrao"]
        )
        for username, role, title in COUNCIL_SEATS
    }
    criteria = list(round_.movement.criteria.order_by("order"))
    for title, sheets in SHEETS_2019.items():
        for username, values in sheets.items():
            assignment = appraisal.assignment_create(
                council=council, initiative=told[title], member=seats[username], by=people["thuky"]
            )
            appraisal.sheet_save(
                assignment=assignment,
                by=people[username],
                scores={c.pk: (value, "") for c, value in zip(criteria, values, strict=True)},
                submit=True,
            )
    for title, (outcome, grade_name, reason) in DECISIONS_2019.items():
        appraisal.decision_record(
            council=council,
            initiative=told[title],
            outcome=outcome,
            grade=Grade.objects.get(movement=round_.movement, name=grade_name)
            if grade_name
            else None,
            reason=reason,
            by=people["thuky"],
        )
    appraisal.council_seal(council=council, by=people["lanhdao"])

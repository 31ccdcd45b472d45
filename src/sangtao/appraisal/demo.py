"""The demo's appraisal, through the appraisal services.

The history: the province council of 2019 scores, decides and seals the two initiatives of 2019
forwarded to the province. The open round: the province committee's council of 2026 and the
Women's Union's council of 2026, both set up before the clerk forwards (a dossier goes to the
nearest level with an open council for its round), each with half its sheets in.

Nobody scores or decides their own initiative: no author of an initiative sits on the council
that appraises it.

Steps of `manage.py demo_data` (see sangtao.demo.story): `councils_2019` (55), `council_2019`
(65), `councils_2026` (86) and `sheets_2026` (88)."""

import datetime

from sangtao.appraisal.models import Council
from sangtao.movements.models import Grade

from . import recognition
from . import services as appraisal
from .models import CouncilMember, Decision

CHAIRMAN = "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"

# The province council of 2019 (plan III.5.1: chaired by a vice-chairman of the committee, with
# the movement office and the Department of Science and Technology) appraises the two 2019
# initiatives forwarded to the province, both of state departments.
COUNCIL_2019 = {
    "name": "Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới tỉnh Tây Ninh "
    "năm 2019",
    "decision_number": "15/QĐ-MTTQ-BTT",
    "decision_date": datetime.date(2019, 3, 15),
    "decision_signer": CHAIRMAN,
    "decides_by_vote": True,
}
# The council met after the round closed (30/09/2019) and before the recognition decision the
# certificates cite (20/11/2019): whoever submitted a sheet, and the secretary, attended.
MEETING_2019 = appraisal.Meeting(
    date=datetime.date(2019, 11, 12),
    start=datetime.time(8, 0),
    end=datetime.time(11, 30),
    place="Hội trường Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
    minutes_number="03",
)
# The Standing Board's decision recognising what the 2019 council recommended (the movement has
# the board decide): its chair on that day signs; the minutes and certificates cite it.
RECOGNITION_2019 = ("42", datetime.date(2019, 11, 20))
COUNCIL_SEATS = [  # username, seat, title in the council
    ("lanhdao", CouncilMember.Role.CHAIR, "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
    ("thuky", CouncilMember.Role.SECRETARY, "Chuyên viên Ban Phong trào"),
    ("uyvien", CouncilMember.Role.MEMBER, "Đại diện Sở Khoa học và Công nghệ"),
    ("phongtrao", CouncilMember.Role.MEMBER, "Trưởng Ban Phong trào"),
]
SCORING_FORMS = "Biểu mẫu điện tử thống nhất chấm sáng kiến kinh nghiệm ngành giáo dục"
ONLINE_APPRAISAL = "Tiếp nhận và xử lý hồ sơ thẩm định công nghệ dự án đầu tư qua mạng"
# title -> {scoring member: five scores, one per criterion (0-20 each)}. Nobody scores an
# initiative of their own unit: the Department's representative does not score its own one.
SHEETS_2019 = {
    SCORING_FORMS: {"uyvien": (18, 17, 16, 18, 17), "lanhdao": (17, 18, 17, 17, 18)},
    ONLINE_APPRAISAL: {"phongtrao": (9, 14, 12, 13, 12), "lanhdao": (8, 13, 11, 12, 12)},
}
# The votes (for, against, abstaining) of the members present without a conflict: the
# Department of Science and Technology's representative stands aside on its own initiative.
VOTES_2019 = {SCORING_FORMS: (4, 0, 0), ONLINE_APPRAISAL: (0, 3, 0)}
DECISIONS_2019 = {
    SCORING_FORMS: (Decision.Outcome.RECOGNISED, "Tốt", ""),
    ONLINE_APPRAISAL: (
        Decision.Outcome.NOT_RECOGNISED,
        None,
        "Điểm bình quân 58/100, dưới mức Đạt (60 điểm): giải pháp thuộc nhiệm vụ cải cách hành "
        "chính thường xuyên của Sở, tính mới chưa rõ.",
    ),
}

# The open councils of 2026: (unit key, settings, seats). The province committee's council has
# the same seats as in 2019; the Women's Union formed its own (plan III.5.1: member
# organisations may), with an expert of the Department of Science and Technology.
COUNCILS_2026 = [
    (
        "province",
        {
            "name": "Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới tỉnh Tây "
            "Ninh năm 2026",
            "decision_number": "12/QĐ-MTTQ-BTT",
            "decision_date": datetime.date(2026, 3, 16),
            "decision_signer": CHAIRMAN,
            "scoring_deadline": datetime.date(2026, 12, 18),
        },
        COUNCIL_SEATS,
    ),
    (
        "hoi_phu_nu",
        {
            "name": "Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới Hội Liên "
            "hiệp Phụ nữ tỉnh Tây Ninh năm 2026",
            "decision_number": "07/QĐ-HLHPN",
            "decision_date": datetime.date(2026, 4, 6),
            "decision_signer": "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh",
            "scoring_deadline": datetime.date(2026, 12, 18),
        },
        [
            ("lanhdao.phunu", CouncilMember.Role.CHAIR, "Phó Chủ tịch Hội LHPN tỉnh"),
            ("vanthu.phunu", CouncilMember.Role.SECRETARY, "Chuyên viên Văn phòng Hội"),
            ("uyvien", CouncilMember.Role.MEMBER, "Chuyên gia Sở Khoa học và Công nghệ"),
        ],
    ),
]
# The members who score each dossier of a 2026 council, in turn; every other sheet is in.
SCORERS_2026 = {
    "province": [("uyvien", "lanhdao"), ("uyvien", "phongtrao")],
    "hoi_phu_nu": [("uyvien", "lanhdao.phunu")],
}
SCORES_2026 = [(16, 15, 17, 16, 14), (14, 16, 15, 15, 17), (17, 17, 16, 18, 15)]


def councils_2019(context) -> None:
    """The province council of 2019, set up before the clerk forwards the year's dossiers."""
    council = _council(
        round_=context.rounds[2019],
        unit=context.units["province"],
        settings=COUNCIL_2019,
        seats=COUNCIL_SEATS,
        people=context.people,
    )
    context.councils[(2019, "province")] = council


def council_2019(context) -> None:
    """The province council of 2019 scores, decides and seals."""
    council = context.councils[(2019, "province")]
    people, told = context.people, context.told
    seats = {seat.user.username: seat for seat in council.members.select_related("user")}
    criteria = list(council.round.movement.criteria.order_by("order"))
    for title, sheets in SHEETS_2019.items():
        for username, values in sheets.items():
            _score(council, told[title], seats[username], criteria, values, people, submit=True)
    for title, (outcome, grade_name, reason) in DECISIONS_2019.items():
        appraisal.decision_record(
            council=council,
            initiative=told[title],
            outcome=outcome,
            grade=Grade.objects.get(movement=council.round.movement, name=grade_name)
            if grade_name
            else None,
            reason=reason,
            votes=VOTES_2019[title],
            by=people["thuky"],
        )
    appraisal.council_seal(council=council, by=people["lanhdao"], meeting=MEETING_2019)
    recognition.recognition_decision_record(
        council=council,
        number=RECOGNITION_2019[0],
        date=RECOGNITION_2019[1],
        by=people["thuky"],
    )


def councils_2026(context) -> None:
    """The open councils of 2026, set up before the clerk forwards the round's dossiers."""
    for unit_key, settings, seats in COUNCILS_2026:
        context.councils[(2026, unit_key)] = _council(
            round_=context.rounds[2026],
            unit=context.units[unit_key],
            settings=settings,
            seats=seats,
            people=context.people,
        )


def sheets_2026(context) -> None:
    """Each open council of 2026 asks two members per dossier; every other sheet is in."""
    people = context.people
    for unit_key, _settings, _seats in COUNCILS_2026:
        council = context.councils[(2026, unit_key)]
        seats = {seat.user.username: seat for seat in council.members.select_related("user")}
        criteria = list(council.round.movement.criteria.order_by("order"))
        queue = [
            initiative
            for initiative in context.told.values()
            if initiative.appraisal_unit_id == council.unit_id
            and initiative.round_id == council.round_id
        ]
        turn = 0
        for index, initiative in enumerate(queue):
            for username in SCORERS_2026[unit_key][index % len(SCORERS_2026[unit_key])]:
                values = SCORES_2026[turn % len(SCORES_2026)]
                _score(
                    council, initiative, seats[username], criteria, values, people, turn % 2 == 0
                )
                turn += 1


STEPS = [(55, councils_2019), (65, council_2019), (86, councils_2026), (88, sheets_2026)]


def _council(*, round_, unit, settings: dict, seats: list, people: dict) -> Council:
    """A council set up by the movement officer, with its seats."""
    officer = people["phongtrao"]
    council = appraisal.council_create(round=round_, unit=unit, by=officer, data=settings)
    for username, role, title in seats:
        appraisal.council_member_add(
            council=council, user=people[username], role=role, title=title, by=officer
        )
    return council


def _score(council, initiative, seat, criteria, values, people, submit: bool) -> None:
    """The secretary asks `seat` to appraise `initiative`; the member saves (or submits)."""
    secretary = council.members.get(role=CouncilMember.Role.SECRETARY).user
    assignment = appraisal.assignment_create(
        council=council, initiative=initiative, member=seat, by=secretary
    )
    if submit:
        appraisal.sheet_save(
            assignment=assignment,
            by=people[seat.user.username],
            scores={c.pk: (value, "") for c, value in zip(criteria, values, strict=True)},
            submit=True,
        )

"""A council of the commune Front committee with its people and three forwarded initiatives."""

import datetime

import pytest

from sangtao.appraisal import services
from sangtao.appraisal.models import Assignment, Conflict, CouncilMember
from sangtao.initiatives import services as initiative_services
from sangtao.initiatives.search import search_catch_up
from sangtao.movements.models import Grade

from ..factories import ONE_AUTHOR, complete_dossier, make_user


@pytest.fixture
def forwarded(movement, tree, people):
    """Three initiatives of the school, submitted and forwarded to the commune's council."""
    made = []
    for index in range(3):
        data = complete_dossier(movement, tree["school"]) | {"title": f"Sáng kiến {index + 1}"}
        initiative = initiative_services.initiative_create(
            by=people["author"], data=data, authors=ONE_AUTHOR
        )
        initiative_services.initiative_submit(initiative=initiative, by=people["author"])
        initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
        made.append(initiative)
    search_catch_up()  # the index entries, written once each step commits
    return made


@pytest.fixture
def council(movement, tree, people):
    """Set up by the commune's secretary (role membership), with five seats."""
    council = services.council_create(
        round=movement.rounds.first(),
        unit=tree["commune"],
        by=people["secretary"],
        data={"name": "Hội đồng thẩm định xã Tân Hòa năm 2018", "appraisers_per_initiative": 2},
    )
    seats = {
        "chair": make_user("chutich", unit=tree["commune"], full_name="Phạm Văn Chủ"),
        "m1": make_user("uyvien1", unit=tree["commune"], full_name="Lê Thị Một"),
        "m2": make_user("uyvien2", unit=tree["district"], full_name="Võ Văn Hai"),
        # A teacher of the school: conflicted with the school's initiatives.
        "teacher": make_user("giaovien", unit=tree["school"], full_name="Đỗ Thị Giáo"),
        "expert": make_user("chuyengia", unit=tree["province"], full_name="Ngô Chuyên Gia"),
    }
    roles = {
        "chair": CouncilMember.Role.CHAIR,
        "m1": CouncilMember.Role.MEMBER,
        "m2": CouncilMember.Role.MEMBER,
        "teacher": CouncilMember.Role.MEMBER,
        "expert": CouncilMember.Role.EXPERT,
    }
    services.council_member_add(
        council=council,
        user=people["secretary"],
        role=CouncilMember.Role.SECRETARY,
        by=people["secretary"],
    )
    for key, user in seats.items():
        services.council_member_add(
            council=council, user=user, role=roles[key], by=people["secretary"]
        )
    council.people = seats
    return council


def member(council, key):
    return council.members.get(user=council.people[key])


def _score(council, movement, values):
    criteria = list(movement.criteria.order_by("order"))
    for sheet in Assignment.objects.select_related("member__user"):
        value = values[sheet.member.user.username]
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (value, "") for c in criteria},
            submit=True,
        )


@pytest.fixture
def decided(council, forwarded, people, movement):
    """Scored by chair, Lê Thị Một and Võ Văn Hai; one recognised, one not, one returned; the
    expert declared a conflict with the first initiative."""
    services.council_update(
        council=council,
        by=people["secretary"],
        data={
            "decision_number": "15/QĐ-MTTQ",
            "decision_date": datetime.date(2018, 3, 15),
            "decision_signer": "Ban Thường trực Ủy ban MTTQ Việt Nam xã",
        },
    )
    services.assignments_auto(council=council, by=people["secretary"])
    expert = council.people["expert"]
    services.conflict_declare(
        initiative=forwarded[0],
        user=expert,
        by=expert,
        reason="Người thân của tác giả",
        source=Conflict.Source.MEMBER,
    )
    _score(council, movement, {"chutich": 18, "uyvien1": 16, "uyvien2": 17})
    chair = council.people["chair"]
    excellent = Grade.objects.get(movement=movement, name="Xuất sắc")
    services.decision_record(
        council=council, initiative=forwarded[0], outcome="recognised", grade=excellent, by=chair
    )
    services.decision_record(
        council=council,
        initiative=forwarded[1],
        outcome="not_recognised",
        reason="Chưa có tính mới",
        by=chair,
    )
    services.decision_record(
        council=council,
        initiative=forwarded[2],
        outcome="returned",
        reason="Bổ sung số liệu tiết kiệm",
        by=chair,
    )
    return council


def decide_first_recognised(the_council, initiatives):
    """The council recognises the first initiative (grade "Xuất sắc") and not the others,
    without sealing; returns the grade."""
    chair = the_council.people["chair"]
    grade = the_council.round.movement.grades.get(name="Xuất sắc")
    services.decision_record(
        council=the_council, initiative=initiatives[0], outcome="recognised", grade=grade, by=chair
    )
    for initiative in initiatives[1:]:
        services.decision_record(
            council=the_council,
            initiative=initiative,
            outcome="not_recognised",
            reason="Chưa có tính mới",
            by=chair,
        )
    return grade

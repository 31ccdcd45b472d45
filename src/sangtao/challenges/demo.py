"""The demo's needs: an enterprise and a department of Tây Ninh post what they need, open in
2026; the teacher's initiative answers the department's.

Step of `manage.py demo_data` (see sangtao.demo.story): `demo_extend` (90)."""

import datetime

from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State

from . import services

NEEDS = [
    (
        "co_khi",
        "Giảm hao phí điện năng của dây chuyền gia công cơ khí",
        "Công ty cần giải pháp giảm tiêu thụ điện của các máy tiện, máy phay trong giờ cao "
        "điểm, dễ áp dụng với thiết bị hiện có, hoàn vốn trong vòng hai năm.",
        datetime.date(2027, 3, 31),
    ),
    (
        "so_gddt",
        "Số hóa sổ điểm và hồ sơ học sinh ở trường vùng sâu",
        "Sở cần cách làm đơn giản để giáo viên các trường vùng sâu, vùng biên giới cập nhật sổ "
        "điểm, hồ sơ học sinh trên điện thoại, kể cả khi đường truyền yếu.",
        datetime.date(2027, 6, 30),
    ),
]


def demo_extend(context) -> None:
    officer = context.people["phongtrao"]
    posted = [
        services.challenge_create(
            by=officer,
            data={
                "title": title,
                "description": description,
                "unit": context.units[unit],
                "deadline": deadline,
                "field": context.movement.fields.order_by("order", "id").first(),
            },
        )
        for unit, title, description, deadline in NEEDS
    ]
    # The teacher's first initiative (else a recognised one) answers the school records need.
    told = [initiative.pk for initiative in context.told.values()]
    candidates = list(
        Initiative.objects.filter(pk__in=told)
        .exclude(state=State.WITHDRAWN)
        .select_related("created_by")
        .order_by("id")
    )
    candidates.sort(
        key=lambda i: (i.created_by != context.people["tacgia"], i.state != State.RECOGNISED)
    )
    if candidates:
        answer = candidates[0]
        services.challenge_answer(challenge=posted[1], initiative=answer, by=answer.created_by)


STEPS = [(90, demo_extend)]

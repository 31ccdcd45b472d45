"""Demo data of consultations: in November 2026 the Standing Board of the Tây Ninh committee
puts the draft criteria of the movement's 2027 round to its member organisations; the Women's
Union and the Youth Union comment, and the movement office answers the Women's Union.

Step of `manage.py demo_data` (see sangtao.demo.story): `consultations` (77), after the
activities. Comments are taken until 31/12/2026 (the demo lives on 06/12/2026)."""

import datetime

from django.utils import timezone

from sangtao.accounts.models import User
from sangtao.movements.models import Movement

from . import services
from .models import Consultation

TITLE = "Dự thảo tiêu chí thi đua phong trào “Đoàn kết sáng tạo” năm 2027"

SECTIONS = (
    (
        "Tiêu chí đối với tập thể",
        "Tập thể được xét tôn vinh có kế hoạch hưởng ứng phong trào; có ít nhất 01 mô hình "
        "“Đoàn kết sáng tạo” được nhân rộng; có từ 03 sáng kiến được công nhận cấp cơ sở trở lên.",
    ),
    (
        "Tiêu chí đối với cá nhân",
        "Cá nhân được xét tôn vinh có ít nhất 01 sáng kiến được Hội đồng thẩm định cấp tỉnh công "
        "nhận, được áp dụng hiệu quả tại cơ quan, đơn vị.",
    ),
    (
        "Hồ sơ và thời gian xét",
        "Hồ sơ gửi về Ban Phong trào trước ngày 15/10/2027; Hội đồng xét trong tháng 11/2027.",
    ),
)

COMMENTS = (  # (username, section index, text)
    (
        "vanthu.phunu",
        0,
        "Đề nghị tính cả các mô hình do chi hội phụ nữ ấp, khu phố xây dựng, vì sau sáp nhập "
        "nhiều cơ sở Hội chưa đủ điều kiện có sáng kiến cấp cơ sở.",
    ),
    (
        "vanthu.doan",
        1,
        "Đề nghị bổ sung tiêu chí riêng cho đoàn viên dưới 30 tuổi: ý tưởng mới được ứng dụng "
        "thử nghiệm cũng được xét.",
    ),
    (
        "vanthu.doan",
        2,
        "Đề nghị lùi hạn nộp hồ sơ đến 31/10/2027 để các cơ sở Đoàn kịp sơ kết năm.",
    ),
)


def _person(context, username: str) -> User:
    people = getattr(context, "people", {}) or {}
    return people.get(username) or User.objects.get(username=username)


def consultations(context) -> None:
    """The 2026 consultation on the 2027 criteria, three comments and one response."""
    movement = getattr(context, "movement", None) or (
        Movement.objects.filter(unit__level__code="province").order_by("start_year", "pk").first()
    )
    province = movement.unit
    officer = _person(context, "phongtrao")
    # Open for comment today, whenever the demo is loaded: the comments below go through the
    # deadline check as people's do, so the window runs at least a month from today.
    today = timezone.localdate()
    consultation = services.consultation_create(
        by=officer,
        unit=province,
        title=TITLE,
        kind=Consultation.Kind.CRITERIA,
        opens_on=min(datetime.date(2026, 11, 25), today),
        closes_on=max(datetime.date(2026, 12, 31), today + datetime.timedelta(days=30)),
        audience=Consultation.Audience.MEMBERS,
        summary=(
            "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh xin ý kiến các tổ chức thành viên về dự "
            "thảo tiêu chí thi đua năm 2027, sau khi tỉnh Tây Ninh mới được thành lập."
        ),
    )
    sections = [
        services.section_add(consultation=consultation, heading=heading, text=text, by=officer)
        for heading, text in SECTIONS
    ]
    comments = []
    for username, index, text in COMMENTS:
        person = _person(context, username)
        comments.append(
            services.comment_add(section=sections[index], text=text, unit=person.unit, by=person)
        )
    services.comment_respond(
        comment=comments[0],
        response="accepted",
        response_text=(
            "Dự thảo sửa thành “có ít nhất 01 mô hình do tập thể hoặc tổ chức cơ sở "
            "trực thuộc xây dựng được nhân rộng”."
        ),
        by=officer,
    )


def present() -> bool:
    """True when the demo's consultation is already in the database."""
    return Consultation.objects.filter(title=TITLE).exists()


STEPS = [(77, consultations)]

"""Demo data of feedback: two member organisations of the province write to the Standing Board
of the Tây Ninh committee in 2026. The Women's Union asks how to record its members'
initiatives after the communes merged, and the movement office answers; the Youth Union asks
to extend the filing of the 2026 round, and waits for the answer.

Step of `manage.py demo_data` (see sangtao.demo.story): `feedback` (77), after the activities,
when the member organisations' clerks and the province's officer exist."""

import datetime

from django.utils import timezone

from sangtao.accounts.models import User

from . import services
from .models import Thread

WOMEN_SUBJECT = "Ghi nhận sáng kiến của hội viên sau khi sắp xếp đơn vị hành chính cấp xã"
YOUTH_SUBJECT = "Đề nghị gia hạn thời gian nhận hồ sơ sáng kiến đợt năm 2026"


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _person(context, username: str) -> User:
    person = context.people.get(username) if context.people else None
    return person or User.objects.get(username=username)


def feedback(context) -> None:
    women_clerk = _person(context, "vanthu.phunu")
    youth_clerk = _person(context, "vanthu.doan")
    officer = _person(context, "phongtrao")
    women = women_clerk.memberships.get(role="clerk").unit
    youth = youth_clerk.memberships.get(role="clerk").unit
    asked = services.thread_open(
        by=women_clerk,
        unit=women,
        subject=WOMEN_SUBJECT,
        text=(
            "Sau khi sắp xếp lại các xã, phường từ ngày 01/07/2025, nhiều cơ sở Hội chưa biết ghi "
            "sáng kiến của hội viên cho xã cũ hay xã mới. Đề nghị Ban Thường trực hướng dẫn cách "
            "ghi nhận thống nhất để báo cáo sáu tháng cuối năm 2026."
        ),
        at=_at(datetime.date(2026, 9, 8), 9),
    )
    services.message_post(
        thread=asked,
        by=officer,
        text=(
            "Sáng kiến ghi cho đơn vị hành chính mới đang quản lý hội viên; sáng kiến đã được "
            "công nhận trước ngày 01/07/2025 giữ nguyên đơn vị cũ, hệ thống tự cộng dồn lên đơn vị "
            "kế thừa khi tổng hợp báo cáo. Đề nghị Hội rà soát danh sách trước ngày 30/11/2026."
        ),
        at=_at(datetime.date(2026, 9, 12), 14),
    )
    services.thread_open(
        by=youth_clerk,
        unit=youth,
        subject=YOUTH_SUBJECT,
        text=(
            "Nhiều cơ sở Đoàn đang hoàn thiện hồ sơ sáng kiến của đoàn viên sau Tháng Thanh niên "
            "sáng tạo. Tỉnh Đoàn đề nghị Ban Thường trực xem xét gia hạn thời gian nhận hồ sơ đợt "
            "năm 2026 đến hết ngày 15/12/2026."
        ),
        at=_at(datetime.date(2026, 11, 25), 10),
    )


def present() -> bool:
    """True when the demo's first thread is already in the database."""
    return Thread.objects.filter(subject=WOMEN_SUBJECT).exists()


STEPS = [(77, feedback)]

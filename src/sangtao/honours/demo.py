"""The demo's honours: the Tây Ninh committee honours the collectives and authors of the
initiatives its 2019 council recognised, compiles the book of 2019 and pays a first prize,
through the same services as the pages."""

import datetime

from sangtao.accounts.models import User

from . import selectors, services
from .models import Honour, Source

DECISION_NUMBER = "58"
DECISION_DATE = datetime.date(2019, 12, 20)
INDIVIDUAL_PRIZE = 3_000_000
COLLECTIVE_PRIZE = 5_000_000
COLLECTIVE_REASON = (
    "Xây dựng kế hoạch hưởng ứng phong trào; có %(count)s sáng kiến được Hội đồng thẩm định "
    "tỉnh công nhận và ứng dụng vào thực tiễn."
)
INDIVIDUAL_REASON = (
    "Tác giả sáng kiến “%(title)s”, được Hội đồng thẩm định tỉnh công nhận và ứng dụng vào "
    "thực tiễn."
)
FOREWORD = (
    "Thực hiện Kế hoạch phát động phong trào thi đua “Đoàn kết sáng tạo”, năm 2019 các tập "
    "thể, cá nhân trong tỉnh đã có nhiều sáng kiến, ý tưởng mới được ứng dụng vào thực tiễn.\n"
    "Ấn phẩm “Gương người Việt đoàn kết sáng tạo” giới thiệu những sáng kiến tiêu biểu được "
    "Hội đồng thẩm định tỉnh công nhận, để lan tỏa và nhân rộng trong toàn tỉnh."
)


def demo_extend(context) -> None:
    officer = context.people["phongtrao"]
    province = context.units["province"]
    round = services.honours_round_open(
        movement=context.movement, unit=province, year=2019, by=officer
    )
    choices = {}
    for honour in round.honours.select_related("initiative"):
        collective = honour.kind == Honour.Kind.COLLECTIVE
        choices[honour.pk] = {
            "confirmed": True,
            # The plan's biểu dương of collectives (III.4, IV 2019); a Bằng khen for authors.
            "form": Honour.Form.PRAISE if collective else Honour.Form.MERIT,
            "prize_vnd": COLLECTIVE_PRIZE if collective else INDIVIDUAL_PRIZE,
            "source": Source.STATE_BUDGET if collective else Source.FUND,
            "reason": (
                COLLECTIVE_REASON % {"count": honour.recognised_count}
                if collective
                else INDIVIDUAL_REASON % {"title": honour.initiative.title}
            ),
        }
    services.honours_confirm(round=round, choices=choices, by=officer)
    # The vice-chair signs in the chair's place ("KT. CHỦ TỊCH"), as his position that day.
    signer = User.objects.filter(username="lanhdao").first()
    services.honours_decide(
        round=round,
        number=DECISION_NUMBER,
        date=DECISION_DATE,
        signer_title="",
        signer_name=signer.full_name if signer else "",
        by=officer,
    )
    # The yearly proposal to the central level, with the reasons (plan IV, V.2).
    if province.parent_id:
        services.honours_propose_up(
            round=round,
            honour_ids=list(
                round.honours.filter(kind=Honour.Kind.INDIVIDUAL).values_list("pk", flat=True)
            ),
            by=officer,
        )
    first = round.honours.filter(kind=Honour.Kind.INDIVIDUAL).order_by("order").first()
    if first is not None:
        services.payment_record(
            honour=first,
            paid_on=datetime.date(2020, 1, 10),
            amount_vnd=INDIVIDUAL_PRIZE,
            source=Source.FUND,
            reference="PC-2020-001",
            by=officer,
        )
    book = services.yearbook_create(
        movement=context.movement,
        unit=province,
        year=2019,
        title="Gương người Việt đoàn kết sáng tạo",
        foreword=FOREWORD,
        by=officer,
    )
    services.yearbook_pick(
        yearbook=book,
        initiative_ids=list(selectors.book_eligible(yearbook=book).values_list("pk", flat=True)),
        by=officer,
    )


STEPS = [(80, demo_extend)]

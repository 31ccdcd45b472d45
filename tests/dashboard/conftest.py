"""A small known tree for the dashboard: Tây Ninh before and after the 1 July 2025 reform, and
seven initiatives whose figures the tests know by heart.

    province
    ├── district Tân Châu ── commune Tân Hòa (closed 30/06/2025) ── school Tân Hòa
    ├── district Gò Dầu ── school Gò Dầu
    └── ward Tân Ninh (from 01/07/2025)

Round 2018: school: a draft (A), a submitted one (A, 10,000,000 đ), one recognised by the
district's council (A, 20,000,000 đ), one recognised by the province's council and nominated
to the central committee (B); school Gò Dầu: one not recognised (B, 5,000,000 đ).
Round 2025: commune Tân Hòa submitted one on 01/03/2025 (B), the ward one on 01/08/2025 (A).

The initiatives are written as the services leave them (states, dates, the appraising unit,
recognitions and nomination rows): this app only reads them.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from sangtao.appraisal.models import Council, Nomination, Recognition
from sangtao.initiatives.models import Initiative, InitiativeAuthor
from sangtao.movements.models import Milestone, Round

from .. import factories as f


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


@pytest.fixture
def reform(tree):
    from sangtao.orgs.models import OrgUnit

    OrgUnit.objects.filter(pk=tree["commune"].pk).update(valid_to=datetime.date(2025, 6, 30))
    tree["commune"].refresh_from_db()
    tree["ward"] = f.make_unit(
        "Ủy ban MTTQ Việt Nam phường Tân Ninh",
        parent=tree["province"],
        level_code="commune",
        valid_from=datetime.date(2025, 7, 1),
    )
    return tree


def file(
    *,
    unit,
    round,
    field,
    by,
    title,
    state="submitted",
    submitted=None,
    saving=None,
    appraisal_unit=None,
    authors=("Nguyễn Văn A",),
) -> Initiative:
    initiative = Initiative.objects.create(
        title=title,
        unit=unit,
        round=round,
        field=field,
        state=state,
        created_by=by,
        submitted_at=submitted,
        yearly_saving_vnd=saving,
        appraisal_unit=appraisal_unit,
    )
    share = Decimal(100) / len(authors)
    for order, name in enumerate(authors):
        InitiativeAuthor.objects.create(
            initiative=initiative,
            full_name=name,
            share=share.quantize(Decimal("0.01")),
            order=order,
        )
    return initiative


@pytest.fixture
def known(reform, movement, people):
    tree = reform
    round_2018 = movement.rounds.get(year=2018)
    round_2025 = Round.objects.create(movement=movement, year=2025, name="Năm 2025")
    a, b = list(movement.fields.order_by("order"))
    grade = movement.grades.order_by("-min_total").first()
    by = people["author"]
    councils = {
        "district": Council.objects.create(
            round=round_2018,
            unit=tree["district"],
            name="Hội đồng huyện Tân Châu 2018",
            decision_number="12/QĐ-MTTQ-TC",
            sealed_at=at(2018, 11, 1),
        ),
        "province": Council.objects.create(
            round=round_2018,
            unit=tree["province"],
            name="Hội đồng tỉnh Tây Ninh 2018",
            decision_number="45/QĐ-MTTQ-BTT",
            sealed_at=at(2018, 12, 1),
        ),
    }
    made = {"councils": councils, "round_2018": round_2018, "round_2025": round_2025}
    school = tree["school"]
    made["draft"] = file(
        unit=school, round=round_2018, field=a, by=by, title="Bản nháp", state="draft"
    )
    made["submitted"] = file(
        unit=school,
        round=round_2018,
        field=a,
        by=by,
        title="Sổ tay hòa giải",
        submitted=at(2018, 3, 1),
        saving=10_000_000,
    )
    made["recognised"] = file(
        unit=school,
        round=round_2018,
        field=a,
        by=by,
        title="Vườn rau sạch trong trường học",
        state="recognised",
        submitted=at(2018, 3, 2),
        saving=20_000_000,
        appraisal_unit=tree["district"],
        authors=("Trần Thị Hoa", "Lê Văn Đức"),
    )
    made["nominated"] = file(
        unit=school,
        round=round_2018,
        field=b,
        by=by,
        title="Thư viện số của trường",
        state="in_appraisal",
        submitted=at(2018, 3, 3),
        appraisal_unit=tree["central"],
        authors=("Phạm Thị Lý",),
    )
    made["rejected"] = file(
        unit=tree["other_school"],
        round=round_2018,
        field=b,
        by=by,
        title="Thư viện xanh Gò Dầu",
        state="not_recognised",
        submitted=at(2018, 3, 4),
        saving=5_000_000,
        appraisal_unit=tree["province"],
    )
    made["before_reform"] = file(
        unit=tree["commune"],
        round=round_2025,
        field=b,
        by=by,
        title="Số hóa hồ sơ xã",
        submitted=at(2025, 3, 1),
    )
    made["after_reform"] = file(
        unit=tree["ward"],
        round=round_2025,
        field=a,
        by=by,
        title="Phường không giấy tờ",
        submitted=at(2025, 8, 1),
    )
    Recognition.objects.create(
        initiative=made["recognised"],
        council=councils["district"],
        unit=tree["district"],
        grade=grade,
        total=Decimal("36"),
        recognised_at=at(2018, 11, 1),
    )
    Recognition.objects.create(
        initiative=made["nominated"],
        council=councils["province"],
        unit=tree["province"],
        grade=grade,
        total=Decimal("34"),
        recognised_at=at(2018, 12, 1),
    )
    Nomination.objects.create(
        initiative=made["nominated"],
        from_council=councils["province"],
        to_unit=tree["central"],
        nominated_by=people["officer"],
        nominated_at=at(2018, 12, 2),
    )
    Milestone.objects.create(
        movement=movement,
        due_on=datetime.date(2018, 6, 30),
        title="Thành lập Hội đồng cấp tỉnh",
        done_on=datetime.date(2018, 6, 1),
    )
    Milestone.objects.create(
        movement=movement, due_on=datetime.date(2018, 9, 30), title="Sơ kết phong trào"
    )
    return made


@pytest.fixture
def dashboard_people(reform, people):
    """A leader of the district Tân Châu, the clerk of the district Gò Dầu (people's
    other_clerk) and the province's officer."""
    return {
        "officer": people["officer"],
        "leader": people["leader"],
        "other_clerk": people["other_clerk"],
        "author": people["author"],
    }

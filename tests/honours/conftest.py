"""Recognised initiatives of 2018 in two districts of Tây Ninh (and one of 2019), recorded as a
sealed council leaves them: Recognition rows of the province's council."""

import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.utils import timezone

from sangtao.accounts.models import Role
from sangtao.appraisal.models import Council, Nomination, Recognition
from sangtao.honours import services
from sangtao.initiatives import services as initiative_services
from sangtao.initiatives.models import Initiative
from sangtao.movements.models import Round

from ..factories import complete_dossier, make_user

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def recognise(*, movement, unit, title, authors, council, year=2018, **extra) -> Initiative:
    """An initiative filed through the service, then recognised by `council`."""
    data = complete_dossier(movement, unit) | {"title": title} | extra
    data["round"] = movement.rounds.get(year=year)
    filer = make_user(unit=unit, roles=((Role.AUTHOR, unit),))
    initiative = initiative_services.initiative_create(by=filer, data=data, authors=authors)
    Initiative.objects.filter(pk=initiative.pk).update(state="recognised")
    Recognition.objects.create(
        initiative=initiative,
        council=council,
        unit=council.unit,
        grade=movement.grades.order_by("-min_total").first(),
        total=Decimal("35"),
    )
    return initiative


def authors(*names) -> list[dict]:
    share = Decimal(100) / len(names)
    return [
        {"full_name": n, "unit_name": "", "share": share.quantize(Decimal("0.01"))} for n in names
    ]


@pytest.fixture
def recognised(movement, tree):
    """Two initiatives of the school (district Tân Châu), one of the other school (Gò Dầu),
    recognised in 2018 by the province's council; one of the school in 2019."""
    Round.objects.create(movement=movement, year=2019, name="Năm 2019")
    province = tree["province"]
    councils = {
        year: Council.objects.create(
            round=movement.rounds.get(year=year),
            unit=province,
            name=f"Hội đồng thẩm định tỉnh Tây Ninh năm {year}",
            sealed_at=timezone.now(),
        )
        for year in (2018, 2019)
    }
    made = {
        "hoa": recognise(
            movement=movement,
            unit=tree["school"],
            title="Sổ tay điện tử cho giáo viên chủ nhiệm",
            authors=authors("Trần Thị Hoa", "Lê Văn Đức"),
            council=councils[2018],
        ),
        "ly": recognise(
            movement=movement,
            unit=tree["school"],
            title="Vườn rau sạch trong trường học",
            authors=authors("Phạm Thị Lý"),
            council=councils[2018],
            first_applied_on=None,
            benefits="Tiết kiệm bí mật 40 triệu đồng mỗi năm.",
            confidential_sections=["benefits"],
        ),
        "other": recognise(
            movement=movement,
            unit=tree["other_school"],
            title="Thư viện xanh Gò Dầu",
            authors=authors("Võ Thị Ngọc Ánh"),
            council=councils[2018],
        ),
        "later": recognise(
            movement=movement,
            unit=tree["school"],
            title="Sáng kiến của năm sau",
            authors=authors("Đặng Văn Sau"),
            council=councils[2019],
            year=2019,
        ),
    }
    made["councils"] = councils
    return made


@pytest.fixture
def officers(tree):
    """An officer of the district Tân Châu and one of the district Gò Dầu."""
    return {
        "district": make_user(
            "phongtrao_tc", unit=tree["district"], roles=((Role.OFFICER, tree["district"]),)
        ),
        "other": make_user(
            "phongtrao_gd",
            unit=tree["other_district"],
            roles=((Role.OFFICER, tree["other_district"]),),
        ),
    }


@pytest.fixture
def honours_round(movement, tree, people, recognised):
    """The province's honours round of 2018 with its proposed candidates."""
    return services.honours_round_open(
        movement=movement, unit=tree["province"], year=2018, by=people["officer"]
    )


def confirm_all(round, by, prize=5_000_000):
    """Confirm every candidate: collectives a commendation, people a certificate of merit."""
    choices = {
        h.pk: {
            "confirmed": True,
            "form": "commendation" if h.kind == "collective" else "merit",
            "prize_vnd": prize,
            "source": "fund",
        }
        for h in round.honours.all()
    }
    return services.honours_confirm(round=round, choices=choices, by=by)


@pytest.fixture
def decided(honours_round, people):
    confirm_all(honours_round, people["officer"])
    return services.honours_decide(
        round=honours_round,
        number="15",
        date=datetime.date(2019, 1, 20),
        signer_title="Chủ tịch",
        signer_name="Nguyễn Thị Thanh Hương",
        by=people["officer"],
    )


def nominate(initiative, council, to_unit, by):
    return Nomination.objects.create(
        initiative=initiative, from_council=council, to_unit=to_unit, nominated_by=by
    )


def pdf_text(content: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def soffice_convert(source, target: str, tmp_path):
    """Convert a file with LibreOffice headless; returns the converted file's path."""
    out = tmp_path / "out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{source.stem}.{target.split(':')[0]}"

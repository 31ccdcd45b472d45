"""The pages of the movement's offices, in a real browser on the demo data, as the demo's
people open them: each passes `Window.check` (no serious accessibility violation, fits a
375 px screen, Vietnamese, every asset served here). The journey test follows one initiative;
this one walks the registers, the tree, the people and the threads an office works in."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from sangtao.accounts.models import User
from sangtao.appraisal.models import Council
from sangtao.certificates.models import Certificate
from sangtao.consultations.models import Consultation
from sangtao.feedback.models import Thread
from sangtao.honours.models import HonoursRound, Yearbook
from sangtao.initiatives.models import Initiative
from sangtao.movements.models import Movement
from sangtao.orgs.models import OrgUnit
from sangtao.practices.models import Practice
from sangtao.reports.models import ReportPeriod

from ..security.conftest import code, enrol
from . import journey as j

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(live_server):
    call_command("demo_data", verbosity=0)
    for user in User.objects.filter(username__in=["phongtrao", "quantri", "vanthu.phunu"]):
        user.set_password(j.PASSWORD)
        user.save(update_fields=["password"])


def _visit(window, pages) -> None:
    for step, path in pages:
        window.goto(path)
        window.check(step)


def test_office_pages_fit_a_phone_and_pass_the_accessibility_check(journey, demo):
    officer = User.objects.get(username="phongtrao")
    device = enrol(officer)
    window = journey.window("officer")
    j.sign_in(window, username="phongtrao", one_time_code=lambda: code(device, offset=1))
    practice = Practice.objects.order_by("pk").first()
    consultation = Consultation.objects.get()
    period = ReportPeriod.objects.order_by("pk").first()
    _visit(
        window,
        [
            ("practices", reverse("practices:practices")),
            ("practice", reverse("practices:practice_detail", args=[practice.pk])),
            ("events", reverse("activities:events")),
            ("plans", reverse("activities:plans")),
            ("consultations", reverse("consultations:consultations")),
            ("consultation", reverse("consultations:consultation_detail", args=[consultation.pk])),
            ("feedback-inbox", reverse("feedback:inbox")),
            ("periods", reverse("reports:periods")),
            ("period", reverse("reports:period", args=[period.pk])),
            ("dashboard", reverse("dashboard:index")),
            ("account", reverse("account")),
        ],
    )
    # The lists an officer reads, and the pages they open from them.
    council = Council.objects.order_by("pk").first()
    dossier = Initiative.objects.filter(campaigns__isnull=False).order_by("pk").first()
    _visit(
        window,
        [
            ("councils", reverse("appraisal:list")),
            ("council", reverse("appraisal:council", args=[council.pk])),
            ("ranking", reverse("appraisal:ranking", args=[council.pk])),
            ("dossier", reverse("initiatives:detail", args=[dossier.public_id])),
            ("certificates", reverse("certificates:registry")),
            ("honours", reverse("honours:index")),
            ("honours-register", reverse("honours:register")),
            ("honours-ledger", reverse("honours:ledger")),
            ("budget-lines", reverse("budget:lines")),
            ("budget-summary", reverse("budget:summary")),
            ("inspections", reverse("activities:inspections")),
            ("movements", reverse("movements:list")),
            ("movement", reverse("movements:detail", args=[Movement.objects.first().pk])),
            ("challenges", reverse("challenges:list")),
            ("jobs", reverse("jobs:mine")),
            ("ideas", reverse("portal:list")),
            ("public-practices", reverse("practices:public_list")),
            ("open-data", reverse("api:opendata")),
            ("movement-fields", reverse("movements:fields", args=[Movement.objects.first().pk])),
            (
                "movement-criteria",
                reverse("movements:criteria", args=[Movement.objects.first().pk]),
            ),
        ],
    )
    # What the demo holds of them, when it holds one.
    found = [
        ("certificate", "certificates:detail", Certificate.objects.order_by("pk").first()),
        ("honours-round", "honours:round", HonoursRound.objects.order_by("pk").first()),
        ("yearbook", "honours:book", Yearbook.objects.order_by("pk").first()),
    ]
    _visit(window, [(step, reverse(name, args=[row.pk])) for step, name, row in found if row])

    admin = User.objects.get(username="quantri")
    device = enrol(admin)
    window = journey.window("admin")
    j.sign_in(window, username="quantri", one_time_code=lambda: code(device, offset=1))
    commune = OrgUnit.objects.filter(level__code="commune", valid_to__isnull=True).first()
    _visit(
        window,
        [
            ("tree", reverse("orgs:tree")),
            ("unit", reverse("orgs:detail", args=[commune.pk])),
            ("unit-close", reverse("orgs:close", args=[commune.pk])),
            ("people", reverse("people")),
            ("person", reverse("people_detail", args=[officer.pk])),
            ("api-tokens", reverse("api:tokens")),
            ("jobs", reverse("jobs:mine")),
        ],
    )

    clerk = journey.window("clerk")
    j.sign_in(clerk, username="vanthu.phunu")
    thread = Thread.objects.filter(unit__pk=User.objects.get(username="vanthu.phunu").unit_id)
    _visit(
        clerk,
        [
            ("my-author-rows", reverse("initiatives:author_rows")),
            ("consultation", reverse("consultations:consultation_detail", args=[consultation.pk])),
            ("feedback-inbox", reverse("feedback:inbox")),
            ("feedback-thread", reverse("feedback:detail", args=[thread.first().pk])),
            ("practices", reverse("practices:practices")),
        ],
    )


def test_language_check_names_english_raw_codes_and_foreign_formats():
    shown = (
        "Trạng thái: submitted · Nộp ngày 2018-03-01 · hạn 3/1/2018 · None\n"
        "Số tiền làm lợi 1,250,000 đ · tỷ lệ 50 % · Submit · Từ trùng nhau: so, lien lac"
    )
    assert [problem.split(" in ")[0] for problem in j.language_problems(shown)] == [
        "'2018-03-01'",
        "'3/1/2018'",
        "'1,250,000 đ'",
        "'0 %'",
        "'None'",
        "'Submit'",
        "'submitted'",
        "'lien lac'",
    ]
    vietnamese = (
        "Đã nộp ngày 01/03/2018 · 12.500.000 đ · 100% · tệp thuyet-minh.pdf · "
        "“ung dung phan mem quan ly” trong cơ sở dữ liệu"
    )
    assert j.language_problems(vietnamese) == []

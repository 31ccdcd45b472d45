"""An initiative's journey through the pages, in a real browser, as its people take it: from
the author's dossier to the council's seal, the certificate, and the public idea database; and
the movement's periodic report, from the period opened to the province's DOCX."""

import datetime
import io
import re

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from sangtao.accounts.models import Role
from sangtao.initiatives.models import Initiative

from ..factories import make_user
from ..security.conftest import code, enrol
from . import journey as j

pytestmark = pytest.mark.e2e

DOSSIER = j.Dossier(
    title="Ứng dụng phần mềm quản lý hồ sơ học sinh",
    round_name="Năm 2018",
    field_name="Đơn vị sự nghiệp",
    summary="Số hóa hồ sơ học sinh của trường.",
    essence="Xây dựng cơ sở dữ liệu học sinh và cập nhật trên điện thoại.",
    first_applied_on=datetime.date(2018, 3, 1),
    application_scope="Các lớp trong trường",
    benefits="Giảm thời gian tổng hợp báo cáo từ 5 ngày xuống 1 ngày.",
    yearly_saving_vnd=12_500_000,
    conditions="Có điện thoại thông minh",
    # An individual initiative: the author is the filer, as the form offers them (their
    # profile's name and unit, linked to their account); their profile has no position.
    author_name="Nguyễn Văn tacgia",
    author_unit="Trường THCS Tân Hòa",
    author_position="Giáo viên",
)
# Each member's scores, by criterion (tests/factories.py:make_movement: 0-20 each, weight 1;
# "Xuất sắc" from 32).
SCORES = [{"Tính mới": "18", "Tính kinh tế": "17"}, {"Tính mới": "16", "Tính kinh tế": "18,5"}]


def test_initiative_journey_from_filing_to_the_public_idea_database(
    journey, people, council, settings, tmp_path
):
    # The links printed on the certificates lead to this server.
    settings.SITE_URL = journey.base_url

    author = journey.window("author")
    j.sign_in(author, username=people["author"].username)
    path = j.file_initiative(author, DOSSIER)
    j.attach_file(author, j.small_pdf(tmp_path / "thuyet-minh.pdf"), description="Thuyết minh")
    j.submit(author)

    clerk = journey.window("clerk")
    j.sign_in(clerk, username=people["clerk"].username)
    j.open_unit_queue(clerk)
    j.open_initiative(clerk, DOSSIER.title)
    j.forward(clerk)

    j.open_my_initiatives(author)
    j.open_initiative(author, DOSSIER.title)
    assert author.page.url.endswith(path)
    assert author.main.locator(".state-badge").inner_text() == "Đang thẩm định"
    assert j.history(author) == [
        "Nguyễn Văn tacgia Đã tạo bản nháp.",
        "Nguyễn Văn tacgia Đã đính kèm một tệp. Tệp: thuyet-minh.pdf",
        "Nguyễn Văn tacgia Đã nộp hồ sơ. (Bản nháp → Đã nộp)",
        "Nguyễn Văn vanthu Đã chuyển hồ sơ đến hội đồng thẩm định. (Đã nộp → Đang thẩm định)",
    ]

    # The council's secretary gives the initiative to two members, by hand.
    secretary = journey.window("secretary")
    j.sign_in(secretary, username=people["secretary"].username)
    j.open_council(secretary, council.name)
    for member in council.scorers:
        j.assign(secretary, DOSSIER.title, member=member.display_name)

    # Each member opens their score sheets and scores it.
    for number, (member, scores) in enumerate(zip(council.scorers, SCORES, strict=True), 1):
        window = journey.window(f"member{number}")
        j.sign_in(window, username=member.username)
        j.open_score_sheets(window)
        j.score(window, DOSSIER.title, scores, comment="Có tính mới, áp dụng được ngay.")

    # The secretary reads the sheets and their weighted totals; the council recognises it.
    j.open_council(secretary, council.name)
    j.open_results(secretary, DOSSIER.title)
    assert j.sheet_totals(secretary) == {"Lê Thị Một": "35,00", "Võ Văn Hai": "34,50"}
    assert j.council_figure(secretary, "Xếp loại đề xuất") == "Xuất sắc"
    j.decide(secretary, outcome="Được công nhận", grade="Xuất sắc")

    # The chair signs in with the code of their authenticator app, reads the ranking, seals
    # the results and issues the council's certificates.
    chair = journey.window("chair")
    j.sign_in(
        chair,
        username=council.chair.username,
        one_time_code=lambda: code(council.chair_device, 1),
    )
    j.open_council(chair, council.name)
    j.open_ranking(chair)
    ranked = chair.main.get_by_role("row").filter(has_text=DOSSIER.title).inner_text()
    assert "34,75" in ranked  # the mean of the two weighted totals
    # Printed for the paper file: the ranking's rows, every column, numbered pages; no menu,
    # no button, no link back.
    printed = j.print_page(chair, tmp_path / "ranking.pdf")
    words = " ".join(printed.split())
    for shown in ("Bảng xếp hạng", "Ứng dụng phần", "34,75 0,50 Xuất sắc", "Trường THCS Tân Hòa"):
        assert shown in words
    for hidden in ("Đăng xuất", "Phiếu chấm của tôi", "Niêm phong kết quả", "← Hội đồng"):
        assert hidden not in words
    assert re.search(r"^1 ?/ ?1$", printed, re.MULTILINE)
    j.open_council(chair, council.name)
    j.seal(chair)
    j.issue_certificates(chair, decision_number="15/QĐ-MTTQ")

    # The author sees the initiative recognised and finds their own certificate among theirs
    # (their author row is linked to their account): a PDF that names them, tones intact.
    j.open_my_initiatives(author)
    j.open_initiative(author, DOSSIER.title)
    expect(author.main.locator(".state-badge")).to_have_text("Được công nhận")
    printed = j.print_page(author, tmp_path / "dossier.pdf")
    words = " ".join(printed.split())
    for shown in (DOSSIER.title, "Được công nhận", "12.500.000 đ", "Nguyễn Văn tacgia Trường"):
        assert shown in words
    for hidden in ("Đăng xuất", "Sáng kiến của tôi", "Khai báo xung đột", "Đề nghị liên kết"):
        assert hidden not in words
    assert re.findall(r"^(\d) ?/ ?2$", printed, re.MULTILINE) == ["1", "2"]
    j.open_my_certificates(author)
    pdf = j.download_certificate(author, DOSSIER.author_name)
    assert pdf.startswith(b"%PDF-")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = " ".join(page.extract_text().split())
    assert (
        f"chứng nhận {DOSSIER.author_name} {DOSSIER.author_unit} Là tác giả của sáng kiến" in text
    )
    assert f"“{DOSSIER.title}”" in text
    [link] = {a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])}  # the QR's link
    assert link.startswith(f"{journey.base_url}/certificates/v/")
    check_code = re.search(r"Mã kiểm tra: (\w{5}-\w{5})", text).group(1)

    # Anyone with the paper: the link under its QR code, then its serial and check code.
    public = journey.window("public")
    j.verify_link(public, link)
    public.expect_message("Giấy chứng nhận thật")
    assert j.verified_field(public, "Cấp cho").startswith(DOSSIER.author_name)
    assert j.verified_field(public, "Sáng kiến") == DOSSIER.title
    serial = j.verified_field(public, "Số hiệu")
    assert serial in text
    j.verify_by_code(public, serial=f" {serial.lower()} ", check_code=check_code.lower())
    assert public.page.url == link

    # And anyone finds it in the idea database, typing without the tones.
    j.search_ideas(public, "ung dung phan mem quan ly ho so hoc sinh")
    j.open_idea(public, DOSSIER.title)
    assert DOSSIER.author_name in public.main.get_by_role("region", name="Tác giả").inner_text()


# --- the periodic report -------------------------------------------------------------------

PERIOD = j.Period(
    movement="Đoàn kết sáng tạo 2018-2020",
    kind="Báo cáo 6 tháng",
    title="Báo cáo 6 tháng đầu năm 2018",
    starts_on=datetime.date(2018, 1, 1),
    ends_on=datetime.date(2018, 6, 30),
    deadline=datetime.date(2018, 7, 10),
    level="Huyện, quận, thị xã, thành phố thuộc tỉnh",
    receiver="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
)
SUBMITTED = "Số sáng kiến, ý tưởng mới đã đăng ký"


@pytest.fixture
def half_year(movement, tree, people):
    """Initiatives submitted in the first half of 2018: two of the Tân Châu school, one of
    the Gò Dầu school; and the Tân Châu district's clerk who writes its report."""
    for unit, count in ((tree["school"], 2), (tree["other_school"], 1)):
        for number in range(count):
            Initiative.objects.create(
                title=f"Sáng kiến {number + 1} của {unit.name}",
                round=movement.rounds.get(),
                unit=unit,
                state="submitted",
                submitted_at=timezone.make_aware(datetime.datetime(2018, 3, 10 + number, 9)),
                created_by=people["author"],
            )
    return make_user(
        "vanthu.tanchau", unit=tree["district"], roles=((Role.CLERK, tree["district"]),)
    )


def _cells(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def _unit_figures(document, indicator: str) -> dict[str, list[str]]:
    """{unit: [state, figure]} from the roll-up table whose columns hold `indicator` (the
    indicators are split over several tables of a few columns each)."""
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if indicator in header:
            column = header.index(indicator)
            return {
                row.cells[1].text: [row.cells[2].text, row.cells[column].text]
                for row in table.rows[1:]
            }
    return {}


def test_report_journey_from_opening_a_period_to_the_province_docx(
    journey, tree, people, half_year
):
    # The province's movement officer opens the half year's period for its districts.
    device = enrol(people["officer"])
    officer = journey.window("officer")
    j.sign_in(officer, username=people["officer"].username, one_time_code=lambda: code(device, 1))
    j.open_periods(officer)
    j.open_report_period(officer, PERIOD, units=2)

    # Each district's clerk finds its report filled in from the platform, writes and sends it.
    for who, clerk, unit, figure in (
        ("tanchau", half_year, tree["district"], "2"),
        ("godau", people["other_clerk"], tree["other_district"], "1"),
    ):
        window = journey.window(who)
        j.sign_in(window, username=clerk.username)
        j.open_periods(window)
        j.open_period(window, PERIOD.title)
        j.open_report(window, unit.name)
        assert j.report_figure(window, SUBMITTED) == figure
        j.write_report(window, results=f"{unit.name} phát động phong trào tới mọi xã.")
        j.send_report(window)

    # The province's report adds them up; the officer writes, signs, sends and downloads it.
    j.open_periods(officer)
    j.open_period(officer, PERIOD.title)
    j.open_report(officer, PERIOD.receiver)
    assert j.report_figure(officer, SUBMITTED) == "3"
    j.write_report(
        officer,
        results="Toàn tỉnh có 3 sáng kiến đăng ký trong 6 tháng.",
        number="15",
        signer=("Chủ tịch", "Huỳnh Văn Quang"),
    )
    j.send_report(officer)
    document = docx.Document(io.BytesIO(j.download_report(officer)))

    cells = _cells(document)
    assert ["1", SUBMITTED, "3", ""] in cells
    by_unit = _unit_figures(document, SUBMITTED)
    assert by_unit[tree["district"].name] == ["Đã gửi", "2"]
    assert by_unit[tree["other_district"].name] == ["Đã gửi", "1"]
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Toàn tỉnh có 3 sáng kiến đăng ký trong 6 tháng." in text
    assert f"{tree['district'].name} phát động phong trào tới mọi xã." in text
    assert "Huỳnh Văn Quang" in "\n".join(" ".join(row) for row in cells) + text

"""An initiative's journey through the pages, in a real browser, as its people take it: from
the author's dossier to the council's seal, the certificate, and the public idea database."""

import datetime
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from ..security.conftest import code
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
    j.open_council(chair, council.name)
    j.seal(chair)
    j.issue_certificates(chair, decision_number="15/QĐ-MTTQ")

    # The author sees the initiative recognised and finds their own certificate among theirs
    # (their author row is linked to their account): a PDF that names them, tones intact.
    j.open_my_initiatives(author)
    j.open_initiative(author, DOSSIER.title)
    expect(author.main.locator(".state-badge")).to_have_text("Được công nhận")
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
    j.verify_by_code(public, serial=serial, check_code=check_code)
    assert public.page.url == link

    # And anyone finds it in the idea database, typing without the tones.
    j.search_ideas(public, "ung dung phan mem quan ly ho so hoc sinh")
    j.open_idea(public, DOSSIER.title)
    assert DOSSIER.author_name in public.main.get_by_role("region", name="Tác giả").inner_text()

"""An initiative's journey through the pages, in a real browser, as its people take it."""

import datetime

import pytest

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
    author_name="Trần Thị Hoa",
    author_unit="Trường THCS Tân Hòa",
    author_position="Giáo viên",
)


def test_initiative_journey_from_filing_to_appraisal(journey, people, movement, tmp_path):
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
        "Nguyễn Văn tacgia Tạo bản nháp",
        "Nguyễn Văn tacgia Đính kèm tệp: thuyet-minh.pdf",
        "Nguyễn Văn tacgia Đã nộp (Bản nháp → Đã nộp)",
        "Nguyễn Văn vanthu Chuyển Hội đồng thẩm định (Đã nộp → Đang thẩm định)",
    ]

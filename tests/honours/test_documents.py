"""The honours decision and the yearly book: real files, opened with pypdf and converted by
LibreOffice; the book never prints a confidential part; its job shows progress."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from sangtao.honours import documents, services
from sangtao.initiatives.models import Attachment
from sangtao.jobs.models import Job

from .conftest import needs_soffice, nominate, pdf_text, soffice_convert

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _prepared(client, url, run_jobs):
    """Ask for a file (a job, run at once) and download it from the job's page."""
    with run_jobs():
        asked = client.post(url)
    assert asked.status_code == 302
    job = Job.objects.get(public_id=asked["Location"].rstrip("/").rsplit("/", 1)[1])
    assert job.state == "done", job.error
    response = client.get(reverse("jobs:download", args=[job.public_id]))
    return job, b"".join(response.streaming_content)


def test_the_decision_pdf_names_the_honoured_with_their_diacritics(
    decided, people, client_for, run_jobs
):
    job, content = _prepared(
        client_for(people["officer"]),
        reverse("honours:round_file", args=[decided.pk, "pdf"]),
        run_jobs,
    )
    assert job.file_name == f"quyet-dinh-khen-thuong-2018-{decided.pk}.pdf"
    text = pdf_text(content)
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "ỦY BAN MTTQ VIỆT NAM TỈNH TÂY NINH",
        "BAN THƯỜNG TRỰC",
        "Số: 15/QĐ-MTTQ",
        "Tây Ninh, ngày 20 tháng 01 năm 2019",
        "QUYẾT ĐỊNH",
        "Khen thưởng 2 tập thể và 4 cá nhân",
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
        "Trần Thị Hoa",
        "Võ Thị Ngọc Ánh",
        "Trường THPT Gò Dầu",
        "Bằng khen",
        "Giấy khen",
        "Nguyễn Thị Thanh Hương",
        "30.000.000",
        "(Quỹ “Người Việt sáng tạo”)",
    ]:
        assert expected in text, expected


@needs_soffice
def test_libreoffice_converts_the_decision_docx(decided, tmp_path):
    content, name = documents.decision_paper(round=decided, extension="docx")
    source = tmp_path / "quyet-dinh.docx"
    source.write_bytes(content)
    text = soffice_convert(source, "txt:Text", tmp_path).read_text(encoding="utf-8-sig")
    text = " ".join(text.split())
    assert "Lê Văn Đức" in text and "Phạm Thị Lý" in text
    assert "TM. BAN THƯỜNG TRỰC" in text
    import pypdf

    # Laid out by LibreOffice (with whatever serif font the machine has).
    assert len(pypdf.PdfReader(soffice_convert(source, "pdf", tmp_path)).pages) >= 2


# --- the yearly book -------------------------------------------------------------------------


@pytest.fixture
def book(movement, tree, people, recognised):
    """The province's book of 2018: the three initiatives recognised at province level."""
    book = services.yearbook_create(
        movement=movement,
        unit=tree["province"],
        year=2018,
        title="Gương người Việt đoàn kết sáng tạo",
        foreword="Ấn phẩm tập hợp những sáng kiến tiêu biểu của tỉnh.",
        by=people["officer"],
    )
    ids = [recognised[key].pk for key in ("hoa", "ly", "other")]
    services.yearbook_pick(yearbook=book, initiative_ids=ids, by=people["officer"])
    return book


def _photo(initiative, by):
    attachment = Attachment(
        initiative=initiative,
        original_name="anh.png",
        content_type="image/png",
        size=len(PNG),
        sha256="0" * 64,
        uploaded_by=by,
    )
    attachment.file.save("anh.png", ContentFile(PNG), save=False)
    attachment.save()
    return attachment


def test_the_book_pdf_has_contents_every_initiative_and_no_secret(
    book, recognised, people, client_for, run_jobs
):
    _photo(recognised["hoa"], people["officer"])
    job, content = _prepared(
        client_for(people["officer"]), reverse("honours:book_file", args=[book.pk, "pdf"]), run_jobs
    )
    # The job counted the initiatives as it went.
    assert (job.progress_done, job.progress_total) == (3, 3)
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    text = " ".join(pages)
    assert "GƯƠNG NGƯỜI VIỆT ĐOÀN KẾT SÁNG TẠO" in pages[0]
    assert "LỜI NÓI ĐẦU" in text and "sáng kiến tiêu biểu của tỉnh" in text
    contents = next(page for page in pages if "MỤC LỤC" in page)
    for title in [
        "Sổ tay điện tử cho giáo viên chủ nhiệm",
        "Vườn rau sạch trong trường học",
        "Thư viện xanh Gò Dầu",
    ]:
        assert title in contents
        assert sum(title in page for page in pages) >= 2  # the contents and its own page
    assert "Trần Thị Hoa, Lê Văn Đức" in text
    assert "BẢNG TRA CỨU ĐƠN VỊ" in text
    # Phạm Thị Lý kept the benefits confidential: never printed.
    assert "bí mật" not in text
    assert "Giảm thời gian tổng hợp báo cáo" in text  # others' benefits are
    # The photo of the first initiative is embedded.
    assert any(page.images for page in reader.pages)
    # The finished file stays on the book's page.
    page = client_for(people["officer"]).get(reverse("honours:book", args=[book.pk]))
    assert job.file_name in page.content.decode()


def test_the_book_hides_a_photo_kept_confidential(book, recognised, people):
    import pypdf

    _photo(recognised["ly"], people["officer"])
    content, _name = documents.book_file(yearbook=book, extension="pdf")
    assert any(page.images for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    recognised["ly"].confidential_sections = ["benefits", "attachments"]
    recognised["ly"].save()
    content, _name = documents.book_file(yearbook=book, extension="pdf")
    assert not any(page.images for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def test_the_book_job_reports_progress_per_initiative(book):
    seen = []
    documents.book_file(
        yearbook=book,
        extension="pdf",
        progress=lambda done, total, message="", **params: seen.append((done, total)),
    )
    assert {total for _done, total in seen} == {3}
    dones = [done for done, _total in seen]
    assert dones == sorted(dones) and dones[-1] == 3


@needs_soffice
def test_libreoffice_converts_the_book_docx_without_secrets(book, tmp_path):
    content, name = documents.book_file(yearbook=book, extension="docx")
    assert name == f"guong-nguoi-viet-doan-ket-sang-tao-2018-{book.pk}.docx"
    source = tmp_path / "an-pham.docx"
    source.write_bytes(content)
    text = " ".join(soffice_convert(source, "txt:Text", tmp_path).read_text("utf-8-sig").split())
    for expected in ["MỤC LỤC", "Thư viện xanh Gò Dầu", "Võ Thị Ngọc Ánh", "BẢNG TRA CỨU ĐƠN VỊ"]:
        assert expected in text
    assert "bí mật" not in text


def test_only_province_recognised_or_nominated_initiatives_can_be_picked(
    book, movement, tree, people, recognised
):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from sangtao.appraisal.models import Council, Recognition

    # Recognised only by the district: not eligible, until nominated to the central level.
    council = Council.objects.create(
        round=movement.rounds.get(year=2018), unit=tree["district"], name="Hội đồng huyện"
    )
    initiative = recognised["hoa"]
    district_only = type(initiative).objects.create(
        title="Sáng kiến cấp huyện",
        unit=tree["school"],
        round=movement.rounds.get(year=2018),
        created_by=people["author"],
        state="recognised",
    )
    Recognition.objects.create(
        initiative=district_only,
        council=council,
        unit=tree["district"],
        grade=movement.grades.first(),
    )
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.yearbook_pick(
            yearbook=book, initiative_ids=[district_only.pk], by=people["officer"]
        )
    assert "Chỉ đưa vào ấn phẩm những sáng kiến" in error.value.messages[0]
    assert book.entries.count() == 3
    nominate(district_only, council, tree["central"], people["officer"])
    assert (
        services.yearbook_pick(
            yearbook=book, initiative_ids=[district_only.pk], by=people["officer"]
        )
        == 1
    )


def test_a_forged_pick_by_another_districts_officer_is_refused(book, officers, client_for):
    response = client_for(officers["other"]).post(
        reverse("honours:book_pick", args=[book.pk]), {"initiative": []}
    )
    assert response.status_code == 404
    assert book.entries.count() == 3

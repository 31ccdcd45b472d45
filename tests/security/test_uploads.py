"""Hostile uploads through the pages: a renamed executable, a file of the wrong type, an
oversized file, a damaged XLSX or DOCX and a zip bomb are refused with a Vietnamese message,
and leave no file on disk and no row behind."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sangtao.appraisal.models import Assignment
from sangtao.core.models import AuditEvent
from sangtao.initiatives import services as initiatives
from sangtao.initiatives.models import Attachment

from ..appraisal.conftest import council, forwarded  # noqa: F401 - fixtures
from ..factories import ONE_AUTHOR, complete_dossier

VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 2000
DAMAGED_ZIP = b"PK\x03\x04" + b"\x14\x00\x00\x00\x08\x00" + b"\xde\xad\xbe\xef" * 500


def _vietnamese(text: str) -> bool:
    return bool(VIETNAMESE & set(text.lower()))


def _stored_files() -> list[Path]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _zip_bomb() -> bytes:
    """An XLSX-shaped archive of 200 KB that expands to 80 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (80 * 1024 * 1024))
    return buffer.getvalue()


def _docx_shell() -> bytes:
    """A ZIP that claims to be a DOCX by its content types but holds no document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<<< not xml")
    return buffer.getvalue()


@pytest.fixture
def draft(movement, tree, people):
    return initiatives.initiative_create(
        by=people["author"], data=complete_dossier(movement, tree["school"]), authors=ONE_AUTHOR
    )


ATTACHMENTS = {
    "an executable renamed .pdf": ("thuyet-minh.pdf", EXECUTABLE, "application/pdf"),
    "a script renamed .docx": ("bao-cao.docx", b"<script>alert(1)</script>", "text/html"),
    "a damaged zip named .xlsx": ("so-lieu.xlsx", DAMAGED_ZIP, "application/octet-stream"),
    "an empty file": ("trong.pdf", b"", "application/pdf"),
}


@pytest.mark.parametrize("case", sorted(ATTACHMENTS))
def test_a_hostile_attachment_is_refused_and_leaves_nothing(
    case, draft, people, client_for, settings
):
    name, content, content_type = ATTACHMENTS[case]
    events = AuditEvent.objects.count()
    response = client_for(people["author"]).post(
        reverse("initiatives:attachment_upload", args=[draft.public_id]),
        {"upload": SimpleUploadedFile(name, content, content_type=content_type)},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown and all(_vietnamese(message) for message in shown), shown
    assert not Attachment.objects.filter(initiative=draft).exists()
    assert AuditEvent.objects.count() == events
    assert _stored_files() == []


def test_an_oversized_attachment_is_refused_before_it_is_stored(
    draft, people, client_for, settings
):
    settings.ATTACHMENT_MAX_BYTES = 1024
    pdf = b"%PDF-1.4\n" + b"0" * 4096 + b"\n%%EOF\n"
    response = client_for(people["author"]).post(
        reverse("initiatives:attachment_upload", args=[draft.public_id]),
        {"upload": SimpleUploadedFile("lon.pdf", pdf, content_type="application/pdf")},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert any("1,0" in message or "KB" in message for message in shown), shown
    assert all(_vietnamese(message) for message in shown)
    assert not Attachment.objects.exists()
    assert _stored_files() == []


WORKBOOKS = {
    "random bytes named .xlsx": b"\x00\x01garbage" * 300,
    "an executable renamed .xlsx": EXECUTABLE,
    "a damaged zip": DAMAGED_ZIP,
    "a DOCX shell named .xlsx": _docx_shell(),
}


@pytest.fixture
def import_page(council, forwarded, people, client_for):  # noqa: F811 - fixtures
    from sangtao.appraisal import services

    services.assignments_auto(council=council, by=people["secretary"])
    url = reverse("appraisal:sheets_import", args=[council.pk])
    return client_for(people["secretary"]), url


def _refused_import(client, url, name: str, content: bytes) -> list[str]:
    sheets = list(Assignment.objects.values_list("pk", "version", "state", "total").order_by("pk"))
    events = AuditEvent.objects.count()
    response = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    problems = [str(problem) for problem in response.context["problems"]]
    assert list(
        Assignment.objects.values_list("pk", "version", "state", "total").order_by("pk")
    ) == (sheets)
    assert AuditEvent.objects.count() == events
    assert _stored_files() == []
    return problems


@pytest.mark.parametrize("case", sorted(WORKBOOKS))
def test_a_bad_workbook_is_refused_with_a_message_and_changes_nothing(case, import_page):
    client, url = import_page
    problems = _refused_import(client, url, "ket-qua.xlsx", WORKBOOKS[case])
    assert problems and all(_vietnamese(problem) for problem in problems), problems


def test_a_zip_bomb_workbook_is_refused_without_expanding_it(import_page):
    client, url = import_page
    bomb = _zip_bomb()
    assert len(bomb) < 1024 * 1024
    problems = _refused_import(client, url, "ket-qua.xlsx", bomb)
    assert problems == ["Bảng tính giải nén ra quá nhiều dữ liệu để đọc an toàn."] or all(
        _vietnamese(problem) for problem in problems
    ), problems


def test_an_oversized_workbook_is_refused(import_page):
    client, url = import_page
    problems = _refused_import(client, url, "ket-qua.xlsx", b"PK\x03\x04" + b"0" * (11 << 20))
    assert problems and all(_vietnamese(problem) for problem in problems), problems

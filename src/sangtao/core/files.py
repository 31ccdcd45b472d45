"""Recognising an uploaded file from its content, never from its name."""

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str


PDF = FileType("application/pdf", "pdf")
PNG = FileType("image/png", "png")
JPEG = FileType("image/jpeg", "jpg")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")

# Office files are ZIP archives; their main part names them. A ZIP with too many parts or a
# part that expands enormously is refused before anything reads it (zip bombs).
MAX_ZIP_MEMBERS = 5000
MAX_ZIP_EXPANDED = 500 * 1024 * 1024


def sniff(upload: BinaryIO) -> FileType | None:
    """The type of an uploaded file judged by its bytes, or None when it is not one we take."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _sniff_office(upload)
    return None


def _sniff_office(upload: BinaryIO) -> FileType | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                return None
            if sum(member.file_size for member in members) > MAX_ZIP_EXPANDED:
                return None
            names = {member.filename for member in members}
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _refuse(message: str):
    raise ValidationError(message, code="file")


def read_workbook(
    upload,
    read: Callable,
    *,
    max_bytes: int,
    max_expanded: int,
    sheet: str = "",
    tells_damaged: bool = False,
):
    """What `read(worksheet)` makes of the sheet named `sheet` (else the first) of an uploaded
    XLSX workbook, refused (ValidationError, code "file", in Vietnamese) first when it is larger
    than `max_bytes`, not a workbook or expands to more than `max_expanded` bytes, then when
    openpyxl cannot open or read it (damaged). `read`'s own ValidationError passes on. With
    `tells_damaged`, a ZIP archive that cannot be opened is said to be damaged rather than not
    a workbook."""
    from openpyxl import load_workbook  # defusedxml, installed, guards openpyxl's XML parsing

    _check_workbook(
        upload, max_bytes=max_bytes, max_expanded=max_expanded, tells_damaged=tells_damaged
    )
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        _refuse(_("The workbook cannot be read: the file is damaged."))
    try:
        worksheet = book[sheet] if sheet in book.sheetnames else book.worksheets[0]
        worksheet.reset_dimensions()  # never trust the size the file declares
        return read(worksheet)
    except ValidationError:
        raise
    except Exception:
        _refuse(_("The workbook cannot be read: the file is damaged."))
    finally:
        book.close()


def _check_workbook(upload, *, max_bytes: int, max_expanded: int, tells_damaged: bool) -> None:
    if upload.size is not None and upload.size > max_bytes:
        _refuse(_("The file is too large (at most %(size)s MB).") % {"size": max_bytes // 1024**2})
    upload.seek(0)
    is_zip = upload.read(4) == b"PK\x03\x04"
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            expanded = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        if is_zip and tells_damaged:
            _refuse(_("The workbook cannot be read: the file is damaged."))
        _refuse(_("This file is not an Excel workbook (.xlsx)."))
    finally:
        upload.seek(0)
    if expanded > max_expanded:
        _refuse(_("The workbook expands to too much data to be read safely."))
    if sniff(upload) != XLSX:
        _refuse(_("This file is not an Excel workbook (.xlsx)."))

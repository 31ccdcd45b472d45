"""Files a register's row carries (the photos and documents of a practice or an event), and the
file a feedback message may bring: the check of an upload (its size, its real type read from its
bytes by `core.files`, never from its name), the abstract model each app's file table takes its
columns from, storing and discarding through Django's storage, and the three pages of a row's
files (upload, open, delete) bound to a register's permissions.

Each app keeps its own small table (`practices.PracticeFile`, `activities.EventFile`) with a
real foreign key to its row: deleting the row takes its files, and a file is seen exactly by
those who see its row. What every such table repeats lives here once.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sangtao.core import files
from sangtao.core.services import audit_record

IMAGE_TYPES = frozenset({files.JPEG, files.PNG})
ROW_FILE_TYPES = IMAGE_TYPES | {files.PDF, files.DOCX}


def checked_upload(upload, *, types=ROW_FILE_TYPES, refusal: str = "") -> files.FileType:
    """The real type of `upload`; a ValidationError in Vietnamese when it is too large or not
    one of `types` (a JPG, PNG, PDF or DOCX file, unless `refusal` says which others): nothing
    is stored then."""
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than the limit of %(limit)s.")
            % {"limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
        )
    kind = files.sniff(upload)
    if kind not in types:
        raise ValidationError(
            refusal
            or _(
                "This file is not a JPG, PNG, PDF or DOCX file (its content was checked, "
                "not its name)."
            )
        )
    return kind


def clean_name(upload, kind: files.FileType) -> str:
    """The uploaded name without folders, with the extension of its real type."""
    name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem or 'tep'}.{kind.extension}"


class RowFile(models.Model):
    """What a stored file of a row records: the file (private storage), the name it had, its
    real type, size and SHA-256, who put it there and when."""

    file = models.FileField(gettext_lazy("file"), max_length=255)
    original_name = models.CharField(gettext_lazy("file name"), max_length=255)
    content_type = models.CharField(gettext_lazy("type"), max_length=100)
    size = models.PositiveBigIntegerField(gettext_lazy("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(gettext_lazy("uploaded at"), default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type in {kind.content_type for kind in IMAGE_TYPES}


def file_store(row_file: RowFile, *, upload, by, folder: str) -> RowFile:
    """Check `upload`, write it to the storage under `folder` and save `row_file` with its
    name, type, size and digest. A failure after the bytes are written removes them again."""
    kind = checked_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    row_file.original_name = clean_name(upload, kind)
    row_file.content_type = kind.content_type
    row_file.size = upload.size
    row_file.sha256 = digest.hexdigest()
    row_file.uploaded_by = by
    row_file.file.save(f"{folder}/{row_file.sha256[:16]}.{kind.extension}", upload, save=False)
    try:
        with transaction.atomic():
            row_file.save()
    except Exception:
        row_file.file.delete(save=False)
        raise
    return row_file


def file_discard(row_file: RowFile) -> None:
    """Delete the row of a file, and its bytes once the transaction commits."""
    stored, storage = row_file.file.name, row_file.file.storage
    row_file.delete()
    transaction.on_commit(lambda: storage.delete(stored))


def file_attach(row: models.Model, row_file: RowFile, *, upload, by, action: str) -> RowFile:
    """Store `upload` as `row_file`, a new file of `row` (see `file_store`; in the folder
    "<app>/<model>" of the row), and record `action` on the row with the file's name and
    digest. The app's service checks the permission."""
    folder = f"{row._meta.app_label}/{row._meta.model_name}"
    file_store(row_file, upload=upload, by=by, folder=folder)
    audit_record(
        actor=by,
        action=action,
        target=row,
        data={"file": row_file.original_name, "sha256": row_file.sha256},
    )
    return row_file


def file_remove(row: models.Model, row_file: RowFile, *, by, action: str) -> None:
    """Delete `row_file` of `row` (its bytes once the change commits) and record `action` on the
    row with the file's name. The app's service checks the permission."""
    name = row_file.original_name
    file_discard(row_file)
    audit_record(actor=by, action=action, target=row, data={"file": name})


def files_discard(row_files) -> None:
    """Delete the files of a row about to be deleted (their bytes once the change commits)."""
    for row_file in row_files:
        file_discard(row_file)


# -- the pages of a row's files ---------------------------------------------------------------


@dataclass(frozen=True)
class RowFiles:
    """A register's files: `files_of(row)` the row's files (a selector), `add(<name>=row,
    upload=, by=)` and `remove(file=, by=)` the app's services. Opening a file needs the
    register's view permission on the row, adding or deleting one its change permission."""

    register: object  # sangtao.registers.Register
    files_of: Callable
    add: Callable
    remove: Callable


def file_urls(spec: RowFiles) -> list:
    """`<plural>/<item>/files/` (POST a file), `<plural>/<item>/files/<file>/` (open it) and
    `<plural>/<item>/files/<file>/delete/` (POST), named `<name>_file_add`, `<name>_file` and
    `<name>_file_delete`."""
    from . import RegisterView

    register = spec.register
    base = f"{register.plural}/<int:item>/files/"

    class Add(RegisterView):
        action = "change"
        http_method_names = ["post"]

        def post(self, request, *args, **kwargs):
            upload = request.FILES.get("upload")
            if upload is None:
                messages.error(request, _("Choose a file to attach."))
            else:
                try:
                    spec.add(**{register.name: self.row}, upload=upload, by=request.user)
                except ValidationError as error:
                    self.report(error)
                else:
                    messages.success(request, _("The file was attached."))
            return redirect(register.url("detail", row=self.row))

    class Open(RegisterView):
        action = "view"
        http_method_names = ["get"]

        def get(self, request, *args, **kwargs):
            row_file = get_object_or_404(spec.files_of(self.row), pk=kwargs["file"])
            return file_response(row_file)

    class Delete(RegisterView):
        action = "change"
        http_method_names = ["post"]

        def post(self, request, *args, **kwargs):
            row_file = get_object_or_404(spec.files_of(self.row), pk=kwargs["file"])
            spec.remove(file=row_file, by=request.user)
            messages.success(request, _("The file was removed."))
            return redirect(register.url("detail", row=self.row))

    name = register.url_name("detail").split(":", 1)[1].removesuffix("_detail")
    return [
        path(base, Add.as_view(register=register), name=f"{name}_file_add"),
        path(f"{base}<int:file>/", Open.as_view(register=register), name=f"{name}_file"),
        path(
            f"{base}<int:file>/delete/",
            Delete.as_view(register=register),
            name=f"{name}_file_delete",
        ),
    ]


def file_response(row_file: RowFile) -> FileResponse:
    """The file: images shown in the page, documents downloaded."""
    return FileResponse(
        row_file.file.open("rb"),
        as_attachment=not row_file.is_image,
        filename=row_file.original_name,
        content_type=row_file.content_type,
    )

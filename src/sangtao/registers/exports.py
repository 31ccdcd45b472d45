"""A register's list as an XLSX workbook: at once for a short list, in the background for a long.

Up to `export_limit()` rows (the setting `REGISTERS_EXPORT_IN_REQUEST`, 5,000 by default) the
file is written while the person waits. A longer list becomes a job (`sangtao.jobs`, kind
`registers.export_xlsx`) that writes the same rows (the list's address and query string are its
parameters: the builder reads the rows again as the person who asked, with their rights at that
moment) and shows its progress on the job's page. The job's target is the person who asked, and
only they may see it and download the file (`registers.export_list`, a personal kind).
"""

import datetime
import io
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from sangtao.core.files import XLSX
from sangtao.formats import tabular
from sangtao.jobs.registry import JobKind
from sangtao.jobs.registry import register as register_kind

from . import rules  # noqa: F401  (registers.export_list)

EXPORT_CAP = 5000  # rows an export writes while the person waits (the setting's default)
EXPORT_KIND = "registers.export_xlsx"
EXPORT_PERMISSION = "registers.export_list"
WRITING = gettext_noop("Writing row %(row)s of %(rows)s of “%(list)s”…")
PROGRESS_EVERY = 500  # rows between two progress reports


def export_limit() -> int:
    """Rows a list may hold to be exported while the person waits."""
    return int(getattr(settings, "REGISTERS_EXPORT_IN_REQUEST", EXPORT_CAP))


def export_cell(value):
    """The one place a value becomes a spreadsheet cell: numbers and dates stay themselves,
    everything else becomes text (written by formats.tabular, never as a formula)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)  # XLSX has no time zones
    if isinstance(value, int | float | Decimal | datetime.date):
        return value
    return str(value)


def export_workbook(register, rows, *, title: str, progress=None, total: int = 0) -> bytes:
    """The exported columns of `rows` as an XLSX workbook (openpyxl's write-only mode), every
    cell through the formula-safe writer, the header row frozen and filtered. `progress(done,
    total, message, **params)` hears every PROGRESS_EVERY rows (a job's reporter)."""
    from openpyxl.utils import get_column_letter

    columns = register.export_columns
    book = tabular.workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    sheet.append(tabular.sheet_row(sheet, [str(column.label) for column in columns]))
    count = 0
    for row in rows:
        sheet.append(tabular.sheet_row(sheet, [export_cell(column.of(row)) for column in columns]))
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count, max(total, count), WRITING, row=count, rows=total, list=title)
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}{count + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_file_name(register) -> str:
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    return f"{register.plural}-{stamp}.{XLSX.extension}"


def export_title(register) -> str:
    return str(register.model._meta.verbose_name_plural)


def export_params(*, list_name: str, args: list, query: QueryDict) -> dict:
    """The job's parameters: the list's URL name and arguments, and its filters (without the
    page, the export and the form's token)."""
    kept = query.copy()
    for name in ("page", "export", "csrfmiddlewaretoken"):
        kept.pop(name, None)
    return {"list": list_name, "args": list(args), "query": kept.urlencode()}


def build_export(job, progress) -> tuple[bytes, str]:
    """The job's builder: the rows of the list at `job.params["path"]` that the person who asked
    may see now, filtered as they were, written as XLSX."""
    from . import RegisterListView  # the package imports this module first
    from .filters import filter_form, filtered_rows

    match = resolve(reverse(job.params["list"], args=job.params["args"]))
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, RegisterListView):
        raise ValueError(f"{job.params['list']} is not a register's list")
    register = match.func.view_initkwargs["register"]
    user = job.requested_by
    parent = None
    if register.parent is not None:
        parents = register.parent.model._default_manager
        parent = parents.get(pk=match.kwargs[register.parent.url_kwarg])
    if register.perm_list and not user.has_perm(register.perm_list, parent):
        raise PermissionDenied
    form = filter_form(register, user=user, data=QueryDict(job.params["query"]), parent=parent)
    rows = filtered_rows(register, form, register.queryset(user=user, parent=parent), user=user)
    total = rows.count()
    title = export_title(register)
    progress(0, total, WRITING, row=0, rows=total, list=title)
    content = export_workbook(
        register, rows.iterator(chunk_size=2000), title=title, progress=progress, total=total
    )
    return content, export_file_name(register)


# The kind is registered when the package is imported: the models of the apps that keep
# registers import it, so every process (web, worker) knows the kind before it runs a job.
register_kind(
    JobKind(
        code=EXPORT_KIND,
        label=gettext_lazy("List exported as Excel"),
        build=build_export,
        permission=EXPORT_PERMISSION,
        content_type=XLSX.content_type,
        personal=True,  # the rows are those the person who asked may see
    )
)

"""The dashboard's workbooks (openpyxl, write-only): the charts' figures, and the lists a Front
office asks for (recognised initiatives, nominations, honours of a year).

Every cell goes through `_cell`, which hands it to the shared formula-safe writer
(`sangtao.formats.tabular.sheet_cell`: user text stays text, never a formula). Each list has a
frozen, filtered header row, set column widths, dates as dd/mm/yyyy and amounts as whole đồng.
"""

import datetime
import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from sangtao.core import files
from sangtao.formats import documents as layout
from sangtao.formats import tabular
from sangtao.jobs.registry import Progress, no_progress

from . import selectors
from .charts import Chart

CONTENT_TYPE = files.XLSX.content_type
DATE = "DD/MM/YYYY"
MONEY = "#,##0"
CHUNK = 1_000
ROWS_WRITTEN = gettext_noop("%(written)s of %(rows)s rows written")


def _cell(sheet, value, *, bold: bool = False, number_format: str | None = None):
    """The one function that writes a cell of these workbooks."""
    from openpyxl.styles import Font

    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not number_format and isinstance(value, datetime.date):
        number_format = DATE
    return tabular.sheet_cell(
        sheet, value, font=Font(bold=True) if bold else None, number_format=number_format
    )


def _table(
    book,
    title: str,
    heading: list[str],
    headers: list[str],
    widths: list[int],
    rows,
    formats: dict[int, str] | None = None,
):
    """A sheet: heading lines, then a frozen, filtered header row and the rows."""
    from openpyxl.utils import get_column_letter

    formats = formats or {}
    sheet = book.create_sheet(title[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = len(heading) + 2
    sheet.freeze_panes = f"A{header_row + 1}"
    count = 0
    for line_number, line in enumerate(heading):
        sheet.append([_cell(sheet, line, bold=line_number == 0)])
    sheet.append([])
    sheet.append([_cell(sheet, header, bold=True) for header in headers])
    for row in rows:
        sheet.append(
            [_cell(sheet, value, number_format=formats.get(i)) for i, value in enumerate(row)]
        )
        count += 1
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(count, 1)}"
    return sheet


def _save(book) -> bytes:
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def charts_workbook(*, charts: list[Chart], scope_label: str, filter_label: str) -> bytes:
    """One sheet per chart, with the numbers its table shows."""
    with translation.override(layout.LANGUAGE):
        book = tabular.workbook(write_only=True)
        drawn = _("Drawn up on %(date)s") % {"date": timezone.localdate().strftime("%d/%m/%Y")}
        for chart in charts:
            _table(
                book,
                chart.title,
                [chart.title, scope_label, filter_label, drawn],
                [str(header) for header in chart.headers],
                [45] + [18] * (len(chart.headers) - 1),
                chart.rows,
                formats={i: MONEY for i in range(1, len(chart.headers))},
            )
        return _save(book)


def _authors(initiative_ids: list[int]) -> dict[int, str]:
    from sangtao.initiatives.models import InitiativeAuthor

    names: dict[int, list[str]] = {}
    for initiative_id, name, share in (
        InitiativeAuthor.objects.filter(initiative_id__in=initiative_ids)
        .order_by("initiative_id", "order", "id")
        .values_list("initiative_id", "full_name", "share")
    ):
        names.setdefault(initiative_id, []).append(f"{name} ({share.normalize():f}%)")
    return {key: "; ".join(value) for key, value in names.items()}


def _chunks(queryset, progress: Progress, total: int):
    """The rows of `queryset` CHUNK at a time (keyset on id), telling `progress` how far."""
    done, last = 0, 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:CHUNK])
        if not chunk:
            return
        last = chunk[-1].pk
        yield chunk
        done += len(chunk)
        progress(done, total, ROWS_WRITTEN, written=done, rows=total)


def _list_workbook(*, sheet: str, title: str, columns, rows, money: int) -> bytes:
    """One numbered list: `columns` are (header, width) after the number, `rows` the values
    without it, the column `money` (from 0, the number included) in whole đồng."""
    book = tabular.workbook(write_only=True)
    _table(
        book,
        sheet,
        [title, _("Drawn up on %(date)s") % {"date": timezone.localdate().strftime("%d/%m/%Y")}],
        [_("No.")] + [header for header, _width in columns],
        [6] + [width for _header, width in columns],
        ([number, *row] for number, row in enumerate(rows, start=1)),
        formats={money: MONEY},
    )
    return _save(book)


def _initiative_columns() -> list[tuple[str, int]]:
    """The first columns of a list of initiatives: the title, its authors, unit and field."""
    return [
        (_("Initiative"), 50),
        (_("Authors (share)"), 40),
        (_("Unit of the initiative"), 35),
        (_("Field"), 25),
    ]


def _initiative_cells(initiative, authors: dict) -> list:
    """The values of `_initiative_columns` for `initiative` (`authors` by initiative id)."""
    return [
        initiative.title,
        authors.get(initiative.pk, ""),
        initiative.unit.name,
        initiative.field.name if initiative.field else "",
    ]


def _filename(stem: str, unit, year: int) -> str:
    return f"{stem}-{year}-{unit.pk}.xlsx"


def recognised_workbook(*, unit, year: int, progress: Progress = no_progress) -> tuple[bytes, str]:
    """The year's recognised initiatives across every council of the unit's subtree."""
    recognitions = selectors.recognised_list(unit=unit, year=year)
    total = recognitions.count()

    def rows():
        for chunk in _chunks(recognitions, progress, total):
            authors = _authors([r.initiative_id for r in chunk])
            decisions = selectors.recognition_decisions([r.pk for r in chunk])
            for r in chunk:
                decision_number, decision_date = decisions.get(r.pk, ("", None))
                yield [
                    *_initiative_cells(r.initiative, authors),
                    r.unit.name,
                    r.unit.level.name,
                    r.grade.name,
                    r.total,
                    r.recognised_at,
                    decision_number,
                    decision_date,
                    r.council.decision_number,
                    r.initiative.yearly_saving_vnd,
                ]

    with translation.override(layout.LANGUAGE):
        content = _list_workbook(
            sheet=_("Recognised initiatives"),
            title=_("Initiatives recognised in %(year)s – %(unit)s")
            % {"year": year, "unit": unit.name},
            columns=[
                *_initiative_columns(),
                (_("Recognised by"), 35),
                (_("Level"), 14),
                (_("Grade"), 14),
                (_("Council total"), 10),
                (_("Recognised on"), 14),
                (_("Recognition decision number"), 22),
                (_("Decision date"), 14),
                (_("Council decision number"), 22),
                (_("Estimated yearly saving (VND)"), 18),
            ],
            rows=rows(),
            money=13,
        )
        return content, _filename(pgettext("file name", "recognised-initiatives"), unit, year)


def nominations_workbook(*, unit, year: int, progress: Progress = no_progress) -> tuple[bytes, str]:
    """The nominations the councils of the unit's subtree sent up in the year."""
    nominations = selectors.nominations_list(unit=unit, year=year)
    total = nominations.count()

    def rows():
        for chunk in _chunks(nominations, progress, total):
            authors = _authors([n.initiative_id for n in chunk])
            for n in chunk:
                yield [
                    *_initiative_cells(n.initiative, authors),
                    n.from_council.unit.name,
                    n.to_unit.name,
                    n.nominated_at,
                    n.note,
                    n.initiative.yearly_saving_vnd,
                ]

    with translation.override(layout.LANGUAGE):
        content = _list_workbook(
            sheet=_("Nominations"),
            title=_("Initiatives nominated to the next level in %(year)s – %(unit)s")
            % {"year": year, "unit": unit.name},
            columns=[
                *_initiative_columns(),
                (_("Proposed by"), 35),
                (_("Proposed to"), 35),
                (_("Proposed on"), 14),
                (_("Note"), 30),
                (_("Estimated yearly saving (VND)"), 18),
            ],
            rows=rows(),
            money=9,
        )
        return content, _filename(pgettext("file name", "nominations-sent-up"), unit, year)


def honours_workbook(*, unit, year: int, progress: Progress = no_progress) -> tuple[bytes, str]:
    """The honours decided in the year by the honours rounds of the unit's subtree."""
    honours = selectors.honours_list(unit=unit, year=year)
    total = honours.count()

    def rows():
        for chunk in _chunks(honours, progress, total):
            for h in chunk:
                yield [
                    h.name,
                    str(h.get_kind_display()),
                    h.unit.name,
                    h.initiative.title if h.initiative else "",
                    str(h.get_form_display()),
                    h.prize_vnd,
                    h.round.unit.name,
                    h.round.decision_number,
                    h.round.decision_date,
                ]

    with translation.override(layout.LANGUAGE):
        content = _list_workbook(
            sheet=_("Honours"),
            title=_("Honours given in %(year)s – %(unit)s") % {"year": year, "unit": unit.name},
            columns=[
                (pgettext("people", "Honoured"), 35),
                (_("Kind"), 12),
                (_("Unit"), 35),
                (_("Initiative"), 50),
                (_("Form of honour"), 30),
                (_("Prize (VND)"), 16),
                (_("Honouring unit"), 35),
                (_("Decision number"), 20),
                (_("Decision date"), 14),
            ],
            rows=rows(),
            money=6,
        )
        return content, _filename(pgettext("file name", "honours-given"), unit, year)

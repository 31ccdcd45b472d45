"""A council's results as an XLSX workbook, and the same layout read back from a council that
met on paper (the secretary fills the members' columns and uploads it; appraisal.imports checks
and writes it).

The sheet "Kết quả": a few lines naming the council, then a header row starting with "Mã"
(the initiative's code), one row per initiative of the queue in ranking order with its title,
unit and field, one column per criterion and scoring member ("Tính mới – Nguyễn Văn A") and
each member's weighted total, then the council's figures (mean, council total, spread,
normalised value, proposed grade, decision). Only submitted sheets are shown. A row whose sheets
the person who asked may not read (`appraisal.view_sheets`: conflicted, own sheet not yet in,
or not appraising it before the deadline) comes without the members' scores and the council's
figures, and then every row keeps the order of submission; a blind council's chair and members
get no units.

The workbook is written in openpyxl's write-only mode (rows streamed, for large councils).
Reading refuses a file that is not an XLSX by its content, is too big, expands too much
(zip bombs) or holds too many rows or columns, before openpyxl parses it (with defusedxml).
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from sangtao.core import files
from sangtao.formats import documents as layout
from sangtao.formats import tabular
from sangtao.jobs.registry import Progress, no_progress
from sangtao.movements.models import Criterion

from . import selectors
from .documents import initiative_code, outcome_label
from .imports import column_label, member_labels, scoring_seats
from .models import Assignment, Council, Decision, Score
from .rules import sees_authors as council_sees_authors

CONTENT_TYPE = files.XLSX.content_type
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_EXPANDED_BYTES = 64 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 500
HEADER_SEARCH_ROWS = 20


def _titles():
    """The header names that carry no scores, and the sheet's name (read in Vietnamese)."""
    return {
        "sheet": pgettext("council papers", "Results"),
        "code": pgettext("council papers", "Code"),
        "title": pgettext("council papers", "Initiative"),
        "unit": pgettext("council papers", "Unit"),
        "field": pgettext("council papers", "Field"),
        "mean": pgettext("council papers", "Mean"),
        "aggregate": pgettext("council papers", "Council total"),
        "spread": pgettext("council papers", "Spread"),
        "normalised": pgettext("council papers", "Normalised"),
        "grade": pgettext("council papers", "Proposed grade"),
        "decision": pgettext("council papers", "Decision"),
    }


def _total_label(member_label: str) -> str:
    return _("Weighted total – %(member)s") % {"member": member_label}


def hidden_initiatives(*, user, council: Council, initiative_ids) -> set[int]:
    """Initiatives whose members' scores and council figures `user` may not read: those
    `appraisal.view_sheets` refuses them (rules.sheets_withheld says who sees what)."""
    ids = list(initiative_ids)
    return set(ids) - selectors.visible_sheets(user=user, council=council, initiative_ids=ids)


# The workbook tells its progress every this many initiatives.
PROGRESS_EVERY = 50


def results_workbook(
    *, council: Council, user, progress: Progress = no_progress
) -> tuple[bytes, str]:
    """(content, file name) of the council's results workbook, as `user` may see it.

    `progress(done, total, message, **params)` hears how many initiatives are written.
    """
    with translation.override(layout.LANGUAGE):
        return _results_workbook(council, user, progress)


@dataclass
class _Results:
    """What the results workbook shows of a council, as one reader may see it."""

    council: Council
    criteria: list
    members: list
    labels: dict
    ranked: list
    hidden: set[int]
    sees_authors: bool
    sheets: dict  # (initiative id, member id): weighted total of a submitted sheet
    scores: dict  # (initiative id, member id, criterion id): score of a submitted sheet
    decisions: dict  # initiative id: decision


def _results(council: Council, user) -> _Results:
    """Read the council's criteria, scoring members, ranking and submitted sheets; the rows
    `user` may not read are hidden (and then every row keeps the order of submission)."""
    council = Council.objects.select_related("round__movement", "unit").get(pk=council.pk)
    members = scoring_seats(council=council)
    ranked = selectors.ranking(council=council)
    ids = [initiative.pk for initiative, _result in ranked]
    hidden = hidden_initiatives(user=user, council=council, initiative_ids=ids)
    if hidden:  # the order of the figures would tell the hidden ones: order of submission
        queue = {pk: n for n, pk in enumerate(selectors.council_queue_ids(council=council))}
        ranked.sort(key=lambda pair: queue.get(pair[0].pk, len(queue)))
    return _Results(
        council=council,
        criteria=list(
            Criterion.objects.filter(movement=council.round.movement_id).order_by("order", "id")
        ),
        members=members,
        labels=member_labels(members),
        ranked=ranked,
        hidden=hidden,
        sees_authors=council_sees_authors(user, council),
        sheets={
            (a["initiative_id"], a["member_id"]): a["total"]
            for a in Assignment.objects.filter(
                council=council, state=Assignment.State.SUBMITTED
            ).values("initiative_id", "member_id", "total")
        },
        scores={
            (initiative_id, member_id, criterion_id): value
            for initiative_id, member_id, criterion_id, value in Score.objects.filter(
                assignment__council=council, assignment__state=Assignment.State.SUBMITTED
            ).values_list(
                "assignment__initiative_id", "assignment__member_id", "criterion_id", "value"
            )
        },
        decisions={
            d.initiative_id: d
            for d in Decision.objects.filter(council=council).select_related("grade")
        },
    )


def _header(results: _Results, titles: dict) -> tuple[list[str], list[tuple[int, Criterion]]]:
    """The header row, and (column index from 1, criterion) of every score column."""
    header = [titles["code"], titles["title"], titles["unit"], titles["field"]]
    score_columns = []
    for member in results.members:
        for criterion in results.criteria:
            header.append(column_label(criterion, results.labels[member.pk]))
            score_columns.append((len(header), criterion))
        header.append(_total_label(results.labels[member.pk]))
    header += [
        titles["mean"],
        titles["aggregate"],
        titles["spread"],
        titles["normalised"],
        titles["grade"],
        titles["decision"],
    ]
    return header, score_columns


def _intro(council: Council) -> list[list[str]]:
    """The lines above the header: the council, its unit and round, how to fill the file."""
    return [
        [council.name],
        [f"{council.unit.name} · {council.round.name}"],
        [
            _(
                "A council that met on paper fills the columns “criterion – member” (leave a "
                "sheet empty when the member did not appraise the initiative) and uploads this "
                "file; do not change the header row or the codes."
            )
        ],
        [],
    ]


def _validations(sheet, criteria, score_columns, first: int, last: int) -> None:
    """Excel refuses a score outside its criterion's range in rows first to last."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for criterion in criteria:
        validation = DataValidation(
            type="decimal",
            operator="between",
            formula1=str(criterion.min_score),
            formula2=str(criterion.max_score),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=tabular.cell_text(criterion.name),
            error=tabular.cell_text(
                _("A score of %(name)s is between %(low)s and %(high)s.")
                % {
                    "name": criterion.name,
                    "low": criterion.min_score,
                    "high": criterion.max_score,
                }
            ),
        )
        for index, of in score_columns:
            if of.pk == criterion.pk:
                letter = get_column_letter(index)
                validation.add(f"{letter}{first}:{letter}{last}")
        sheet.data_validations.append(validation)


def _initiative_row(cell, results: _Results, initiative, result) -> list:
    """An initiative's code, title, unit and field, each member's scores and total, then the
    council's figures; a hidden row has no scores and no figures."""
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    row = [
        cell(int(initiative_code(initiative))),
        cell(initiative.title, alignment=wrap),
        cell(initiative.unit.name if results.sees_authors else "", alignment=wrap),
        cell(initiative.field.name if initiative.field_id else ""),
    ]
    masked = initiative.pk in results.hidden
    for member in results.members:
        for criterion in results.criteria:
            value = None if masked else results.scores.get((initiative.pk, member.pk, criterion.pk))
            row.append(cell(value))
        total = None if masked else results.sheets.get((initiative.pk, member.pk))
        row.append(cell(total, number_format="0.00"))
    decision = results.decisions.get(initiative.pk)
    if masked:
        result = selectors.Result(initiative.pk)
    return row + [
        cell(result.mean, number_format="0.00"),
        cell(result.aggregate, number_format="0.00"),
        cell(result.spread, number_format="0.00"),
        cell(result.normalised, number_format="0.00"),
        cell(proposed_label(result)),
        cell(outcome_label(decision) if decision else ""),
    ]


def proposed_label(result: selectors.Result) -> str:
    """The proposed grade, with the criteria below their minimum when some are."""
    grade = result.proposed_grade.name if result.proposed_grade else ""
    if not result.failing:
        return grade
    below = _("Below the minimum: %(names)s") % {"names": result.failing_names}
    return f"{grade} ({below})" if grade else below


def _guide(book, criteria) -> None:
    """A second sheet: each criterion's lowest and highest score and weight."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    guide = book.create_sheet(pgettext("council papers", "Criteria"))
    guide.append(
        [
            tabular.sheet_cell(guide, pgettext("council papers", "Criterion"), font=bold),
            *[
                tabular.sheet_cell(guide, text, font=bold)
                for text in (
                    pgettext("council papers", "Lowest score"),
                    pgettext("council papers", "Highest score"),
                    pgettext("council papers", "Weight"),
                )
            ],
        ]
    )
    for criterion in criteria:
        guide.append(
            tabular.sheet_row(
                guide, [criterion.name, criterion.min_score, criterion.max_score, criterion.weight]
            )
        )


def _results_workbook(council: Council, user, progress: Progress) -> tuple[bytes, str]:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    results = _results(council, user)
    council, ranked = results.council, results.ranked
    titles = _titles()
    book = tabular.workbook(write_only=True)
    sheet = book.create_sheet(titles["sheet"])
    header, score_columns = _header(results, titles)
    widths = {1: 8, 2: 48, 3: 30, 4: 20}
    for index in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(index, 14)
    intro = _intro(council)
    header_row = len(intro) + 1
    sheet.freeze_panes = f"E{header_row + 1}"
    if ranked:
        _validations(
            sheet, results.criteria, score_columns, header_row + 1, header_row + len(ranked)
        )

    def cell(value, **style):
        return tabular.sheet_cell(sheet, value, **style)

    sheet.append([cell(intro[0][0], font=Font(bold=True, size=14))])
    for line in intro[1:]:
        sheet.append(tabular.sheet_row(sheet, line))
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append([cell(text, font=Font(bold=True), alignment=wrap) for text in header])
    count = len(ranked)
    for index, (initiative, result) in enumerate(ranked):
        if index % PROGRESS_EVERY == 0:
            progress(
                index,
                count,
                gettext_noop("Writing initiative %(number)s of %(count)s"),
                number=index + 1,
                count=count,
            )
        sheet.append(_initiative_row(cell, results, initiative, result))
    _guide(book, results.criteria)
    progress(count, count, gettext_noop("Saving the workbook"))
    output = io.BytesIO()
    book.save(output)
    filename = _("council-results-%(pk)s") % {"pk": council.pk} + ".xlsx"
    return output.getvalue(), filename


# --- reading a filled workbook ---------------------------------------------------------------


def _refuse(message: str):
    raise ValidationError(message, code="file")


def sheets_read(*, upload) -> list[dict]:
    """The rows of a filled results workbook, for appraisal.imports.sheets_import.

    Refuses (ValidationError) a file that is not a readable XLSX, is too large, or holds too
    many rows or columns, or whose header row is missing. Informative columns (title, unit,
    field, totals, the council's figures) are left out; every other named column is passed on.
    """
    with translation.override(layout.LANGUAGE):
        titles = _titles()
        return files.read_workbook(
            upload,
            lambda sheet: _read_rows(sheet, titles),
            max_bytes=MAX_UPLOAD_BYTES,
            max_expanded=MAX_EXPANDED_BYTES,
            sheet=titles["sheet"],
            tells_damaged=True,
        )


def _read_rows(sheet, titles) -> list[dict]:
    informative = {
        titles[key].casefold()
        for key in ("title", "unit", "field", "mean", "aggregate", "spread", "normalised", "grade")
    } | {titles["decision"].casefold()}
    total_prefix = _total_label("").casefold()
    header: list[str] | None = None
    columns: dict[int, str] = {}
    rows: list[dict] = []
    for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if line > MAX_ROWS + HEADER_SEARCH_ROWS:
            _refuse(
                _("The workbook has too many rows (at most %(count)s initiatives).")
                % {"count": MAX_ROWS}
            )
        if len(values) > MAX_COLUMNS:
            _refuse(
                _("The workbook has too many columns (at most %(count)s).") % {"count": MAX_COLUMNS}
            )
        if header is None:
            first = values[0] if values else None
            if isinstance(first, str) and first.strip().casefold() == titles["code"].casefold():
                header = [str(v).strip() if v is not None else "" for v in values]
                for index, label in enumerate(header[1:], start=1):
                    folded = label.casefold()
                    if label and folded not in informative and not folded.startswith(total_prefix):
                        columns[index] = label
            elif line >= HEADER_SEARCH_ROWS:
                break
            continue
        if not any(value not in (None, "") for value in values):
            continue
        for index in range(len(header), len(values)):
            if values[index] not in (None, ""):
                _refuse_unnamed(line, index)
        rows.append(
            {
                "line": line,
                "code": values[0] if values else None,
                "scores": {
                    label: values[index] for index, label in columns.items() if index < len(values)
                },
            }
        )
        for index, label in enumerate(header):
            if not label and index < len(values) and values[index] not in (None, ""):
                _refuse_unnamed(line, index)
    if header is None:
        _refuse(
            _("No header row starting with “%(code)s” was found: use the results workbook.")
            % {"code": titles["code"]}
        )
    return rows


def _refuse_unnamed(line: int, index: int) -> None:
    from openpyxl.utils import get_column_letter

    _refuse(
        _("Row %(line)s, column %(letter)s: the cell holds a value but its column has no name.")
        % {"line": line, "letter": get_column_letter(index + 1)}
    )

"""Score sheets of a council that met on paper, entered by its secretary from a spreadsheet.

`sheets_import` takes rows already read from the file (appraisal.spreadsheets reads XLSX; the
API may pass the same shape) and checks every cell before writing anything: the initiative is
in the council's queue, the column names a criterion and a member who scores, the score is a
number within the criterion's range, the member is not conflicted with the initiative (and, for
an invited expert, was invited for it), every criterion of a sheet is scored, and a sheet
already submitted is not changed. Only when the whole file is right are the sheets written and
submitted, in one transaction, with one audit event per sheet naming the secretary.

A column is "<criterion> – <member>" (`column_label`), the layout of the results workbook.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.models import User
from sangtao.core.services import audit_record, require
from sangtao.movements.models import Criterion

from . import scoring
from .conflicts import conflict_pairs
from .documents import initiative_code
from .models import Assignment, Council, CouncilMember, Score
from .selectors import council_queue
from .services import _lock_open, conflicted, sheets_submitted

DASH = " – "
# Past this many problems the rest are counted, not listed.
MAX_ERRORS = 100
ROLE_ORDER = {
    CouncilMember.Role.CHAIR: 0,
    CouncilMember.Role.MEMBER: 1,
    CouncilMember.Role.EXPERT: 2,
}


def column_label(criterion: Criterion, member_label: str) -> str:
    """ "Tính mới – Nguyễn Văn A": one member's score of one criterion."""
    return f"{criterion.name}{DASH}{member_label}"


def scoring_seats(*, council: Council) -> list[CouncilMember]:
    """The members who score (chair, members, experts), chair first, with their units."""
    members = council.members.exclude(role=CouncilMember.Role.SECRETARY).select_related(
        "user__unit", "council__unit"
    )
    return sorted(members, key=lambda m: (ROLE_ORDER[m.role], m.pk))


def member_labels(members: list[CouncilMember]) -> dict[int, str]:
    """{member id: the name in the columns}; two people of the same name get their username."""
    names = defaultdict(list)
    for member in members:
        names[member.user.display_name].append(member)
    labels = {}
    for name, same in names.items():
        for member in same:
            labels[member.pk] = f"{name} ({member.user.username})" if len(same) > 1 else name
    return labels


def show(value: Decimal) -> str:
    """A score as it reads in a message: 25, 12,5."""
    return format(value.normalize(), "f").replace(".", ",")


def _code(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


def _number(raw) -> Decimal | None:
    """A cell's value as a number, or None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float | Decimal):
        text = str(raw)
    else:
        text = str(raw).strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


@dataclass
class ImportResult:
    imported: int  # sheets written and submitted
    unchanged: int  # sheets already submitted with the same scores
    assignments_created: int


class _Problems:
    """The file's problems in the order met, the first MAX_ERRORS of them in words."""

    def __init__(self):
        self.messages: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < MAX_ERRORS:
            self.messages.append(message)

    def raise_if_any(self) -> None:
        if not self.count:
            return
        messages = list(self.messages)
        if self.count > len(messages):
            messages.append(
                _("… and %(count)s more problems.") % {"count": self.count - len(messages)}
            )
        raise ValidationError(messages)


@dataclass
class _Council:
    """What the import checks a file against: the council's criteria, scoring members and
    their columns, the experts' initiatives, the queue by code, the conflicts declared and the
    sheets already there with their scores."""

    council: Council
    criteria: list[Criterion]
    members: list[CouncilMember]
    columns: dict[str, tuple[CouncilMember, Criterion]]
    expert_for: dict[int, set[int]]
    queue: dict[str, object]
    declared: set[tuple[int, int]]
    sheets: dict[tuple[int, int], Assignment]
    stored: dict[int, dict[int, Decimal]]


def _council_read(council: Council) -> _Council:
    criteria = list(
        Criterion.objects.filter(movement=council.round.movement_id).order_by("order", "id")
    )
    members = scoring_seats(council=council)
    labels = member_labels(members)
    expert_for = defaultdict(set)
    for member_id, initiative_id in CouncilMember.expert_initiatives.through.objects.filter(
        councilmember__council=council
    ).values_list("councilmember_id", "initiative_id"):
        expert_for[member_id].add(initiative_id)
    queue = {
        initiative_code(i): i
        for i in council_queue(council=council).select_related("unit").order_by("pk")
    }
    stored = defaultdict(dict)
    for assignment_id, criterion_id, value in Score.objects.filter(
        assignment__council=council
    ).values_list("assignment_id", "criterion_id", "value"):
        stored[assignment_id][criterion_id] = value
    return _Council(
        council=council,
        criteria=criteria,
        members=members,
        columns={column_label(c, labels[m.pk]): (m, c) for m in members for c in criteria},
        expert_for=expert_for,
        queue=queue,
        declared=conflict_pairs(initiatives=[i.pk for i in queue.values()]),
        sheets={
            (a.initiative_id, a.member_id): a for a in Assignment.objects.filter(council=council)
        },
        stored=stored,
    )


def _score_problem(value: Decimal | None, raw, criterion: Criterion, where: dict) -> str | None:
    """What is wrong with one score cell, `where` naming its line and column; None if right."""
    if value is None:
        return _("Row %(line)s, column '%(column)s': “%(value)s” is not a number.") % {
            **where,
            "value": raw,
        }
    if value > criterion.max_score:
        return _("Row %(line)s, column '%(column)s': the score %(value)s is above %(high)s.") % {
            **where,
            "value": show(value),
            "high": criterion.max_score,
        }
    if value < criterion.min_score:
        return _("Row %(line)s, column '%(column)s': the score %(value)s is below %(low)s.") % {
            **where,
            "value": show(value),
            "low": criterion.min_score,
        }
    if value != value.quantize(scoring.TWO_PLACES):
        return _(
            "Row %(line)s, column '%(column)s': the score %(value)s has more than "
            "two decimal places."
        ) % {**where, "value": show(value)}
    return None


class _Reading:
    """The file read row by row against the council: the problems met, the sheets to write
    (initiative, member, {criterion id: score}, row) and how many are already as submitted."""

    def __init__(self, known: _Council):
        self.known = known
        self.problems = _Problems()
        self.unknown_columns: set[str] = set()
        self.seen: dict[str, int] = {}
        self.planned: list[tuple[object, CouncilMember, dict[int, Decimal], int]] = []
        self.unchanged = 0

    def row(self, row: dict) -> None:
        line, code = row["line"], _code(row.get("code"))
        cells = {
            label: raw for label, raw in row.get("scores", {}).items() if raw not in (None, "")
        }
        initiative = self._initiative(line, code, cells)
        if initiative is None:
            return
        values, first_column, faulty = self._values(line, cells)
        for member in self.known.members:
            if member.pk not in first_column:
                continue
            where = {
                "line": line,
                "column": first_column[member.pk],
                "person": member.user.display_name,
            }
            if self._may_score(initiative, member, where) and member.pk not in faulty:
                self._sheet(initiative, member, values[member.pk], where)

    def _initiative(self, line: int, code: str, cells: dict):
        """The row's initiative, once: in the council's queue and not on an earlier row."""
        problems = self.problems
        if not code:
            if cells:
                problems.add(_("Row %(line)s: the initiative's code is missing.") % {"line": line})
            return None
        initiative = self.known.queue.get(code)
        if initiative is None:
            problems.add(
                _("Row %(line)s: there is no initiative with code %(code)s in this council.")
                % {"line": line, "code": code}
            )
            return None
        if code in self.seen:
            problems.add(
                _("Row %(line)s: the initiative with code %(code)s is already on row %(first)s.")
                % {"line": line, "code": code, "first": self.seen[code]}
            )
            return None
        self.seen[code] = line
        return initiative

    def _values(self, line: int, cells: dict):
        """{member id: {criterion id: score}} of the row's right cells, each member's first
        column, and the members with a wrong cell (already reported)."""
        values: dict[int, dict[int, Decimal]] = defaultdict(dict)
        first_column: dict[int, str] = {}
        faulty: set[int] = set()
        for label, raw in cells.items():
            if label not in self.known.columns:
                if label not in self.unknown_columns:
                    self.unknown_columns.add(label)
                    self.problems.add(
                        _(
                            "Row %(line)s, column '%(column)s': no member of the council scores "
                            "this criterion under this name."
                        )
                        % {"line": line, "column": label}
                    )
                continue
            member, criterion = self.known.columns[label]
            first_column.setdefault(member.pk, label)
            value = _number(raw)
            problem = _score_problem(value, raw, criterion, {"line": line, "column": label})
            if problem:
                self.problems.add(problem)
                faulty.add(member.pk)
                continue
            values[member.pk][criterion.pk] = value
        return values, first_column, faulty

    def _may_score(self, initiative, member: CouncilMember, where: dict) -> bool:
        """Whether the member may score the initiative: not conflicted, and an expert only
        what they were invited for; says why not."""
        if conflicted(member=member, initiative=initiative, declared=self.known.declared):
            self.problems.add(
                _(
                    "Row %(line)s, column '%(column)s': %(person)s has a conflict of interest "
                    "with this initiative and may not score it."
                )
                % where
            )
            return False
        if (
            member.role == CouncilMember.Role.EXPERT
            and initiative.pk not in self.known.expert_for[member.pk]
        ):
            self.problems.add(
                _(
                    "Row %(line)s, column '%(column)s': %(person)s was not invited to "
                    "appraise this initiative."
                )
                % where
            )
            return False
        return True

    def _sheet(self, initiative, member: CouncilMember, scored: dict, where: dict) -> None:
        """Plan the member's sheet when every criterion is scored and it was not submitted
        already (with other scores)."""
        missing = [c.name for c in self.known.criteria if c.pk not in scored]
        if missing:
            self.problems.add(
                _("Row %(line)s: the sheet of %(person)s has no score for %(criteria)s.")
                % {**where, "criteria": ", ".join(missing)}
            )
            return
        sheet = self.known.sheets.get((initiative.pk, member.pk))
        if sheet is not None and sheet.state == Assignment.State.SUBMITTED:
            if self.known.stored[sheet.pk] == scored:
                self.unchanged += 1
            else:
                self.problems.add(
                    _(
                        "Row %(line)s, column '%(column)s': %(person)s already submitted "
                        "this sheet; its scores cannot be changed."
                    )
                    % where
                )
            return
        self.planned.append((initiative, member, scored, where["line"]))


@transaction.atomic
def sheets_import(*, council: Council, by: User, rows) -> ImportResult:
    """Write and submit the sheets of `rows`, each {"line": the file's row number, "code": the
    initiative's code, "scores": {column label: value}}, on the members' behalf; all or none."""
    require(by, "appraisal.import_sheets", council)
    known = _council_read(_lock_open(council))
    reading = _Reading(known)
    for row in rows:
        reading.row(row)
    reading.problems.raise_if_any()
    if not reading.planned and not reading.unchanged:
        raise ValidationError(_("The file holds no scores to import."))
    written, created = _sheets_write(known, reading.planned, by=by)
    return ImportResult(
        imported=len(written), unchanged=reading.unchanged, assignments_created=len(created)
    )


def _sheets_write(known: _Council, planned: list, *, by: User):
    """Create the missing sheets, write the planned scores and submit each sheet, with an audit
    event naming the secretary; returns the sheets written and the (initiative, member) pairs
    whose sheet was created."""
    council, sheets, criteria = known.council, known.sheets, known.criteria
    now = timezone.now()
    weights = {c.pk: c.weight for c in criteria}
    new_sheets = [
        Assignment(council=council, initiative=initiative, member=member, assigned_by=by)
        for initiative, member, _scored, _line in planned
        if (initiative.pk, member.pk) not in sheets
    ]
    Assignment.objects.bulk_create(new_sheets)
    created = {(a.initiative_id, a.member_id) for a in new_sheets}
    if any(a.pk is None for a in new_sheets):  # a database that returns no ids from a bulk insert
        new_sheets = Assignment.objects.filter(council=council, state=Assignment.State.DRAFT)
    sheets.update({(a.initiative_id, a.member_id): a for a in new_sheets})
    written = [sheets[(initiative.pk, member.pk)] for initiative, member, _s, _l in planned]
    Score.objects.filter(assignment__in=written).delete()
    Score.objects.bulk_create(
        [
            Score(assignment=sheet, criterion_id=criterion_id, value=value)
            for sheet, (_i, _m, scored, _l) in zip(written, planned, strict=True)
            for criterion_id, value in scored.items()
        ]
    )
    for sheet, (initiative, member, scored, line) in zip(written, planned, strict=True):
        sheet.total = scoring.weighted_total(scored, weights)
        sheet.state = Assignment.State.SUBMITTED
        sheet.version += 1
        sheet.updated_at = sheet.submitted_at = now
        audit_record(
            actor=by,
            action="sheet.import",
            target=initiative,
            data={
                "council": council.pk,
                "member": member.user_id,
                "imported_by": by.pk,
                "row": line,
                "assignment_created": (initiative.pk, member.pk) in created,
                "scores": {str(k): str(v) for k, v in scored.items()},
                "total": str(sheet.total),
            },
        )
    Assignment.objects.bulk_update(
        written, ["total", "state", "version", "updated_at", "submitted_at"]
    )
    sheets_submitted(council=council, sheets=written)
    return written, created

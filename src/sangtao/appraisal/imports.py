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
from .services import _lock_open, conflicted

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


@transaction.atomic
def sheets_import(*, council: Council, by: User, rows) -> ImportResult:
    """Write and submit the sheets of `rows`, each {"line": the file's row number, "code": the
    initiative's code, "scores": {column label: value}}, on the members' behalf; all or none."""
    require(by, "appraisal.import_sheets", council)
    council = _lock_open(council)
    criteria = list(
        Criterion.objects.filter(movement=council.round.movement_id).order_by("order", "id")
    )
    members = scoring_seats(council=council)
    labels = member_labels(members)
    columns = {column_label(c, labels[m.pk]): (m, c) for m in members for c in criteria}
    expert_for = defaultdict(set)
    for member_id, initiative_id in CouncilMember.expert_initiatives.through.objects.filter(
        councilmember__council=council
    ).values_list("councilmember_id", "initiative_id"):
        expert_for[member_id].add(initiative_id)
    queue = {
        initiative_code(i): i
        for i in council_queue(council=council).select_related("unit").order_by("pk")
    }
    declared = conflict_pairs(initiatives=[i.pk for i in queue.values()])
    sheets = {(a.initiative_id, a.member_id): a for a in Assignment.objects.filter(council=council)}
    stored = defaultdict(dict)
    for assignment_id, criterion_id, value in Score.objects.filter(
        assignment__council=council
    ).values_list("assignment_id", "criterion_id", "value"):
        stored[assignment_id][criterion_id] = value

    problems = _Problems()
    unknown_columns: set[str] = set()
    seen: dict[str, int] = {}
    planned: list[tuple[object, CouncilMember, dict[int, Decimal], int]] = []
    unchanged = 0
    for row in rows:
        line, code = row["line"], _code(row.get("code"))
        cells = {
            label: raw for label, raw in row.get("scores", {}).items() if raw not in (None, "")
        }
        if not code:
            if cells:
                problems.add(_("Row %(line)s: the initiative's code is missing.") % {"line": line})
            continue
        initiative = queue.get(code)
        if initiative is None:
            problems.add(
                _("Row %(line)s: there is no initiative with code %(code)s in this council.")
                % {"line": line, "code": code}
            )
            continue
        if code in seen:
            problems.add(
                _("Row %(line)s: the initiative with code %(code)s is already on row %(first)s.")
                % {"line": line, "code": code, "first": seen[code]}
            )
            continue
        seen[code] = line
        values: dict[int, dict[int, Decimal]] = defaultdict(dict)
        first_column: dict[int, str] = {}
        faulty: set[int] = set()  # members with a wrong cell on this row, already reported
        for label, raw in cells.items():
            if label not in columns:
                if label not in unknown_columns:
                    unknown_columns.add(label)
                    problems.add(
                        _(
                            "Row %(line)s, column '%(column)s': no member of the council scores "
                            "this criterion under this name."
                        )
                        % {"line": line, "column": label}
                    )
                continue
            member, criterion = columns[label]
            first_column.setdefault(member.pk, label)
            value = _number(raw)
            where = {"line": line, "column": label}
            if value is None:
                problems.add(
                    _("Row %(line)s, column '%(column)s': “%(value)s” is not a number.")
                    % {**where, "value": raw}
                )
                faulty.add(member.pk)
                continue
            if value > criterion.max_score:
                problems.add(
                    _("Row %(line)s, column '%(column)s': the score %(value)s is above %(high)s.")
                    % {**where, "value": show(value), "high": criterion.max_score}
                )
                faulty.add(member.pk)
                continue
            if value < criterion.min_score:
                problems.add(
                    _("Row %(line)s, column '%(column)s': the score %(value)s is below %(low)s.")
                    % {**where, "value": show(value), "low": criterion.min_score}
                )
                faulty.add(member.pk)
                continue
            if value != value.quantize(scoring.TWO_PLACES):
                problems.add(
                    _(
                        "Row %(line)s, column '%(column)s': the score %(value)s has more than "
                        "two decimal places."
                    )
                    % {**where, "value": show(value)}
                )
                faulty.add(member.pk)
                continue
            values[member.pk][criterion.pk] = value
        for member in members:
            if member.pk not in first_column:
                continue
            where = {
                "line": line,
                "column": first_column[member.pk],
                "person": member.user.display_name,
            }
            if conflicted(member=member, initiative=initiative, declared=declared):
                problems.add(
                    _(
                        "Row %(line)s, column '%(column)s': %(person)s has a conflict of interest "
                        "with this initiative and may not score it."
                    )
                    % where
                )
                continue
            if (
                member.role == CouncilMember.Role.EXPERT
                and initiative.pk not in expert_for[member.pk]
            ):
                problems.add(
                    _(
                        "Row %(line)s, column '%(column)s': %(person)s was not invited to "
                        "appraise this initiative."
                    )
                    % where
                )
                continue
            if member.pk in faulty:
                continue
            scored = values[member.pk]
            missing = [c.name for c in criteria if c.pk not in scored]
            if missing:
                problems.add(
                    _("Row %(line)s: the sheet of %(person)s has no score for %(criteria)s.")
                    % {**where, "criteria": ", ".join(missing)}
                )
                continue
            sheet = sheets.get((initiative.pk, member.pk))
            if sheet is not None and sheet.state == Assignment.State.SUBMITTED:
                if stored[sheet.pk] == scored:
                    unchanged += 1
                else:
                    problems.add(
                        _(
                            "Row %(line)s, column '%(column)s': %(person)s already submitted "
                            "this sheet; its scores cannot be changed."
                        )
                        % where
                    )
                continue
            planned.append((initiative, member, scored, line))
    problems.raise_if_any()
    if not planned and not unchanged:
        raise ValidationError(_("The file holds no scores to import."))

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
    return ImportResult(
        imported=len(written), unchanged=unchanged, assignments_created=len(created)
    )

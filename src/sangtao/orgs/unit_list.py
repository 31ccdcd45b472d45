"""The list of units a province office keeps, imported from an XLSX workbook.

One sheet, a header row with the columns "mã", "tên", "loại", "đơn vị cấp trên" (its code or
its name) and "ngày hiệu lực", then one unit a row. Each row is compared with the tree below the
unit the list is imported into: a code not yet in force there is a **new** unit; a known code
with another name is **renamed**, with another parent **moved**; otherwise **unchanged**. A row
that cannot be applied says why, in Vietnamese, and then nothing is saved.

`unit_list_read` turns a workbook into raw rows (kept in the session between the preview and
the confirmation), `unit_list_plan` compares them with the tree, and `unit_list_apply` plans
them again against the tree as it is then and applies every row in one transaction, through the
tree's services (`unit_add`, `unit_rename`, `unit_move`), or none.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sangtao.core import files
from sangtao.core.services import audit_record

from .models import OrgUnit, UnitKind
from .selectors import open_q, subtree_q
from .text import fold

MAX_BYTES = 2 * 1024 * 1024
MAX_EXPANDED_BYTES = 32 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 50
HEADER_SEARCH_ROWS = 10

# Folded header -> column key. A header may add words after these ("đơn vị cấp trên (mã hoặc
# tên)"), so the first matching prefix wins.
COLUMNS = {
    "ma": "code",
    "ten": "name",
    "loai": "kind",
    "don vi cap tren": "parent",
    "ngay hieu luc": "on",
}
COLUMN_TITLES = {
    "code": "mã",
    "name": "tên",
    "kind": "loại",
    "parent": "đơn vị cấp trên",
    "on": "ngày hiệu lực",
}
# What a province office writes in "loại" for a commune's or ward's Front committee.
KIND_ALIASES = {
    "xa": "front_committee",
    "phuong": "front_committee",
    "dac khu": "front_committee",
    "thi tran": "front_committee",
    "uy ban mttq": "front_committee",
}

NEW, RENAMED, MOVED, UNCHANGED, ERROR = "new", "renamed", "moved", "unchanged", "error"
STATUS_LABELS = {
    NEW: gettext_lazy("new"),
    RENAMED: gettext_lazy("renamed"),
    MOVED: gettext_lazy("moved"),
    UNCHANGED: gettext_lazy("unchanged"),
    ERROR: gettext_lazy("error"),
}


@dataclass
class PlannedRow:
    """One row of the sheet, compared with the tree."""

    line: int
    code: str
    name: str
    kind_text: str
    parent_text: str
    on_text: str
    statuses: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unit: OrgUnit | None = None
    kind: UnitKind | None = None
    parent: OrgUnit | None = None
    parent_line: int | None = None  # a parent that is a new unit of an earlier row
    parent_name: str = ""
    on: datetime.date | None = None

    @property
    def labels(self) -> list[str]:
        return [str(STATUS_LABELS[status]) for status in self.statuses]


@dataclass
class UnitListPlan:
    rows: list[PlannedRow]
    errors: list[str] = field(default_factory=list)  # about the whole file

    @property
    def valid(self) -> bool:
        return not self.errors and not any(row.errors for row in self.rows)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if status in row.statuses)

    @property
    def counts(self) -> dict[str, int]:
        return {status: self.count(status) for status in (NEW, RENAMED, MOVED, UNCHANGED, ERROR)}


# --- reading ------------------------------------------------------------------------------------


def _refuse(message: str):
    raise ValidationError(message, code="file")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())[:300]


def _column_key(header) -> str | None:
    folded = fold(_text(header))
    for prefix, key in COLUMNS.items():
        if folded == prefix or folded.startswith(prefix + " ") or folded.startswith(prefix + "("):
            return key
    return None


def unit_list_read(*, upload) -> list[list]:
    """The rows of the workbook as [line, code, name, kind, parent, date] texts.

    Refuses (ValidationError, in Vietnamese) a file that is not a readable XLSX, too large, with
    too many rows, or whose header lacks one of the five columns."""
    return files.read_workbook(
        upload, _read_rows, max_bytes=MAX_BYTES, max_expanded=MAX_EXPANDED_BYTES
    )


def _read_rows(sheet) -> list[list]:
    columns: dict[str, int] | None = None
    rows: list[list] = []
    for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if len(values) > MAX_COLUMNS:
            values = values[:MAX_COLUMNS]
        if columns is None:
            if line > HEADER_SEARCH_ROWS:
                break
            found = {}
            for index, value in enumerate(values):
                key = _column_key(value)
                if key and key not in found:
                    found[key] = index
            if len(found) >= 2:
                missing = [COLUMN_TITLES[key] for key in COLUMN_TITLES if key not in found]
                if missing:
                    _refuse(
                        _("The header row lacks the columns: %(columns)s.")
                        % {"columns": ", ".join(f"“{title}”" for title in missing)}
                    )
                columns = found
            continue
        cells = [_text(values[index]) if index < len(values) else "" for index in columns.values()]
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            _refuse(_("The list has more than %(count)s units.") % {"count": MAX_ROWS})
        record = dict(zip(columns.keys(), cells, strict=True))
        rows.append([line, *(record[key] for key in COLUMN_TITLES)])
    if columns is None:
        _refuse(
            _("No header row with the columns %(columns)s was found.")
            % {"columns": ", ".join(f"“{title}”" for title in COLUMN_TITLES.values())}
        )
    if not rows:
        _refuse(_("The list holds no unit."))
    return rows


def _date(text: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


# --- comparing with the tree --------------------------------------------------------------------


def unit_list_plan(*, rows: list[list], within: OrgUnit) -> UnitListPlan:
    """Compare raw rows with the units in force below `within` (itself included).

    The queries do not grow with the rows: units are read by their codes in two queries (inside
    and outside `within`'s subtree), parents named by name in one query per distinct name."""
    today = timezone.localdate()
    planned = [PlannedRow(line, *map(str, cells)) for line, *cells in rows]
    inside = OrgUnit.objects.filter(subtree_q(within.path)).filter(open_q())
    refs = {row.code for row in planned if row.code} | {
        row.parent_text for row in planned if row.parent_text
    }
    by_code: dict[str, OrgUnit] = {}
    for unit in inside.filter(official_code__in=refs).select_related("parent").order_by("pk"):
        by_code.setdefault(unit.official_code, unit)
    outside_codes = set(
        OrgUnit.objects.filter(open_q(), official_code__in=refs - set(by_code))
        .exclude(subtree_q(within.path))
        .values_list("official_code", flat=True)
    )
    kinds = {}
    for kind in UnitKind.objects.all():
        kinds[fold(kind.code)] = kind
        kinds[fold(kind.name)] = kind
    for alias, code in KIND_ALIASES.items():
        kinds.setdefault(alias, next((k for k in kinds.values() if k.code == code), None))
    by_name_cache: dict[str, list[OrgUnit]] = {}
    seen_codes: dict[str, PlannedRow] = {}
    sheet_by_name: dict[str, list[PlannedRow]] = {}

    def units_named(text: str) -> list[OrgUnit]:
        folded = fold(text)
        if folded not in by_name_cache:
            by_name_cache[folded] = [
                unit
                for unit in inside.filter(search_key__startswith=folded).order_by("pk")[:20]
                if fold(unit.name) == folded
            ]
        return by_name_cache[folded]

    for row in planned:
        errors = row.errors
        if not row.code:
            errors.append(_("The code is missing."))
        elif row.code in seen_codes:
            errors.append(
                _("The code %(code)s is already on line %(line)s.")
                % {"code": row.code, "line": seen_codes[row.code].line}
            )
        elif row.code in outside_codes:
            errors.append(
                _("The code %(code)s belongs to a unit outside the units you administer.")
                % {"code": row.code}
            )
        if not row.name:
            errors.append(_("The name is missing."))
        row.kind = kinds.get(fold(row.kind_text)) if row.kind_text else None
        if row.kind is None:
            errors.append(
                _("Unknown kind “%(kind)s”.") % {"kind": row.kind_text}
                if row.kind_text
                else _("The kind is missing.")
            )
        if row.on_text:
            row.on = _date(row.on_text)
            if row.on is None:
                errors.append(
                    _("The date “%(date)s” is not a date (dd/mm/yyyy).") % {"date": row.on_text}
                )
        _resolve_parent(row, within, by_code, seen_codes, sheet_by_name, units_named, outside_codes)
        if row.code and row.code not in seen_codes:
            seen_codes[row.code] = row
        if row.name:
            sheet_by_name.setdefault(fold(row.name), []).append(row)
        row.unit = by_code.get(row.code) if row.code else None
        _compare(row, today)
        if errors:
            row.statuses = [ERROR]
    return UnitListPlan(rows=planned)


def _resolve_parent(row, within, by_code, seen_codes, sheet_by_name, units_named, outside):
    text = row.parent_text
    if not text:
        row.errors.append(_("The parent unit is missing."))
        return
    earlier = seen_codes.get(text) or next(iter(sheet_by_name.get(fold(text), [])), None)
    if earlier is not None and earlier.code not in by_code:
        # A unit that an earlier row of the sheet adds.
        if earlier.errors:
            row.errors.append(
                _("The parent unit “%(parent)s” is on line %(line)s, which has errors.")
                % {"parent": text, "line": earlier.line}
            )
            return
        row.parent_line = earlier.line
        row.parent_name = earlier.name
        return
    parent = by_code.get(text)
    if parent is None:
        named = units_named(text)
        if len(named) > 1:
            row.errors.append(
                _("Several units are called “%(parent)s”: write the parent's code instead.")
                % {"parent": text}
            )
            return
        parent = named[0] if named else None
    if parent is None:
        if text in outside:
            row.errors.append(
                _("The parent unit “%(parent)s” lies outside the units you administer.")
                % {"parent": text}
            )
        else:
            row.errors.append(_("Unknown parent unit “%(parent)s”.") % {"parent": text})
        return
    row.parent = parent
    row.parent_name = parent.name


def _compare(row: PlannedRow, today: datetime.date) -> None:
    unit = row.unit
    if unit is None:
        row.statuses = [NEW]
        return
    if unit.pk == (row.parent.pk if row.parent else None) or (
        row.parent is not None and row.parent.is_within(unit)
    ):
        row.errors.append(_("A unit cannot move under itself or under one of its own units."))
        return
    if unit.name != " ".join(row.name.split()) and row.name:
        row.statuses.append(RENAMED)
    new_parent_id = row.parent.pk if row.parent else None
    if row.parent_line is not None or new_parent_id != unit.parent_id:
        row.statuses.append(MOVED)
    if not row.statuses:
        row.statuses = [UNCHANGED]
    elif row.on is None and not row.on_text:
        row.errors.append(_("The date it takes effect is missing."))


# --- applying -----------------------------------------------------------------------------------


@transaction.atomic
def unit_list_apply(*, rows: list[list], within: OrgUnit, by) -> UnitListPlan:
    """Plan `rows` again against the tree as it is now and apply every row, or none.

    Raises ValidationError when a row has an error (the tree may have changed since the
    preview) and PermissionDenied when `by` does not administer `within`."""
    from .services import _require_manage_tree, unit_add, unit_move, unit_rename

    _require_manage_tree(by, within)
    plan = unit_list_plan(rows=rows, within=within)
    if not plan.valid:
        raise ValidationError(_("The list has errors: nothing was saved."), code="invalid")
    added: dict[int, OrgUnit] = {}
    today = timezone.localdate()
    for row in plan.rows:
        if UNCHANGED in row.statuses:
            continue
        # Earlier moves may have changed the paths of the units read by the plan.
        if row.parent_line is None:
            parent = OrgUnit.objects.select_related("level").get(pk=row.parent.pk)
        else:
            parent = added[row.parent_line]
        on = row.on or today
        if NEW in row.statuses:
            added[row.line] = unit_add(
                parent=parent,
                name=row.name,
                kind=row.kind,
                official_code=row.code,
                valid_from=row.on,
                by=by,
            )
            continue
        unit = OrgUnit.objects.get(pk=row.unit.pk)
        if RENAMED in row.statuses:
            unit = unit_rename(unit=unit, name=row.name, on=on, by=by)
        if MOVED in row.statuses:
            unit_move(unit=unit, new_parent=parent, on=on, by=by)
    audit_record(
        actor=by,
        action="unit.import_list",
        target=within,
        data={key: value for key, value in plan.counts.items() if value},
    )
    return plan

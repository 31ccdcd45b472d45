"""Writes to movements: creating one with the plan's defaults, and configuring every part.

Every function is keyword-only, runs in one transaction, checks the permission first
(`PermissionDenied`), validates everything before writing (`ValidationError` whose dict keys are
the model's field names, so a form can show each message next to its field) and records one
audit event on the movement. `by=None` stands for the system (management commands, data loads):
no permission check, and the audit event has no actor.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sangtao.core.services import audit_record, require
from sangtao.orgs.models import Level, OrgUnit

from . import plan_defaults
from .models import Campaign, Criterion, Field, Grade, Milestone, Movement, MovementCampaign, Round
from .selectors import movement_max_total

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_YEARS = 10  # a movement's plan covers at most this many years

Errors = dict[str, list]


# -- helpers ----------------------------------------------------------------------------------


_CHANGE_REFUSED = gettext_lazy("You are not allowed to change this movement.")


def _require_change(by, movement: Movement) -> None:
    require(by, "movements.change_movement", movement, message=_CHANGE_REFUSED, system=True)


def _lock(movement: Movement) -> None:
    """Serialise concurrent edits of one movement's configuration (no-op on SQLite)."""
    list(Movement.objects.select_for_update().filter(pk=movement.pk).values_list("pk"))


def _add(errors: Errors, field: str, message, **params) -> None:
    errors.setdefault(field, []).append(
        message if not params else ValidationError(message, params=params)
    )


def _field_errors(instance: models.Model, exclude: Iterable[str] = ("movement",)) -> Errors:
    """The model's own field checks (required, length, choices, validators), by field name."""
    try:
        instance.clean_fields(exclude=list(exclude))
    except ValidationError as error:
        return {name: list(messages) for name, messages in error.message_dict.items()}
    return {}


def _plain(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


def _update(instance: models.Model, data: dict, allowed: frozenset[str], validate) -> dict:
    """Set `data` on `instance`, validate it, and return {field: [old, new]} of what changed.

    On a validation error the instance gets its old values back before the error is raised.
    """
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"Cannot change {sorted(unknown)} of {type(instance).__name__}.")
    old = {name: getattr(instance, name) for name in data}
    for name, value in data.items():
        setattr(instance, name, value)
    errors = validate(instance)
    if errors:
        for name, value in old.items():
            setattr(instance, name, value)
        raise ValidationError(errors)
    return {
        name: [_plain(value), _plain(getattr(instance, name))]
        for name, value in old.items()
        if value != getattr(instance, name)
    }


def _in_use(instance: models.Model) -> bool:
    """True when a row elsewhere needs `instance`: a PROTECT foreign key (an initiative, a
    score, a council decision's grade, hidden or not) or a many-to-many link (the fields a
    council covers, which deleting would silently widen)."""
    for relation in instance._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue  # not a reverse relation
        if not relation.many_to_many and relation.on_delete not in (
            models.PROTECT,
            models.RESTRICT,
        ):
            continue
        manager = relation.related_model._base_manager
        if manager.filter(**{relation.field.name: instance}).exists():
            return True
    return False


def _delete(instance: models.Model, message: str) -> None:
    """Delete `instance`, or raise `message` as a ValidationError when it is in use."""
    if _in_use(instance):
        raise ValidationError(message)
    try:
        with transaction.atomic():
            instance.delete()
    except models.ProtectedError as error:  # a use that appeared meanwhile
        raise ValidationError(message) from error


def _code_from(name: str) -> str:
    """A slug for a code from a Vietnamese name: "Tính mới" -> "tinh-moi"."""
    text = name.replace("đ", "d").replace("Đ", "D")
    return slugify(text)[:36].strip("-") or "muc"


def _unique_code(model, movement: Movement, name: str, exclude_pk: int | None = None) -> str:
    base = _code_from(name)
    taken = set(
        model.objects.filter(movement=movement, code__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("code", flat=True)
    )
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return code


def _code_taken(instance) -> bool:
    return (
        type(instance)
        .objects.filter(movement_id=instance.movement_id, code=instance.code)
        .exclude(pk=instance.pk)
        .exists()
    )


def _move(instance, offset: int) -> bool:
    """Move `instance` `offset` places among its movement's rows; renumber them 1..n."""
    model = type(instance)
    siblings = list(model.objects.filter(movement_id=instance.movement_id).order_by("order", "id"))
    index = next(i for i, row in enumerate(siblings) if row.pk == instance.pk)
    target = index + offset
    if offset == 0 or not 0 <= target < len(siblings):
        return False
    siblings.insert(target, siblings.pop(index))
    for position, row in enumerate(siblings, start=1):
        row.order = position
    model.objects.bulk_update(siblings, ["order"])
    instance.order = target + 1
    return True


def _next_order(model, movement: Movement) -> int:
    highest = model.objects.filter(movement=movement).aggregate(m=models.Max("order"))["m"]
    return (highest or 0) + 1


# -- the ordered parts of a movement (fields, criteria, milestones) ------------------------------


def _kind(part) -> str:
    return part._meta.model_name  # "field", "criterion", "milestone": the audit's key


def _with_code(part, data: dict) -> dict:
    """`data`, with a code made from the name when it would leave the part without one."""
    if data.get("code", part.code):
        return data
    name = data.get("name", part.name)
    return {**data, "code": _unique_code(type(part), part.movement, name, exclude_pk=part.pk)}


def _part_create(part, validate, *, by, **data):
    """Validate and save a new part, and record "<kind>.add" on its movement."""
    errors = validate(part)
    if errors:
        raise ValidationError(errors)
    part.save()
    kind = _kind(part)
    audit_record(actor=by, action=f"{kind}.add", target=part.movement, data={kind: part.pk, **data})
    return part


def _part_update(part, data: dict, allowed: frozenset[str], validate, *, by):
    """Change a part's fields; record "<kind>.update" with what changed (nothing when nothing
    did)."""
    changes = _update(part, data, allowed, validate)
    if changes:
        part.save(update_fields=list(changes))
        kind = _kind(part)
        audit_record(
            actor=by, action=f"{kind}.update", target=part.movement, data={kind: part.pk, **changes}
        )
    return part


def _part_move(part, offset: int, *, by):
    """Move a part up (offset -1) or down (+1) its movement's list."""
    movement = part.movement
    _require_change(by, movement)
    _lock(movement)
    if _move(part, offset):
        kind = _kind(part)
        audit_record(
            actor=by,
            action=f"{kind}.move",
            target=movement,
            data={kind: part.pk, "order": part.order},
        )
    return part


def _part_delete(part, message: str, *, by, label: str = "name") -> None:
    """Delete a part nothing uses (else `message`, with %(name)s or %(title)s, is raised)."""
    movement = part.movement
    _require_change(by, movement)
    pk, text = part.pk, getattr(part, label)
    _delete(part, message % {label: text})
    kind = _kind(part)
    audit_record(actor=by, action=f"{kind}.delete", target=movement, data={kind: pk, label: text})


def _number(value: Decimal) -> str:
    """60.00 -> "60", 7.50 -> "7,5" (in Vietnamese)."""
    value = Decimal(value)
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return formats.number_format(value)


def _round_name(movement_name: str, year: int) -> str:
    return plan_defaults.ROUND_NAME.format(movement=movement_name, year=year)


# -- movement ---------------------------------------------------------------------------------


def _movement_errors(movement: Movement) -> Errors:
    errors = _field_errors(movement, exclude=("unit",))
    start, end = movement.start_year, movement.end_year
    for name in ("start_year", "end_year"):
        year = getattr(movement, name)
        if name not in errors and year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            _add(
                errors,
                name,
                _("Enter a year between %(first)s and %(last)s."),
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
    if errors or start is None or end is None:
        return errors
    if end < start:
        _add(errors, "end_year", _("The last year cannot come before the first year."))
    elif end - start + 1 > MAX_YEARS:
        _add(errors, "end_year", _("A movement lasts at most %(count)s years."), count=MAX_YEARS)
    elif movement.pk:
        outside = sorted(
            movement.rounds.exclude(year__gte=start, year__lte=end).values_list("year", flat=True)
        )
        if outside:
            _add(
                errors,
                "start_year" if outside[0] < start else "end_year",
                _("The movement already has rounds in %(years)s: the years must include them."),
                years=", ".join(str(year) for year in outside),
            )
    return errors


def _plan_defaults_create(movement: Movement) -> None:
    """Give `movement` the plan's configuration: its fields, criteria, grading scale,
    milestones over the movement's years and linked campaigns."""
    Field.objects.bulk_create(
        [
            Field(movement=movement, code=code, name=field_name, order=order)
            for order, (code, field_name) in enumerate(plan_defaults.FIELDS, start=1)
        ]
    )
    Criterion.objects.bulk_create(
        [
            Criterion(
                movement=movement,
                code=code,
                name=criterion_name,
                description=description,
                weight=Decimal("1"),
                min_score=plan_defaults.CRITERION_MIN,
                max_score=plan_defaults.CRITERION_MAX,
                minimum=plan_defaults.criterion_minimum(plan_defaults.CRITERION_MAX),
                order=order,
            )
            for order, (code, criterion_name, description) in enumerate(
                plan_defaults.CRITERIA, start=1
            )
        ]
    )
    Grade.objects.bulk_create(
        [
            Grade(movement=movement, name=grade, min_total=Decimal(low), recognised=ok)
            for grade, low, ok in plan_defaults.GRADES
        ]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                movement=movement,
                due_on=due,
                title=title,
                target=target,
                target_count=count,
                condition=plan_defaults.CONDITIONS.get(title, ("", {}))[0],
                condition_params=plan_defaults.CONDITIONS.get(title, ("", {}))[1],
            )
            for due, title, target, count in plan_defaults.milestones(
                movement.start_year, movement.end_year
            )
        ]
    )
    campaigns = [
        Campaign.objects.get_or_create(name=campaign)[0] for campaign in plan_defaults.CAMPAIGNS
    ]
    MovementCampaign.objects.bulk_create(
        [MovementCampaign(movement=movement, campaign=campaign) for campaign in campaigns]
    )


@transaction.atomic
def movement_create(
    *,
    unit: OrgUnit,
    name: str,
    start_year: int,
    end_year: int,
    by,
    theme: str = "",
    plan_reference: str = "",
    recognised_by: str = Movement.Recogniser.COUNCIL,
    with_plan_defaults: bool = True,
) -> Movement:
    """Create a movement with one round a year and, by default, the plan's configuration:
    the five fields of II, the five criteria of III.5.1, a grading scale, the milestones of IV
    laid on the movement's years and the linked campaigns of III.3 and V.1."""
    require(by, "movements.add_movement_at_unit", unit, message=_CHANGE_REFUSED, system=True)
    movement = Movement(
        unit=unit,
        name=name.strip(),
        start_year=start_year,
        end_year=end_year,
        theme=theme,
        plan_reference=plan_reference,
        recognised_by=recognised_by,
    )
    errors = _movement_errors(movement)
    if errors:
        raise ValidationError(errors)
    movement.save()
    Round.objects.bulk_create(
        [
            Round(movement=movement, year=year, name=_round_name(movement.name, year))
            for year in range(start_year, end_year + 1)
        ]
    )
    if with_plan_defaults:
        _plan_defaults_create(movement)
    audit_record(
        actor=by,
        action="movement.create",
        target=movement,
        data={"name": movement.name, "unit": unit.pk, "years": [start_year, end_year]},
    )
    return movement


MOVEMENT_FIELDS = frozenset(
    {"name", "theme", "unit", "start_year", "end_year", "plan_reference", "recognised_by"}
)


@transaction.atomic
def movement_update(*, movement: Movement, data: dict, by) -> Movement:
    """Change the movement's header: name, theme, organising unit, years, plan reference.

    Rounds are not added or removed: the years must still cover every existing round.
    """
    _require_change(by, movement)
    new_unit = data.get("unit")
    if new_unit is not None and new_unit.pk != movement.unit_id:
        require(
            by, "movements.add_movement_at_unit", new_unit, message=_CHANGE_REFUSED, system=True
        )
    if "name" in data:
        data = {**data, "name": data["name"].strip()}
    changes = _update(movement, data, MOVEMENT_FIELDS, _movement_errors)
    if changes:
        movement.save(update_fields=list(changes))
        audit_record(actor=by, action="movement.update", target=movement, data=changes)
    return movement


# -- rounds -----------------------------------------------------------------------------------


def _round_errors(round_: Round) -> Errors:
    errors = _field_errors(round_)
    if round_.opens_on and round_.closes_on and round_.closes_on < round_.opens_on:
        _add(errors, "closes_on", _("Submissions cannot close before they open."))
    if (
        round_.status == Round.Status.OPEN
        and "status" not in errors
        and Round.objects.filter(movement_id=round_.movement_id, status=Round.Status.OPEN)
        .exclude(pk=round_.pk)
        .exists()
    ):
        _add(
            errors,
            "status",
            _(
                "Another round of this movement is open for submissions: "
                "move it to another status first."
            ),
        )
    return errors


@transaction.atomic
def round_add(*, movement: Movement, year: int, by) -> Round:
    """Add the round of one year of the movement's period (planned, without dates)."""
    _require_change(by, movement)
    _lock(movement)
    errors: Errors = {}
    if not movement.start_year <= year <= movement.end_year:
        _add(
            errors,
            "year",
            _("Choose a year of the movement's period (%(first)s–%(last)s)."),
            first=movement.start_year,
            last=movement.end_year,
        )
    elif movement.rounds.filter(year=year).exists():
        _add(errors, "year", _("The movement already has a round in %(year)s."), year=year)
    if errors:
        raise ValidationError(errors)
    round_ = Round.objects.create(
        movement=movement, year=year, name=_round_name(movement.name, year)
    )
    audit_record(
        actor=by, action="round.add", target=movement, data={"round": round_.pk, "year": year}
    )
    return round_


ROUND_FIELDS = frozenset({"name", "status", "opens_on", "closes_on"})


@transaction.atomic
def round_update(*, round_: Round, data: dict, by) -> Round:
    """Change a round's name, status (planned, open, appraisal, closed) or submission dates."""
    movement = round_.movement
    _require_change(by, movement)
    _lock(movement)
    old_status = round_.status
    changes = _update(round_, data, ROUND_FIELDS, _round_errors)
    if changes:
        round_.save(update_fields=list(changes))
        audit_record(
            actor=by,
            action="round.update",
            target=movement,
            from_state=old_status if "status" in changes else "",
            to_state=round_.status if "status" in changes else "",
            data={"round": round_.pk, "year": round_.year, **changes},
        )
    return round_


# -- fields -----------------------------------------------------------------------------------


def _coded_errors(instance, code_message: str) -> Errors:
    errors = _field_errors(instance)
    if "code" not in errors and _code_taken(instance):
        _add(errors, "code", code_message)
    return errors


def _field_row_errors(field: Field) -> Errors:
    return _coded_errors(field, _("Another field of this movement has this code."))


@transaction.atomic
def field_add(*, movement: Movement, name: str, by, code: str = "", description: str = "") -> Field:
    """Add a field at the end of the list; without a code, one is made from the name."""
    _require_change(by, movement)
    _lock(movement)
    name = name.strip()
    field = Field(
        movement=movement,
        name=name,
        code=code or (_unique_code(Field, movement, name) if name else ""),
        description=description,
        order=_next_order(Field, movement),
    )
    return _part_create(field, _field_row_errors, by=by, name=name)


FIELD_FIELDS = frozenset({"name", "code", "description"})


@transaction.atomic
def field_update(*, field: Field, data: dict, by) -> Field:
    movement = field.movement
    _require_change(by, movement)
    data = _with_code(field, data)
    return _part_update(field, data, FIELD_FIELDS, _field_row_errors, by=by)


@transaction.atomic
def field_move(*, field: Field, offset: int, by) -> Field:
    """Move a field up (offset -1) or down (+1) the list."""
    return _part_move(field, offset, by=by)


@transaction.atomic
def field_delete(*, field: Field, by) -> None:
    """Delete a field no initiative (or other record) is filed under."""
    _part_delete(
        field,
        _(
            "The field “%(name)s” cannot be deleted: initiatives or other records are filed "
            "under it. Rename it instead."
        ),
        by=by,
    )


# -- criteria ---------------------------------------------------------------------------------


def _criterion_errors(criterion: Criterion) -> Errors:
    errors = _coded_errors(criterion, _("Another criterion of this movement has this code."))
    try:
        negative = Decimal(criterion.weight) < 0
    except (ArithmeticError, TypeError, ValueError):
        negative = False
    if negative:  # instead of the validator's generic message
        errors["weight"] = [_("The weight cannot be negative.")]
    low, high = criterion.min_score, criterion.max_score
    if "min_score" not in errors and "max_score" not in errors and low is not None:
        if high is not None and high <= low:
            _add(errors, "max_score", _("The highest score must be above the lowest score."))
    return _minimum_errors(criterion, errors)


def _minimum_errors(criterion: Criterion, errors: Errors) -> Errors:
    """0 ≤ minimum ≤ highest score, in words (instead of the validator's generic message)."""
    errors.pop("minimum", None)
    try:
        minimum = Decimal(criterion.minimum)
    except (ArithmeticError, TypeError, ValueError):
        _add(errors, "minimum", _("Enter the minimum as a number, such as 10 or 7,5."))
        return errors
    high = criterion.max_score
    if minimum < 0:
        _add(errors, "minimum", _("The minimum cannot be negative."))
    elif "max_score" not in errors and high is not None and minimum > high:
        _add(
            errors,
            "minimum",
            _("The minimum cannot be above the highest score (%(high)s)."),
            high=high,
        )
    elif minimum != minimum.quantize(Decimal("0.01")):
        _add(errors, "minimum", _("The minimum has at most two decimal places."))
    return errors


@transaction.atomic
def criterion_add(
    *,
    movement: Movement,
    name: str,
    by,
    description: str = "",
    weight: Decimal = Decimal("1"),
    min_score: int = 0,
    max_score: int = 20,
    minimum: Decimal | None = None,
    code: str = "",
) -> Criterion:
    """Add a criterion at the end of the list; without a code, one is made from the name;
    without a minimum, the platform's default (half the highest score)."""
    _require_change(by, movement)
    _lock(movement)
    if Criterion.objects.filter(movement=movement, scores__isnull=False).exists():
        raise ValidationError(
            _("Score sheets already use this movement's criteria: no criterion can be added.")
        )
    name = name.strip()
    criterion = Criterion(
        movement=movement,
        name=name,
        code=code or (_unique_code(Criterion, movement, name) if name else ""),
        description=description,
        weight=weight,
        min_score=min_score,
        max_score=max_score,
        minimum=_default_minimum(minimum, max_score),
        order=_next_order(Criterion, movement),
    )
    return _part_create(
        criterion,
        _criterion_errors,
        by=by,
        name=name,
        weight=_plain(criterion.weight),
        range=[criterion.min_score, criterion.max_score],
        minimum=_plain(criterion.minimum),
    )


def _default_minimum(minimum, max_score):
    if minimum is not None:
        return minimum
    try:
        return plan_defaults.criterion_minimum(int(max_score))
    except (TypeError, ValueError):
        return Decimal("0")  # the range's own error is reported


CRITERION_FIELDS = frozenset(
    {"name", "code", "description", "weight", "min_score", "max_score", "minimum"}
)


@transaction.atomic
def criterion_update(*, criterion: Criterion, data: dict, by) -> Criterion:
    """Change a criterion; its weight and range are fixed once sheets score it, its minimum
    is not (it changes what is proposed, not what was scored). An empty minimum is the
    platform's default, half the highest score."""
    movement = criterion.movement
    _require_change(by, movement)
    data = _with_code(criterion, data)
    if "minimum" in data and data["minimum"] is None:
        data = {
            **data,
            "minimum": _default_minimum(None, data.get("max_score", criterion.max_score)),
        }
    scoring_keys = {"weight", "min_score", "max_score"}
    if (
        any(
            key in data and _plain(data[key]) != _plain(getattr(criterion, key))
            for key in scoring_keys
        )
        and criterion.scores.exists()
    ):
        raise ValidationError(
            _("Score sheets already use this criterion: its weight and range can no longer change.")
        )
    return _part_update(criterion, data, CRITERION_FIELDS, _criterion_errors, by=by)


@transaction.atomic
def criterion_move(*, criterion: Criterion, offset: int, by) -> Criterion:
    return _part_move(criterion, offset, by=by)


@transaction.atomic
def criterion_delete(*, criterion: Criterion, by) -> None:
    """Delete a criterion that no score sheet uses yet."""
    _part_delete(
        criterion, _("The criterion “%(name)s” cannot be deleted: scores already use it."), by=by
    )


# -- grading scale ----------------------------------------------------------------------------


def _row_error(message, row: int, **params) -> ValidationError:
    """An error about row `row` of the list given to `grading_scale_set` (params["row"])."""
    return ValidationError(message, params={"row": row, **params})


def _scale_errors(
    rows: list[dict], existing: dict[int, Grade], max_total: Decimal
) -> tuple[Errors, list[Grade]]:
    """Check the whole scale; return the errors and the Grade objects it describes."""
    errors: Errors = {}
    grades: list[Grade] = []
    if not rows:
        _add(errors, NON_FIELD_ERRORS, _("The grading scale needs at least one grade."))
        return errors, grades
    for index, row in enumerate(rows):
        pk = row.get("id")
        if pk is not None and pk not in existing:
            _add(errors, NON_FIELD_ERRORS, _("A grade does not belong to this movement."))
            continue
        grade = Grade(
            pk=pk,
            name=(row.get("name") or "").strip(),
            min_total=row.get("min_total"),
            recognised=bool(row.get("recognised")),
        )
        for name, messages in _field_errors(grade).items():  # also turns "60" into Decimal
            for message in messages:
                errors.setdefault(name, []).append(_row_error(message.replace("%", "%%"), index))
        grades.append(grade)
    if errors:
        return errors, grades

    names: dict[str, Grade] = {}
    totals: dict[Decimal, Grade] = {}
    for index, grade in enumerate(grades):
        if grade.name.casefold() in names:
            errors.setdefault("name", []).append(
                _row_error(_("Two grades are called “%(name)s”."), index, name=grade.name)
            )
        names.setdefault(grade.name.casefold(), grade)
        if grade.min_total < 0:
            errors.setdefault("min_total", []).append(
                _row_error(_("A lowest total cannot be negative."), index)
            )
        elif grade.min_total in totals:
            errors.setdefault("min_total", []).append(
                _row_error(
                    _("The grade “%(other)s” already starts at %(total)s."),
                    index,
                    other=totals[grade.min_total].name,
                    total=_number(grade.min_total),
                )
            )
        elif max_total > 0 and grade.min_total > max_total:
            errors.setdefault("min_total", []).append(
                _row_error(
                    _("%(total)s is above the highest possible total (%(max)s)."),
                    index,
                    total=_number(grade.min_total),
                    max=_number(max_total),
                )
            )
        totals.setdefault(grade.min_total, grade)
    if Decimal("0") not in totals:
        _add(
            errors,
            NON_FIELD_ERRORS,
            _("The grading scale needs a bottom grade whose lowest total is 0."),
        )
    ordered = sorted(range(len(grades)), key=lambda i: grades[i].min_total)
    seen_recognised = False
    for index in ordered:
        if grades[index].recognised:
            seen_recognised = True
        elif seen_recognised:
            errors.setdefault("recognised", []).append(
                _row_error(
                    _("A grade that is not recognised cannot start above a recognised grade."),
                    index,
                )
            )
    return errors, grades


@transaction.atomic
def grading_scale_set(*, movement: Movement, grades: list[dict], by) -> list[Grade]:
    """Replace the grading scale with `grades`: [{"id"?, "name", "min_total", "recognised"}].

    Rows with an id change that grade, rows without one add a grade, grades left out are
    deleted (refused when in use). Thresholds must be distinct and a bottom grade must start at
    0. Either the whole scale is saved or nothing is; a row's error carries params["row"], its
    index in `grades`.
    """
    _require_change(by, movement)
    _lock(movement)
    existing = {grade.pk: grade for grade in movement.grades.all()}
    errors, new_grades = _scale_errors(grades, existing, movement_max_total(movement=movement))
    kept = {grade.pk for grade in new_grades if grade.pk is not None}
    removed = [grade for pk, grade in existing.items() if pk not in kept]
    for grade in removed:
        if _in_use(grade):
            _add(
                errors,
                NON_FIELD_ERRORS,
                _("The grade “%(name)s” cannot be removed: results already use it."),
                name=grade.name,
            )
    if errors:
        raise ValidationError(errors)

    def described(grades):
        return [[g.name, f"{Decimal(g.min_total):.2f}", g.recognised] for g in grades]

    before = described(existing.values())
    for grade in removed:
        grade.delete()
    renamed = [g for g in new_grades if g.pk is not None and g.name != existing[g.pk].name]
    for grade in renamed:  # step aside first, so that two grades may swap names
        Grade.objects.filter(pk=grade.pk).update(name=f"~{grade.pk}~")
    saved = []
    for grade in new_grades:
        grade.movement = movement
        if grade.pk is None:
            grade.save()
        else:
            grade.save(update_fields=["name", "min_total", "recognised"])
        saved.append(grade)
    saved.sort(key=lambda g: g.min_total, reverse=True)
    audit_record(
        actor=by,
        action="grading_scale.set",
        target=movement,
        data={
            "before": before,
            "after": described(saved),
        },
    )
    return saved


# -- milestones -------------------------------------------------------------------------------


def _milestone_errors(milestone: Milestone) -> Errors:
    errors = _field_errors(milestone)
    if milestone.done_on and "done_on" not in errors and milestone.done_on > timezone.localdate():
        _add(errors, "done_on", _("The date it was done cannot be in the future."))
    if "condition" not in errors:
        _condition_errors(milestone, errors)
    return errors


def _condition_errors(milestone: Milestone, errors: Errors) -> None:
    """A measured milestone names what it measures: the level whose council it waits for, or
    the kind of report period, and a year among the movement's (when given); each error under
    the parameter's name ("level", "kind", "year")."""
    params = milestone.condition_params or {}
    condition = milestone.condition
    if condition == Milestone.Condition.COUNCIL_LEVEL:
        if not Level.objects.filter(code=str(params.get("level") or "")).exists():
            _add(errors, "level", _("Choose the level whose council the milestone waits for."))
    elif condition == Milestone.Condition.REPORT_PERIOD:
        kinds = apps.get_model("reports", "ReportPeriod").Kind.values
        if params.get("kind") not in kinds:
            _add(errors, "kind", _("Choose the kind of report period the milestone waits for."))
    year, movement = params.get("year"), milestone.movement
    if condition and year is not None:
        if not isinstance(year, int) or not movement.start_year <= year <= movement.end_year:
            _add(
                errors,
                "year",
                _("The year must be one of the movement's, from %(start)s to %(end)s."),
                start=movement.start_year,
                end=movement.end_year,
            )


@transaction.atomic
def milestone_add(
    *,
    movement: Movement,
    due_on: datetime.date,
    title: str,
    by,
    target: str = "",
    target_count: int | None = None,
    responsible: str = "",
    condition: str = "",
    condition_params: dict | None = None,
) -> Milestone:
    """Add a milestone, ticked by hand or tied to a measurable `condition`."""
    _require_change(by, movement)
    milestone = Milestone(
        movement=movement,
        due_on=due_on,
        title=title.strip(),
        target=target,
        target_count=target_count,
        responsible=responsible,
        condition=condition,
        condition_params=condition_params or {},
    )
    return _part_create(
        milestone, _milestone_errors, by=by, title=milestone.title, due_on=_plain(due_on)
    )


MILESTONE_FIELDS = frozenset(
    {"due_on", "title", "target", "target_count", "responsible", "condition", "condition_params"}
)


@transaction.atomic
def milestone_update(*, milestone: Milestone, data: dict, by) -> Milestone:
    _require_change(by, milestone.movement)
    return _part_update(milestone, data, MILESTONE_FIELDS, _milestone_errors, by=by)


@transaction.atomic
def milestone_mark_done(*, milestone: Milestone, done_on: datetime.date | None, by) -> Milestone:
    """Record the date a milestone was done, or (with None) that it is not done after all."""
    movement = milestone.movement
    _require_change(by, movement)
    was_done = milestone.done_on is not None
    changes = _update(milestone, {"done_on": done_on}, frozenset({"done_on"}), _milestone_errors)
    if changes:
        milestone.save(update_fields=["done_on"])
        audit_record(
            actor=by,
            action="milestone.done" if done_on else "milestone.reopen",
            target=movement,
            from_state="done" if was_done else "pending",
            to_state="done" if done_on else "pending",
            data={"milestone": milestone.pk, **changes},
        )
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by) -> None:
    _part_delete(
        milestone,
        _("The milestone “%(title)s” cannot be deleted: other records use it."),
        by=by,
        label="title",
    )


# -- linked campaigns -------------------------------------------------------------------------


@transaction.atomic
def campaign_link(*, movement: Movement, name: str, by) -> MovementCampaign:
    """Link the campaign called `name` (created when new) to the movement, or reactivate it."""
    _require_change(by, movement)
    name = " ".join(name.split())
    errors: Errors = _field_errors(Campaign(name=name), exclude=())
    if errors:
        raise ValidationError(errors)
    campaign = Campaign.objects.filter(name__iexact=name).first()
    if campaign is None:
        campaign = Campaign.objects.create(name=name)
    link, created = MovementCampaign.objects.get_or_create(movement=movement, campaign=campaign)
    if not created:
        if link.active:
            raise ValidationError({"name": [_("This campaign is already linked to the movement.")]})
        link.active = True
        link.save(update_fields=["active"])
    audit_record(
        actor=by,
        action="campaign.link",
        target=movement,
        data={"campaign": campaign.pk, "name": campaign.name},
    )
    return link


@transaction.atomic
def campaign_link_set_active(*, link: MovementCampaign, active: bool, by) -> MovementCampaign:
    """Deactivate a linked campaign (new initiatives no longer name it), or activate it again."""
    movement = link.movement
    _require_change(by, movement)
    if link.active != active:
        link.active = active
        link.save(update_fields=["active"])
        audit_record(
            actor=by,
            action="campaign.activate" if active else "campaign.deactivate",
            target=movement,
            from_state="inactive" if active else "active",
            to_state="active" if active else "inactive",
            data={"campaign": link.campaign_id, "name": str(link.campaign)},
        )
    return link

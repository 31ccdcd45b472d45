"""The steps every register's services share: record the changes of an edit, save a
new or changed row with its audit event, delete a row leaving its audit trail.

An app's services stay in its own `services.py` (keyword-only, typed, one transaction, the
permission first); they call these for the common steps so that each register only writes what
is its own (its checks, its search key). See docs/registers.md.
"""

from collections.abc import Callable, Iterable

from django.db.models import Model

from sangtao.core.services import audit_record

from .keepers import require_keeps


def apply_changes(row: Model, data: dict, names: Iterable[str]) -> dict:
    """Set the values of `data` named in `names` on `row`; {name: [before, after]} of those that
    changed, for the audit trail. Compared with the stored row: a bound ModelForm has already
    set its values on `row`."""
    stored = type(row)._default_manager.get(pk=row.pk)
    changed = {}
    for name in names:
        if name not in data:
            continue
        before, after = getattr(stored, name), data[name]
        if before != after:
            changed[name] = [str(before), str(after)]
        setattr(row, name, after)
    return changed


def save_row(
    row: Model,
    *,
    by,
    action: str,
    check: Callable[[Model], None] | None = None,
    changed: dict | None = None,
) -> Model:
    """Check `row` (a ValidationError in Vietnamese refuses it), save it and record `action` on
    it, with `changed` (an edit's {name: [before, after]}) as the event's data."""
    if check is not None:
        check(row)
    row.save()
    if changed is None:
        audit_record(actor=by, action=action, target=row)
    else:
        audit_record(actor=by, action=action, target=row, data=changed)
    return row


def save_kept_changes(
    row: Model,
    data: dict,
    names: Iterable[str],
    *,
    by,
    action: str,
    check: Callable[[Model], None] | None = None,
    unit: str = "unit",
) -> Model:
    """The edit of a row a unit keeps: set `data` (those of `names`) on `row`, refuse unless `by`
    keeps the row's unit as it now stands (`unit` names it: moving a row to a unit one does not
    keep is refused), then `save_row` with the changes recorded as `action`."""
    changed = apply_changes(row, data, names)
    require_keeps(by, getattr(row, unit))
    return save_row(row, by=by, action=action, check=check, changed=changed)


def delete_row(row: Model, *, by, action: str) -> None:
    """Record `action` on `row`, then delete it: the audit trail stays."""
    audit_record(actor=by, action=action, target=row)
    row.delete()

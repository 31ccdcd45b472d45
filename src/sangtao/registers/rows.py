"""The columns a register's row keeps for the register itself, whatever the row records."""

from django.db import models
from django.utils import timezone


class RegisterRow(models.Model):
    """A row of a register (a plan, an event, a budget line, ...): the text its list's search
    matches, folded without tones by the app's services (`orgs.text.fold`), and when the row
    was entered."""

    search_key = models.CharField(max_length=600, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        abstract = True


def list_indexes(date: str, *, by_unit: str, sort: str, unit: str = "unit") -> list[models.Index]:
    """The two indexes a register's list reads (docs/registers.md), named `by_unit` and `sort`:
    (unit, date) for the unit filter with a period, and the list's own order, newest first
    (-date, -id), so that a page reads its rows down the index at 200,000 rows."""
    return [
        models.Index(fields=[unit, date], name=by_unit),
        models.Index(fields=[f"-{date}", "-id"], name=sort),
    ]

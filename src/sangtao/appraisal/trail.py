"""The council's steps in a dossier's history, as each person may read them.

Registered into `initiatives.selectors.initiative_history` by AppraisalConfig.ready(): the
initiatives app shows the dossier's own steps and asks this reader about the council's.
"""

from .models import Conflict, Council, Decision
from .rules import SheetsOf, chairs_its_council

SHEETS_IN = frozenset({"sheet.submit", "sheet.import"})
LABELS = {"source": dict(Conflict.Source.choices), "outcome": dict(Decision.Outcome.choices)}


class CouncilTrail:
    """What one person may read of the council's steps in the trail of one initiative, asked
    once per council the events name."""

    def __init__(self, *, initiative, viewer, events):
        council_ids = {
            e.data.get("council") for e in events if isinstance(e.data.get("council"), int)
        }
        self.user = viewer
        self.councils = Council.objects.select_related("unit").in_bulk(council_ids)
        self.sheets = {
            pk: viewer.has_perm("appraisal.view_sheets", SheetsOf(council, initiative.pk))
            for pk, council in self.councils.items()
        }
        self.perms = {
            (pk, perm): viewer.has_perm(f"appraisal.{perm}", council)
            for pk, council in self.councils.items()
            for perm in ("view_queue", "view_results")
        }
        self.conflict_reasons = chairs_its_council(viewer, initiative) or any(
            viewer.has_perm("appraisal.view_conflict_reasons", council)
            for council in self.councils.values()
        )

    def may(self, event, perm: str) -> bool:
        return self.perms.get((event.data.get("council"), perm), False)

    def sees_sheets(self, event) -> bool:
        return self.sheets.get(event.data.get("council"), False)

    def __call__(self, event) -> str | None:
        """ "whole", "anonymous" (a sheet reached the council: not who nor what), "hidden", or
        None for a step that is not the council's."""
        action, mine = event.action, event.actor_id == self.user.pk
        if action == "decision.record":
            return "whole" if mine or self.may(event, "view_results") else "hidden"
        if action in SHEETS_IN:
            own = mine if action == "sheet.submit" else event.data.get("member") == self.user.pk
            return "whole" if own or self.sees_sheets(event) else "anonymous"
        if action == "sheet.save":  # a draft: its member's alone
            return "whole" if mine else "hidden"
        if action in ("assignment.create", "assignment.remove"):
            concerned = mine or event.data.get("member") == self.user.pk
            if concerned or self.may(event, "view_queue") or self.sees_sheets(event):
                return "whole"
            return "hidden"
        if action == "discussion.post":
            return "whole" if mine or self.sees_sheets(event) else "hidden"
        if action == "conflict.declare":
            return "whole" if mine or self.conflict_reasons else "hidden"
        return None

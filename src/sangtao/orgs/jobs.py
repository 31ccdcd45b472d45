"""Closing a large unit in the background (sangtao.jobs): the close form's confirmation, when
the unit has more open work than `HAND_OVER_IN_BACKGROUND_FROM` items, asks for this job
instead of closing in the request. The job closes the unit and hands its open work over in one
transaction (`services.unit_retire`, all or nothing), its page showing each step, and keeps as
its file the record of what moved (a short text the administrator can file)."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from sangtao.jobs.registry import JobKind, register

from . import services
from .handover import hand_over_sentence
from .models import OrgUnit

RETIRE = "orgs.unit_retire"

# Open items (dossiers, councils, proposals, people, units) from which the close form hands
# over in the background rather than in the request.
HAND_OVER_IN_BACKGROUND_FROM = 2000

CLOSING = gettext_noop("Closing the unit…")


def retire_params(*, on: datetime.date, successor: OrgUnit, decision_number: str, decision_date):
    """The job's parameters (JSON) from the close form's data."""
    return {
        "on": on.isoformat(),
        "successor": successor.pk,
        "decision_number": decision_number,
        "decision_date": decision_date.isoformat() if decision_date else None,
    }


def _retire(job, progress) -> tuple[bytes, str]:
    params = job.params
    unit = OrgUnit.objects.get(pk=job.target_id)
    successor = OrgUnit.objects.get(pk=params["successor"])
    decision_date = params["decision_date"]
    progress(0, 1, CLOSING)  # outside the transaction: the page shows it at once
    services.unit_retire(
        unit=unit,
        on=datetime.date.fromisoformat(params["on"]),
        decision_number=params["decision_number"],
        decision_date=datetime.date.fromisoformat(decision_date) if decision_date else None,
        successor=successor,
        by=job.requested_by,
        progress=progress,
    )
    lines = [
        _("Hand-over of %(unit)s") % {"unit": unit.name},
        _("Merged from %(date)s, on decision %(decision)s.")
        % {
            "date": datetime.date.fromisoformat(params["on"]).strftime("%d/%m/%Y"),
            "decision": services.legal_basis_text(
                number=params["decision_number"],
                date=datetime.date.fromisoformat(decision_date) if decision_date else None,
            ),
        },
        hand_over_sentence(unit.handed_over, successor, done=True),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8"), f"ban-giao-{unit.pk}.txt"


register(
    JobKind(
        code=RETIRE,
        label=gettext_lazy("Closing a unit and handing over its open work"),
        build=_retire,
        permission="orgs.manage_tree",
        content_type="text/plain; charset=utf-8",
        writes=True,
    )
)

"""The states of an initiative and the transitions between them, in one place.

`TRANSITIONS` is the table: one row per step (from which states, to which, who may, whether a
reason is required, what is recorded, who is told). One engine,
`initiatives.services.transition_run`, takes every step from it, for the pages, the API and
the council's decisions alike; `docs/architecture.md` draws it. Adding a transition is one row
here plus its test (and, when the step sets more than the state, a hook in
`initiatives.services.TRANSITION_HOOKS`).

    draft --submit--> submitted --forward--> in_appraisal --> recognised / not_recognised
      ^                  |   |
      +-- returned <-----+   +--withdraw--> withdrawn
          (return)              (also from draft and returned)

Until the council is sealed it may change its mind between recognised and not_recognised.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    IN_APPRAISAL = "in_appraisal", _("In appraisal")
    RECOGNISED = "recognised", _("Recognised")
    NOT_RECOGNISED = "not_recognised", _("Not recognised")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Notify:
    """Who a transition tells (the engine, `initiatives.services.transition_run`, finds them)."""

    AUTHORS = "authors"  # the filer and the authors linked to an account
    UNIT_CLERKS = "unit_clerks"  # the clerks over the initiative's unit
    COUNCIL_SECRETARIES = "council_secretaries"  # the secretaries over the appraising unit


@dataclass(frozen=True)
class Transition:
    """One step of an initiative's life: one row of `TRANSITIONS`.

    `perm` is the `rules` permission of who may take it, checked on the initiative, or on
    the council when `by_council` (the council's decisions, `appraisal.services`).
    `reason_required` is the message shown when no reason is given ("" when a reason is
    optional). `action` is the audit code (core/audit.py has its sentence). `notify` names
    who is told, with `message` (placeholders: title, reason, unit (the appraising unit, or
    the council's), grade). `done` is what the page tells whoever took the step.
    """

    name: str
    sources: frozenset[str]
    target: str
    perm: str
    action: str
    reason_required: str = ""
    notify: tuple[str, ...] = ()
    message: str = ""
    done: str = ""
    by_council: bool = False


def _rows(*rows: Transition) -> dict[str, Transition]:
    return {row.name: row for row in rows}


TRANSITIONS: dict[str, Transition] = _rows(
    Transition(
        name="submit",
        sources=frozenset({State.DRAFT, State.RETURNED}),
        target=State.SUBMITTED,
        perm="initiatives.submit_initiative",
        action="initiative.submit",
        notify=(Notify.UNIT_CLERKS,),
        message=_("New initiative to review: %(title)s"),
        done=_("The initiative was submitted to your unit."),
    ),
    Transition(
        name="return",
        sources=frozenset({State.SUBMITTED}),
        target=State.RETURNED,
        perm="initiatives.return_initiative",
        action="initiative.return",
        reason_required=_("Say why the dossier is returned."),
        notify=(Notify.AUTHORS,),
        message=_("Your initiative “%(title)s” was returned for revision: %(reason)s"),
        done=_("The dossier was returned to its author."),
    ),
    Transition(
        name="forward",
        sources=frozenset({State.SUBMITTED}),
        target=State.IN_APPRAISAL,
        perm="initiatives.forward_initiative",
        action="initiative.forward",
        notify=(Notify.COUNCIL_SECRETARIES, Notify.AUTHORS),
        message=_("“%(title)s” was forwarded to the appraisal council of %(unit)s"),
        done=_("The initiative was forwarded to the council."),
    ),
    Transition(
        name="withdraw",
        sources=frozenset({State.DRAFT, State.SUBMITTED, State.RETURNED}),
        target=State.WITHDRAWN,
        perm="initiatives.withdraw_initiative",
        action="initiative.withdraw",
        done=_("The initiative was withdrawn."),
    ),
    # The council's decisions (appraisal.services), never the author's or the clerk's; until
    # the council is sealed it may change its mind between recognised and not recognised.
    Transition(
        name="recognise",
        sources=frozenset({State.IN_APPRAISAL, State.NOT_RECOGNISED}),
        target=State.RECOGNISED,
        perm="appraisal.decide",
        action="initiative.recognise",
        notify=(Notify.AUTHORS, Notify.UNIT_CLERKS),
        message=_("The council of %(unit)s recognised “%(title)s” (grade: %(grade)s)."),
        by_council=True,
    ),
    Transition(
        name="reject",
        sources=frozenset({State.IN_APPRAISAL, State.RECOGNISED}),
        target=State.NOT_RECOGNISED,
        perm="appraisal.decide",
        action="initiative.reject",
        reason_required=_("Give the reason for this decision."),
        notify=(Notify.AUTHORS, Notify.UNIT_CLERKS),
        message=_("The council of %(unit)s did not recognise “%(title)s”: %(reason)s"),
        by_council=True,
    ),
    Transition(
        name="council_return",
        sources=frozenset({State.IN_APPRAISAL, State.RECOGNISED, State.NOT_RECOGNISED}),
        target=State.RETURNED,
        perm="appraisal.decide",
        action="initiative.council_return",
        reason_required=_("Give the reason for this decision."),
        notify=(Notify.AUTHORS, Notify.UNIT_CLERKS),
        message=_("The council of %(unit)s asks for more information on “%(title)s”: %(reason)s"),
        by_council=True,
    ),
    Transition(
        name="nominate",
        sources=frozenset({State.RECOGNISED}),
        target=State.IN_APPRAISAL,
        perm="appraisal.nominate",
        action="initiative.nominate",
        notify=(Notify.AUTHORS, Notify.UNIT_CLERKS),
        message=_("“%(title)s” was proposed to the council of %(unit)s."),
        by_council=True,
    ),
)
COUNCIL_TRANSITIONS = frozenset(name for name, row in TRANSITIONS.items() if row.by_council)

EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})


def can_transition(state: str, transition: str) -> bool:
    return state in TRANSITIONS[transition].sources


def target_of(transition: str) -> str:
    return TRANSITIONS[transition].target

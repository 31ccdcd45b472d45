"""The states of an initiative and the transitions between them, in one place.

    draft --submit--> submitted --forward--> in_appraisal --> recognised / not_recognised
      ^                  |   |
      +-- returned <-----+   +--withdraw--> withdrawn
          (return)              (also from draft and returned)

`returned --submit--> submitted` closes the revision loop. Later steps (council decisions,
nominations) add their transitions here.
"""

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


# transition name -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({State.DRAFT, State.RETURNED}), State.SUBMITTED),
    "return": (frozenset({State.SUBMITTED}), State.RETURNED),
    "forward": (frozenset({State.SUBMITTED}), State.IN_APPRAISAL),
    "withdraw": (frozenset({State.DRAFT, State.SUBMITTED, State.RETURNED}), State.WITHDRAWN),
}

EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})


def can_transition(state: str, transition: str) -> bool:
    sources, _target = TRANSITIONS[transition]
    return state in sources


def target_of(transition: str) -> str:
    return TRANSITIONS[transition][1]


# What each recorded action of a dossier is called on screen.
ACTION_LABELS = {
    "initiative.create": _("Draft created"),
    "initiative.update": _("Dossier edited"),
    "initiative.submit": _("Submitted"),
    "initiative.return": _("Returned for revision"),
    "initiative.forward": _("Forwarded to the appraisal council"),
    "initiative.withdraw": _("Withdrawn"),
    "attachment.add": _("File attached"),
    "attachment.remove": _("File removed"),
}

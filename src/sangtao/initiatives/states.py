"""The states of an initiative and the transitions between them, in one place.

    draft --submit--> submitted --forward--> in_appraisal --> recognised / not_recognised
      ^                  |   |
      +-- returned <-----+   +--withdraw--> withdrawn
          (return)              (also from draft and returned)

`returned --submit--> submitted` closes the revision loop. The council of the appraising unit
then decides (appraisal app):

    in_appraisal --recognise--> recognised --nominate--> in_appraisal (next level's council)
    in_appraisal --reject--> not_recognised
    in_appraisal --council_return--> returned (the author adds what the council asked for)

Until the council is sealed it may change its mind between recognised and not_recognised.
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
    # The council's decisions (appraisal.services), never the author's or the clerk's.
    "recognise": (frozenset({State.IN_APPRAISAL, State.NOT_RECOGNISED}), State.RECOGNISED),
    "reject": (frozenset({State.IN_APPRAISAL, State.RECOGNISED}), State.NOT_RECOGNISED),
    "council_return": (
        frozenset({State.IN_APPRAISAL, State.RECOGNISED, State.NOT_RECOGNISED}),
        State.RETURNED,
    ),
    "nominate": (frozenset({State.RECOGNISED}), State.IN_APPRAISAL),
}
COUNCIL_TRANSITIONS = frozenset({"recognise", "reject", "council_return", "nominate"})

EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})


def can_transition(state: str, transition: str) -> bool:
    sources, _target = TRANSITIONS[transition]
    return state in sources


def target_of(transition: str) -> str:
    return TRANSITIONS[transition][1]

"""Which objects have an audit trail page, and who may read it.

An object's trail is readable by whoever may view the object itself: the registry names, for
each model, its view permission (a `rules` permission checked against the object), the page
that shows the object, and where the on-screen names of its actions are.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Audited:
    permission: str
    detail_url: Callable[[object], str]
    action_labels: str = ""  # dotted path to a {action: label} dict, if the app has one

    def labels(self) -> dict:
        return import_string(self.action_labels) if self.action_labels else {}


AUDITED: dict[str, Audited] = {
    "initiatives.initiative": Audited(
        permission="initiatives.view_initiative",
        detail_url=lambda initiative: reverse("initiatives:detail", args=[initiative.public_id]),
        action_labels="sangtao.initiatives.states.ACTION_LABELS",
    ),
    "appraisal.council": Audited(
        permission="appraisal.view_council",
        detail_url=lambda council: reverse("appraisal:council", args=[council.pk]),
    ),
    "movements.movement": Audited(
        permission="movements.view_movement",
        detail_url=lambda movement: reverse("movements:detail", args=[movement.pk]),
    ),
}


def audited(model_label: str) -> Audited | None:
    """The registry entry of `app_label.model_name`, or None if its trail has no page."""
    return AUDITED.get(model_label.lower())

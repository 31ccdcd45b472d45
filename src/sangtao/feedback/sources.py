"""The reports' computed source of feedback (sangtao.reports.sources): the questions and
problems the units of the subtree sent to the Front committees above them, by the day they
were sent, one SQL aggregate over the report's subtree and the period."""

from django.utils.translation import gettext_lazy as _

from sangtao.reports.sources import Figures, per_unit, source

from .models import Thread


@source("feedback_sent", _("Questions and problems the units sent to the committee in the period"))
def feedback_sent(*, period, scopes) -> Figures:
    return per_unit(period, scopes, Thread, day="opened_at")

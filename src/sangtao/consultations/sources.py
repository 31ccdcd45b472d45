"""The reports' computed source of consultations (sangtao.reports.sources): the comments the
units of the subtree gave on drafts put to comment (phản biện xã hội, III.6), by the day they
were written, one SQL aggregate over the report's subtree and the period. A citizen's own
comment (no unit) counts nowhere."""

from django.utils.translation import gettext_lazy as _

from sangtao.reports.sources import Figures, per_unit, source

from .models import Comment


@source("comments_given", _("Comments the units gave on drafts put to comment in the period"))
def comments_given(*, period, scopes) -> Figures:
    return per_unit(period, scopes, Comment, day="created_at")

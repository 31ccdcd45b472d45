"""The dashboard's panel of consultations in the subtree the dashboard shows: drafts open for
comment today, comments received (in the year) and those still awaiting the officer's
response. Two queries whatever the data. Registered by `ConsultationsConfig.ready()`."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext

from sangtao.dashboard.panels import plain_panel

from .models import Comment, Consultation


def consultations_for_dashboard(*, user, filters) -> dict:
    year = filters.year_shown
    today = timezone.localdate()
    drafts = Consultation.objects.filter(filters.subtree_q("unit__")).aggregate(
        open=Count("pk", filter=Q(opens_on__lte=today, closes_on__gte=today)),
        year=Count("pk", filter=Q(opens_on__year=year) if year else Q(pk__isnull=False)),
    )
    comments = Comment.objects.filter(filters.subtree_q("consultation__unit__"))
    if year:
        comments = comments.filter(consultation__opens_on__year=year)
    received = comments.aggregate(count=Count("pk"), awaiting=Count("pk", filter=Q(response="")))
    rows = [
        (pgettext("dashboard panel", "Drafts open for comment today"), drafts["open"]),
        (pgettext("dashboard panel", "Drafts put to comment"), drafts["year"]),
        (pgettext("dashboard panel", "Comments received"), received["count"]),
        (pgettext("dashboard panel", "Comments awaiting a response"), received["awaiting"]),
    ]
    return {"rows": rows}


PANEL = plain_panel(
    "consultations.counts", gettext_lazy("Consultations"), consultations_for_dashboard, order=66
)

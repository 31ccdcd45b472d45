"""The officer's list of consultations (sangtao.registers): everyone signed in sees the drafts
put to them; the publishing unit's keepers add, edit and delete them. A consultation's own page
(sections, comments, responses) is `views.consultation_detail`, at the register's detail
address."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sangtao.orgs.text import fold
from sangtao.registers import Column, Filter, Register, folded_search, model_perms

from . import selectors, services
from .forms import ConsultationForm
from .models import Consultation


def _years(*, user):
    return [(year, str(year)) for year in range(2030, 2014, -1)]


COLUMNS = (
    Column(pgettext_lazy("consultation", "Draft"), "title", link=True),
    Column(_("Kind"), "get_kind_display"),
    Column(_("Publishing unit"), "unit.name"),
    Column(_("Open for comments from"), "opens_on"),
    Column(_("Comments close on"), "closes_on"),
    Column(_("Audience"), "get_audience_display"),
)

CONSULTATIONS = Register(
    model=Consultation,
    namespace="consultations",
    name="consultation",
    plural="consultations",
    form=ConsultationForm,
    form_takes_user=True,
    queryset=selectors.consultations_visible,
    create=services.consultation_create,
    update=services.consultation_update,
    delete=services.consultation_delete,
    **model_perms(Consultation),
    columns=COLUMNS,
    export_columns=(*COLUMNS, Column(_("Summary"), "summary")),
    filters=(
        Filter("kind", _("Kind"), "kind", choices=lambda *, user: Consultation.Kind.choices),
        Filter("year", _("Year"), "opens_on__year", choices=_years),
    ),
    search=folded_search("search_key", fold=fold),
    texts={
        "added": _("The draft was published for comments. Now add its sections."),
        "saved": _("The consultation was saved."),
        "deleted": _("The consultation “%(name)s” was deleted."),
        "add_title": _("Publish a draft for comments"),
        "edit_title": _("Edit the consultation “%(name)s”"),
    },
)

"""The officer's list of consultations (sangtao.registers): everyone signed in sees the drafts
put to them; the publishing unit's keepers add, edit and delete them. A consultation's own page
(sections, comments, responses) is `views.consultation_detail`, at the register's detail
address."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sangtao.registers import Column, choice_filter, kept_register, year_filter

from . import selectors, services
from .forms import ConsultationForm
from .models import Consultation

COLUMNS = (
    Column(pgettext_lazy("consultation", "Draft"), "title", link=True),
    Column(_("Kind"), "get_kind_display"),
    Column(_("Publishing unit"), "unit.name"),
    Column(_("Open for comments from"), "opens_on"),
    Column(_("Comments close on"), "closes_on"),
    Column(_("Audience"), "get_audience_display"),
)

CONSULTATIONS = kept_register(
    model=Consultation,
    form=ConsultationForm,
    queryset=selectors.consultations_visible,
    writes=(
        services.consultation_create,
        services.consultation_update,
        services.consultation_delete,
    ),
    columns=COLUMNS,
    export_columns=(*COLUMNS, Column(_("Summary"), "summary")),
    filters=(
        choice_filter("kind", _("Kind"), Consultation.Kind.choices),
        year_filter("opens_on__year"),
    ),
    texts={
        "added": _("The draft was published for comments. Now add its sections."),
        "saved": _("The consultation was saved."),
        "deleted": _("The consultation “%(name)s” was deleted."),
        "add_title": _("Publish a draft for comments"),
        "edit_title": _("Edit the consultation “%(name)s”"),
    },
)

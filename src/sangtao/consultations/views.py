"""A consultation's own pages: the draft with its sections and the comments each person may
read, the comment form of each section, the officer's responses, the sections' editing and the
comments as DOCX. The list, create, edit and delete pages are the register's (registers.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sangtao.core.forms import style_form, submit
from sangtao.registers.pages import form_page

from . import documents, selectors, services
from .forms import CommentForm, PublishForm, ResponseForm, SectionForm
from .registers import CONSULTATIONS


def _load(request, pk: int, perm: str = "consultations.view_consultation"):
    """The consultation `pk`: 404 when the person may not see it, 403 without `perm`."""
    consultation = selectors.consultation_page(user=request.user, pk=pk)
    if consultation is None:
        raise Http404
    if not request.user.has_perm(perm, consultation):
        raise PermissionDenied
    return consultation


def _section(consultation, pk: int):
    section = selectors.section_of(consultation=consultation, pk=pk)
    if section is None:
        raise Http404
    return section


def _comment_form(request, consultation, data=None, prefix=None) -> CommentForm:
    form = CommentForm(
        data,
        prefix=prefix,
        units=selectors.units_speaking_for(user=request.user, consultation=consultation),
        public=consultation.is_public,
    )
    style_form(form)
    return form


def _detail(request, consultation, *, bound=None, bound_section=None, status=200):
    user = request.user
    may_comment = user.has_perm("consultations.comment_consultation", consultation) and (
        consultation.is_open_on(timezone.localdate())
    )
    rows = []
    for section, comments in selectors.sections_with_comments(user=user, consultation=consultation):
        form = None
        if may_comment:
            fresh = bound_section != section.pk
            form = _comment_form(request, consultation, prefix=f"s{section.pk}") if fresh else bound
        rows.append((section, comments, form))
    staff = user.has_perm("consultations.read_comments", consultation)
    context = {
        "consultation": consultation,
        "rows": rows,
        "may_comment": may_comment,
        "today": timezone.localdate(),
        "keeps": user.has_perm("consultations.change_consultation", consultation),
        "staff": staff,
        "history": selectors.history_of(consultation=consultation) if staff else [],
        "back_url": CONSULTATIONS.url("list"),
        "refusals": bound.non_field_errors() if bound is not None and not may_comment else [],
    }
    return render(request, "consultations/consultation_detail.html", context, status=status)


@login_required
@require_GET
def consultation_detail(request, item: int):
    return _detail(request, _load(request, item))


@login_required
@require_POST
def comment_add(request, pk: int, section: int):
    """A comment on one section of the draft (refused after the deadline, with a message)."""
    consultation = _load(request, pk, "consultations.comment_consultation")
    section = _section(consultation, section)
    form = _comment_form(request, consultation, request.POST, prefix=f"s{section.pk}")
    done, _comment = submit(
        request,
        form,
        lambda data: services.comment_add(
            section=section, text=data["text"], unit=data.get("unit"), by=request.user
        ),
    )
    if done:
        messages.success(request, _("Your comment was recorded."))
        return redirect(CONSULTATIONS.url("detail", row=consultation))
    return _detail(request, consultation, bound=form, bound_section=section.pk, status=400)


@login_required
def comment_respond(request, pk: int, comment: int):
    """The officer records the response to one comment; the commenter is told."""
    consultation = _load(request, pk, "consultations.respond_consultation")
    found = selectors.comment_of(consultation=consultation, pk=comment)
    if found is None:
        raise Http404
    initial = {"response": found.response, "response_text": found.response_text}
    return form_page(
        request,
        ResponseForm(request.POST if request.method == "POST" else None, initial=initial),
        lambda data: services.comment_respond(comment=found, by=request.user, **data),
        done=_("The response was recorded; the commenter is told."),
        next_url=CONSULTATIONS.url("detail", row=consultation),
        template="consultations/comment_respond.html",
        context={"comment": found, "title": _("Respond to a comment")},
    )


@login_required
@require_POST
def responses_publish(request, pk: int):
    consultation = _load(request, pk, "consultations.respond_consultation")
    form = PublishForm(request.POST)
    published = form.is_valid() and form.cleaned_data["published"]
    services.responses_publish(consultation=consultation, published=published, by=request.user)
    messages.success(
        request,
        _("Every comment and its response is now shown to the audience.")
        if published
        else _("Each commenter now sees only their own comments."),
    )
    return redirect(CONSULTATIONS.url("detail", row=consultation))


@login_required
@require_GET
def comments_download(request, pk: int):
    """The comments of every section, with their responses, as a DOCX."""
    consultation = _load(request, pk, "consultations.read_comments")
    sections = selectors.sections_with_comments(user=request.user, consultation=consultation)
    content, filename = documents.comments_docx(consultation=consultation, sections=sections)
    response = HttpResponse(content, content_type=documents.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- the draft's sections (the publishing unit's keepers) ------------------------------------


@login_required
def sections(request, pk: int):
    """The draft's sections in order, each with its edit, move and delete buttons, and the
    form that adds one at the end."""
    consultation = _load(request, pk, "consultations.change_consultation")
    return form_page(
        request,
        SectionForm(request.POST if request.method == "POST" else None),
        lambda data: services.section_add(consultation=consultation, by=request.user, **data),
        done=_("The section was added."),
        next_url=reverse("consultations:sections", args=[consultation.pk]),
        template="consultations/sections.html",
        context={
            "consultation": consultation,
            "sections": selectors.sections_of(parent=consultation),
        },
        back_url=CONSULTATIONS.url("detail", row=consultation),
    )


@login_required
def section_edit(request, pk: int, section: int):
    consultation = _load(request, pk, "consultations.change_consultation")
    row = _section(consultation, section)
    return form_page(
        request,
        SectionForm(request.POST if request.method == "POST" else None, instance=row),
        lambda data: services.section_update(section=row, data=data, by=request.user),
        done=_("The section was saved."),
        next_url=reverse("consultations:sections", args=[consultation.pk]),
        context={"title": _("Edit the section “%(name)s”") % {"name": row.heading}},
    )


@login_required
@require_POST
def section_delete(request, pk: int, section: int):
    consultation = _load(request, pk, "consultations.change_consultation")
    row = _section(consultation, section)
    try:
        services.section_delete(section=row, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The section “%(name)s” was deleted.") % {"name": row.heading})
    return redirect("consultations:sections", pk=consultation.pk)


@login_required
@require_POST
def section_move(request, pk: int, section: int):
    consultation = _load(request, pk, "consultations.change_consultation")
    row = _section(consultation, section)
    offset = -1 if request.POST.get("offset") == "-1" else 1
    services.section_move(section=row, offset=offset, by=request.user)
    return redirect("consultations:sections", pk=consultation.pk)

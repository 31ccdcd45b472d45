"""Pages of the dossier: thin views that bind a form and call one service or selector."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sangtao.core.forms import report_errors
from sangtao.core.selectors import CappedPaginator

from . import services
from .forms import AttachmentForm, AuthorFormSet, InitiativeForm, ReasonForm
from .models import Initiative
from .selectors import (
    initiative_attachments,
    initiative_author_rows,
    initiative_dossier,
    initiative_history,
    initiative_list_own,
    initiatives_for_pages,
    mark_authors_shown,
)
from .states import TRANSITIONS, State

PAGE_SIZE = 25


def _get_visible(request, public_id, perm: str = "initiatives.view_initiative") -> Initiative:
    initiative = get_object_or_404(initiatives_for_pages(), public_id=public_id)
    if not request.user.has_perm(perm, initiative):
        # Say "not found" rather than "forbidden": nobody learns what exists elsewhere.
        if not request.user.has_perm("initiatives.view_initiative", initiative):
            raise Http404
        raise PermissionDenied
    return initiative


@login_required
def initiative_mine(request):
    page = CappedPaginator(initiative_list_own(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = mark_authors_shown(page.object_list, user=request.user)
    return render(request, "initiatives/initiative_mine.html", {"page": page})


def _authors_initial(user, initiative: Initiative | None) -> tuple[list[dict], dict]:
    """The author rows the form starts with, and {user id: user} of the co-authors linked to
    an account (other than the filer)."""
    if initiative is None:
        # The common case: the filer is the (first) author, linked to their account.
        return [
            {
                "full_name": user.display_name,
                "position": user.position,
                "unit_name": user.unit.name if user.unit else "",
                "share": 100,
                "is_me": True,
            }
        ], {}
    rows = initiative_author_rows(initiative=initiative)
    linked = {a.user_id: a.user for a in rows if a.user_id and a.user_id != user.pk}
    initial = [
        {
            "full_name": a.full_name,
            "unit_name": a.unit_name,
            "position": a.position,
            "share": a.share,
            "is_me": a.user_id == user.pk,
            "account": a.user_id if a.user_id in linked else None,
        }
        for a in rows
    ]
    return initial, linked


def _first_draft(user, data, campaigns, authors, first_file) -> Initiative:
    """A new draft, with the file chosen on the same page when there is one."""
    upload = first_file.cleaned_data.get("upload") if first_file is not None else None
    if upload is None:
        return services.initiative_create(
            by=user, data=data, campaigns=campaigns, authors=authors.rows()
        )
    return services.initiative_create_with_file(
        by=user,
        data=data,
        campaigns=campaigns,
        authors=authors.rows(),
        upload=upload,
        description=first_file.cleaned_data["description"],
    )


def _dossier_save(request, initiative: Initiative | None, form, authors, first_file=None):
    """Save the dossier and, when asked, submit it: (the redirect, {}, the initiative) once
    done, or (None, the problems that keep it from being submitted, the saved initiative)."""
    user = request.user
    data = {k: v for k, v in form.cleaned_data.items() if k != "campaigns"}
    campaigns = form.cleaned_data["campaigns"]
    if initiative is None:
        try:
            initiative = _first_draft(user, data, campaigns, authors, first_file)
        except ValidationError as error:  # the file was refused: nothing was saved
            first_file.add_error("upload", error.messages)
            return None, {}, None
    else:
        try:
            initiative = services.initiative_update(
                initiative=initiative,
                by=user,
                data=data,
                campaigns=campaigns,
                authors=authors.rows(),
            )
        except ValidationError as error:  # submitted or withdrawn meanwhile
            report_errors(request, error)
            return redirect("initiatives:detail", public_id=initiative.public_id), {}, initiative
    done = redirect("initiatives:detail", public_id=initiative.public_id)
    if request.POST.get("action") != "submit":
        messages.success(request, _("The draft was saved."))
        return done, {}, initiative
    problems = {
        name: [message] if isinstance(message, str) else list(message)
        for name, message in services.dossier_problems(initiative).items()
    }
    if problems:
        for name, errors in problems.items():
            if name in form.fields:
                for message in errors:
                    form.add_error(name, message)
        messages.warning(
            request, _("The draft was saved, but it cannot be submitted yet: see below.")
        )
        return None, problems, initiative
    # Submitting is confirmed on its own page, which shows what the unit will receive.
    messages.success(request, _("The draft was saved. Check the summary and confirm."))
    return redirect("initiatives:submit_confirm", public_id=initiative.public_id), {}, initiative


def _dossier_page(request, initiative: Initiative | None):
    user = request.user
    initial_authors, linked = _authors_initial(user, initiative)
    instance = initiative or Initiative(created_by=user, unit_id=user.unit_id)
    form = InitiativeForm(request.POST or None, instance=instance, user=user)
    authors = AuthorFormSet(
        request.POST or None, initial=initial_authors, prefix="authors", user=user, linked=linked
    )
    # A new dossier may bring its first file at once (later ones go on the dossier's page).
    first_file = None
    if initiative is None:
        first_file = AttachmentForm(request.POST or None, request.FILES or None, prefix="file")
        first_file.fields["upload"].required = False
    problems: dict[str, list[str]] = {}
    valid = form.is_valid() and authors.is_valid() and (first_file is None or first_file.is_valid())
    if request.method == "POST" and valid:
        done, problems, initiative = _dossier_save(request, initiative, form, authors, first_file)
        if done is not None:
            return done
    return render(
        request,
        "initiatives/initiative_form.html",
        {
            "form": form,
            "authors": authors,
            "author_problems": problems.get("authors", []),
            "initiative": initiative,
            "first_file": first_file,
        },
    )


@login_required
def initiative_create_page(request):
    if not request.user.has_perm("initiatives.add_initiative"):
        raise PermissionDenied
    return _dossier_page(request, None)


@login_required
def initiative_edit_page(request, public_id):
    initiative = _get_visible(request, public_id, "initiatives.change_initiative")
    return _dossier_page(request, initiative)


@login_required
def initiative_detail(request, public_id):
    initiative = _get_visible(request, public_id)
    sees_authors = request.user.has_perm("initiatives.view_authors", initiative)
    history = initiative_history(initiative=initiative, viewer=request.user)
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "initiative": initiative,
            "sees_authors": sees_authors,
            **initiative_dossier(initiative=initiative, sees_authors=sees_authors),
            "confidential_labels": [
                label
                for value, label in Initiative.Section.choices
                if value in initiative.confidential_sections
            ],
            "history": history,
            "returned": _last_return(initiative, history),
            "problems": services.dossier_problems(initiative) if initiative.is_editable else {},
            "attachment_form": AttachmentForm(),
            "reason_form": ReasonForm(),
        },
    )


def _last_return(initiative: Initiative, history: list):
    """The step that returned the dossier (who, when, why), while it is returned."""
    if initiative.state != State.RETURNED:
        return None
    return next((event for event in reversed(history) if event.to_state == State.RETURNED), None)


@login_required
@require_safe
def initiative_submit_confirm(request, public_id):
    """Before submitting: what the unit will receive (a summary of the dossier), and one
    button that submits it (a plain form: no JavaScript needed)."""
    initiative = _get_visible(request, public_id, "initiatives.submit_initiative")
    return render(
        request,
        "initiatives/initiative_submit.html",
        {
            "initiative": initiative,
            **initiative_dossier(initiative=initiative, sees_authors=True),
            "problems": services.dossier_problems(initiative),
        },
    )


@login_required
def initiative_forward_page(request, public_id):
    """The clerk confirms where a submitted dossier goes: the open council (and its unit)
    it will reach, or a choice when several may take it; or why it cannot go yet."""
    initiative = _get_visible(request, public_id, "initiatives.forward_initiative")
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            raw = request.POST.get("council", "").strip()
            if raw and not raw.isdigit():
                raise ValidationError(_("Choose one of the councils offered."))
            services.initiative_forward(
                initiative=initiative,
                by=request.user,
                note=reason,
                council_id=int(raw) if raw else None,
            )
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(
                request,
                _("The initiative was forwarded to the appraisal council of %(unit)s.")
                % {"unit": initiative.appraisal_unit.name},
            )
        return redirect("initiatives:detail", public_id=initiative.public_id)
    targets = services.forward_targets(initiative=initiative)
    return render(
        request,
        "initiatives/initiative_forward.html",
        {
            "initiative": initiative,
            "targets": targets,
            "refusal": "" if targets else services.forward_refusal(initiative=initiative),
        },
    )


@login_required
@require_POST
def initiative_transition(request, public_id, transition: str):
    """Take one step of the table (initiatives/states.py) that a page offers: the author's and
    the clerk's (the council's decisions have their own pages)."""
    row = TRANSITIONS.get(transition)
    if row is None or row.by_council:
        raise Http404
    initiative = _get_visible(request, public_id)
    try:
        services.transition_run(
            initiative=initiative,
            name=row.name,
            by=request.user,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, str(row.done))
    return redirect("initiatives:detail", public_id=initiative.public_id)


@login_required
@require_POST
def attachment_upload(request, public_id):
    initiative = _get_visible(request, public_id, "initiatives.change_initiative")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                initiative=initiative,
                by=request.user,
                upload=form.cleaned_data["upload"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            report_errors(request, error)
        else:
            messages.success(request, _("The file was attached."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("initiatives:detail", public_id=initiative.public_id)


@login_required
def attachment_download(request, public_id, pk: int):
    initiative = _get_visible(request, public_id)
    attachment = get_object_or_404(initiative_attachments(initiative=initiative), pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.download_name(
            named=request.user.has_perm("initiatives.view_authors", initiative)
        ),
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def attachment_delete(request, public_id, pk: int):
    initiative = _get_visible(request, public_id, "initiatives.change_initiative")
    attachment = get_object_or_404(initiative_attachments(initiative=initiative), pk=pk)
    services.attachment_remove(attachment=attachment, by=request.user)
    messages.success(request, _("The file was removed."))
    return redirect("initiatives:detail", public_id=initiative.public_id)

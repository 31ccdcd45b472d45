"""Pages of needs: the public list and page, posting and changing, answering."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import AnswerForm, ChallengeForm
from .models import Challenge
from .selectors import (
    answerable_initiatives,
    challenge_answers,
    challenge_fields,
    challenge_list,
    challenge_suggestions,
    challenges_for_pages,
)

PAGE_SIZE = 20


def challenge_index(request):
    status = request.GET.get("status", Challenge.Status.OPEN)
    if status not in Challenge.Status.values and status != "all":
        status = Challenge.Status.OPEN
    field_id = request.GET.get("field") or ""
    field_id = int(field_id) if field_id.isdigit() and len(field_id) < 18 else None
    page = Paginator(
        challenge_list(status="" if status == "all" else status, field_id=field_id), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = f"status={status}" + (f"&field={field_id}" if field_id else "")
    return render(
        request,
        "challenges/challenge_list.html",
        {
            "page": page,
            "status": status,
            "statuses": [*Challenge.Status.choices, ("all", _("All"))],
            "fields": challenge_fields(),
            "field_id": field_id,
            "query_string": query,
        },
    )


def _get(public_id) -> Challenge:
    return get_object_or_404(challenges_for_pages(), public_id=public_id)


def _get_answerable(request, public_id) -> Challenge:
    """The need, which the person may answer with an initiative (else 403)."""
    challenge = _get(public_id)
    if not request.user.has_perm("challenges.answer_challenge", challenge):
        raise PermissionDenied
    return challenge


def challenge_detail(request, public_id):
    challenge = _get(public_id)
    user = request.user
    can_answer = user.has_perm("challenges.answer_challenge", challenge)
    answer_form = None
    if can_answer:
        answer_form = AnswerForm(initiatives=answerable_initiatives(user=user, challenge=challenge))
    return render(
        request,
        "challenges/challenge_detail.html",
        {
            "challenge": challenge,
            "answers": challenge_answers(challenge=challenge, user=user),
            "suggestions": challenge_suggestions(challenge=challenge),
            "can_change": user.has_perm("challenges.change_challenge", challenge),
            "can_answer": can_answer,
            "answer_form": answer_form,
        },
    )


def _form_page(request, challenge: Challenge | None):
    user = request.user
    form = ChallengeForm(request.POST or None, instance=challenge, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            if challenge is None:
                challenge = services.challenge_create(by=user, data=form.cleaned_data)
                messages.success(request, _("The need was posted."))
            else:
                services.challenge_update(challenge=challenge, by=user, data=form.cleaned_data)
                messages.success(request, _("The need was saved."))
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            return redirect("challenges:detail", public_id=challenge.public_id)
    return render(request, "challenges/challenge_form.html", {"form": form, "challenge": challenge})


@login_required
def challenge_create_page(request):
    if not request.user.has_perm("challenges.add_challenge"):
        raise PermissionDenied
    return _form_page(request, None)


def _get_changeable(request, public_id) -> Challenge:
    challenge = _get(public_id)
    if not request.user.has_perm("challenges.change_challenge", challenge):
        raise PermissionDenied
    return challenge


@login_required
def challenge_edit_page(request, public_id):
    return _form_page(request, _get_changeable(request, public_id))


@login_required
@require_POST
def challenge_status(request, public_id, status: str):
    challenge = _get_changeable(request, public_id)
    services.challenge_set_status(challenge=challenge, by=request.user, status=status)
    if status == Challenge.Status.CLOSED:
        messages.success(request, _("The need is closed: it takes no more answers."))
    else:
        messages.success(request, _("The need is open again."))
    return redirect("challenges:detail", public_id=challenge.public_id)


@login_required
@require_POST
def challenge_answer(request, public_id):
    challenge = _get_answerable(request, public_id)
    form = AnswerForm(
        request.POST, initiatives=answerable_initiatives(user=request.user, challenge=challenge)
    )
    if form.is_valid():
        services.challenge_answer(
            challenge=challenge, initiative=form.cleaned_data["initiative"], by=request.user
        )
        messages.success(request, _("Your initiative now answers this need."))
    else:
        messages.error(request, _("Choose one of your initiatives."))
    return redirect("challenges:detail", public_id=challenge.public_id)


@login_required
@require_POST
def challenge_answer_new(request, public_id):
    challenge = _get_answerable(request, public_id)
    try:
        initiative = services.challenge_answer_with_new_dossier(
            challenge=challenge, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("challenges:detail", public_id=challenge.public_id)
    messages.success(request, _("A draft answering the need was started: complete it."))
    return redirect("initiatives:edit", public_id=initiative.public_id)

"""The person's own account page: who they are, their roles, how notifications reach them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors
from .forms import EmailPreferenceForm
from .services import user_email_preference_set


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    user = request.user
    chosen = EmailPreferenceForm.DIGEST if user.email_digest else EmailPreferenceForm.EACH
    data = request.POST if request.method == "POST" else None
    form = EmailPreferenceForm(data, initial={"email": chosen})
    if request.method == "POST" and form.is_valid():
        digest = form.cleaned_data["email"] == EmailPreferenceForm.DIGEST
        user_email_preference_set(user=user, digest=digest, by=user)
        messages.success(request, _("Your choice is saved."))
        return redirect("account")
    memberships = selectors.person_memberships(person=user)
    return render(
        request,
        "accounts/account.html",
        {"form": form, "memberships": memberships},
        status=400 if form.errors else 200,
    )

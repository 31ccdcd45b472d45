"""Signing in safely: the authenticator's set-up and code pages, and the password pages."""

import math
from base64 import b32encode
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sangtao.core.forms import picked
from sangtao.core.middleware import client_ip

from . import services, throttle
from .forms import (
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SignInForm,
    TokenForm,
    VerifyTokenForm,
)
from .middleware import two_factor_mark_verified, two_factor_verified
from .selectors import two_factor_device, two_factor_required


def _next(request) -> str:
    """Where to go after the code: the page first asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next(request)})}"


def _signed_in_fully(request) -> None:
    # A new session key at the raise of privilege, as at the password (session fixation).
    request.session.cycle_key()
    two_factor_mark_verified(request, request.user)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def two_factor_setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), then give a code."""
    user = request.user
    if not two_factor_required(user=user):
        return redirect(_next(request))
    if two_factor_device(user=user) is not None:
        return redirect(_with_next("two_factor_verify", request))
    device = services.totp_device_prepare(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_device_confirm(device=device, token=form.cleaned_data["token"], by=user)
        except ValidationError as error:
            form.add_error("token", error)
        else:
            _signed_in_fully(request)
            request.session[BACKUP_CODES_KEY] = services.backup_codes_issue(user=user, by=user)
            messages.success(request, _("Two-factor sign-in is on for your account."))
            return redirect(_with_next("two_factor_backup_codes", request))
    import segno  # only this page draws a QR code

    uri = device.config_url
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": _next(request),
            "otpauth_uri": uri,
            "qr_data_uri": segno.make(uri, error="m").svg_data_uri(scale=5, border=2),
            "secret": _grouped(b32encode(device.bin_key).decode()),
        },
    )


@never_cache
@login_required
def two_factor_verify(request):
    """The second step of signing in: the code the authenticator app shows now."""
    user = request.user
    if two_factor_verified(request):
        return redirect(_next(request))
    if two_factor_device(user=user) is None:
        if two_factor_required(user=user):
            return redirect(_with_next("two_factor_setup", request))
        return redirect(_next(request))
    form = VerifyTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.two_factor_verify(user=user, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            _signed_in_fully(request)
            return redirect(_next(request))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


BACKUP_CODES_KEY = "sangtao_backup_codes"


@never_cache
@login_required
def two_factor_backup_codes(request):
    """The backup codes: shown once, just after they are made, on a page made for printing;
    later the page says how many are left and makes new ones (the old ones stop working)."""
    user = request.user
    if two_factor_device(user=user) is None:
        return redirect(_next(request))
    if request.method == "POST":
        request.session[BACKUP_CODES_KEY] = services.backup_codes_issue(user=user, by=user)
        return redirect(_with_next("two_factor_backup_codes", request))
    codes = request.session.pop(BACKUP_CODES_KEY, None)
    return render(
        request,
        "accounts/two_factor_backup_codes.html",
        {
            "codes": [f"{code[:4]} {code[4:]}" for code in codes or []],
            "left": services.backup_codes_left(user=user),
            "next": _next(request),
        },
    )


class SignInView(auth_views.LoginView):
    """Django's sign-in page, with the address slow-down (sangtao.accounts.throttle): an
    address that failed too often across user names waits before each further try. The
    first field takes a user name or an e-mail address (`SignInForm`)."""

    form_class = SignInForm

    def post(self, request, *args, **kwargs):
        seconds = throttle.address_wait_seconds(address=client_ip(request))
        if seconds:
            return render(request, "accounts/address_paused.html", {"seconds": seconds}, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.address_failure(address=client_ip(self.request))
        return super().form_invalid(form)


def locked_out(request, original_response=None, credentials=None):
    """The page of a locked-out sign-in (django-axes' AXES_LOCKOUT_CALLABLE): 429. It says how
    to get back in: wait, or ask an administrator to unlock the account now."""
    minutes = max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a link to choose a new password; the same answer whether the address is known
    or not, so the page tells no one who has an account."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    form_class = PasswordResetForm

    @property
    def extra_email_context(self):
        return {
            "site_url": settings.SITE_URL.rstrip("/"),
            "valid_hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
        }


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


# --- public registration -----------------------------------------------------------------------


@never_cache
def register(request):
    """Anyone opens an author's account; it works once the e-mail address is confirmed."""
    from sangtao.core.middleware import client_ip

    from . import registration
    from .forms import RegistrationForm

    if request.user.is_authenticated:
        return redirect("home")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_robot:  # pretend, and keep nothing
            return redirect("register_sent")
        address = client_ip(request) or ""
        if not registration.registration_allowed(address=address):
            form.add_error(
                None, _("Too many registrations from your network. Try again in an hour.")
            )
        else:
            data = form.cleaned_data
            registration.registration_create(
                **picked(data, "full_name", "email", "country", "place", "committee"),
                password=data["password1"],
                address=address,
            )
            return redirect("register_sent")
    return render(request, "accounts/register.html", {"form": form})


@require_GET
def register_sent(request):
    return render(request, "accounts/register_sent.html")


@never_cache
@require_GET
def register_confirm(request, token: str):
    from . import registration

    try:
        user = registration.registration_confirm(token=token)
    except registration.LinkExpired:
        return render(request, "accounts/register_confirm.html", {"expired": True}, status=400)
    except ValidationError:
        return render(request, "accounts/register_confirm.html", {"invalid": True}, status=400)
    return render(request, "accounts/register_confirm.html", {"confirmed_user": user})

"""Writes about people: creating and inviting an account, granting and revoking a role over a
subtree, deactivating an account, and setting up the authenticator of two-factor sign-in."""

import logging
import math

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sangtao.core.services import audit_record, notify
from sangtao.orgs.models import OrgUnit

from .models import Role, RoleMembership, User
from .scope import forget


def _require_admin_over(by: User | None, unit: OrgUnit | None) -> None:
    """`by` None is the system itself (a command); anyone else must administer `unit`."""
    if by is not None and not by.has_perm("accounts.manage_people", unit):
        raise PermissionDenied(_("You are not allowed to do this."))


@transaction.atomic
def user_create(
    *,
    username: str,
    full_name: str,
    unit: OrgUnit | None,
    by: User | None,
    password: str | None = None,
    password_hash: str | None = None,
    position: str = "",
    email: str = "",
    phone: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create an account working in `unit`.

    Give `password` (hashed here) or `password_hash` (already made by `make_password`, e.g. one
    hash shared by many demo accounts); with neither the account cannot sign in until a password
    is set.
    """
    _require_admin_over(by, unit)
    user = User(
        username=username,
        full_name=full_name,
        unit=unit,
        position=position,
        email=email,
        phone=phone,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)  # None makes the password unusable
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=by,
        action="user.create",
        target=user,
        data={"unit": unit.pk if unit else None, "is_staff": is_staff},
    )
    return user


@transaction.atomic
def role_grant(*, user: User, role: str, unit: OrgUnit, by: User | None) -> RoleMembership:
    """Give `user` the `role` over `unit` and its subtree (nothing changes if they hold it).

    `by` must administer `unit`; the holder is notified when a person (not the system) grants
    it."""
    _require_admin_over(by, unit)
    if role not in Role.values:
        raise ValidationError(_("Choose a role."), code="role")
    membership, created = RoleMembership.objects.get_or_create(user=user, role=role, unit=unit)
    if created:
        audit_record(
            actor=by,
            action="role.grant",
            target=user,
            data={"role": role, "unit": unit.pk},
        )
        forget(user)
        if by is not None and by.pk != user.pk:
            notify(
                recipients=[user],
                message=_("You now hold the role %(role)s over %(unit)s.")
                % {"role": Role(role).label, "unit": unit.name},
                url=reverse("home"),
            )
    return membership


@transaction.atomic
def role_revoke(*, membership: RoleMembership, by: User | None) -> None:
    """Take back a role: `by` must administer the membership's unit, and cannot take back
    their own administrator's role (someone above does)."""
    _require_admin_over(by, membership.unit)
    user = membership.user
    if by is not None and by.pk == user.pk and membership.role == Role.ADMIN:
        raise ValidationError(
            _("You cannot take back your own administrator's role."), code="own_admin"
        )
    data = {"role": membership.role, "unit": membership.unit_id}
    RoleMembership.objects.filter(pk=membership.pk).delete()
    audit_record(actor=by, action="role.revoke", target=user, data=data)
    forget(user)
    if by is not None:
        notify(
            recipients=[user],
            message=_("Your role %(role)s over %(unit)s was taken back.")
            % {"role": membership.get_role_display(), "unit": membership.unit.name},
            url=reverse("home"),
        )


@transaction.atomic
def user_deactivate(*, user: User, by: User) -> User:
    """Close an account: it can no longer sign in; its records, roles and history stay."""
    _require_admin_over(by, user.unit)
    if user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."), code="self")
    if user.is_superuser and not by.is_superuser:
        raise PermissionDenied(_("You are not allowed to do this."))
    if not user.is_active:
        raise ValidationError(_("This account is already deactivated."), code="inactive")
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(actor=by, action="user.deactivate", target=user)
    return user


def user_invite(
    *,
    full_name: str,
    email: str,
    unit: OrgUnit,
    by: User,
    role: str = "",
    phone: str = "",
    position: str = "",
) -> User:
    """Open an account for someone working in `unit` and e-mail them a signed link to choose
    their password (Django's password reset link: valid for PASSWORD_RESET_TIMEOUT, used
    once). Until then the account has no usable password. With `role`, grant it over `unit`."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    email = email.strip().lower()
    if (
        User.objects.filter(email__iexact=email).exists()
        or User.objects.filter(username=email).exists()
    ):
        raise ValidationError(
            {"email": _("An account with this e-mail address already exists.")}, code="exists"
        )
    with transaction.atomic():
        user = user_create(
            username=email,
            full_name=" ".join(full_name.split()),
            unit=unit,
            by=by,
            email=email,
            phone=phone.strip(),
            position=position.strip(),
        )
        if role:
            role_grant(user=user, role=role, unit=unit, by=by)
        audit_record(actor=by, action="user.invite", target=user, data={"unit": unit.pk})
        link = settings.SITE_URL + reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {
            "user": user,
            "link": link,
            "unit": unit,
            "by": by,
            "site_url": settings.SITE_URL,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        subject = render_to_string("accounts/invite_subject.txt", context).strip()
        body = render_to_string("accounts/invite_email.txt", context)
        transaction.on_commit(
            lambda: send_mail(
                subject=subject, message=body, from_email=None, recipient_list=[email]
            )
        )
    return user


# --- two-factor sign-in ----------------------------------------------------------------------

security_log = logging.getLogger("sangtao.security")


@transaction.atomic
def totp_device_prepare(*, user: User) -> TOTPDevice:
    """The authenticator `user` is setting up: made once (a new secret key), kept until the
    first code from it confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Sáng tạo", confirmed=False)
        audit_record(actor=user, action="two_factor.prepare", target=user)
    return device


def totp_device_confirm(*, device: TOTPDevice, token: str, by: User) -> TOTPDevice:
    """Confirm the authenticator being set up with a first code read from it.

    A wrong code raises ValidationError; the failure still counts for the device's throttling
    (each failure doubles the wait before the next try).
    """
    if device.user_id != by.pk:
        raise PermissionDenied(_("You are not allowed to do this."))
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        wait = _throttle_message(device)
        confirmed = device.confirmed or device.verify_token(token)
        if confirmed and not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=by).exclude(pk=device.pk).delete()
            audit_record(actor=by, action="two_factor.enable", target=by)
    if not confirmed:
        security_log.warning("two-factor setup: wrong code", extra={"user_id": by.pk})
        raise ValidationError(wait or _("This code is not right."))
    return device


BACKUP_CODES = 10


def backup_codes_issue(*, user: User, by: User) -> list[str]:
    """Ten new one-time backup codes for `user`'s two-factor sign-in (django-otp's static
    tokens), replacing any earlier ones. Returned once, to be printed: only the person sees
    them; each works once at the code step, when the phone is lost or out of reach."""
    if by.pk != user.pk:
        raise PermissionDenied(_("You are not allowed to do this."))
    with transaction.atomic():
        device = StaticDevice.objects.filter(user=user).order_by("pk").first()
        if device is None:
            device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
        StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        audit_record(actor=by, action="two_factor.backup_codes", target=user)
    return codes


def backup_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_verify(*, user: User, token: str) -> TOTPDevice | StaticDevice:
    """Check the one-time code of a user who signed in with their password: the six digits of
    the authenticator app, or one of the backup codes (which then stops working).

    Returns the device that accepted it; raises ValidationError otherwise (a code is accepted
    once only, and repeated failures make the next try wait longer and longer).
    """
    token = "".join(token.split()).lower()
    backup = not (len(token) == 6 and token.isdigit())  # backup codes have 8 characters
    model = StaticDevice if backup else TOTPDevice
    with transaction.atomic():
        devices = list(model.objects.select_for_update().filter(user=user, confirmed=True))
        waits = [message for message in map(_throttle_message, devices) if message]
        for device in devices:
            if device.verify_token(token):
                if backup:
                    audit_record(actor=user, action="two_factor.backup_code_used", target=user)
                    security_log.warning(
                        "two-factor sign-in with a backup code", extra={"user_id": user.pk}
                    )
                return device
    security_log.warning("two-factor sign-in: wrong code", extra={"user_id": user.pk})
    raise ValidationError(waits[0] if waits else _("This code is not right."))


# --- lock-out ----------------------------------------------------------------------------------


def sign_in_unlock(*, user: User, by: User) -> int:
    """Lift the lock-out of `user`'s user name from every address (django-axes), before its
    cool-off ends; for an administrator over the person's unit. Returns how many locked
    (user name, address) records were removed."""
    from axes.utils import reset

    _require_admin_over(by, user.unit)
    with transaction.atomic():
        removed = reset(username=user.get_username())
        audit_record(actor=by, action="sign_in.unlock", target=user)
    security_log.warning("sign-in unlocked", extra={"user_id": user.pk, "by": by.pk})
    return removed


def _throttle_message(device: TOTPDevice) -> str:
    allowed, details = device.verify_is_allowed()
    if allowed or not details or not details.get("locked_until"):
        return ""
    seconds = max(1, math.ceil((details["locked_until"] - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes. Wait %(seconds)s second and try again.",
        "Too many wrong codes. Wait %(seconds)s seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


@transaction.atomic
def user_email_preference_set(*, user: User, digest: bool, by: User) -> User:
    """Choose how a person's notifications come by e-mail: one each, or one e-mail a day (the
    digest `manage.py reminders_send` sends each night). Only the person themselves."""
    if by is None or by.pk != user.pk:
        raise PermissionDenied(_("You may choose only your own e-mails."))
    if user.email_digest != digest:
        user.email_digest = digest
        user.save(update_fields=["email_digest"])
        audit_record(actor=by, action="user.email_preference", target=user, data={"digest": digest})
    return user

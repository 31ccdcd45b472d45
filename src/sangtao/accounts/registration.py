"""Public registration: anyone, in Vietnam or abroad, opens an author's account with an e-mail
address, confirms it by a signed link, and may then file initiatives with the Front committee
they chose (the author role over that committee, granted by `role_grant`). Until the address is
confirmed the account is inactive: it cannot sign in, so it cannot file or submit anything.

Against abuse: a hidden field that only robots fill, at most `HOURLY_LIMIT` registrations an
hour from one address (kept as a keyed fingerprint, not the address), and the same answer
whether or not an e-mail address is already known (nobody learns who has an account).
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.core.services import audit_record
from sangtao.orgs.models import OrgUnit

from .models import Registration, Role, User
from .services import role_grant, user_create

SALT = "sangtao.accounts.registration"
LINK_MAX_AGE = timedelta(days=3)
HOURLY_LIMIT = 5


def address_hash(address: str) -> str:
    """A keyed fingerprint of a client address: enough to count, useless to anyone else."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def registration_allowed(*, address: str) -> bool:
    """Whether this address may register again now (a few an hour at most)."""
    since = timezone.now() - timedelta(hours=1)
    recent = Registration.objects.filter(address_hash=address_hash(address), created_at__gte=since)
    return recent.count() < HOURLY_LIMIT


def confirmation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=SALT, compress=True)


def _send(user: User, template: str, context: dict) -> None:
    context = {"user": user, "site_url": settings.SITE_URL, **context}
    send_mail(
        subject=render_to_string(f"accounts/{template}_subject.txt", context).strip(),
        message=render_to_string(f"accounts/{template}_email.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def _send_confirmation(user: User) -> None:
    link = settings.SITE_URL + reverse(
        "register_confirm", kwargs={"token": confirmation_token(user)}
    )
    _send(user, "register", {"link": link, "days": LINK_MAX_AGE.days})


def registration_create(
    *,
    full_name: str,
    email: str,
    password: str,
    country: str,
    place: str,
    committee: OrgUnit,
    address: str,
) -> User | None:
    """Open an inactive account and send the confirmation link.

    An address already registered gets an e-mail instead (a new link if it is still
    unconfirmed, a reminder to sign in otherwise) and None is returned: the page says the same
    in both cases.
    """
    email = email.strip().lower()
    existing = (
        User.objects.filter(email__iexact=email).first()
        or User.objects.filter(username=email).first()
    )
    if existing is not None:
        if existing.is_active:
            _send(existing, "register_exists", {"login_url": settings.SITE_URL + reverse("login")})
        elif hasattr(existing, "registration"):
            _send_confirmation(existing)
        return None
    with transaction.atomic():
        user = user_create(
            username=email, full_name=full_name, unit=None, by=None, password=password, email=email
        )
        user.is_active = False
        user.save(update_fields=["is_active"])
        Registration.objects.create(
            user=user,
            country=country,
            place=place,
            committee=committee,
            address_hash=address_hash(address),
        )
        audit_record(
            actor=None,
            action="user.register",
            target=user,
            data={"committee": committee.pk, "country": country},
        )
    _send_confirmation(user)
    return user


class LinkExpired(ValidationError):
    pass


@transaction.atomic
def registration_confirm(*, token: str) -> User:
    """Activate the account the signed link names and make its holder an author with the
    committee they chose. Raises LinkExpired (too old) or ValidationError (forged, or for an
    address changed since)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise LinkExpired(_("This link has expired.")) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid.")) from error
    user = (
        User.objects.select_for_update()
        .filter(pk=data.get("u"), email=data.get("e"), registration__isnull=False)
        .first()
    )
    if user is None:
        raise ValidationError(_("This link is not valid."))
    registration = user.registration
    if registration.confirmed_at is None:
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["confirmed_at"])
        user.is_active = True
        user.save(update_fields=["is_active"])
        role_grant(user=user, role=Role.AUTHOR, unit=registration.committee, by=None)
        audit_record(actor=user, action="user.confirm_email", target=user)
    return user

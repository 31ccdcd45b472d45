"""Signing in as a person does: through the login form, then (if asked) the code pages."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP

from sangtao.accounts import services as accounts
from sangtao.appraisal import services as appraisal
from sangtao.appraisal.models import CouncilMember

from ..factories import make_user

PASSWORD = "mat-khau-thu-nghiem"  # tests/factories.py:make_user


def sign_in(client, username: str, password: str = PASSWORD, **extra):
    """Post the login form; returns the response (302 to the home page when it worked)."""
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def code(device, offset: int = 0) -> str:
    """The code the person's app shows now (offset 1: the next 30-second step's)."""
    device.refresh_from_db()
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, offset).token()
    return f"{token:0{device.digits}d}"


def enrol(user):
    """Set up and confirm the user's authenticator through the services."""
    device = accounts.totp_device_prepare(user=user)
    return accounts.totp_device_confirm(device=device, token=code(device), by=user)


@pytest.fixture
def chair(movement, tree, people):
    """The chair of the commune's council (no role membership: the seat alone)."""
    council = appraisal.council_create(
        round=movement.rounds.first(),
        unit=tree["commune"],
        by=people["secretary"],
        data={"name": "Hội đồng thẩm định xã Tân Hòa năm 2018"},
    )
    person = make_user("chutich", unit=tree["commune"], full_name="Phạm Văn Chủ")
    appraisal.council_member_add(
        council=council, user=person, role=CouncilMember.Role.CHAIR, by=people["secretary"]
    )
    return person

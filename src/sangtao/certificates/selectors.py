"""Reads of certificates: one query a page, whatever the number of rows."""

from django.db.models import QuerySet

from sangtao.accounts.scope import scope_q
from sangtao.appraisal.models import Council
from sangtao.movements.models import Round

from .models import Certificate
from .rules import MANAGE_ROLES, VIEW_ROLES

LIST_FIELDS = (
    "id",
    "serial",
    "holder_name",
    "holder_kind",
    "initiative_title",
    "grade_name",
    "issuer_name",
    "governing_name",
    "issued_on",
    "revoked_at",
    "unit_id",
    "holder_user_id",
    "recognition__withdrawn_at",
)


def certificates_mine(*, user) -> QuerySet[Certificate]:
    """The certificates issued to the user: for the collective they filed for, or to an author
    of a dossier linked to their account (when it was issued, or linked since). One query."""
    # One IN over the UNION of two indexed selections, as `appraisal.selectors.council_queue`.
    held = Certificate.objects.filter(holder_user=user).order_by().values("pk")
    linked = Certificate.objects.filter(author__user=user).order_by().values("pk")
    return (
        Certificate.objects.filter(pk__in=held.union(linked))
        .select_related("recognition")
        .only(*LIST_FIELDS)
        .order_by("-issued_at", "-id")
    )


def certificates_visible(*, user, unit=None, query: str = "") -> QuerySet[Certificate]:
    """The certificates of committees in the subtrees the user follows (officer, administrator,
    leader), optionally of one committee, or those whose serial or holder matches `query`."""
    rows = Certificate.objects.filter(scope_q(user, VIEW_ROLES))
    if unit is not None:
        rows = rows.filter(unit=unit)
    query = query.strip()
    if query:
        rows = rows.filter(serial=query) | rows.filter(holder_name__icontains=query)
    return rows.select_related("recognition").only(*LIST_FIELDS).order_by("-issued_at", "-id")


def certificates_of_council(*, council) -> QuerySet[Certificate]:
    """A council's certificates in serial order, with what drawing them needs."""
    return (
        Certificate.objects.filter(council=council)
        .select_related("unit", "recognition")
        .order_by("year", "number")
    )


def certificates_of_round(*, round, user) -> QuerySet[Certificate]:
    """The certificates of a round's councils issued by committees in the user's subtrees
    (officer or administrator), by committee and serial."""
    return (
        Certificate.objects.filter(scope_q(user, MANAGE_ROLES), council__round=round)
        .select_related("unit", "recognition")
        .order_by("unit__path", "year", "number")
    )


def rounds_to_print(*, user) -> QuerySet[Round]:
    """The rounds whose councils sit in the user's subtrees (officer or administrator)."""
    councils = Council.objects.filter(scope_q(user, MANAGE_ROLES), sealed_at__isnull=False)
    return (
        Round.objects.filter(pk__in=councils.values("round_id"))
        .select_related("movement")
        .order_by("-year", "movement__name")
    )


def certificate_for_verification(*, token: str) -> Certificate | None:
    """The certificate behind a public link (one indexed query), or None."""
    return (
        Certificate.objects.filter(token=token)
        .select_related("recognition")
        .only(
            "serial",
            "holder_name",
            "holder_kind",
            "holder_unit",
            "share",
            "initiative_title",
            "grade_name",
            "issuer_name",
            "governing_name",
            "decision_number",
            "decision_date",
            "issued_on",
            "revoked_at",
            "revoked_reason",
            "recognition__withdrawn_at",
        )
        .first()
    )


def certificate_by_code(*, serial: str, check_code: str) -> Certificate | None:
    """The certificate whose printed serial (in any case) and check code both match, or None.
    The check code is unique, so the serial's case-blind comparison reads one row."""
    return (
        Certificate.objects.filter(check_code=check_code, serial__iexact=serial)
        .only("token")
        .first()
    )


# --- what the pages load by the numbers in their URLs -----------------------------------------


def certificates_for_pages() -> QuerySet[Certificate]:
    return Certificate.objects.select_related("unit", "recognition", "council", "author")


def units() -> QuerySet:
    from sangtao.orgs.models import OrgUnit

    return OrgUnit.objects.all()


def unit_by_pk(pk) -> object | None:
    """The unit numbered `pk`, or None."""
    return units().filter(pk=pk).first()


def certificate_settings_of(*, unit):
    """What `unit` prints on its certificates (None until it is set)."""
    from .models import CertificateSettings

    return CertificateSettings.objects.filter(unit=unit).first()


def councils_for_pages() -> QuerySet[Council]:
    return Council.objects.select_related("round", "unit")


def rounds() -> QuerySet[Round]:
    return Round.objects.all()


def has_certificates_of_round(*, round: Round, user) -> bool:
    return certificates_of_round(round=round, user=user).exists()

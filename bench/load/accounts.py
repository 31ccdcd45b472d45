"""Load-test accounts on a database filled by `manage.py generate_data` (run by run.sh).

    DATABASE_URL=postgres://... .venv/bin/python bench/load/accounts.py [--users 200]

Makes, through the services, inside a commune of its own under a generated province of the
movement that has the open round: `load_author_<n>` (each with a draft to save),
`load_member_<n>` (each with a seat and sheets of forwarded initiatives to score) and
`load_officer_<n>` (movement officers of the movement's unit, with an authenticator whose key
is LOAD_TOTP_KEY, so locust can give the code). Every account's password is LOAD_PASSWORD.

The commune's council is convened before its dossiers are forwarded, and each forward names
it: a dossier goes to the nearest open council above its unit, and a council convened after
the forward never sees it in its queue (its assignments are then refused).

It can be run again (LOAD_REUSE=1 runs it on a database filled before): what exists (the
commune, the accounts, their roles and authenticators, the council, its seats, dossiers and
sheets) is kept, and only what is missing for `--users` is made. Prints one JSON line: the
counts, and how many of each were made by this run.
"""

import argparse
import datetime
import json
import os
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

LOAD_PASSWORD = "tai-thu-nghiem-2026"
LOAD_TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, hex
DRAFTS = ROOT / "var" / "load" / "drafts.json"
INITIATIVES = 40  # forwarded to the load council; each member gets APPRAISERS of them
APPRAISERS = 3
COMMUNE = "Ủy ban MTTQ Việt Nam xã Thử Tải"
COUNCIL = "Hội đồng thẩm định thử tải"


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _place():
    """The open round (the shallowest movement's), the movement's unit, and the commune of
    the load test with its school, made under the movement's first province committee (or
    under the movement's unit when it is itself a province)."""
    from sangtao.movements.models import Round
    from sangtao.orgs.models import Level, OrgUnit, UnitKind
    from sangtao.orgs.services import unit_create

    round_ = (
        Round.objects.filter(status=Round.Status.OPEN)
        .select_related("movement__unit")
        .order_by("movement__unit__depth", "id")
        .first()
    )
    top = round_.movement.unit
    province = (
        OrgUnit.objects.filter(
            path__startswith=top.path, kind__code="front_committee", level__code="province"
        )
        .order_by("depth", "id")
        .first()
        or top
    )
    commune = OrgUnit.objects.filter(name=COMMUNE).first() or unit_create(
        name=COMMUNE,
        kind=UnitKind.objects.get(code="front_committee"),
        level=Level.objects.get(code="commune"),
        parent=province,
    )
    school = OrgUnit.objects.filter(parent=commune).first() or unit_create(
        name="Trường THCS Thử Tải",
        kind=UnitKind.objects.get(code="school"),
        level=Level.objects.get(code="grassroots"),
        parent=commune,
    )
    return round_, top, commune, school


def _people(kind: str, role: str | None, unit, count: int, password: str, made: dict) -> list:
    """load_<kind>_0 … load_<kind>_<count - 1>, with `role` in `unit`: the missing ones made."""
    from sangtao.accounts.models import RoleMembership, User

    names = [f"load_{kind}_{n}" for n in range(count)]
    found = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    User.objects.bulk_create(
        User(
            username=name,
            password=password,
            full_name=f"Người thử tải {kind} {name.rsplit('_', 1)[1]}",
            email=f"{name}@example.vn",
            unit=unit,
        )
        for name in names
        if name not in found
    )
    made[kind] = len(names) - len(found)
    by_name = User.objects.in_bulk(names, field_name="username")
    users = [by_name[name] for name in names]
    if role:
        holding = set(
            RoleMembership.objects.filter(user__in=users, role=role, unit=unit).values_list(
                "user_id", flat=True
            )
        )
        RoleMembership.objects.bulk_create(
            RoleMembership(user=user, role=role, unit=unit)
            for user in users
            if user.pk not in holding
        )
    return users


def _staff(kind: str, role: str, unit, password: str):
    """The commune's clerk or secretary (load_clerk, load_secretary), made once."""
    from sangtao.accounts.models import RoleMembership, User

    user, _ = User.objects.get_or_create(
        username=f"load_{kind}",
        defaults={"password": password, "unit": unit, "full_name": f"Người thử tải {kind}"},
    )
    RoleMembership.objects.get_or_create(user=user, role=role, unit=unit)
    return user


def _authenticators(officers: list) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    holding = set(
        TOTPDevice.objects.filter(user__in=officers, name="load").values_list("user_id", flat=True)
    )
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name="load", key=LOAD_TOTP_KEY, confirmed=True)
        for user in officers
        if user.pk not in holding
    )


def _council(round_, commune, secretary):
    """The commune's council for the round, convened once, with the secretary's seat."""
    from sangtao.appraisal import services as appraisal
    from sangtao.appraisal.models import Council, CouncilMember

    council = Council.objects.filter(round=round_, unit=commune, name=COUNCIL).first()
    if council is None:
        council = appraisal.council_create(
            round=round_,
            unit=commune,
            by=secretary,
            data={"name": COUNCIL, "appraisers_per_initiative": APPRAISERS},
        )
    if not CouncilMember.objects.filter(council=council, user=secretary).exists():
        appraisal.council_member_add(
            council=council, user=secretary, role=CouncilMember.Role.SECRETARY, by=secretary
        )
    return council


def _dossier(round_, school, title: str, summary: str) -> dict:
    field = round_.movement.fields.order_by("order").first()
    return {
        "kind": "initiative",
        "round": round_,
        "field": field,
        "unit": school,
        "title": title,
        "summary": summary,
        "essence": "Xây dựng cơ sở dữ liệu hội viên và cập nhật trên điện thoại.",
        "first_applied_on": datetime.date(round_.year, 3, 1),
        "application_scope": "Các chi hội trong xã",
        "benefits": "Giảm thời gian tổng hợp báo cáo từ 5 ngày xuống 1 ngày.",
        "yearly_saving_vnd": 12_500_000,
        "conditions": "Có điện thoại thông minh",
    }


ONE_AUTHOR = [{"full_name": "Trần Thị Hoa", "unit_name": "Hội Nông dân", "share": Decimal("100")}]


def _drafts(authors: list, round_, school, texts: list, made: dict) -> dict[str, str]:
    """{username: draft's public id}: each author's first draft, made when missing."""
    from sangtao.initiatives import services as initiatives
    from sangtao.initiatives.models import Initiative
    from sangtao.initiatives.states import State

    drafts = {}
    for pk, public_id in (
        Initiative.objects.filter(created_by__in=authors, state=State.DRAFT, unit=school)
        .order_by("-id")
        .values_list("created_by_id", "public_id")
    ):
        drafts[pk] = str(public_id)  # the first (lowest id) wins
    made["drafts"] = 0
    for n, author in enumerate(authors):
        if author.pk not in drafts:
            draft = initiatives.initiative_create(
                by=author, data=_dossier(round_, school, *texts[n]), authors=ONE_AUTHOR
            )
            drafts[author.pk] = str(draft.public_id)
            made["drafts"] += 1
    return {author.username: drafts[author.pk] for author in authors}


def _forwarded(council, authors: list, clerk, school, texts: list, made: dict) -> list:
    """INITIATIVES dossiers of the school forwarded to the load council (named in each
    forward), made when missing."""
    from sangtao.initiatives import services as initiatives
    from sangtao.initiatives.models import Initiative

    forwarded = list(
        Initiative.objects.filter(
            unit=school, appraisal_unit=council.unit, round=council.round
        ).order_by("id")[:INITIATIVES]
    )
    made["forwarded"] = INITIATIVES - len(forwarded)
    for n in range(len(forwarded), INITIATIVES):
        dossier = initiatives.initiative_create(
            by=authors[n % len(authors)],
            data=_dossier(council.round, school, *texts[len(authors) + n]),
            authors=ONE_AUTHOR,
        )
        initiatives.initiative_submit(initiative=dossier, by=dossier.created_by)
        initiatives.initiative_forward(initiative=dossier, by=clerk, council_id=council.pk)
        forwarded.append(dossier)
    return forwarded


def _sheets(council, members: list, forwarded: list, secretary, made: dict) -> int:
    """Each member's seat and APPRAISERS sheets of the forwarded dossiers, made when missing."""
    from sangtao.appraisal import services as appraisal
    from sangtao.appraisal.models import Assignment, CouncilMember

    seats = {
        seat.user_id: seat
        for seat in CouncilMember.objects.filter(council=council, user__in=members)
    }
    handed = set(
        Assignment.objects.filter(council=council).values_list("member_id", "initiative_id")
    )
    made["sheets"] = 0
    for index, user in enumerate(members):
        seat = seats.get(user.pk) or appraisal.council_member_add(
            council=council, user=user, role=CouncilMember.Role.MEMBER, by=secretary
        )
        for offset in range(APPRAISERS):
            initiative = forwarded[(index + offset * 7) % len(forwarded)]
            if (seat.pk, initiative.pk) not in handed:
                appraisal.assignment_create(
                    council=council, initiative=initiative, member=seat, by=secretary
                )
                made["sheets"] += 1
    return len(members) * APPRAISERS


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200, help="accounts of each kind")
    args = parser.parse_args()
    _setup()
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from sangtao.accounts.models import Role
    from sangtao.demo.synthetic import compose_texts

    password = make_password(LOAD_PASSWORD)
    made: dict[str, int] = {}
    with transaction.atomic():
        round_, top, commune, school = _place()
        authors = _people("author", Role.AUTHOR, school, args.users, password, made)
        members = _people("member", Role.COUNCIL_MEMBER, commune, args.users, password, made)
        officers = _people("officer", Role.OFFICER, top, args.users, password, made)
        _authenticators(officers)
        clerk = _staff("clerk", Role.CLERK, commune, password)
        secretary = _staff("secretary", Role.SECRETARY, commune, password)
        # Titles and summaries written as generate_data writes them, so that the novelty
        # panels search what real dossiers hold.
        texts = compose_texts(len(authors) + INITIATIVES, seed=2026)
        drafts = _drafts(authors, round_, school, texts, made)
        council = _council(round_, commune, secretary)
        forwarded = _forwarded(council, authors, clerk, school, texts, made)
        sheets = _sheets(council, members, forwarded, secretary, made)
    # The locustfile reads each author's draft from here.
    DRAFTS.parent.mkdir(parents=True, exist_ok=True)
    DRAFTS.write_text(json.dumps(drafts))
    print(
        json.dumps(
            {
                "movement": top.name,
                "commune": commune.name,
                "round": str(round_),
                "authors": len(authors),
                "members": len(members),
                "officers": len(officers),
                "sheets": sheets,
                "council": council.pk,
                "made": made,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()

"""Load-test accounts on a database filled by `manage.py generate_data` (run by run.sh).

    DATABASE_URL=postgres://... .venv/bin/python bench/load/accounts.py [--users 200]

Makes, through the services, inside a commune of its own under a generated district of the
province whose movement has the open round: `load_author_<n>` (each with a draft to save),
`load_member_<n>` (each with a seat and sheets of forwarded initiatives to score) and
`load_officer_<n>` (movement officers of the province, with an authenticator whose key is
LOAD_TOTP_KEY, so locust can give the code). Every account's password is LOAD_PASSWORD.
Prints one JSON line: the counts. Accounts made before are kept when there are enough.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200, help="accounts of each kind")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sangtao.accounts.models import Role, RoleMembership, User
    from sangtao.appraisal import services as appraisal
    from sangtao.appraisal.models import CouncilMember
    from sangtao.demo.synthetic import compose_texts
    from sangtao.initiatives import services as initiatives
    from sangtao.movements.models import Round
    from sangtao.orgs.models import Level, OrgUnit, UnitKind
    from sangtao.orgs.services import unit_create

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    made = User.objects.filter(username__startswith="load_officer_").count()
    if made >= args.users:
        print(json.dumps({"accounts": "made before", "officers": made}))
        return
    password = make_password(LOAD_PASSWORD)
    round_ = (
        Round.objects.filter(status=Round.Status.OPEN)
        .select_related("movement__unit")
        .order_by("movement__unit__depth", "id")
        .first()
    )
    movement = round_.movement
    province = movement.unit
    district = OrgUnit.objects.filter(parent=province).order_by("id").first() or province

    def people(kind: str, role: str | None, unit) -> list:
        users = User.objects.bulk_create(
            User(
                username=f"load_{kind}_{n}",
                password=password,
                full_name=f"Người thử tải {kind} {n}",
                email=f"load_{kind}_{n}@example.vn",
                unit=unit,
            )
            for n in range(args.users)
        )
        users = list(User.objects.filter(username__startswith=f"load_{kind}_").order_by("id"))
        if role:
            RoleMembership.objects.bulk_create(
                RoleMembership(user=user, role=role, unit=unit) for user in users
            )
        return users

    with transaction.atomic():
        name = "Ủy ban MTTQ Việt Nam xã Thử Tải"
        commune = OrgUnit.objects.filter(name=name).first() or unit_create(
            name=name,
            kind=UnitKind.objects.get(code="front_committee"),
            level=Level.objects.get(code="commune"),
            parent=district,
        )
        school = OrgUnit.objects.filter(parent=commune).first() or unit_create(
            name="Trường THCS Thử Tải",
            kind=UnitKind.objects.get(code="school"),
            level=Level.objects.get(code="grassroots"),
            parent=commune,
        )
        authors = people("author", Role.AUTHOR, school)
        members = people("member", Role.COUNCIL_MEMBER, commune)
        officers = people("officer", Role.OFFICER, province)
        TOTPDevice.objects.bulk_create(
            TOTPDevice(user=user, name="load", key=LOAD_TOTP_KEY, confirmed=True)
            for user in officers
        )
        clerk, secretary = (
            User.objects.create(
                username=f"load_{kind}",
                password=password,
                unit=commune,
                full_name=f"Người thử tải {kind}",
            )
            for kind in ("clerk", "secretary")
        )
        RoleMembership.objects.create(user=clerk, role=Role.CLERK, unit=commune)
        RoleMembership.objects.create(user=secretary, role=Role.SECRETARY, unit=commune)

        field = movement.fields.order_by("order").first()
        dossier = {
            "kind": "initiative",
            "round": round_,
            "field": field,
            "unit": school,
            "summary": "Số hóa hồ sơ hội viên của Hội Nông dân xã.",
            "essence": "Xây dựng cơ sở dữ liệu hội viên và cập nhật trên điện thoại.",
            "first_applied_on": datetime.date(round_.year, 3, 1),
            "application_scope": "Các chi hội trong xã",
            "benefits": "Giảm thời gian tổng hợp báo cáo từ 5 ngày xuống 1 ngày.",
            "yearly_saving_vnd": 12_500_000,
            "conditions": "Có điện thoại thông minh",
        }
        one_author = [
            {"full_name": "Trần Thị Hoa", "unit_name": "Hội Nông dân", "share": Decimal("100")}
        ]
        # Titles and summaries written as generate_data writes them, so that the novelty
        # panels search what real dossiers hold.
        texts = iter(compose_texts(len(authors) + INITIATIVES, seed=2026))
        drafts = {}
        for author in authors:
            title, summary = next(texts)
            draft = initiatives.initiative_create(
                by=author, data=dossier | {"title": title, "summary": summary}, authors=one_author
            )
            drafts[author.username] = str(draft.public_id)
        forwarded = []
        for n in range(INITIATIVES):
            title, summary = next(texts)
            made = initiatives.initiative_create(
                by=authors[n % len(authors)],
                data=dossier | {"title": title, "summary": summary},
                authors=one_author,
            )
            initiatives.initiative_submit(initiative=made, by=made.created_by)
            initiatives.initiative_forward(initiative=made, by=clerk)
            forwarded.append(made)
        council = appraisal.council_create(
            round=round_,
            unit=commune,
            by=secretary,
            data={"name": "Hội đồng thẩm định thử tải", "appraisers_per_initiative": 3},
        )
        appraisal.council_member_add(
            council=council, user=secretary, role=CouncilMember.Role.SECRETARY, by=secretary
        )
        sheets = 0
        for index, user in enumerate(members):
            seat = appraisal.council_member_add(
                council=council, user=user, role=CouncilMember.Role.MEMBER, by=secretary
            )
            for offset in range(3):
                initiative = forwarded[(index + offset * 7) % len(forwarded)]
                appraisal.assignment_create(
                    council=council, initiative=initiative, member=seat, by=secretary
                )
                sheets += 1
    # The locustfile reads each author's draft from here.
    DRAFTS.parent.mkdir(parents=True, exist_ok=True)
    DRAFTS.write_text(json.dumps(drafts))
    print(
        json.dumps(
            {
                "province": province.name,
                "round": str(round_),
                "authors": len(authors),
                "members": len(members),
                "officers": len(officers),
                "sheets": sheets,
                "council": council.pk,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()

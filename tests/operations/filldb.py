"""Fill a fresh database with rows of every app, through the real services.

Run as a program, against the database DATABASE_URL names (migrated first):

    DATABASE_URL=sqlite:////tmp/x.sqlite3 python -m tests.operations.filldb

The backup test runs it in a child process, so that the database it backs up is a real one that
another process can read, not the test run's own (in memory or inside a transaction).
"""

import datetime
import os
import sys
from pathlib import Path

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def fill() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse
    from django_otp.oath import totp

    from sangtao.accounts import services as accounts
    from sangtao.accounts.models import Role
    from sangtao.appraisal import services as appraisal
    from sangtao.appraisal.models import CouncilMember
    from sangtao.initiatives import services as initiatives
    from tests import factories as f

    central = f.make_unit("Ủy ban Trung ương MTTQ Việt Nam", level_code="central")
    province = f.make_unit("Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", parent=central)
    district = f.make_unit("Ủy ban MTTQ Việt Nam huyện Tân Châu", parent=province)
    commune = f.make_unit("Ủy ban MTTQ Việt Nam xã Tân Hòa", parent=district)
    school = f.make_unit(
        "Trường THCS Tân Hòa", parent=commune, kind_code="school", level_code="grassroots"
    )
    author = f.make_user("tacgia", unit=school, roles=((Role.AUTHOR, school),))
    clerk = f.make_user("vanthu", unit=commune, roles=((Role.CLERK, commune),))
    secretary = f.make_user("thuky", unit=commune, roles=((Role.SECRETARY, commune),))
    admin = f.make_user("quantri", unit=central, roles=((Role.ADMIN, central),))
    chair = f.make_user("chutich", unit=commune, full_name="Phạm Văn Chủ")
    member = f.make_user("uyvien", unit=district, full_name="Võ Văn Hai")
    accounts.role_grant(user=f.make_user("phongtrao"), role=Role.OFFICER, unit=province, by=admin)
    movement = f.make_movement(province)

    made = []
    for index in range(3):
        data = f.complete_dossier(movement, school) | {"title": f"Sáng kiến số {index + 1}"}
        initiative = initiatives.initiative_create(by=author, data=data, authors=f.ONE_AUTHOR)
        if index == 0:
            initiatives.attachment_add(
                initiative=initiative,
                by=author,
                upload=SimpleUploadedFile("thuyet-minh.pdf", PDF, "application/pdf"),
                description="Thuyết minh",
            )
        initiatives.initiative_submit(initiative=initiative, by=author)
        # Replayed as of the round's year: the council is set up below, after the forwards.
        initiatives.initiative_forward(
            initiative=initiative, by=clerk, as_of=datetime.date(2018, 6, 1)
        )
        made.append(initiative)

    council = appraisal.council_create(
        round=movement.rounds.first(),
        unit=commune,
        by=secretary,
        data={"name": "Hội đồng thẩm định xã Tân Hòa năm 2018", "appraisers_per_initiative": 2},
    )
    for person, role in [
        (secretary, CouncilMember.Role.SECRETARY),
        (chair, CouncilMember.Role.CHAIR),
        (member, CouncilMember.Role.MEMBER),
    ]:
        appraisal.council_member_add(council=council, user=person, role=role, by=secretary)
    appraisal.assignments_auto(council=council, by=secretary)
    criteria = list(movement.criteria.order_by("order"))
    for assignment in council.assignments.select_related("member__user"):
        appraisal.sheet_save(
            assignment=assignment,
            by=assignment.member.user,
            scores={criterion.pk: (18, "Tốt") for criterion in criteria},
            overall_comment="Đề nghị công nhận",
            submit=True,
        )
    excellent = movement.grades.order_by("-min_total").first()
    appraisal.decision_record(
        council=council, initiative=made[0], outcome="recognised", grade=excellent, by=chair
    )
    appraisal.decision_record(
        council=council,
        initiative=made[1],
        outcome="not_recognised",
        reason="Chưa có tính mới",
        by=chair,
    )
    appraisal.discussion_post(council=council, initiative=made[2], by=member, text="Cần số liệu")

    # Two-factor sign-in of the chair.
    device = accounts.totp_device_prepare(user=chair)
    accounts.totp_device_confirm(device=device, token=f"{totp(device.bin_key):06d}", by=chair)

    # A failed and a successful sign-in: the lock-out's attempts and access log, a session.
    client = Client()
    login = reverse("login")
    client.post(login, {"username": "khongco", "password": "sai-mat-khau"})
    client.post(login, {"username": "tacgia", "password": "mat-khau-thu-nghiem"})


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    sys.path[:0] = [str(root / "src"), str(root)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings

    # As in tests/conftest.py: a fast hasher, and e-mails kept in memory.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    fill()

"""The world the access matrix runs in: two provinces built alike, one per side.

`own` is Tây Ninh, where every signed-in role of the matrix works; `other` is Bình Dương,
outside all their subtrees. Each side has the same objects, made through the real services,
so an expectation builds a URL for either side with the same code: `w.side(side).council`.
"""

import datetime
import hashlib
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from sangtao.accounts.models import Role
from sangtao.appraisal import services as appraisal
from sangtao.appraisal.models import CouncilMember, Recognition
from sangtao.certificates import services as certificates
from sangtao.certificates.models import Certificate
from sangtao.initiatives import services as initiatives
from sangtao.initiatives.models import Attachment
from sangtao.initiatives.search import search_catch_up
from sangtao.jobs.services import job_enqueue
from sangtao.movements import services as movements

from ...factories import ONE_AUTHOR, complete_dossier, make_movement, make_unit, make_user

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _attach(initiative, by) -> Attachment:
    attachment = Attachment(
        initiative=initiative,
        original_name="thuyet-minh.pdf",
        content_type="application/pdf",
        size=len(MINIMAL_PDF),
        sha256=hashlib.sha256(MINIMAL_PDF).hexdigest(),
        uploaded_by=by,
    )
    attachment.file.save("thuyet-minh.pdf", ContentFile(MINIMAL_PDF), save=True)
    return attachment


def build_side(central, province_name: str, key: str) -> SimpleNamespace:
    """A province with a district, a commune and a school; one person per role; a movement,
    a draft and a forwarded initiative (each with a PDF), the commune's council with a sheet
    handed to its member, and a job the secretary asked for."""
    s = SimpleNamespace()
    s.province = make_unit(f"Ủy ban MTTQ Việt Nam tỉnh {province_name}", parent=central)
    s.district = make_unit(f"Ủy ban MTTQ Việt Nam huyện {key}", parent=s.province)
    s.commune = make_unit(f"Ủy ban MTTQ Việt Nam xã {key}", parent=s.district)
    s.school = make_unit(
        f"Trường THCS {key}", parent=s.commune, kind_code="school", level_code="grassroots"
    )
    s.author = make_user(f"tacgia_{key}", unit=s.school, roles=((Role.AUTHOR, s.school),))
    s.clerk = make_user(f"vanthu_{key}", unit=s.commune, roles=((Role.CLERK, s.commune),))
    s.officer = make_user(f"phongtrao_{key}", unit=s.province, roles=((Role.OFFICER, s.province),))
    s.secretary = make_user(f"thuky_{key}", unit=s.commune, roles=((Role.SECRETARY, s.commune),))
    s.member = make_user(f"uyvien_{key}", unit=s.commune, roles=((Role.COUNCIL_MEMBER, s.commune),))
    s.chair = make_user(f"chutich_{key}", unit=s.commune)
    s.leader = make_user(f"lanhdao_{key}", unit=s.district, roles=((Role.LEADER, s.district),))
    s.admin = make_user(f"quantri_{key}", unit=s.province, roles=((Role.ADMIN, s.province),))

    s.movement = make_movement(s.province)
    s.round = s.movement.rounds.first()
    s.field = s.movement.fields.first()
    s.criterion = s.movement.criteria.first()
    s.milestone = movements.milestone_add(
        movement=s.movement,
        due_on=datetime.date(2018, 12, 31),
        title="Sơ kết năm 2018",
        by=s.officer,
    )
    s.campaign_link = s.movement.campaign_links.first()

    dossier = complete_dossier(s.movement, s.school)
    s.draft = initiatives.initiative_create(
        by=s.author, data=dossier | {"title": "Bản nháp"}, authors=ONE_AUTHOR
    )
    s.draft_attachment = _attach(s.draft, s.author)
    s.forwarded = initiatives.initiative_create(by=s.author, data=dossier, authors=ONE_AUTHOR)
    s.forwarded_attachment = _attach(s.forwarded, s.author)
    initiatives.initiative_submit(initiative=s.forwarded, by=s.author)
    search_catch_up()  # the index entries, written once each step commits

    s.council = appraisal.council_create(
        round=s.round,
        unit=s.commune,
        by=s.secretary,
        data={"name": f"Hội đồng thẩm định xã {key}", "appraisers_per_initiative": 1},
    )
    initiatives.initiative_forward(initiative=s.forwarded, by=s.clerk)
    seats = {
        s.secretary: CouncilMember.Role.SECRETARY,
        s.chair: CouncilMember.Role.CHAIR,
        s.member: CouncilMember.Role.MEMBER,
    }
    for user, role in seats.items():
        appraisal.council_member_add(council=s.council, user=user, role=role, by=s.secretary)
    appraisal.council_decision_file_set(
        council=s.council,
        by=s.secretary,
        upload=SimpleUploadedFile("qd.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    s.seat = s.council.members.get(user=s.member)
    s.sheet = appraisal.assignment_create(
        council=s.council, initiative=s.forwarded, member=s.seat, by=s.secretary
    )
    s.job = job_enqueue(kind="appraisal.minutes_pdf", by=s.secretary, target=s.council)
    s.certificate = _certificate(s)
    return s


def _certificate(s) -> Certificate:
    """The commune's certificate settings and one certificate held by the author. The council
    stays open (sealing it would change the appraisal pages' answers), so the recognition and
    the certificate are written directly rather than through the seal and the issuing service."""
    certificates.certificate_settings_update(
        unit=s.commune,
        by=s.officer,
        data={"signer_title": "CHỦ TỊCH", "signer_name": "Võ Thị Ấn", "place": "Tân Hòa"},
    )
    recognition = Recognition.objects.create(
        initiative=s.forwarded,
        council=s.council,
        unit=s.commune,
        grade=s.movement.grades.first(),
    )
    return Certificate.objects.create(
        unit=s.commune,
        year=2019,
        number=1,
        serial="1/2019/GCN-MTTQ",
        council=s.council,
        recognition=recognition,
        initiative=s.forwarded,
        holder_kind=Certificate.Holder.AUTHOR,
        holder_key="author",
        holder_user=s.author,
        holder_name="Trần Thị Hoa",
        initiative_title=s.forwarded.title,
        grade_name="Xuất sắc",
        issuer_name=s.commune.name,
        decision_number="15/QĐ-MTTQ",
        decision_date=datetime.date(2019, 5, 20),
        place="Tân Hòa",
        signer_title="CHỦ TỊCH",
        signer_name="Võ Thị Ấn",
        issued_on=datetime.date(2019, 5, 20),
        issued_by=s.officer,
    )


@dataclass
class World:
    own: SimpleNamespace
    other: SimpleNamespace
    extra: dict = field(default_factory=dict)

    def side(self, name: str) -> SimpleNamespace:
        return getattr(self, name)

    def user(self, role: str):
        """The signed-in person of a role column (None for `anonymous`)."""
        return None if role == "anonymous" else getattr(self.own, role)


def build_world() -> World:
    central = make_unit("Ủy ban Trung ương MTTQ Việt Nam", level_code="central")
    return World(
        own=build_side(central, "Tây Ninh", "tn"),
        other=build_side(central, "Bình Dương", "bd"),
    )

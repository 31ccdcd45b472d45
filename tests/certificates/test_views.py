"""The certificate pages: issuing from the council page, the batches as jobs, the holder's and
the officers' lists (query counts), revocation, settings uploads and the public verification
(genuine, revoked, wrong token, rate limit)."""

import datetime
import io
import re
import zipfile

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from sangtao.accounts.models import Role
from sangtao.appraisal import services as appraisal
from sangtao.appraisal.models import Council
from sangtao.certificates import selectors, services
from sangtao.certificates.models import Certificate, CertificateSettings
from sangtao.core.models import AuditEvent
from sangtao.initiatives import services as initiative_services
from sangtao.initiatives.models import Initiative
from sangtao.jobs.models import Job
from sangtao.movements.models import Grade

from ..factories import dossier_form, make_user
from .conftest import DECISION, MEETING, png, upload


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _verify(client, certificate, address="198.51.100.7"):
    return client.get(reverse("certificates:verify", args=[certificate.token]), REMOTE_ADDR=address)


# --- public verification --------------------------------------------------------------------


def test_a_good_token_shows_the_holder_and_genuine(issued, django_assert_num_queries):
    certificate = Certificate.objects.get(holder_name="Nguyễn Thị Hương")
    client = Client()
    with django_assert_num_queries(1):
        response = _verify(client, certificate)
    assert response.status_code == 200
    page = response.content.decode()
    for expected in (
        "Giấy chứng nhận thật: do hệ thống cấp và còn hiệu lực.",
        "Nguyễn Thị Hương",
        "Số hóa sổ điểm điện tử",
        "Xuất sắc",
        certificate.serial,
        "Ủy ban MTTQ Việt Nam xã Tân Hòa",
    ):
        assert expected in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]


def test_a_revoked_certificate_says_so_with_the_reason(issued, commune_officer):
    certificate = issued[0]
    services.certificate_revoke(
        certificate=certificate, by=commune_officer, reason="Sáng kiến bị trùng lặp"
    )
    page = _verify(Client(), certificate).content.decode()
    assert "Giấy chứng nhận này đã bị thu hồi." in page
    assert "Sáng kiến bị trùng lặp" in page
    assert "Giấy chứng nhận thật" not in page


def test_a_withdrawn_recognition_voids_the_certificate(issued, recognised):
    from sangtao.appraisal import services as appraisal

    appraisal.council_reopen(council=recognised, by=recognised.people["chair"], reason="Sai sót")
    page = _verify(Client(), issued[0]).content.decode()
    assert "đã bị rút lại" in page
    assert "Giấy chứng nhận thật" not in page


@pytest.mark.parametrize(
    "token", ["x", "AAAAAAAAAAAAAAAAAAAAAA", "a" * 200, "1%27%20OR%201=1", "..%2F..%2Fetc"]
)
def test_a_wrong_token_gives_the_same_404(issued, token):
    client = Client()
    wrong = client.get(f"/certificates/v/{token}/", REMOTE_ADDR="198.51.100.8")
    assert wrong.status_code == 404
    assert issued[0].holder_name not in wrong.content.decode()
    reference = client.get("/certificates/v/khong-ton-tai-abcdefgh/", REMOTE_ADDR="198.51.100.8")
    assert (wrong.status_code, _same(wrong.content)) == (
        reference.status_code,
        _same(reference.content),
    )


def _same(page: bytes) -> str:
    """A page without what differs at every request anyway: the masked form token and the
    current address that the language form returns to."""
    text = re.sub(
        r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", page.decode()
    )
    return re.sub(r'name="next" type="hidden" value="[^"]*"', 'name="next"', text)


def test_the_verification_is_rate_limited_per_address(issued):
    client = Client()
    certificate = issued[0]
    answers = [_verify(client, certificate).status_code for _ in range(30)]
    assert answers == [200] * 30
    over = _verify(client, certificate)
    assert over.status_code == 429
    assert "Có quá nhiều lượt tra cứu" in over.content.decode()
    assert over["Retry-After"] == "60"
    # Wrong tokens count too, and another address is not held back.
    assert (
        client.get("/certificates/v/sai-ma-abcdefghij/", REMOTE_ADDR="198.51.100.7").status_code
        == 429
    )
    assert _verify(client, certificate, address="203.0.113.9").status_code == 200


def test_the_form_needs_the_serial_and_the_printed_code(issued):
    client = Client()
    certificate = issued[0]
    url = reverse("certificates:verify_form")
    alone = client.post(url, {"serial": certificate.serial}, REMOTE_ADDR="198.51.100.20")
    assert alone.status_code == 200
    assert certificate.holder_name not in alone.content.decode()
    assert "Trường này là bắt buộc." in alone.content.decode()
    wrong = client.post(
        url, {"serial": certificate.serial, "code": "AAAAA-AAAAA"}, REMOTE_ADDR="198.51.100.20"
    )
    assert "Không có giấy chứng nhận nào khớp" in wrong.content.decode()
    assert certificate.holder_name not in wrong.content.decode()
    right = client.post(
        url,
        {"serial": f" {certificate.serial} ", "code": certificate.check_code_display.lower()},
        REMOTE_ADDR="198.51.100.20",
    )
    assert right.status_code == 302
    assert right["Location"] == certificate.verify_path


def test_the_form_verifies_a_serial_typed_in_lower_case_with_spaces_around(issued):
    certificate = issued[0]
    assert certificate.serial != certificate.serial.lower()
    response = Client().post(
        reverse("certificates:verify_form"),
        {"serial": f"  {certificate.serial.lower()}  ", "code": certificate.check_code},
        REMOTE_ADDR="198.51.100.22",
    )
    assert response.status_code == 302
    assert response["Location"] == certificate.verify_path


def test_the_form_page_keeps_same_origin_referrers_so_browsers_can_post_it(db):
    """Under "no-referrer" Chromium posts the form with "Origin: null" and the CSRF check
    refuses it; the form holds no token to leak, the token's page keeps "no-referrer"."""
    response = Client().get(reverse("certificates:verify_form"), REMOTE_ADDR="198.51.100.21")
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]


# --- issuing from the council page ----------------------------------------------------------


def test_the_council_page_offers_issuing_to_the_chair(recognised, configured, client_for):
    page = client_for(recognised.people["chair"]).get(
        reverse("appraisal:council", args=[recognised.pk])
    )
    assert reverse("certificates:council_issue", args=[recognised.pk]) in page.content.decode()
    member_page = client_for(recognised.people["m1"]).get(
        reverse("appraisal:council", args=[recognised.pk])
    )
    assert "certificates/councils" not in member_page.content.decode()


def test_issuing_from_the_page_twice_issues_once(recognised, configured, client_for):
    client = client_for(recognised.people["chair"])
    url = reverse("certificates:council_issue", args=[recognised.pk])
    data = {"decision_number": "15/QĐ-MTTQ", "decision_date": "2019-05-20"}
    first = client.post(url, data, follow=True)
    assert "Đã cấp 4 giấy chứng nhận (từ số 1/2019/GCN-MTTQ đến số 4/2019/GCN-MTTQ)." in (
        first.content.decode()
    )
    second = client.post(url, data, follow=True)
    assert "đều đã được cấp" in second.content.decode()
    assert Certificate.objects.count() == 4


def test_issuing_without_a_decision_number_says_why(recognised, configured, client_for):
    client = client_for(recognised.people["chair"])
    url = reverse("certificates:council_issue", args=[recognised.pk])
    page = client.post(url, {"decision_number": "", "decision_date": "2019-05-20"}, follow=True)
    assert "Trường này là bắt buộc." in page.content.decode()
    assert Certificate.objects.count() == 0


def test_a_forged_issue_from_outside_changes_nothing(recognised, configured, client_for, people):
    url = reverse("certificates:council_issue", args=[recognised.pk])
    data = {"decision_number": "1", "decision_date": "2019-05-20"}
    assert client_for(people["outsider"]).post(url, data).status_code == 404
    assert client_for(recognised.people["m1"]).post(url, data).status_code == 403
    assert Client().post(url, data).status_code == 302  # to the sign-in page
    assert Certificate.objects.count() == 0


# --- batches --------------------------------------------------------------------------------


def test_the_batch_pdf_and_zip_are_jobs_with_n_pages_and_n_files(
    issued, recognised, client_for, run_jobs
):
    client = client_for(recognised.people["chair"])
    with run_jobs():
        response = client.post(reverse("certificates:council_batch", args=[recognised.pk, "pdf"]))
    job = Job.objects.get(kind="certificates.council_pdf")
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.state, job.progress_done, job.progress_total) == ("done", 4, 4)
    pdf = PdfReader(io.BytesIO(job.file.read()))
    assert len(pdf.pages) == 4
    with run_jobs():
        client.post(reverse("certificates:council_batch", args=[recognised.pk, "zip"]))
    job = Job.objects.get(kind="certificates.council_zip")
    assert job.state == "done"
    with zipfile.ZipFile(io.BytesIO(job.file.read())) as archive:
        assert len(archive.namelist()) == 4
        for name in archive.namelist():
            assert len(PdfReader(io.BytesIO(archive.read(name))).pages) == 1
    download = client.get(reverse("jobs:download", args=[job.public_id]))
    assert download.status_code == 200


def test_a_round_batch_holds_the_certificates_of_the_officers_subtree(
    issued, recognised, client_for, people, tree, run_jobs
):
    url = reverse("certificates:round_batch", args=["pdf"])
    data = {"round": recognised.round_id}
    officer = client_for(people["officer"])
    registry = officer.get(reverse("certificates:registry")).content.decode()
    assert f'<option value="{recognised.round_id}">' in registry
    with run_jobs():
        response = officer.post(url, data)
    job = Job.objects.get(kind="certificates.round_pdf")
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.state == "done"
    assert len(PdfReader(io.BytesIO(job.file.read())).pages) == 4
    # Only the officer who asked sees that file (it holds their subtree's certificates).
    assert client_for(people["leader"]).get(job.get_absolute_url()).status_code in {403, 404}
    # An officer of another district holds none of them; an author may not print: 404 both.
    other = make_user("canbo_godau", roles=((Role.OFFICER, tree["other_district"]),))
    assert client_for(other).post(url, data).status_code == 404
    assert client_for(people["author"]).post(url, data).status_code == 404
    assert client_for(people["officer"]).post(url, {"round": 999999}).status_code == 404
    assert Job.objects.filter(kind="certificates.round_pdf").count() == 1


def test_the_batch_is_refused_to_an_author(issued, recognised, client_for, people):
    url = reverse("certificates:council_batch", args=[recognised.pk, "pdf"])
    assert client_for(people["author"]).post(url).status_code == 404
    assert not Job.objects.exists()


# --- lists ----------------------------------------------------------------------------------


def test_my_certificates_lists_mine_only(issued, client_for, people, coauthor):
    page = client_for(people["author"]).get(reverse("certificates:mine")).content.decode()
    # The author filed both: their own authorship and the collective's certificate.
    assert "Nguyễn Thị Hương" in page and "Tổ Sinh học Trường THCS Tân Hòa" in page
    assert "Đặng Văn Đồng" not in page
    page = client_for(coauthor).get(reverse("certificates:mine")).content.decode()
    assert "Đặng Văn Đồng" in page and "Nguyễn Thị Hương" not in page
    assert "Giấy chứng nhận của tôi" in client_for(coauthor).get("/").content.decode()


def _file_through_the_page(client, movement, tree, title: str, *, is_me: bool):
    """An individual initiative filed on the dossier page with the author row it offers (the
    filer, "This author is me" ticked or not), submitted."""
    row = {"full_name": "Nguyễn Văn tacgia", "unit_name": tree["school"].name, "position": ""}
    data = dossier_form(
        movement,
        tree["school"],
        title=title,
        **{"authors-TOTAL_FORMS": "1", "authors-INITIAL_FORMS": "1"},
        **{f"authors-0-{name}": value for name, value in row.items()},
    )
    if is_me:
        data["authors-0-is_me"] = "on"
    assert client.post(reverse("initiatives:create"), data).status_code == 302
    initiative = Initiative.objects.get(title=title)  # then confirmed on its summary
    client.post(reverse("initiatives:transition", args=[initiative.public_id, "submit"]))
    initiative.refresh_from_db()
    return initiative


def test_a_linked_individual_author_finds_their_certificate_in_my_certificates(
    council, configured, movement, tree, people, client_for
):
    author = client_for(people["author"])
    linked = _file_through_the_page(author, movement, tree, "Sổ liên lạc điện tử", is_me=True)
    typed = _file_through_the_page(author, movement, tree, "Bảng tin lớp học", is_me=False)
    chair = council.people["chair"]
    excellent = Grade.objects.get(movement=movement, name="Xuất sắc")
    for initiative in (linked, typed):
        initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
        appraisal.decision_record(
            council=council, initiative=initiative, outcome="recognised", grade=excellent, by=chair
        )
    Council.objects.filter(pk=council.pk).update(decision_date=datetime.date(2019, 4, 1))
    appraisal.council_seal(council=council, by=chair, meeting=MEETING)
    services.certificate_issue_for_council(council=council, by=chair, **DECISION)

    page = author.get(reverse("certificates:mine")).content.decode()
    assert "Sổ liên lạc điện tử" in page
    # A row typed without the tick is nobody's account: its certificate is in the registry only.
    assert "Bảng tin lớp học" not in page
    certificate = Certificate.objects.get(initiative=linked)
    assert (certificate.holder_kind, certificate.holder_user) == ("author", people["author"])
    response = author.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == 200
    assert "Nguyễn Văn tacgia" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_an_author_linked_after_the_issue_sees_it_and_no_one_else(
    issued, client_for, tree, django_assert_num_queries
):
    certificate = Certificate.objects.get(holder_name="Trần Thị Hoa")
    teacher = make_user("tranthihoa", unit=tree["school"], full_name="Trần Thị Hoa")
    stranger = make_user("nguoila", unit=tree["school"])
    url = reverse("certificates:download", args=[certificate.pk])
    assert client_for(teacher).get(url).status_code == 404
    # An administrator links her author row to her account (the admin site).
    certificate.author.user = teacher
    certificate.author.save()
    with django_assert_num_queries(1):
        assert [c.pk for c in selectors.certificates_mine(user=teacher)] == [certificate.pk]
    page = client_for(teacher).get(reverse("certificates:mine")).content.decode()
    assert "Trần Thị Hoa" in page and "Nguyễn Thị Hương" not in page
    assert client_for(teacher).get(url).status_code == 200
    assert client_for(stranger).get(url).status_code == 404
    assert (
        "Trần Thị Hoa"
        not in client_for(stranger).get(reverse("certificates:mine")).content.decode()
    )


def test_the_holder_downloads_their_pdf_and_others_get_404(issued, client_for, coauthor, people):
    certificate = Certificate.objects.get(holder_name="Đặng Văn Đồng")
    url = reverse("certificates:download", args=[certificate.pk])
    response = client_for(coauthor).get(url)
    assert response.status_code == 200
    assert "Đặng Văn Đồng" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert client_for(people["outsider"]).get(url).status_code == 404
    assert client_for(people["clerk"]).get(url).status_code == 404
    assert client_for(people["officer"]).get(url).status_code == 200
    assert Client().get(url).status_code == 302


def _many(recognised, count):
    """`count` more certificates of the council's first recognition (bulk, for query counts)."""
    model = Certificate.objects.filter(council=recognised).first()
    Certificate.objects.bulk_create(
        [
            Certificate(
                **{
                    field.attname: getattr(model, field.attname)
                    for field in Certificate._meta.concrete_fields
                    if field.attname not in {"id", "token", "check_code", "number", "holder_key"}
                },
                number=1000 + index,
                holder_key=f"bulk:{index}",
            )
            for index in range(count)
        ]
    )


def test_the_lists_cost_the_same_queries_for_many_rows(issued, recognised, client_for, people):
    officer = client_for(people["officer"])
    author = client_for(people["author"])
    officer.get(reverse("certificates:registry"))  # warm the session
    author.get(reverse("certificates:mine"))
    counts = {}
    for size in (0, 60):
        _many(recognised, size)
        with CaptureQueriesContext(connection) as registry_queries:
            assert officer.get(reverse("certificates:registry")).status_code == 200
        with CaptureQueriesContext(connection) as mine_queries:
            assert author.get(reverse("certificates:mine")).status_code == 200
        counts[size] = (len(registry_queries), len(mine_queries))
    assert counts[0] == counts[60]


def test_the_registry_is_scoped_to_the_subtree(issued, client_for, people, tree):
    other = make_user("canbo_godau", roles=((Role.OFFICER, tree["other_district"]),))
    page = client_for(other).get(reverse("certificates:registry")).content.decode()
    assert "Nguyễn Thị Hương" not in page
    page = client_for(people["leader"]).get(reverse("certificates:registry")).content.decode()
    assert "Nguyễn Thị Hương" in page
    assert client_for(people["author"]).get(reverse("certificates:registry")).status_code == 403


# --- revocation through the page ------------------------------------------------------------


def test_revoking_through_the_page(issued, client_for, commune_officer):
    certificate = issued[0]
    url = reverse("certificates:revoke", args=[certificate.pk])
    client = client_for(commune_officer)
    blank = client.post(url, {"reason": "  "})
    assert blank.status_code == 400
    assert "Trường này là bắt buộc." in blank.content.decode()
    done = client.post(url, {"reason": "Cấp nhầm người"})
    assert done.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Cấp nhầm người"
    assert AuditEvent.objects.filter(action="certificates.revoke").count() == 1


def test_a_forged_revocation_from_outside_changes_nothing(issued, client_for, people, coauthor):
    certificate = Certificate.objects.get(holder_name="Đặng Văn Đồng")
    url = reverse("certificates:revoke", args=[certificate.pk])
    assert client_for(people["outsider"]).post(url, {"reason": "x"}).status_code == 404
    assert client_for(coauthor).post(url, {"reason": "x"}).status_code == 403
    assert client_for(people["leader"]).post(url, {"reason": "x"}).status_code == 403
    assert Client().post(url, {"reason": "x"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert not AuditEvent.objects.filter(action="certificates.revoke").exists()


# --- settings -------------------------------------------------------------------------------


def test_settings_page_uploads_and_refuses_a_fake_png(tree, client_for, commune_officer, people):
    url = reverse("certificates:settings", args=[tree["commune"].pk])
    client = client_for(commune_officer)
    data = {
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Võ Thị Ấn",
        "place": "Tân Hòa",
        "symbol": "GCN-MTTQ",
    }
    fake = client.post(url, data | {"seal": upload(b"<svg></svg>", "seal.png")})
    assert fake.status_code == 400
    assert "Hãy tải lên ảnh PNG (nội dung tệp không phải PNG)." in fake.content.decode()
    assert not CertificateSettings.objects.exists()
    done = client.post(url, data | {"seal": upload(png()), "signature": upload(png())})
    assert done.status_code == 302
    record = CertificateSettings.objects.get()
    assert (record.signer_name, bool(record.seal), bool(record.signature)) == (
        "Võ Thị Ấn",
        True,
        True,
    )
    assert client_for(people["author"]).get(url).status_code == 404
    assert client_for(people["outsider"]).post(url, data).status_code == 404
    assert client_for(people["officer"]).get(url).status_code == 200

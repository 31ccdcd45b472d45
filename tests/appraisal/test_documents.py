"""The council's papers: minutes and recognition decision as PDF and DOCX, their layout, fonts,
permissions and query counts; LibreOffice opens what we write."""

import datetime
import io
import shutil
import subprocess
import unicodedata
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sangtao.accounts.models import User
from sangtao.appraisal import documents, services, spreadsheets
from sangtao.appraisal.models import Decision
from sangtao.formats import documents as layout
from sangtao.initiatives import services as initiative_services
from sangtao.jobs.models import Job
from sangtao.movements.models import Grade
from sangtao.orgs.selectors import unit_line_names

from ..factories import ONE_AUTHOR, complete_dossier

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_WORDS = "Độc lập - Tự do - Hạnh phúc"
COUNCIL_NAME = "Hội đồng thẩm định xã Tân Hòa năm 2018"
# Every Vietnamese letter with its marks, lower and upper case.
VIETNAMESE = (
    "".join(
        unicodedata.normalize("NFC", base + mark)
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
        for mark in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    )
    + "đĐ"
)
PAPERS = [
    ("minutes", "docx"),
    ("minutes", "pdf"),
    ("decision", "docx"),
    ("decision", "pdf"),
]


def _secretary(council) -> User:
    """The council's secretary, fresh (as a job loads who asked): every sheet is in, so the
    papers show them every figure."""
    return User.objects.get(council_seats__council=council, council_seats__role="secretary")


def pdf_text(content: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def docx_text(content: bytes):
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return document, " ".join(" ".join(parts).split())


def _vi_number(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


# --- fonts and layout ------------------------------------------------------------------------


def test_shipped_fonts_cover_every_vietnamese_letter():
    from fontTools.ttLib import TTFont

    styles = ["Regular", "Bold", "Italic", "BoldItalic"]
    for style in styles:
        font = TTFont(layout.FONT_DIR / f"LiberationSerif-{style}.ttf")
        cmap = font.getBestCmap()
        assert [letter for letter in VIETNAMESE if ord(letter) not in cmap] == []
        assert font["name"].getDebugName(1) == "Liberation Serif"
    assert "SIL OPEN FONT LICENSE Version 1.1" in (layout.FONT_DIR / "OFL.txt").read_text()


def test_date_words_put_a_zero_before_small_days_and_the_first_two_months():
    with layout.translation.override("vi"):
        assert layout.date_words(datetime.date(2018, 2, 5)) == "ngày 05 tháng 02 năm 2018"
        assert layout.date_words(datetime.date(2018, 11, 15)) == "ngày 15 tháng 11 năm 2018"


def test_issuer_lines_break_before_the_locality():
    assert layout.issuer_lines("Ủy ban MTTQ Việt Nam tỉnh Tây Ninh") == [
        "ỦY BAN MTTQ VIỆT NAM",
        "TỈNH TÂY NINH",
    ]
    assert layout.issuer_lines("Ủy ban Trung ương MTTQ Việt Nam") == [
        "ỦY BAN TRUNG ƯƠNG MTTQ VIỆT NAM"
    ]


def test_place_name_is_the_localitys_proper_name(tree):
    assert layout.place_name(unit_line_names(unit=tree["province"])) == "Tây Ninh"
    assert layout.place_name(unit_line_names(unit=tree["commune"])) == "Tân Hòa"
    # A school takes the place of the committee above it.
    assert layout.place_name(unit_line_names(unit=tree["school"])) == "Tân Hòa"
    assert layout.place_name(unit_line_names(unit=tree["central"])) == ""


def test_pdf_render_reads_no_file_but_the_fonts(tmp_path, settings):
    (tmp_path / "sneaky.html").write_text(
        '{% extends "core/documents/base.html" %}{% block page %}'
        '<img src="file:///etc/passwd"><p>Hội đồng</p>{% endblock %}'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]}
    ]
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        layout.pdf_render(template_name="sneaky.html", context={})


def test_docx_drops_characters_xml_cannot_carry():
    document = layout.Document(
        letterhead=layout.Letterhead(
            governing_body="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
            issuer="Hội đồng thẩm định",
            number="",
            symbol="BB-HĐTĐ",
            place="Tây Ninh",
            date=datetime.date(2018, 11, 15),
        ),
        title="BIÊN BẢN",
        body=[
            layout.Paragraph.of("Tên dán\x0bvào\x01"),
            layout.Table(headers=("Tên",), rows=(("Sáng\x02kiến\ndòng hai",),), widths=(165,)),
        ],
    )
    _document, text = docx_text(layout.docx_build(document))
    assert "Tên dánvào" in text
    assert "Sángkiến dòng hai" in text
    assert "Tây Ninh, ngày 15 tháng 11 năm 2018" in text


# --- the minutes and the decision ------------------------------------------------------------


def test_minutes_pdf_is_the_councils_record_in_vietnamese(decided, people, client_for, run_jobs):
    response = _prepared(
        client_for(people["secretary"]),
        reverse("appraisal:minutes_pdf", args=[decided.pk]),
        run_jobs,
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="bien-ban-hoi-dong-{decided.pk}.pdf"'
    )
    content = b"".join(response.streaming_content)
    text = pdf_text(content)
    for expected in [
        MOTTO,
        MOTTO_WORDS,
        "ỦY BAN MTTQ VIỆT NAM XÃ TÂN HÒA",
        "BIÊN BẢN",
        "DỰ THẢO",
        "Số: /BB-HĐTĐ",
        COUNCIL_NAME,
        "Căn cứ Quyết định số 15/QĐ-MTTQ ngày 15/03/2018 của Ban Thường trực Ủy ban MTTQ "
        "Việt Nam xã về việc thành lập Hội đồng thẩm định xã Tân Hòa năm 2018;",
        "Lê Thị Một",
        "Võ Văn Hai",
        "Ngô Chuyên Gia – “Sáng kiến 1”: Người thân của tác giả (thành viên tự khai)",
        "Công nhận – Xuất sắc",
        "“Sáng kiến 2”: Chưa có tính mới",
        "Công nhận: 1 (Xuất sắc: 1);",
        "Không công nhận: 1;",
        "Trả lại tác giả để bổ sung thông tin: 1;",
        "THƯ KÝ",
        "CHỦ TỊCH",
        "Phạm Văn Chủ",
    ]:
        assert expected in text, expected
    # The shipped fonts are embedded: the PDF looks the same everywhere.
    import pypdf

    page = pypdf.PdfReader(io.BytesIO(content)).pages[0]
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts <= {
        "Sangtao-Serif",
        "Sangtao-Serif-Bold",
        "Sangtao-Serif-Italic",
        "Sangtao-Serif-Bold-Italic",
    }
    assert "Sangtao-Serif" in fonts


def test_decision_pdf_lists_the_recognised_initiative_with_its_authors(decided, forwarded):
    content, filename = documents.council_paper(
        council=decided, user=_secretary(decided), name="decision", extension="pdf"
    )
    assert filename == f"quyet-dinh-cong-nhan-{decided.pk}.pdf"
    text = pdf_text(content)
    total = Decision.objects.get(initiative=forwarded[0]).total
    for expected in [
        MOTTO,
        "QUYẾT ĐỊNH",
        "Về việc công nhận sáng kiến, ý tưởng mới",
        "Số: /QĐ-HĐTĐ",
        "Điều 1. Công nhận 1 sáng kiến, ý tưởng mới của đợt “Năm 2018” (có danh sách kèm theo).",
        "DANH SÁCH SÁNG KIẾN, Ý TƯỞNG MỚI ĐƯỢC CÔNG NHẬN",
        f"1 Sáng kiến 1 Trần Thị Hoa (100%) Trường THCS Tân Hòa Xuất sắc {_vi_number(total)}",
        "Nơi nhận:",
        "TM. HỘI ĐỒNG",
        "Phạm Văn Chủ",
    ]:
        assert expected in text, expected
    assert "Sáng kiến 2" not in text
    assert "Sáng kiến 3" not in text


def test_sealed_council_papers_are_no_longer_drafts(decided):
    services.council_seal(council=decided, by=decided.people["chair"])
    decided.refresh_from_db()
    text = pdf_text(
        documents.council_paper(
            council=decided, user=_secretary(decided), name="decision", extension="pdf"
        )[0]
    )
    assert "DỰ THẢO" not in text
    with layout.translation.override("vi"):
        on = layout.date_words(timezone.localdate(decided.sealed_at))
    assert f"Tân Hòa, {on}" in text


@pytest.mark.parametrize("name", ["minutes", "decision"])
def test_docx_opens_with_the_motto_in_times_new_roman(decided, name):
    from docx.oxml.ns import qn

    content, filename = documents.council_paper(
        council=decided, user=_secretary(decided), name=name, extension="docx"
    )
    assert filename.endswith(".docx")
    document, text = docx_text(content)
    assert MOTTO in text
    assert MOTTO_WORDS in text
    assert COUNCIL_NAME in text
    assert "Phạm Văn Chủ" in text
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{key}")) for key in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }
    assert normal.font.size.pt == 14
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [20, 20, 30, 15]


def test_minutes_docx_tells_the_members_and_the_results(decided):
    _document, text = docx_text(
        documents.council_paper(
            council=decided, user=_secretary(decided), name="minutes", extension="docx"
        )[0]
    )
    for expected in ["Lê Thị Một", "Thư ký", "Chuyên gia mời", "Không công nhận: 1;"]:
        assert expected in text, expected


# --- LibreOffice reads what we write ---------------------------------------------------------

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui",
)
def test_libreoffice_converts_the_docx_and_the_xlsx(decided, people, tmp_path):
    minutes = tmp_path / "bien-ban.docx"
    minutes.write_bytes(
        documents.council_paper(
            council=decided, user=_secretary(decided), name="minutes", extension="docx"
        )[0]
    )
    results = tmp_path / "ket-qua.xlsx"
    results.write_bytes(spreadsheets.results_workbook(council=decided, user=people["secretary"])[0])
    profile = (tmp_path / "profile").as_uri()
    conversions = [
        (minutes, "pdf"),
        (minutes, "txt:Text (encoded):UTF8"),
        (results, "csv:Text - txt - csv (StarCalc):44,34,76"),
    ]
    for source, target in conversions:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(tmp_path / "out"),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    import pypdf

    # Laid out by LibreOffice (with whatever serif font the machine has)...
    assert len(pypdf.PdfReader(tmp_path / "out" / "bien-ban.pdf").pages) >= 1
    # ... and read back as the text we wrote.
    text = " ".join((tmp_path / "out" / "bien-ban.txt").read_text(encoding="utf-8-sig").split())
    assert MOTTO in text
    assert "Lê Thị Một" in text
    table = (tmp_path / "out" / "ket-qua.csv").read_text(encoding="utf-8")
    assert "Tính mới – Lê Thị Một" in table
    assert COUNCIL_NAME in table


# --- who downloads ---------------------------------------------------------------------------


def _prepared(client, url, run_jobs):
    """Ask for a file (a job, run at once) and download it from the job's page."""
    with run_jobs():
        asked = client.post(url)
    assert asked.status_code == 302
    page = client.get(asked["Location"])
    assert page.status_code == 200
    job = page.context["job"]
    assert job.state == "done"
    return client.get(reverse("jobs:download", args=[job.public_id]))


def _paper_urls(council):
    return [
        reverse(f"appraisal:{name}_{extension}", args=[council.pk]) for name, extension in PAPERS
    ] + [reverse("appraisal:results_xlsx", args=[council.pk])]


def test_papers_refused_to_members_experts_and_outsiders(decided, people, client_for):
    # Those who see the council are refused (403); to the others it does not exist (404).
    for user, status in [
        (decided.people["m1"], 403),
        (decided.people["expert"], 403),
        (decided.people["teacher"], 403),
        (people["outsider"], 404),
        (people["author"], 404),
    ]:
        client = client_for(user)
        assert [client.post(url).status_code for url in _paper_urls(decided)] == [status] * 5
    assert Job.objects.count() == 0


def test_papers_of_an_unknown_council_are_not_found(decided, people, client_for):
    client = client_for(people["secretary"])
    url = reverse("appraisal:minutes_pdf", args=[decided.pk + 99])
    assert client.post(url).status_code == 404


def test_papers_are_asked_for_by_post_only(decided, people, client_for):
    client = client_for(people["secretary"])
    assert [client.get(url).status_code for url in _paper_urls(decided)] == [405] * 5
    assert Job.objects.count() == 0


def test_papers_given_to_secretary_chair_and_followers(decided, people, client_for, run_jobs):
    expected_types = [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]
    for user in [people["secretary"], decided.people["chair"], people["leader"], people["officer"]]:
        client = client_for(user)
        responses = [_prepared(client, url, run_jobs) for url in _paper_urls(decided)]
        assert [r.status_code for r in responses] == [200] * 5
        assert [r["Content-Type"] for r in responses] == expected_types
        assert responses[1]["Content-Disposition"] == (
            f'attachment; filename="bien-ban-hoi-dong-{decided.pk}.pdf"'
        )
        assert "no-store" in responses[0]["Cache-Control"]


def test_papers_need_a_login(decided, client):
    response = client.post(reverse("appraisal:minutes_pdf", args=[decided.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- queries ---------------------------------------------------------------------------------


def _add_decided_initiatives(council, movement, tree, people, count):
    excellent = Grade.objects.get(movement=movement, name="Xuất sắc")
    for index in range(count):
        data = complete_dossier(movement, tree["school"]) | {"title": f"Thêm {index}"}
        initiative = initiative_services.initiative_create(
            by=people["author"], data=data, authors=ONE_AUTHOR
        )
        initiative_services.initiative_submit(initiative=initiative, by=people["author"])
        initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
        services.decision_record(
            council=council,
            initiative=initiative,
            outcome="recognised",
            grade=excellent,
            by=council.people["chair"],
        )


def _queries(council, user) -> list[int]:
    """Queries of the papers and the workbook, on a cold cache (the figures and the agreement
    are cached per state of the sheets, which these initiatives without sheets do not change)."""
    cache.clear()
    counts = []
    for build in (
        lambda: documents.council_record(council=council, user=user, with_authors=True),
        lambda: spreadsheets.results_workbook(council=council, user=user),
    ):
        with CaptureQueriesContext(connection) as queries:
            build()
        counts.append(len(queries))
    return counts


def test_papers_and_workbook_queries_do_not_grow_with_initiatives(council, movement, tree, people):
    _add_decided_initiatives(council, movement, tree, people, 1)
    chair = council.people["chair"]
    one = _queries(council, User.objects.get(pk=chair.pk))  # a fresh request's user, uncached
    _add_decided_initiatives(council, movement, tree, people, 49)
    assert _queries(council, User.objects.get(pk=chair.pk)) == one

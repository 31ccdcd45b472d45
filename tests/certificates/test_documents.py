"""The certificate as PDF: one A4 landscape page, the Vietnamese text with its diacritics, the
serial, the QR code's link to the public verification page; the batches as N pages and N files."""

import io
import zipfile

import segno
from pypdf import PdfReader

from sangtao.certificates import documents
from sangtao.certificates.models import Certificate


def _text(reader: PdfReader, page: int = 0) -> str:
    return " ".join(reader.pages[page].extract_text().split())


def test_the_pdf_opens_and_says_who_and_what(issued):
    certificate = Certificate.objects.get(holder_name="Nguyễn Thị Hương")
    reader = PdfReader(io.BytesIO(documents.certificate_pdf(certificate=certificate)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 210)
    text = _text(reader)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY CHỨNG NHẬN",
        "Nguyễn Thị Hương",
        "Số hóa sổ điểm điện tử",
        "Xuất sắc",
        "15/QĐ-MTTQ",
        "Võ Thị Ấn",
        "Tân Hòa, ngày 20 tháng 5 năm 2019",
        certificate.serial,
        certificate.check_code_display,
        "Đặng Văn Đồng (40%)",
    ):
        assert expected in text, expected
    # The embedded Liberation Serif of formats/fonts, under the family name the page gives it.
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for name in fonts:
        font = fonts[name].get_object()
        assert "Sangtao-Serif" in str(font["/BaseFont"])
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor


def test_the_qr_code_links_the_verification_url(issued, settings):
    certificate = issued[0]
    reader = PdfReader(io.BytesIO(documents.certificate_pdf(certificate=certificate)))
    links = [
        annotation.get_object()["/A"]["/URI"]
        for annotation in reader.pages[0].get("/Annots", [])
        if annotation.get_object().get("/A", {}).get("/URI")
    ]
    expected = f"{settings.SITE_URL}/certificates/v/{certificate.token}/"
    assert links and set(links) == {expected}
    assert certificate.verify_url == expected
    # The QR code drawn on the page is segno's code of that very URL.
    html = documents._html([certificate], {certificate.unit_id: {"seal": "", "signature": ""}})
    assert segno.make(expected, error="m").svg_data_uri(scale=4, border=1) in html


def test_the_collective_certificate_names_the_collective(issued):
    certificate = Certificate.objects.get(holder_kind="collective")
    text = _text(PdfReader(io.BytesIO(documents.certificate_pdf(certificate=certificate))))
    assert "Tổ Sinh học Trường THCS Tân Hòa" in text
    assert "Tập thể tác giả" in text


def test_a_revoked_certificate_prints_revoked(issued, commune_officer):
    from sangtao.certificates import services

    certificate = services.certificate_revoke(
        certificate=issued[0], by=commune_officer, reason="Cấp nhầm"
    )
    text = _text(PdfReader(io.BytesIO(documents.certificate_pdf(certificate=certificate))))
    assert "ĐÃ THU HỒI" in text


def test_a_long_title_stays_on_one_page(issued):
    certificate = issued[0]
    certificate.initiative_title = "Giải pháp ứng dụng công nghệ số " * 15
    reader = PdfReader(io.BytesIO(documents.certificate_pdf(certificate=certificate)))
    assert len(reader.pages) == 1


def test_the_batch_pdf_has_one_page_per_certificate(issued, recognised):
    certificates = list(Certificate.objects.filter(council=recognised).order_by("number"))
    steps = []
    content = documents.batch_pdf(
        certificates=certificates,
        progress=lambda done, total, message="", **params: steps.append((done, total)),
    )
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 4
    assert [certificates[i].holder_name in _text(reader, i) for i in range(4)] == [True] * 4
    assert steps == [(0, 4), (4, 4)]


def test_the_batch_zip_holds_one_pdf_per_certificate(issued, recognised):
    certificates = list(Certificate.objects.filter(council=recognised).order_by("number"))
    content = documents.batch_zip(certificates=certificates)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        assert len(names) == 4
        for name, certificate in zip(names, certificates, strict=True):
            assert name == documents.file_name(certificate)
            reader = PdfReader(io.BytesIO(archive.read(name)))
            assert len(reader.pages) == 1
            assert certificate.serial in _text(reader)
            assert certificate.holder_name in _text(reader)

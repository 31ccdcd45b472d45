"""The certificate as PDF: one A4 landscape page, the Vietnamese text with its diacritics, the
serial, the QR code's link to the public verification page; the batches as N pages and N files."""

import io
import zipfile

import segno
from pypdf import PdfReader

from sangtao.certificates import demo, documents, services
from sangtao.certificates.models import Certificate

from .conftest import upload


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


def test_the_board_certificate_names_the_board_in_its_header_and_signature(issued):
    certificate = Certificate.objects.get(holder_name="Nguyễn Thị Hương")
    text = _text(PdfReader(io.BytesIO(documents.certificate_pdf(certificate=certificate))))
    for expected in (
        "ỦY BAN MTTQ VIỆT NAM XÃ TÂN HÒA BAN THƯỜNG TRỰC Số: 1/2019/GCN-MTTQ",
        "Ban Thường trực Ủy ban MTTQ Việt Nam xã Tân Hòa chứng nhận",
        "Đã được công nhận theo Quyết định số 15/QĐ-MTTQ ngày 20/05/2019.",
        "TM. BAN THƯỜNG TRỰC CHỦ TỊCH Võ Thị Ấn",
    ):
        assert expected in text, expected


def test_the_qr_code_and_link_use_the_configured_public_address(issued, settings):
    settings.SITE_URL = "https://sangtao.tayninh.gov.vn"
    certificate = issued[0]
    reader = PdfReader(io.BytesIO(documents.certificate_pdf(certificate=certificate)))
    links = {
        annotation.get_object()["/A"]["/URI"]
        for annotation in reader.pages[0].get("/Annots", [])
        if annotation.get_object().get("/A", {}).get("/URI")
    }
    expected = f"https://sangtao.tayninh.gov.vn/certificates/v/{certificate.token}/"
    assert links == {expected}
    text = "".join(_text(reader).split())
    assert "".join(f"Tra cứu tại: {expected}".split()) in text
    assert "127.0.0.1" not in text


def _drawn_images(page) -> list[tuple[float, float, int]]:
    """(left, width, pixel width) in points of each image the page draws, through the form
    XObjects WeasyPrint wraps a translucent image in."""
    on_page = page["/Resources"].get("/XObject", {})
    drawn, form = [], None
    page_images = {name: on_page[name].get_object() for name in on_page}

    def visit(operator, operands, cm, tm):
        nonlocal form
        if operator != b"Do":
            return
        name = operands[0]
        xobject = page_images.get(name)
        if xobject is not None and xobject["/Subtype"] == "/Form":
            form = cm
            return
        if xobject is not None:
            drawn.append((float(cm[4]), float(cm[0]), int(xobject["/Width"])))
        elif form is not None:  # an image inside the last form
            scale = float(form[0])
            drawn.append((scale * float(cm[4]) + float(form[4]), scale * float(cm[0]), 0))

    page.extract_text(visitor_operand_before=visit)
    return drawn


def test_the_seal_covers_the_left_third_of_the_signature(issued, tree, commune_officer):
    # A round seal and a wide hand-written signature, as a committee uploads them.
    services.certificate_settings_update(
        unit=tree["commune"],
        by=commune_officer,
        data={},
        seal=upload(demo.seal_png(), "seal.png"),
        signature=upload(demo.signature_png(), "signature.png"),
    )
    reader = PdfReader(io.BytesIO(documents.certificate_pdf(certificate=issued[0])))
    images = _drawn_images(reader.pages[0])
    # The QR code is a vector drawing; the two raster images are the signature and the seal.
    assert len(images) == 2
    (signature_left, signature_width, _w), (seal_left, seal_width, _s) = sorted(
        images, key=lambda image: -image[0]
    )
    mm = 25.4 / 72
    assert round(signature_width * mm) == documents.SIGNATURE_WIDTH
    assert round(seal_width * mm) == documents.SEAL_SIZE
    covered = seal_left + seal_width - signature_left
    assert seal_left < signature_left
    assert abs(covered / signature_width - 1 / 3) < 0.02

"""Administrative papers as Word files: the issuing body as author, today as the date, the
paper's title, and a signature block that never splits from the text across pages."""

import datetime
import io

from django.utils import timezone

from sangtao.formats import documents as layout

from .office import needs_soffice, soffice_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _decision() -> layout.Document:
    return layout.Document(
        letterhead=layout.Letterhead(
            governing_body="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
            issuer="Ban Thường trực",
            number="15",
            symbol="QĐ-MTTQ-BTT",
            place="Tây Ninh",
            date=datetime.date(2019, 11, 20),
        ),
        title="QUYẾT ĐỊNH",
        subject=["Về việc công nhận sáng kiến năm 2019"],
        body=[
            layout.Paragraph.article("Điều 1.", "Công nhận sáng kiến " + "có giá trị. " * 40),
            layout.Paragraph.article("Điều 2.", "Quyết định có hiệu lực từ ngày ký."),
        ],
        recipients=["Như Điều 2;", "Lưu: VT."],
        signatures=[layout.Signature(title="Chủ tịch", name="Nguyễn Văn An", capacity="TM. BTT")],
    )


def _word():
    import docx

    content = layout.docx_build(_decision())
    return content, docx.Document(io.BytesIO(content))


def test_docx_properties_name_the_issuing_body_the_title_and_today():
    _content, word = _word()
    properties = word.core_properties

    assert properties.title == "QUYẾT ĐỊNH Về việc công nhận sáng kiến năm 2019"
    assert properties.author == "Ban Thường trực – Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"
    assert properties.last_modified_by == properties.author
    today = timezone.now().date()
    assert (properties.created.date(), properties.modified.date()) == (today, today)
    assert properties.language == "vi"


def test_docx_signature_block_keeps_together_with_the_last_article():
    _content, word = _word()
    closing = word.tables[-1]

    assert closing.rows[0]._tr.trPr.find(f"{W}cantSplit") is not None
    for cell in closing.rows[0].cells:
        *leading, last = cell.paragraphs
        assert all(p.paragraph_format.keep_with_next for p in leading)
        assert last.paragraph_format.keep_together is True
    signature = [p.text for p in closing.rows[0].cells[1].paragraphs]
    assert signature[0] == "TM. BTT" and signature[-1] == "Nguyễn Văn An"
    last_article = [p for p in word.paragraphs if p.text.startswith("Điều 2.")][0]
    assert last_article.paragraph_format.keep_with_next is True
    first_article = [p for p in word.paragraphs if p.text.startswith("Điều 1.")][0]
    assert first_article.paragraph_format.keep_with_next is None


def test_docx_issuing_body_is_the_issuer_alone_when_it_names_the_committee():
    head = layout.Letterhead(
        governing_body="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        issuer="Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        number="",
        symbol="QĐ",
        place="",
        date=None,
    )
    assert head.issuing_body == "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"


@needs_soffice
def test_docx_with_kept_signature_converts_with_libreoffice(tmp_path):
    import pypdf

    content, _word_file = _word()
    source = tmp_path / "quyet-dinh.docx"
    source.write_bytes(content)
    pdf = soffice_pdf(source, tmp_path)
    reader = pypdf.PdfReader(pdf)
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "Điều 2." in last and "Nguyễn Văn An" in last

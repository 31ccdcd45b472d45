"""The yearly book as a Word file an office can work on: a contents field and page references
Word updates, headings in the paper's font, the committee as author and today as the date."""

import io
import re

from django.utils import timezone

from sangtao.honours import documents

from . import test_documents
from .conftest import needs_soffice, soffice_convert

book = test_documents.book  # the fixture: the province's book of 2018

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _word(book):
    import docx

    content, _name = documents.book_file(yearbook=book, extension="docx")
    return content, docx.Document(io.BytesIO(content))


def test_book_docx_contents_are_a_word_toc_field_over_the_headings(book):
    _content, word = _word(book)
    xml = word.element.xml

    codes = [" ".join(text.split()) for text in re.findall(r"<w:instrText[^>]*>([^<]*)<", xml)]
    assert codes[0] == 'TOC \\o "1-2" \\h \\z \\u'
    # Until updated, the field shows the list of fields and initiatives.
    assert "Thư viện xanh Gò Dầu" in xml.split('fldCharType="end"')[0]
    updates = word.settings.element.findall(f"{W}updateFields")
    assert [element.get(f"{W}val") for element in updates] == ["true"]


def test_book_docx_unit_index_refers_to_each_initiatives_page(book):
    _content, word = _word(book)
    xml = word.element.xml

    headings = [p for p in word.paragraphs if p.style.name == "Heading 2"]
    bookmarks = re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', xml)
    assert bookmarks == [f"initiative_{number}" for number in range(1, len(headings) + 1)]
    references = re.findall(r"<w:instrText[^>]*> PAGEREF (\S+) \\h <", xml)
    assert sorted(references) == sorted(bookmarks)
    index = [p.text for p in word.paragraphs if " – số " in p.text]
    assert index and all(", trang …" in line for line in index)


def test_book_docx_headings_use_the_paper_font_and_properties_name_the_committee(book):
    _content, word = _word(book)

    for name, size in (("Heading 1", 16), ("Heading 2", 14)):
        style = word.styles[name]
        fonts = style.element.rPr.rFonts
        assert (style.font.name, style.font.size.pt) == ("Times New Roman", size)
        assert fonts.get(f"{W}asciiTheme") is None and fonts.get(f"{W}hAnsiTheme") is None
    properties = word.core_properties
    assert properties.title == f"{book.title} 2018"
    assert properties.author == book.unit.name
    assert properties.last_modified_by == book.unit.name
    today = timezone.now().date()
    assert properties.created.date() == today and properties.modified.date() == today
    assert properties.language == "vi"


@needs_soffice
def test_libreoffice_converts_the_book_docx_to_pdf(book, tmp_path):
    import pypdf

    content, _word_file = _word(book)
    source = tmp_path / "an-pham.docx"
    source.write_bytes(content)
    pdf = soffice_convert(source, "pdf", tmp_path)
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "MỤC LỤC" in text and "BẢNG TRA CỨU ĐƠN VỊ" in text
    # LibreOffice fills the page references in: each initiative's number and its page.
    assert re.search(r"Trường THCS Tân Hòa – số 1, trang \d+; số 3, trang \d+", text)

"""The yearly book is the list the province sends to the central committee, which edits and
publishes “Gương người Việt đoàn kết sáng tạo” (plan IV): its cover and opening say so, in the
PDF and in the DOCX."""

import io

from sangtao.honours import documents

from . import test_documents

book = test_documents.book  # the fixture: the province's book of 2018

OPENING = (
    "Thực hiện Kế hoạch phong trào thi đua “Đoàn kết sáng tạo”, Ủy ban MTTQ Việt Nam tỉnh "
    "Tây Ninh tập hợp 3 sáng kiến, ý tưởng mới tiêu biểu năm 2018, gửi Ủy ban Trung ương Mặt "
    "trận Tổ quốc Việt Nam biên tập và phát hành ấn phẩm “Gương người Việt đoàn kết sáng tạo”."
)


def test_book_pdf_cover_says_it_is_the_list_sent_to_the_central_committee(book):
    import pypdf

    content, _name = documents.book_file(yearbook=book, extension="pdf")
    pages = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(content)).pages]
    assert "DANH SÁCH SÁNG KIẾN, Ý TƯỞNG MỚI TIÊU BIỂU ĐỀ NGHỊ ĐƯA VÀO ẤN PHẨM" in pages[0]
    assert "Gửi Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam biên tập và phát hành" in pages[0]
    assert OPENING in pages[1]
    assert "ấn phẩm do Trung ương biên tập, phát hành." in pages[1]


def test_book_docx_opens_with_the_same_framing(book):
    import docx

    content, _name = documents.book_file(yearbook=book, extension="docx")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert "DANH SÁCH SÁNG KIẾN, Ý TƯỞNG MỚI TIÊU BIỂU ĐỀ NGHỊ ĐƯA VÀO ẤN PHẨM" in paragraphs
    assert "Gửi Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam biên tập và phát hành" in paragraphs
    assert any(p.startswith(OPENING) for p in paragraphs)

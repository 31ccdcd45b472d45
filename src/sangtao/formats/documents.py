"""Administrative documents in the national layout (Nghị định 30/2020/NĐ-CP, Phụ lục I), as DOCX
and as PDF from one description, so that the two say the same thing.

A document is a `Letterhead` (issuing body on the left with its number, the national motto on
the right with the place and date), a title with its subject, a body of `Paragraph`, `Table` and
`PageBreak` blocks, a closing (recipients on the left, signatures on the right) and an optional
annex after the signatures. `docx_build` writes it with python-docx; `pdf_build` renders it
through the template `core/documents/document.html` with WeasyPrint. `pdf_render` turns any
template that extends `core/documents/base.html` (certificates, the yearbook) into a PDF.

The text is always Vietnamese (`LANGUAGE`), whatever the reader's language: official papers
are. A4, margins 20 mm top and bottom, 30 mm left, 15 mm right, Times New Roman 14 pt. The PDF
embeds Liberation Serif (metric-compatible with Times New Roman, SIL OFL), shipped in
`formats/fonts/` and loaded by @font-face from file URLs only, so a PDF looks the same on any
machine; the DOCX names Times New Roman, which Word has and LibreOffice replaces metrically.

WeasyPrint and python-docx are imported inside the functions that use them. The page templates
stay with the base templates in `core/templates/core/documents/`, and the layout's few words
("SOCIALIST REPUBLIC OF VIETNAM", "No.: …") in core's catalogue.
"""

import copy
import datetime
import io
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

LANGUAGE = "vi"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_NAME = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
# Millimetres: A4 and the decree's margins.
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
# The letterhead's two columns (issuing body, national motto).
HEAD_LEFT, HEAD_RIGHT = 70, TEXT_WIDTH - 70
NBSP = "\u00a0"
BLANK = NBSP * 8  # room to write a number or a day by hand
# Told each page number as a PDF is laid out, then None while the file is written.
OnPage = Callable[[int | None], None]

# The word before a locality's proper name in a unit's name: "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh".
LOCALITY = re.compile(
    r"\b(tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)\s+(\S.*)$", re.IGNORECASE
)


# --- the description of a document ---------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text with its own emphasis inside a paragraph."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    kind = "paragraph"

    runs: tuple[Run, ...]
    align: str = "justify"  # justify, left, center, right
    indent: bool = True  # first-line indent of body text
    size: int | None = None  # points; None: the body size
    keep_with_next: bool = False

    @classmethod
    def of(cls, text: str, *, bold=False, italic=False, **options) -> "Paragraph":
        return cls(runs=(Run(text, bold=bold, italic=italic),), **options)

    @classmethod
    def article(cls, number: str, text: str) -> "Paragraph":
        """An article of a decision: its number in bold, then its text."""
        return cls(runs=(Run(number + " ", bold=True), Run(text)))

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Table:
    """A ruled table: a header row and body rows of text, column widths in millimetres."""

    kind = "table"

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    align: tuple[str, ...] = ()  # per column: left, center, right (default left)
    size: int = TABLE_PT

    def column_align(self, index: int) -> str:
        return self.align[index] if index < len(self.align) else "left"

    @property
    def aligned_rows(self) -> list[list[tuple[str, str]]]:
        return [
            [(value, self.column_align(index)) for index, value in enumerate(row)]
            for row in self.rows
        ]


@dataclass(frozen=True)
class PageBreak:
    kind = "page_break"


Block = Paragraph | Table | PageBreak


@dataclass(frozen=True)
class Letterhead:
    """The top of the first page (Phụ lục I, items 1-5)."""

    governing_body: str  # the body above the issuer, e.g. "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"
    issuer: str  # who issues the document, e.g. the council's name
    number: str  # "12" or "" (written by hand when the document is signed)
    symbol: str  # "QĐ-HĐTĐ"
    place: str  # "Tây Ninh"
    date: datetime.date | None  # None: left blank

    @property
    def issuing_body(self) -> str:
        """The issuer with the body above it, as a file's author: "Ban Thường trực – Ủy ban
        MTTQ Việt Nam tỉnh Tây Ninh"."""
        if self.governing_body and self.governing_body.lower() not in self.issuer.lower():
            return f"{self.issuer} – {self.governing_body}"
        return self.issuer

    @property
    def governing_lines(self) -> list[str]:
        return issuer_lines(self.governing_body) if self.governing_body else []

    @property
    def issuer_lines(self) -> list[str]:
        return issuer_lines(self.issuer)

    @property
    def number_line(self) -> str:
        return _("No.: %(number)s/%(symbol)s") % {
            "number": self.number or BLANK,
            "symbol": self.symbol,
        }

    @property
    def place_date(self) -> str:
        return _("%(place)s, %(date)s") % {
            "place": self.place or "." * 16,
            "date": date_words(self.date),
        }


@dataclass(frozen=True)
class Signature:
    """A signature block: "TM. HỘI ĐỒNG" / "CHỦ TỊCH" / room to sign / the name."""

    kind = "signature"

    title: str
    name: str
    capacity: str = ""


@dataclass(frozen=True)
class Recipients:
    """ "Nơi nhận:" and its lines, at the bottom left."""

    kind = "recipients"

    lines: tuple[str, ...]


@dataclass
class Document:
    letterhead: Letterhead
    title: str
    subject: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    annex: list[Block] = field(default_factory=list)
    draft: bool = False

    @property
    def closing(self) -> list[Recipients | Signature | None]:
        """The closing's two columns, left then right: recipients or a signature, or None."""
        left = Recipients(tuple(self.recipients)) if self.recipients else None
        signatures = list(self.signatures)
        if left is None and len(signatures) > 1:
            left = signatures.pop(0)
        return [left, signatures[0] if signatures else None]


# --- wording ---------------------------------------------------------------------------------


def motto() -> tuple[str, str]:
    """The national motto (quốc hiệu và tiêu ngữ)."""
    return _("SOCIALIST REPUBLIC OF VIETNAM"), _("Independence - Freedom - Happiness")


def date_words(value: datetime.date | None) -> str:
    """ "ngày 05 tháng 02 năm 2018": days below 10 and months 1 and 2 take a leading zero."""
    if value is None:
        return _("day %(day)s month %(month)s year %(year)s") % {
            "day": BLANK,
            "month": BLANK,
            "year": BLANK,
        }
    return _("day %(day)s month %(month)s year %(year)s") % {
        "day": f"{value.day:02d}",
        "month": f"{value.month:02d}" if value.month < 3 else str(value.month),
        "year": value.year,
    }


def issuer_lines(name: str) -> list[str]:
    """A unit's name in capitals, broken before its locality: ["ỦY BAN MTTQ VIỆT NAM",
    "TỈNH TÂY NINH"]."""
    match = LOCALITY.search(name)
    if match is None or match.start() == 0:
        return [name.upper()]
    return [name[: match.start()].strip().upper(), name[match.start() :].strip().upper()]


def place_name(names: list[str]) -> str:
    """The place written before the date: the proper name of the locality where a unit sits,
    from `names`, the unit's line from the root down to itself
    (sangtao.orgs.selectors.unit_line_names): the unit's own name, else the nearest ancestor's;
    a locality named by a number keeps its kind ("Phường 7")."""
    for name in reversed(names):
        match = LOCALITY.search(name)
        if match:
            kind, proper = match.group(1), match.group(2).strip()
            return f"{kind[:1].upper()}{kind[1:]} {proper}" if proper[:1].isdigit() else proper
    return ""


# --- DOCX ------------------------------------------------------------------------------------

# Characters XML cannot carry (a title pasted from elsewhere may hold them): dropped.
UNPRINTABLE = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n")


def printable(text: str) -> str:
    return text.translate(UNPRINTABLE)


ALIGN = {"left": 0, "center": 1, "right": 2, "justify": 3}  # WD_ALIGN_PARAGRAPH values


def docx_build(document: Document) -> bytes:
    """The document as a DOCX file (python-docx), in Times New Roman."""
    import docx
    from docx.shared import Mm

    with translation.override(LANGUAGE):
        word = docx.Document()
        section = word.sections[0]
        section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
        section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
        _docx_fonts(word)
        _docx_page_numbers(section)
        docx_properties(
            word,
            title=" ".join([document.title, *document.subject]),
            author=document.letterhead.issuing_body,
        )
        if document.draft:
            _docx_par(word, [Run(_("DRAFT"), bold=True)], align="right", indent=False, size=12)
        _docx_letterhead(word, document.letterhead)
        _docx_par(word, [Run(document.title, bold=True)], align="center", indent=False, before=12)
        for line in document.subject:
            _docx_par(word, [Run(line, bold=True)], align="center", indent=False)
        if document.subject:
            _docx_rule(word, width=40, after=6)
        for block in document.body:
            _docx_block(word, block)
        _docx_keep_last_with_next(word)
        _docx_closing(word, document)
        for block in document.annex:
            _docx_block(word, block)
        output = io.BytesIO()
        word.save(output)
        return output.getvalue()


def docx_properties(word, *, title: str, author: str) -> None:
    """The file's core properties: its title, the issuing body as author (and last editor),
    today as its creation and modification date, Vietnamese as its language."""
    from django.utils import timezone

    now = timezone.now().replace(microsecond=0, tzinfo=None)  # UTC, as the OOXML dates are
    properties = word.core_properties
    properties.title = printable(title)
    properties.author = properties.last_modified_by = printable(author)
    properties.created = properties.modified = now
    properties.language = LANGUAGE
    properties.revision = 1


def docx_heading_fonts(word, sizes: dict[str, int]) -> None:
    """Heading styles in the paper's font (not the template's theme font), black, at `sizes`
    ({"Heading 1": 16, ...})."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name, size in sizes.items():
        style = word.styles[name]
        style.font.name, style.font.size = FONT_NAME, Pt(size)
        style.font.color.rgb = None
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT_NAME)


def docx_field(paragraph, instruction: str, shown: str = "") -> None:
    """A Word field in `paragraph` (TOC, PAGEREF, …): its code and the text it shows until
    Word or LibreOffice updates it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        run = OxmlElement("w:r")
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            mark.set(qn("w:dirty"), "true")  # Word recomputes it on opening
        run.append(mark)
        return run

    paragraph._p.append(char("begin"))
    code = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code.append(text)
    paragraph._p.append(code)
    paragraph._p.append(char("separate"))
    paragraph.add_run(printable(shown))
    paragraph._p.append(char("end"))


def docx_bookmark(paragraph, name: str, number: int) -> None:
    """A bookmark `name` around `paragraph`'s content (the target of a PAGEREF field)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def docx_update_fields_on_open(word) -> None:
    """Ask Word to update the fields (contents, page references) when the file opens."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings = word.settings.element
    # The schema's order: updateFields comes before these (Word refuses a file out of order).
    later = {qn(f"w:{name}") for name in SETTINGS_AFTER_UPDATE_FIELDS}
    for position, child in enumerate(settings):
        if child.tag in later:
            settings.insert(position, update)
            return
    settings.append(update)


SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def _docx_keep_last_with_next(word) -> None:
    """The body's last paragraph with text stays on the page of the signatures after it."""
    for paragraph in reversed(word.paragraphs):
        if paragraph.text.strip():
            paragraph.paragraph_format.keep_with_next = True
            return


def _docx_fonts(word) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    for name in ("Normal", "Table Grid"):
        style = word.styles[name]
        style.font.name = FONT_NAME
        style.font.size = Pt(BODY_PT)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT_NAME)
    normal = word.styles["Normal"].paragraph_format
    normal.space_before, normal.space_after, normal.line_spacing = Pt(0), Pt(0), 1.15


def _docx_page_numbers(section) -> None:
    """Page numbers at the top centre, from the second page on (Phụ lục I, item 13)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = ALIGN["center"]
    number = OxmlElement("w:fldSimple")
    number.set(qn("w:instr"), "PAGE")
    paragraph._p.append(number)


def _docx_par(
    container,
    runs,
    *,
    align="justify",
    indent=True,
    size=None,
    before=0,
    after=3,
    keep_with_next=False,
    underline=False,
):
    from docx.shared import Mm, Pt

    paragraph = container.add_paragraph()
    paragraph.alignment = ALIGN[align]
    fmt = paragraph.paragraph_format
    if before:
        fmt.space_before = Pt(before)
    if after:
        fmt.space_after = Pt(after)
    if keep_with_next:
        fmt.keep_with_next = True
    if indent:
        fmt.first_line_indent = Mm(10)
    for piece in runs:
        run = paragraph.add_run(printable(piece.text))
        run.bold, run.italic = piece.bold or None, piece.italic or None
        if underline:
            run.underline = True
        if size:
            run.font.size = Pt(size)
    return paragraph


def _docx_rule(container, *, width: float, after: float = 0, column: float = TEXT_WIDTH):
    """A short centred horizontal line (under the issuer, under the subject): the bottom
    border of an empty paragraph narrowed by its indents."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    side = max((column - width) / 2, 0)
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


def _docx_grid(word, columns: list[float], *, ruled: bool):
    from docx.shared import Mm

    table = word.add_table(rows=0, cols=len(columns))
    if ruled:
        table.style = word.styles["Table Grid"]
    table.autofit = False
    for index, width in enumerate(columns):
        table.columns[index].width = Mm(width)
    return table


def _docx_cell(row, index: int, width: float):
    from docx.shared import Mm

    cell = row.cells[index]
    cell.width = Mm(width)
    # A new cell holds one empty paragraph: drop it, the caller adds its own.
    for paragraph in list(cell.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    return cell


def _docx_letterhead(word, head: Letterhead) -> None:
    columns = [HEAD_LEFT, HEAD_RIGHT]
    table = _docx_grid(word, columns, ruled=False)
    top = table.add_row()
    left, right = _docx_cell(top, 0, columns[0]), _docx_cell(top, 1, columns[1])
    for line in head.governing_lines:
        _docx_par(left, [Run(line)], align="center", indent=False, size=13, after=0)
    for line in head.issuer_lines:
        _docx_par(left, [Run(line, bold=True)], align="center", indent=False, size=13, after=0)
    _docx_rule(left, width=HEAD_LEFT / 3, column=HEAD_LEFT, after=4)
    country, words = motto()
    _docx_par(right, [Run(country, bold=True)], align="center", indent=False, size=12, after=0)
    _docx_par(right, [Run(words, bold=True)], align="center", indent=False, size=13, underline=True)
    bottom = table.add_row()
    left, right = _docx_cell(bottom, 0, columns[0]), _docx_cell(bottom, 1, columns[1])
    _docx_par(left, [Run(head.number_line)], align="center", indent=False, size=13)
    _docx_par(right, [Run(head.place_date, italic=True)], align="center", indent=False, size=13)


def _docx_block(word, block: Block) -> None:
    if isinstance(block, PageBreak):
        from docx.enum.text import WD_BREAK

        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    elif isinstance(block, Paragraph):
        _docx_par(
            word,
            block.runs,
            align=block.align,
            indent=block.indent,
            size=block.size,
            after=4,
            keep_with_next=block.keep_with_next,
        )
    else:
        _docx_table(word, block)


def _docx_table(word, block: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = _docx_grid(word, list(block.widths), ruled=True)
    header = table.add_row()
    # The header row repeats on every page.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for index, text in enumerate(block.headers):
        cell = _docx_cell(header, index, block.widths[index])
        _docx_par(
            cell, [Run(text, bold=True)], align="center", indent=False, size=block.size, after=0
        )
    if block.rows:
        # Rows are copies of one laid-out row with their text replaced: python-docx builds a
        # paragraph in about a millisecond, too slow for a council of a thousand initiatives.
        model = table.add_row()
        for index, width in enumerate(block.widths):
            _docx_par(
                _docx_cell(model, index, width),
                [Run(" ")],
                align=block.column_align(index),
                indent=False,
                size=block.size,
                after=0,
            )
        model_tr = model._tr
        model_tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row stays whole
        model_tr.getparent().remove(model_tr)
        for values in block.rows:
            tr = copy.deepcopy(model_tr)
            for tc, text in zip(tr.tc_lst, values, strict=True):
                _docx_text(tc.xpath("./w:p/w:r")[0], str(text))
            table._tbl.append(tr)
    word.add_paragraph()


def _docx_text(run, text: str) -> None:
    """Put `text` in a run's XML, its lines separated by line breaks."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for old in run.xpath("./w:t"):
        run.remove(old)
    for number, line in enumerate(printable(text).split("\n")):
        if number:
            run.append(OxmlElement("w:br"))
        piece = OxmlElement("w:t")
        piece.set(qn("xml:space"), "preserve")
        piece.text = line
        run.append(piece)


def _docx_closing(word, document: Document) -> None:
    """Recipients and signatures side by side in one row that never splits across pages, each
    paragraph kept with the next."""
    from docx.oxml import OxmlElement

    columns = [TEXT_WIDTH * 0.45, TEXT_WIDTH * 0.55]
    table = _docx_grid(word, columns, ruled=False)
    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for index, part in enumerate(document.closing):
        cell = _docx_cell(row, index, columns[index])
        if part is None:
            _docx_par(cell, [Run("")], indent=False)
        elif isinstance(part, Signature):
            _docx_signature(cell, part)
        else:
            _docx_par(
                cell,
                [Run(_("Recipients:"), bold=True, italic=True)],
                align="left",
                indent=False,
                size=12,
                after=0,
            )
            for line in part.lines:
                _docx_par(cell, [Run(line)], align="left", indent=False, size=11, after=0)
        for paragraph in cell.paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True
        cell.paragraphs[-1].paragraph_format.keep_together = True


def _docx_signature(cell, signature: Signature) -> None:
    for line in (signature.capacity, signature.title):
        if line:
            _docx_par(cell, [Run(line.upper(), bold=True)], align="center", indent=False, after=0)
    _docx_par(cell, [Run("")], indent=False, after=60)
    _docx_par(cell, [Run(signature.name, bold=True)], align="center", indent=False)


# --- PDF -------------------------------------------------------------------------------------


def pdf_build(document: Document, *, on_page: OnPage | None = None) -> bytes:
    """The document as a PDF, from the template core/documents/document.html."""
    return pdf_render(
        template_name="core/documents/document.html", context={"doc": document}, on_page=on_page
    )


class _PageProgress(logging.Filter):
    """WeasyPrint's progress lines (seven a document, and one a page) are no news for the
    server's log: they are dropped here, after the page numbers are handed to whoever renders
    in this thread (`pdf_render(on_page=...)`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        on_page = getattr(_rendering, "on_page", None)
        if on_page is not None:
            if record.msg.endswith("Page %d") and record.args:
                on_page(int(record.args[0]))
            elif record.msg.startswith("Step 6"):  # "Creating PDF"
                on_page(None)
        return False


_rendering = threading.local()
_progress_log = logging.getLogger("weasyprint.progress")
_progress_log.setLevel(logging.INFO)
_progress_log.addFilter(_PageProgress())


def fonts_fetcher(*, others=None, protocols=("file",), reader="Documents"):
    """The WeasyPrint URL fetcher of our PDFs: it reads the shipped fonts and nothing else, so
    a link to the network or a file elsewhere on the disk stops the rendering. `others(url,
    fetch)` may answer a URL first (an image kept in the page, a photo of the private storage;
    `fetch()` reads it as usual): a response, or None to let the fonts' rule decide; `reader`
    names the documents in the error."""
    from weasyprint.urls import URLFetcher

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            answer = others(url, partial(super().fetch, url, headers)) if others else None
            if answer is not None:
                return answer
            if not url.startswith("file:"):
                raise ValueError(f"{reader} read no URL but their fonts: {url}")
            response = super().fetch(url, headers)
            if Path(response.path or "").resolve().parent != FONT_DIR:
                response.close()
                raise ValueError(f"{reader} read no file but their fonts: {url}")
            return response

    return FontsOnly(allowed_protocols=protocols, fail_on_errors=True)


def pdf_render(*, template_name: str, context: dict, on_page: OnPage | None = None) -> bytes:
    """Render a template extending core/documents/base.html to PDF (WeasyPrint).

    The only files the renderer may read are the shipped fonts: any other URL in the page
    (a link to the network, a file elsewhere on the disk) stops the rendering. `on_page`, when
    given, is called with each page's number as it is laid out, then with None when the file
    is being written (a long document's progress, for background jobs).
    """
    import weasyprint

    with translation.override(LANGUAGE):
        html = render_to_string(template_name, {**context, "motto": motto(), "lang": LANGUAGE})
    page = weasyprint.HTML(
        string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=fonts_fetcher()
    )
    _rendering.on_page = on_page
    try:
        return page.write_pdf()
    finally:
        _rendering.on_page = None

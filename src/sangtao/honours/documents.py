"""The papers of honours: the honours decision with its list (DOCX and PDF in the national
administrative layout, through sangtao.formats.documents) and the yearly book “Gương người Việt
đoàn kết sáng tạo” (PDF through WeasyPrint with the shipped Liberation Serif, DOCX through
python-docx).

The book prints only what an author let be public: a part named in the initiative's
`confidential_sections` (benefits, attachments and so its photo) is never printed. The essence
and the conditions are never printed at all: the book tells what an initiative is, what it
brought and where it is applied.
"""

import io
from collections import OrderedDict

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from sangtao.formats import documents as layout
from sangtao.initiatives.models import Initiative
from sangtao.jobs.registry import Progress, no_progress
from sangtao.orgs import issuers
from sangtao.orgs.selectors import unit_line_names

from . import facts, selectors
from .models import Honour, HonoursRound, Yearbook

DOCX, PDF = "docx", "pdf"
CONTENT_TYPES = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PDF: "application/pdf",
}
PHOTO_SCHEME = "sangtao-photo:"


def vnd(amount: int) -> str:
    """12.500.000"""
    return formats.number_format(amount, 0, force_grouping=True)


# --- the honours decision --------------------------------------------------------------------


def _achievement(honour: Honour) -> str:
    if honour.added_by_hand:  # no recognised initiative: the officer's reasons say it
        return honour.reason
    if honour.kind == Honour.Kind.COLLECTIVE:
        text = _("%(count)s initiatives recognised, %(applied)s applied in practice") % {
            "count": honour.recognised_count,
            "applied": honour.applied_count,
        }
        if honour.has_plan:
            text += "; " + _("a plan of its own for the movement")
        return text
    text = _("Initiative “%(title)s”, grade %(grade)s, recognised by %(level)s") % {
        "title": honour.initiative.title if honour.initiative else "",
        "grade": honour.grade,
        "level": honour.level,
    }
    if honour.applied:
        text += "; " + _("applied in practice")
    if honour.research_topic:
        text += "; " + _("could become a research topic")
    return text


def _grounds(round: HonoursRound) -> list[layout.Block]:
    """The plan and the appraisal the decision rests on, then “DECIDES:”."""
    P = layout.Paragraph.of
    movement = round.movement
    body: list[layout.Block] = []
    if movement.plan_reference:
        body.append(
            P(
                _("Pursuant to %(plan)s on the emulation movement “Đoàn kết sáng tạo”;")
                % {"plan": movement.plan_reference},
                italic=True,
            )
        )
    body.append(
        P(
            _(
                "Having regard to the results of the appraisal and recognition of initiatives "
                "and new ideas in %(year)s and to the proposal of the movement office;"
            )
            % {"year": round.year},
            italic=True,
        )
    )
    body.append(P(_("DECIDES:"), bold=True, align="center", indent=False, keep_with_next=True))
    return body


def _articles(round: HonoursRound, honours: list[Honour]) -> list[layout.Block]:
    """Who is honoured, what the prizes total, who carries the decision out."""
    collectives = [h for h in honours if h.kind == Honour.Kind.COLLECTIVE]
    individuals = [h for h in honours if h.kind == Honour.Kind.INDIVIDUAL]
    total = sum(h.prize_vnd for h in honours)
    body: list[layout.Block] = []
    body.append(
        layout.Paragraph.article(
            _("Article 1."),
            _(
                "To honour %(collectives)s collectives and %(individuals)s individuals with "
                "outstanding achievements in the emulation movement “Đoàn kết sáng tạo” in "
                "%(year)s (list attached)."
            )
            % {
                "collectives": len(collectives),
                "individuals": len(individuals),
                "year": round.year,
            },
        )
    )
    body.append(
        layout.Paragraph.article(
            _("Article 2."),
            _("The prizes total %(total)s VND, paid from the sources named in the list.")
            % {"total": vnd(total)},
        )
    )
    body.append(
        layout.Paragraph.article(
            _("Article 3."),
            _(
                "This decision takes effect on the day it is signed. The movement office, the "
                "collectives and the individuals named in Article 1 carry it out."
            ),
        )
    )
    return body


def _annex(round: HonoursRound, honours: list[Honour]) -> list[layout.Block]:
    """The list of the honoured, on a page of its own, with the prizes' total."""
    P = layout.Paragraph.of
    total = sum(h.prize_vnd for h in honours)
    rows = []
    for index, honour in enumerate(honours, start=1):
        rows.append(
            (
                str(index),
                honour.name,
                honour.unit.name,
                _achievement(honour),
                honour.get_form_display(),
                f"{vnd(honour.prize_vnd)}\n({honour.get_source_display()})"
                if honour.prize_vnd
                else "–",
            )
        )
    annex: list[layout.Block] = [
        layout.PageBreak(),
        P(
            _("LIST OF HONOURED COLLECTIVES AND INDIVIDUALS"),
            bold=True,
            align="center",
            indent=False,
        ),
        P(
            _("(Attached to Decision No. %(number)s/%(code)s of %(date)s)")
            % {
                "number": round.decision_number or layout.BLANK,
                "code": _code(round),
                "date": layout.date_words(round.decision_date),
            },
            italic=True,
            align="center",
            indent=False,
        ),
        layout.Table(
            headers=(
                pgettext("honours papers", "No."),
                _("Collective or individual"),
                pgettext("honours papers", "Unit"),
                _("Achievement"),
                _("Form of honour"),
                _("Prize (VND)"),
            ),
            rows=tuple(rows),
            widths=(11, 33, 30, 43, 23, 25),
            align=("center", "left", "left", "left", "left", "right"),
            size=11,
        ),
        layout.Paragraph.of(
            _("Total prizes: %(total)s VND.") % {"total": vnd(total)},
            bold=True,
            align="right",
            indent=False,
        ),
    ]
    return annex


def _code(round: HonoursRound) -> str:
    """The decision's number code: as decided, or the committee's for honours."""
    return round.decision_code or issuers.papers_of(round.unit).code(issuers.HONOURS)


def decision_document(round: HonoursRound) -> layout.Document:
    honours = facts.attach(
        round=round,
        honours=round.honours.filter(confirmed=True)
        .select_related("unit", "initiative")
        .order_by("kind", "order", "id"),
    )
    body = _grounds(round) + _articles(round, honours)
    annex = _annex(round, honours)
    papers = issuers.papers_of(round.unit)
    return layout.Document(
        letterhead=layout.Letterhead(
            governing_body=papers.printed_name,
            issuer=papers.board_name,
            number=round.decision_number,
            symbol=_code(round),
            place=layout.place_name(unit_line_names(unit=round.unit)),
            date=round.decision_date,
        ),
        title=_("DECISION"),
        subject=[
            _("On honouring collectives and individuals with outstanding achievements"),
            _("in the emulation movement “Đoàn kết sáng tạo” in %(year)s") % {"year": round.year},
        ],
        body=body,
        recipients=[_("- As in Article 3;"), f"- {round.unit.name};", _("- Archived.")],
        signatures=[
            layout.Signature(
                capacity=round.signer_capacity
                or issuers.signer_from_title(
                    title=round.signer_title,
                    name=round.signer_name,
                    board_name=papers.board_name,
                ).capacity,
                title=round.signer_title,
                name=round.signer_name,
            )
        ],
        annex=annex,
        draft=not round.is_decided,
    )


def decision_paper(
    *, round: HonoursRound, extension: str, progress: Progress = no_progress
) -> tuple[bytes, str]:
    """(content, file name) of the honours decision as DOCX or PDF."""
    progress(0, 100, gettext_noop("Reading the honours"))
    round = selectors.round_detail(pk=round.pk)
    with translation.override(layout.LANGUAGE):
        document = decision_document(round)
        filename = _("honours-decision-%(year)s-%(pk)s") % {"year": round.year, "pk": round.pk}
    progress(20, 100, gettext_noop("Writing the document"))
    if extension == DOCX:
        return layout.docx_build(document), f"{filename}.docx"
    return layout.pdf_build(document), f"{filename}.pdf"


# --- the yearly book -------------------------------------------------------------------------


class BookPage:
    """What the book prints of one initiative: nothing its author kept confidential."""

    def __init__(self, number: int, initiative: Initiative):
        hidden = set(initiative.confidential_sections or ())
        self.number = number
        self.anchor = f"i{initiative.pk}"
        self.title = initiative.title
        self.kind = initiative.get_kind_display()
        self.field = initiative.field.name if initiative.field else ""
        self.unit = initiative.unit.name
        self.collective = initiative.collective_name if initiative.is_collective else ""
        self.authors = [a.full_name for a in initiative.authors.all()]
        self.summary = initiative.summary
        self.benefits = "" if Initiative.Section.BENEFITS in hidden else initiative.benefits
        self.applied_on = initiative.first_applied_on
        self.scope = initiative.application_scope
        images = getattr(initiative, "images", [])
        self.photo = images[0] if images and Initiative.Section.ATTACHMENTS not in hidden else None

    @property
    def facts(self) -> list[tuple[str, str]]:
        return _book_facts(self)

    @property
    def photo_url(self) -> str:
        return f"{PHOTO_SCHEME}{self.photo.pk}" if self.photo else ""


def book_pages(initiatives: list[Initiative]) -> list[BookPage]:
    return [BookPage(number, i) for number, i in enumerate(initiatives, start=1)]


def _fields(pages: list[BookPage]) -> "OrderedDict[str, list[BookPage]]":
    grouped: OrderedDict[str, list[BookPage]] = OrderedDict()
    for page in pages:
        grouped.setdefault(page.field or _("Other fields"), []).append(page)
    return grouped


def _units(pages: list[BookPage]) -> list[tuple[str, list[BookPage]]]:
    grouped: dict[str, list[BookPage]] = {}
    for page in pages:
        grouped.setdefault(page.unit, []).append(page)
    return sorted(grouped.items(), key=lambda item: item[0].lower())


def book_pdf(
    *, yearbook: Yearbook, pages: list[BookPage], progress: Progress = no_progress
) -> bytes:
    """The book as a PDF: cover, foreword, contents with page numbers, the initiatives by field,
    the index of units. Photos are read from the private storage by the renderer itself; no
    other file or URL is read but the shipped fonts."""
    import weasyprint
    from weasyprint.urls import URLFetcherResponse

    photos = {str(page.photo.pk): page.photo for page in pages if page.photo}

    def book_photos(url, fetch):
        if not url.startswith(PHOTO_SCHEME):
            return None
        attachment = photos.get(url.removeprefix(PHOTO_SCHEME))
        if attachment is None:
            raise ValueError(f"No such photo in the book: {url}")
        with attachment.file.open("rb") as handle:
            content = handle.read()
        return URLFetcherResponse(url, content, {"Content-Type": attachment.content_type})

    total = len(pages)
    with translation.override(layout.LANGUAGE):
        html = render_to_string(
            "honours/book/book.html",
            {
                "book": yearbook,
                "framing": book_framing(yearbook, len(pages)),
                "fields": _fields(pages),
                "units": _units(pages),
                "lang": layout.LANGUAGE,
                "motto": layout.motto(),
            },
        )
    progress(0, total, gettext_noop("Laying out the book"))
    # Pages run about one and a half an initiative, after four of front matter.
    expected = max(4 + total * 3 // 2, 1)

    furthest = 0

    def on_page(number: int | None) -> None:
        nonlocal furthest
        if number is None:
            progress(total, total, gettext_noop("Writing the PDF file"))
        else:
            # Pages laid out again (the contents, once their page numbers are known) do not
            # move the bar back.
            furthest = max(furthest, number)
            done = min(total, max(0, (furthest - 4) * 2 // 3))
            progress(
                done,
                total,
                gettext_noop("Laying out initiative %(number)s of %(count)s"),
                number=done,
                count=total,
            )

    document = weasyprint.HTML(
        string=html,
        base_url=layout.FONT_DIR.as_uri() + "/",
        url_fetcher=layout.fonts_fetcher(others=book_photos, protocols=("file", PHOTO_SCHEME[:-1])),
    )
    # The page-by-page progress WeasyPrint logs reaches this thread's callback (formats.documents).
    layout._rendering.on_page = on_page if expected else None
    try:
        return document.write_pdf()
    finally:
        layout._rendering.on_page = None


def _book_word(yearbook: Yearbook):
    """An empty Word document with the administrative page, fonts and page numbers."""
    import docx
    from docx.shared import Mm

    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(layout.PAGE_WIDTH), Mm(layout.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Mm(layout.MARGIN_TOP), Mm(layout.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(layout.MARGIN_LEFT), Mm(layout.MARGIN_RIGHT)
    layout._docx_fonts(word)
    layout._docx_page_numbers(section)
    layout.docx_heading_fonts(word, {"Heading 1": 16, "Heading 2": 14})
    layout.docx_properties(
        word, title=f"{yearbook.title} {yearbook.year}", author=yearbook.unit.name
    )
    layout.docx_update_fields_on_open(word)
    return word


def _page_break(word) -> None:
    from docx.enum.text import WD_BREAK

    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def book_framing(yearbook: Yearbook, count: int) -> dict[str, str]:
    """What the cover and the opening say the book is (plan IV): the list of exemplary
    initiatives the unit sends to the central committee, which edits and publishes the book."""
    values = {
        "unit": yearbook.unit.name,
        "title": yearbook.title,
        "year": yearbook.year,
        "count": count,
        "central": _("the Central Committee of the Vietnam Fatherland Front"),
    }
    return {
        "kind": _("LIST OF EXEMPLARY INITIATIVES AND NEW IDEAS PROPOSED FOR THE BOOK"),
        "sent_to": _("Sent to %(central)s for editing and publication") % values,
        "opening": _(
            "Carrying out the plan of the movement “Đoàn kết sáng tạo”, %(unit)s has gathered "
            "%(count)s exemplary initiatives and new ideas of %(year)s and sends them to "
            "%(central)s, which edits and publishes the book “%(title)s”. What follows is "
            "%(unit)s's proposal; the book is the central committee's edition."
        )
        % values,
    }


def _book_docx_opening(word, yearbook: Yearbook, pages: list[BookPage]) -> None:
    """Cover (the list sent up for the central committee's book), the opening, the foreword
    (when written) and contents, by field."""
    P, Run = layout._docx_par, layout.Run
    framing = book_framing(yearbook, len(pages))
    P(word, [Run(yearbook.unit.name.upper(), bold=True)], align="center", indent=False)
    P(word, [Run("")], indent=False, after=100)
    P(word, [Run(framing["kind"], bold=True)], align="center", indent=False, size=14)
    P(word, [Run(yearbook.title.upper(), bold=True)], align="center", indent=False, size=24)
    P(word, [Run(str(yearbook.year), bold=True)], align="center", indent=False, size=20)
    P(word, [Run(framing["sent_to"], italic=True)], align="center", indent=False)
    _page_break(word)
    P(word, [Run(framing["opening"])])
    if yearbook.foreword.strip():
        P(word, [Run(_("FOREWORD"), bold=True)], align="center", indent=False, after=8)
        for line in yearbook.foreword.splitlines():
            if line.strip():
                P(word, [Run(line.strip())])
        _page_break(word)
    P(word, [Run(_("CONTENTS"), bold=True)], align="center", indent=False, after=8)
    # A Word contents field over the headings; until it is updated it shows the list.
    listing = [
        line
        for field_name, group in _fields(pages).items()
        for line in (field_name.upper(), *(f"{page.number}. {page.title}" for page in group))
    ]
    contents = P(word, [], align="left", indent=False, after=0)
    layout.docx_field(contents, 'TOC \\o "1-2" \\h \\z \\u', "\n".join(listing))


def _book_docx_page(word, page: BookPage) -> None:
    """One initiative: its heading, facts, summary, benefits and photo."""
    from docx.shared import Mm

    P, Run = layout._docx_par, layout.Run
    heading = word.add_heading(f"{page.number}. {page.title}", level=2)
    layout.docx_bookmark(heading, _bookmark(page), page.number)
    for label, value in _book_facts(page):
        P(word, [Run(f"{label}: ", bold=True), Run(value)], indent=False)
    if page.summary:
        P(word, [Run(_("Summary"), bold=True)], indent=False, keep_with_next=True)
        P(word, [Run(page.summary)])
    if page.benefits:
        P(word, [Run(_("Benefits"), bold=True)], indent=False, keep_with_next=True)
        P(word, [Run(page.benefits)])
    if page.photo is not None:
        with page.photo.file.open("rb") as handle:
            image = io.BytesIO(handle.read())
        try:
            word.add_picture(image, width=Mm(100))
        except Exception:  # noqa: BLE001 - a picture python-docx cannot read
            pass


def _bookmark(page: BookPage) -> str:
    return f"initiative_{page.number}"


def _book_docx_index(word, pages: list[BookPage]) -> None:
    """The units, each with the numbers of its initiatives and, as Word page references to
    their headings, the pages they start on."""
    P, Run = layout._docx_par, layout.Run
    _page_break(word)
    P(word, [Run(_("INDEX OF UNITS"), bold=True)], align="center", indent=False, after=8)
    for unit, group in _units(pages):
        line = P(word, [Run(unit), Run(" – ")], align="left", indent=False, after=0)
        for position, page in enumerate(group):
            line.add_run(
                ("; " if position else "") + _("no. %(number)s, page ") % {"number": page.number}
            )
            layout.docx_field(line, f"PAGEREF {_bookmark(page)} \\h", "…")


def book_docx(
    *, yearbook: Yearbook, pages: list[BookPage], progress: Progress = no_progress
) -> bytes:
    """The book as a DOCX: the same parts as the PDF. The contents are a Word TOC field over
    the headings (fields: the initiatives), the index of units gives PAGEREF fields to each
    initiative's bookmarked heading; Word updates both as the file opens, LibreOffice when
    asked (Tools > Update), and until then they show the list of headings and "…"."""

    total = len(pages)
    with translation.override(layout.LANGUAGE):
        word = _book_word(yearbook)
        _book_docx_opening(word, yearbook, pages)
        for field_name, group in _fields(pages).items():
            _page_break(word)
            word.add_heading(field_name.upper(), level=1)
            for position, page in enumerate(group):
                if position:
                    _page_break(word)
                _book_docx_page(word, page)
                if page.number % 10 == 0 or page.number == total:
                    progress(
                        page.number,
                        total,
                        gettext_noop("Writing initiative %(number)s of %(count)s"),
                        number=page.number,
                        count=total,
                    )
        _book_docx_index(word, pages)
        output = io.BytesIO()
        word.save(output)
        return output.getvalue()


def _book_facts(page: BookPage) -> list[tuple[str, str]]:
    facts = [
        (_("Authors"), ", ".join(page.authors) or page.collective),
        (pgettext("yearbook", "Unit"), page.unit),
        (pgettext("yearbook", "Field"), page.field),
    ]
    if page.collective and page.authors:
        facts.insert(1, (_("Collective"), page.collective))
    if page.scope or page.applied_on:
        where = page.scope
        if page.applied_on:
            since = _("since %(date)s") % {
                "date": formats.date_format(page.applied_on, "SHORT_DATE_FORMAT")
            }
            where = f"{where} ({since})" if where else since
        facts.append((_("Where it is applied"), where))
    return facts


def book_file(
    *, yearbook: Yearbook, extension: str, progress: Progress = no_progress
) -> tuple[bytes, str]:
    """(content, file name) of the yearly book as PDF or DOCX."""
    yearbook = Yearbook.objects.select_related("unit", "movement").get(pk=yearbook.pk)
    initiatives = selectors.book_initiatives(yearbook=yearbook)
    with translation.override(layout.LANGUAGE):
        pages = book_pages(initiatives)
        filename = _("yearbook-%(year)s-%(pk)s") % {"year": yearbook.year, "pk": yearbook.pk}
    build = book_pdf if extension == PDF else book_docx
    return build(yearbook=yearbook, pages=pages, progress=progress), f"{filename}.{extension}"

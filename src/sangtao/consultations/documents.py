"""The comments on a consultation's draft as a DOCX in the national administrative layout
(sangtao.formats.documents, like the reports and the honours decision): the publishing
committee's letterhead and today's date, the title, then each section with its comments and
the responses given so far."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sangtao.formats import documents as layout
from sangtao.orgs.selectors import unit_line_names

from .models import Consultation

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _letterhead(consultation: Consultation) -> layout.Letterhead:
    unit = consultation.unit
    committee = unit.kind.code == "front_committee"
    return layout.Letterhead(
        governing_body=unit.name if committee else (unit.parent.name if unit.parent else ""),
        issuer=_("Standing committee") if committee else unit.name,
        number="",
        symbol=_("TH-MTTQ"),
        place=layout.place_name(unit_line_names(unit=unit)),
        date=timezone.localdate(),
    )


def _response(comment) -> str:
    if not comment.response:
        return _("Not answered yet.")
    return f"{comment.get_response_display()}: {comment.response_text}"


def _section_blocks(number: int, section, comments) -> list[layout.Block]:
    blocks: list[layout.Block] = [
        layout.Paragraph.of(
            f"{number}. {section.heading}", bold=True, indent=False, keep_with_next=True
        )
    ]
    if not comments:
        blocks.append(layout.Paragraph.of(_("No comments on this section."), italic=True))
        return blocks
    blocks.append(
        layout.Table(
            headers=(_("No."), _("Commenter"), pgettext("consultation", "Comment"), _("Response")),
            rows=tuple(
                (str(index), comment.speaker, comment.text, _response(comment))
                for index, comment in enumerate(comments, start=1)
            ),
            widths=(10, 40, 60, 55),
            align=("center", "left", "left", "left"),
        )
    )
    return blocks


def comments_document(consultation: Consultation, sections) -> layout.Document:
    """`sections`: [(section, [comment, ...]), ...] in the draft's order."""
    body: list[layout.Block] = []
    for number, (section, comments) in enumerate(sections, start=1):
        body += _section_blocks(number, section, comments)
    total = sum(len(comments) for _section, comments in sections)
    body.append(
        layout.Paragraph.of(_("In all: %(count)s comments.") % {"count": total}, italic=True)
    )
    return layout.Document(
        letterhead=_letterhead(consultation),
        title=_("SUMMARY OF COMMENTS"),
        subject=[
            _("on the draft “%(title)s”") % {"title": consultation.title},
            _("Comments from %(start)s to %(end)s")
            % {
                "start": consultation.opens_on.strftime("%d/%m/%Y"),
                "end": consultation.closes_on.strftime("%d/%m/%Y"),
            },
        ],
        body=body,
        recipients=[_("- Standing committee (to report);"), pgettext("critique", "- Archived.")],
    )


def comments_docx(*, consultation: Consultation, sections) -> tuple[bytes, str]:
    """(content, file name) of the comments as DOCX, in Vietnamese."""
    with translation.override(layout.LANGUAGE):
        document = comments_document(consultation, sections)
        filename = _("comments-%(pk)s") % {"pk": consultation.pk}
    return layout.docx_build(document), f"{filename}.docx"

"""The recognition decision of a sealed council (`RecognitionDecision`): recorded once, with
the issuing body the movement chooses and the signer of that day, and cited by the same number
and date on the decision paper, the minutes and the certificates.

- The council recognises (the plan's reading, the default): the letterhead names the committee
  over the council, the code is the committee's "recognition_council" code (QĐ-HĐTĐ) and the
  council's chair signs "TM. HỘI ĐỒNG" / "CHỦ TỊCH".
- The Standing Board decides on the council's recommendation: the committee over its board,
  the "recognition_board" code (QĐ-MTTQ-BTT) and the board's signer on the decision's date
  (`orgs.issuers.board_signer`): "TM. BAN THƯỜNG TRỰC" / "CHỦ TỊCH", or "KT. CHỦ TỊCH" /
  "PHÓ CHỦ TỊCH" when only a deputy is in office or the deputy is named.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sangtao.accounts.models import User
from sangtao.core.services import audit_record, require
from sangtao.movements.models import Movement
from sangtao.orgs import issuers

from .models import Council, CouncilMember, RecognitionDecision


def recognition_of(council: Council) -> RecognitionDecision | None:
    """The council's recognition decision, when recorded."""
    return RecognitionDecision.objects.filter(council=council).first()


def _signer(council: Council, board: bool, papers: issuers.Papers, on, name: str, fallback):
    if board:
        signer = issuers.board_signer(council.unit, on, board_name=papers.board_name, name=name)
        if signer is None and fallback is not None:
            signer = fallback
        if signer is None:
            raise ValidationError(
                _(
                    "Nobody holds the chair or a vice-chair of the committee on %(date)s: "
                    "record its positions first."
                )
                % {"date": on.strftime("%d/%m/%Y")}
            )
        return signer
    chair = council.members.filter(role=CouncilMember.Role.CHAIR).select_related("user").first()
    return issuers.Signer(
        capacity=_("On behalf of the council"),
        title=pgettext("council papers", "Chair"),
        name=chair.user.display_name if chair else name,
    )


@transaction.atomic
def recognition_decision_record(
    *,
    council: Council,
    number: str,
    date: datetime.date | None,
    by: User,
    signer_name: str = "",
    fallback: issuers.Signer | None = None,
    permission: str = "appraisal.record_recognition",
) -> RecognitionDecision:
    """Record the sealed council's recognition decision (number, date; the issuer, code and
    signer follow the movement's setting, the committee's papers and its positions on `date`);
    `fallback` signs for the board when no position is recorded (a committee's certificate
    settings of before). Recorded once: a second call with the same number and date returns
    it, with another is refused. `permission` is the one `by` needs on the council (issuing
    its certificates records the decision they cite)."""
    require(by, permission, council)
    council = (
        Council.objects.select_for_update()
        .select_related("unit", "round__movement")
        .get(pk=council.pk)
    )
    if council.sealed_at is None:
        raise PermissionDenied
    number = (number or "").strip()
    errors = {}
    if not number:
        errors["decision_number"] = [_("Give the number of the recognition decision.")]
    if date is None:
        errors["decision_date"] = [_("Give the date of the recognition decision.")]
    if errors:
        raise ValidationError(errors)
    existing = recognition_of(council)
    if existing is not None:
        if (existing.number, existing.code, existing.date) != (
            *_split(number, existing.code),
            date,
        ):
            raise ValidationError(
                {
                    "decision_number": [
                        _("The council's recognition decision is No. %(number)s of %(date)s.")
                        % {
                            "number": existing.full_number,
                            "date": existing.date.strftime("%d/%m/%Y"),
                        }
                    ]
                }
            )
        return existing
    if council.meeting_date and date < council.meeting_date:
        raise ValidationError(
            {"decision_date": [_("The decision cannot be signed before the council met.")]}
        )
    board = council.round.movement.recognised_by == Movement.Recogniser.BOARD
    papers = issuers.papers_of(council.unit)
    number, code = _split(
        number, papers.code(issuers.RECOGNITION_BOARD if board else issuers.RECOGNITION_COUNCIL)
    )
    signer = _signer(council, board, papers, date, signer_name, fallback)
    decision = RecognitionDecision.objects.create(
        council=council,
        issuer=RecognitionDecision.Issuer.BOARD if board else RecognitionDecision.Issuer.COUNCIL,
        number=number,
        code=code,
        date=date,
        governing_name=papers.printed_name,
        issuer_name=papers.board_name if board else council.name,
        signer_capacity=signer.capacity,
        signer_title=signer.title,
        signer_name=signer.name,
        recorded_by=by,
    )
    audit_record(
        actor=by,
        action="appraisal.recognition_record",
        target=council,
        data={"number": decision.full_number, "date": date.isoformat(), "signer": signer.name},
    )
    return decision


def _split(number: str, code: str) -> tuple[str, str]:
    """(number, code): "42" takes the committee's `code`; "42/QĐ-MTTQ-BTT" as typed."""
    if "/" in number:
        head, tail = number.split("/", 1)
        return head.strip(), tail.strip() or code
    return number, code


# --- what the papers print -------------------------------------------------------------------


def cited(decision: RecognitionDecision) -> str:
    """ "Quyết định số 42/QĐ-MTTQ-BTT ngày 20/11/2019 của Ban Thường trực Ủy ban MTTQ Việt Nam
    tỉnh Tây Ninh" """
    issuer = decision.issuer_name
    if decision.issuer == RecognitionDecision.Issuer.BOARD:
        issuer = f"{decision.issuer_name} {decision.governing_name}"
    return _("Decision No. %(number)s of %(date)s of the %(issuer)s") % {
        "number": decision.full_number,
        "date": decision.date.strftime("%d/%m/%Y"),
        "issuer": issuer,
    }

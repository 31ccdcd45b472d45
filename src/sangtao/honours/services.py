"""Writes of honours, the yearly book and the ledger: each checks the permission, runs in one
transaction and records one audit event."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.models import Role
from sangtao.accounts.selectors import people_with_role_over
from sangtao.core.services import audit_record, notify, require
from sangtao.core.templatetags.sangtao import vnd as money
from sangtao.orgs import issuers
from sangtao.orgs.models import OrgUnit

from . import facts, selectors
from .models import Honour, HonoursRound, Payment, Source, Yearbook, YearbookEntry


def _check_year(movement, year: int) -> None:
    if not movement.start_year <= year <= movement.end_year:
        raise ValidationError(
            {
                "year": _("The movement runs from %(first)s to %(last)s.")
                % {"first": movement.start_year, "last": movement.end_year}
            }
        )


# --- the honours round -----------------------------------------------------------------------


@transaction.atomic
def honours_round_open(*, movement, unit, year: int, by) -> HonoursRound:
    """Open the honours round of a movement and year at a unit, with the candidates the
    platform proposes from the recognitions of that year in the unit's subtree."""
    require(by, "honours.manage", unit)
    _check_year(movement, year)
    if HonoursRound.objects.filter(movement=movement, unit=unit, year=year).exists():
        raise ValidationError(_("This unit already has an honours round for that year."))
    round = HonoursRound.objects.create(movement=movement, unit=unit, year=year, created_by=by)
    candidates = selectors.candidates_propose(movement=movement, unit=unit, year=year)
    Honour.objects.bulk_create(
        [
            Honour(
                round=round,
                kind=c.kind,
                unit_id=c.unit_id,
                initiative_id=c.initiative_id,
                author_id=c.author_id,
                user_id=c.user_id,
                name=c.name,
                recognised_count=c.recognised_count,
                applied_count=c.applied_count,
                grade=c.grade,
                level=c.level,
                applied=c.applied,
                order=index,
            )
            for index, c in enumerate(candidates)
        ]
    )
    taken = _take_proposals(round)
    audit_record(
        actor=by,
        action="honours.round_open",
        target=round,
        to_state=round.state,
        data={"candidates": len(candidates), "proposed": taken},
    )
    return round


def _take_proposals(round: HonoursRound) -> int:
    """Add to an open round, as candidates, the honours the lower levels proposed to its unit
    for the same movement and year and not taken in yet; each keeps its origin, the lower
    level's list and reasons, and the round decides its own form and prize."""
    proposals = list(
        selectors.proposals_received(movement=round.movement, unit=round.unit, year=round.year)
        .exclude(taken_up__round=round)
        .order_by("round__unit__path", "kind", "order", "id")
    )
    start = round.honours.count()
    Honour.objects.bulk_create(
        [
            Honour(
                round=round,
                origin=proposal,
                kind=proposal.kind,
                unit_id=proposal.unit_id,
                initiative_id=proposal.initiative_id,
                author_id=proposal.author_id,
                user_id=proposal.user_id,
                name=proposal.name,
                recognised_count=proposal.recognised_count,
                applied_count=proposal.applied_count,
                grade=proposal.grade,
                level=proposal.level,
                applied=proposal.applied,
                reason=proposal.reason,
                order=start + index,
            )
            for index, proposal in enumerate(proposals)
        ]
    )
    return len(proposals)


@transaction.atomic
def honours_take_proposals(*, round: HonoursRound, by) -> int:
    """Take into an open round the honours the lower levels proposed since it was opened."""
    require(by, "honours.manage", round)
    round = _lock_open(round)
    taken = _take_proposals(round)
    audit_record(actor=by, action="honours.take_proposals", target=round, data={"taken": taken})
    return taken


@transaction.atomic
def honours_candidate_add(
    *, round: HonoursRound, by, kind: str, unit: OrgUnit, name: str, reason: str
) -> Honour:
    """Add by hand to an open round a collective (an enterprise, an association) or a person
    of the round unit's subtree that has no recognised initiative: the plan praises
    ("biểu dương") collectives and people for the movement itself (III.2). A collective is
    named after its unit unless a name is given; the reason is required."""
    require(by, "honours.manage", round)
    round = _lock_open(round)
    name, reason = name.strip(), reason.strip()
    errors = {}
    if kind not in Honour.Kind.values:
        errors["kind"] = _("Choose a collective or an individual.")
    if unit is None or not unit.is_within(round.unit):
        errors["unit"] = _("Choose a unit within %(unit)s.") % {"unit": round.unit.name}
    if kind == Honour.Kind.COLLECTIVE and not name and unit is not None:
        name = unit.name
    if not name:
        errors["name"] = _("Give the person's full name.")
    if not reason:
        errors["reason"] = _("Write the achievements and reasons for adding this candidate.")
    if errors:
        raise ValidationError(errors)
    same = round.honours.filter(unit=unit).values_list("name", flat=True)
    if name.casefold() in {other.strip().casefold() for other in same}:
        raise ValidationError(
            {"name": _("%(name)s is already a candidate of this round.") % {"name": name}}
        )
    last = round.honours.order_by("-order").values_list("order", flat=True).first()
    honour = Honour.objects.create(
        round=round,
        kind=kind,
        unit=unit,
        name=name,
        reason=reason,
        added_by_hand=True,
        order=0 if last is None else last + 1,
    )
    audit_record(
        actor=by,
        action="honours.candidate_add",
        target=round,
        data={"honour": honour.pk, "kind": kind, "unit": unit.pk, "name": name},
    )
    return honour


@transaction.atomic
def honours_candidate_remove(*, round: HonoursRound, honour_id: int, by) -> Honour:
    """Take off an open round a candidate the officer added by hand (a mistyped name, a unit
    chosen by mistake). The candidates the platform proposed from the recognitions, and those
    the lower levels proposed, are not removed: the officer leaves them unconfirmed."""
    require(by, "honours.manage", round)
    round = _lock_open(round)
    honour = round.honours.filter(pk=honour_id).first()
    if honour is None:
        raise ValidationError(_("Some candidates do not belong to this honours round."))
    if not honour.added_by_hand:
        raise ValidationError(
            _("Only candidates added by hand can be removed; leave this one unconfirmed.")
        )
    audit_record(
        actor=by,
        action="honours.candidate_remove",
        target=round,
        data={
            "honour": honour.pk,
            "kind": honour.kind,
            "unit": honour.unit_id,
            "name": honour.name,
        },
    )
    honour.delete()
    return honour


def _lock_open(round: HonoursRound) -> HonoursRound:
    locked = HonoursRound.objects.select_for_update().get(pk=round.pk)
    if locked.is_decided:
        raise ValidationError(_("The honours of this round are decided and can no longer change."))
    return locked


CHOICE_FIELDS = ("confirmed", "form", "prize_vnd", "source", "research_topic", "reason")


@transaction.atomic
def honours_confirm(*, round: HonoursRound, choices: dict[int, dict], by) -> int:
    """Record the officer's choices for the round's candidates ({honour id: {field: value}}):
    which are confirmed, their form of honour and prize. Returns how many are confirmed."""
    require(by, "honours.manage", round)
    round = _lock_open(round)
    honours = {h.pk: h for h in round.honours.filter(pk__in=list(choices))}
    if len(honours) != len(choices):
        raise ValidationError(_("Some candidates do not belong to this honours round."))
    errors = []
    for pk, values in choices.items():
        honour = honours[pk]
        for name in CHOICE_FIELDS:
            if name in values:
                setattr(honour, name, values[name])
        if honour.prize_vnd is None or honour.prize_vnd < 0:
            errors.append(_("%(name)s: the prize cannot be negative.") % {"name": honour.name})
        if honour.confirmed and not honour.form:
            errors.append(_("%(name)s: choose the form of honour.") % {"name": honour.name})
        if honour.confirmed and honour.form == Honour.Form.CENTRAL and not honour.reason.strip():
            errors.append(
                _("%(name)s: write the achievements and reasons sent to the central level.")
                % {"name": honour.name}
            )
        if honour.source not in Source.values:
            errors.append(_("%(name)s: choose the source of money.") % {"name": honour.name})
    if errors:
        raise ValidationError(errors)
    Honour.objects.bulk_update(honours.values(), list(CHOICE_FIELDS))
    confirmed = round.honours.filter(confirmed=True).count()
    audit_record(
        actor=by,
        action="honours.confirm",
        target=round,
        data={"changed": len(honours), "confirmed": confirmed},
    )
    return confirmed


def _keep_plans(round: HonoursRound, honours: list[Honour]) -> None:
    """Write down, for the decision, which honoured collectives have a plan of their own in
    the register of response plans: a signed decision prints the same list ever after."""
    facts.attach(round=round, honours=honours)
    for honour in honours:
        honour.own_plan = honour.has_plan
    Honour.objects.bulk_update(honours, ["own_plan"])


# What deciding a round writes on it.
DECIDED_FIELDS = [
    "state",
    "decision_number",
    "decision_code",
    "decision_date",
    "signer_title",
    "signer_name",
    "signer_capacity",
    "decided_at",
]


@transaction.atomic
def honours_decide(
    *,
    round: HonoursRound,
    number: str,
    date: datetime.date,
    signer_title: str,
    signer_name: str,
    by,
) -> HonoursRound:
    """Decide the round's honours: the decision's number, date and signer; no change after.

    The number takes the committee's code for honours (`orgs.issuers`) unless typed with one
    ("58/QĐ-MTTQ-BTT"); without a signer's name, the committee's chair (or else first deputy)
    on the decision's date signs, and the capacity follows the position ("TM." for the head,
    "KT. CHỦ TỊCH" for a deputy)."""
    require(by, "honours.manage", round)
    original, round = round, _lock_open(round)
    errors = {}
    if not number.strip():
        errors["number"] = _("Give the decision's number.")
    if date is None:
        errors["date"] = _("Give the decision's date.")
    signer = _signer(round, date, signer_title, signer_name)
    if signer is not None:
        signer_title, signer_name = signer.title, signer.name
    if not signer_name.strip():
        errors["signer_name"] = _("Give the name of who signs.")
    if errors:
        raise ValidationError(errors)
    confirmed = list(round.honours.filter(confirmed=True).select_related("user"))
    if not confirmed:
        raise ValidationError(_("Confirm at least one candidate before deciding."))
    _keep_plans(round, confirmed)
    round.state = HonoursRound.State.DECIDED
    round.decision_number, round.decision_code = _number_and_code(round, number)
    round.decision_date = date
    round.signer_title, round.signer_name = signer_title.strip(), signer_name.strip()
    round.signer_capacity = signer.capacity
    round.decided_at = timezone.now()
    round.save(update_fields=DECIDED_FIELDS)
    for name in DECIDED_FIELDS:  # the caller's round reads as decided too
        setattr(original, name, getattr(round, name))
    audit_record(
        actor=by,
        action="honours.decide",
        target=round,
        from_state=HonoursRound.State.OPEN,
        to_state=HonoursRound.State.DECIDED,
        data={"number": round.decision_number, "honours": len(confirmed)},
    )
    honoured = {h.user for h in confirmed if h.user is not None}
    if honoured:
        notify(
            recipients=honoured,
            message=_("You are honoured in the decision No. %(number)s of %(unit)s.")
            % {"number": f"{round.decision_number}/{round.decision_code}", "unit": round.unit.name},
            url=reverse("honours:register"),
        )
    return round


@transaction.atomic
def honours_propose_up(*, round: HonoursRound, honour_ids: list[int], by) -> int:
    """Send decided honours of the round, each with its achievements and reasons, to the
    level above (its Front committee), which sees them with their origin when it opens or
    refreshes its own round and decides. Returns how many were sent."""
    from sangtao.orgs.selectors import council_unit_for

    require(by, "honours.manage", round)
    round = HonoursRound.objects.select_for_update().select_related("unit").get(pk=round.pk)
    if not round.is_decided:
        raise ValidationError(_("Decide the round's honours before proposing them upward."))
    target = council_unit_for(unit=round.unit.parent) if round.unit.parent_id else None
    if target is None:
        raise ValidationError(_("There is no level above this unit."))
    honours = list(round.honours.filter(pk__in=honour_ids, confirmed=True))
    if not honour_ids or len(honours) != len(set(honour_ids)):
        raise ValidationError(_("Choose honours decided in this round."))
    errors = [
        _("%(name)s was already proposed upward.") % {"name": h.name}
        for h in honours
        if h.proposed_to_id
    ] + [
        _("%(name)s: write the achievements and reasons to send.") % {"name": h.name}
        for h in honours
        if not h.reason.strip()
    ]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    for honour in honours:
        honour.proposed_to, honour.proposed_at = target, now
    Honour.objects.bulk_update(honours, ["proposed_to", "proposed_at"])
    audit_record(
        actor=by,
        action="honours.propose_up",
        target=round,
        data={"honours": [h.pk for h in honours], "to": target.pk},
    )
    notify(
        recipients=people_with_role_over(roles={Role.OFFICER}, unit=target),
        message=_("%(unit)s proposed %(count)s honours for %(year)s.")
        % {"unit": round.unit.name, "count": len(honours), "year": round.year},
        url=reverse("honours:index"),
    )
    return len(honours)


def _signer(round: HonoursRound, date, title: str, name: str) -> issuers.Signer | None:
    """Who signs the honours decision for the committee's board on `date`: the holder of a
    position named `name` (or, without a name, the chair, else the first deputy); a name that
    holds no position signs with the typed title. None when nothing is known."""
    board_name = issuers.papers_of(round.unit).board_name
    found = (
        issuers.board_signer(round.unit, date, board_name=board_name, name=name.strip())
        if date is not None
        else None
    )
    if found is not None:
        return found
    if name.strip():
        return issuers.signer_from_title(title=title, name=name, board_name=board_name)
    return None


def _number_and_code(round: HonoursRound, number: str) -> tuple[str, str]:
    """ "58" with the committee's code for honours, or "58/QĐ-MTTQ-BTT" as typed."""
    number = number.strip()
    if "/" in number:
        head, tail = number.split("/", 1)
        if tail.strip():
            return head.strip(), tail.strip()
    return number, issuers.papers_of(round.unit).code(issuers.HONOURS)


# --- the ledger ------------------------------------------------------------------------------


@transaction.atomic
def payment_record(
    *,
    honour: Honour,
    paid_on: datetime.date,
    amount_vnd: int,
    source: str,
    reference: str = "",
    by,
) -> Payment:
    """Record a prize paid out. Only decided honours with a prize are paid, never beyond it."""
    require(by, "honours.manage", honour)
    honour = Honour.objects.select_for_update().select_related("round").get(pk=honour.pk)
    if not (honour.confirmed and honour.round.is_decided and honour.prize_vnd > 0):
        raise ValidationError(_("Only a decided honour with a prize can be paid."))
    if amount_vnd is None or amount_vnd <= 0:
        raise ValidationError({"amount_vnd": _("The amount must be more than zero.")})
    if source not in Source.values:
        raise ValidationError({"source": _("Choose the source of money.")})
    paid = honour.payments.aggregate(total=Sum("amount_vnd"))["total"] or 0
    if paid + amount_vnd > honour.prize_vnd:
        raise ValidationError(
            {
                "amount_vnd": _("Only %(left)s of the prize of %(prize)s remain to be paid.")
                % {"left": money(honour.prize_vnd - paid), "prize": money(honour.prize_vnd)}
            }
        )
    payment = Payment.objects.create(
        honour=honour,
        paid_on=paid_on,
        amount_vnd=amount_vnd,
        source=source,
        reference=reference.strip(),
        recorded_by=by,
    )
    audit_record(
        actor=by,
        action="honours.payment",
        target=honour,
        data={"amount_vnd": amount_vnd, "source": source, "payment": payment.pk},
    )
    return payment


# --- the yearly book -------------------------------------------------------------------------


@transaction.atomic
def yearbook_create(*, movement, unit, year: int, title: str, foreword: str = "", by) -> Yearbook:
    require(by, "honours.manage", unit)
    _check_year(movement, year)
    if not title.strip():
        raise ValidationError({"title": _("Give the book a title.")})
    book = Yearbook.objects.create(
        movement=movement,
        unit=unit,
        year=year,
        title=title.strip(),
        foreword=foreword,
        created_by=by,
    )
    audit_record(actor=by, action="yearbook.create", target=book)
    return book


@transaction.atomic
def yearbook_update(*, yearbook: Yearbook, title: str, foreword: str, by) -> Yearbook:
    require(by, "honours.manage", yearbook)
    if not title.strip():
        raise ValidationError({"title": _("Give the book a title.")})
    yearbook.title, yearbook.foreword = title.strip(), foreword
    yearbook.save(update_fields=["title", "foreword"])
    audit_record(actor=by, action="yearbook.update", target=yearbook)
    return yearbook


@transaction.atomic
def yearbook_pick(*, yearbook: Yearbook, initiative_ids: list[int], by) -> int:
    """Choose the book's initiatives among the eligible ones; they are printed by field, then
    title. Returns how many."""
    require(by, "honours.manage", yearbook)
    wanted = set(initiative_ids)
    ordered = [
        pk
        for pk in selectors.book_eligible(yearbook=yearbook).values_list("pk", flat=True)
        if pk in wanted
    ]
    if len(ordered) != len(wanted):
        raise ValidationError(
            _(
                "Only initiatives of this year recognised at province level or proposed to the "
                "central level can go in the book."
            )
        )
    yearbook.entries.all().delete()
    YearbookEntry.objects.bulk_create(
        [
            YearbookEntry(yearbook=yearbook, initiative_id=pk, order=index)
            for index, pk in enumerate(ordered, start=1)
        ]
    )
    audit_record(
        actor=by, action="yearbook.pick", target=yearbook, data={"initiatives": len(ordered)}
    )
    return len(ordered)

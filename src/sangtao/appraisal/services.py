"""Writes of appraisal councils. Each function checks the rule, writes in one transaction,
appends an audit event and notifies whoever must act.

Every write to a council's work first locks the council row, so that sealing and writing
cannot interleave: once the seal commits, no sheet, assignment or decision changes.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sangtao.accounts.models import Role, User
from sangtao.accounts.selectors import people_with_role_over
from sangtao.core.public_pages import public_pages_changed
from sangtao.core.services import audit_record, notify, require
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.services import transition_run
from sangtao.initiatives.states import State, target_of
from sangtao.movements.models import Criterion, Grade
from sangtao.orgs.selectors import council_unit_for

from . import scoring
from .conflicts import conflict_pairs, unit_conflict
from .models import (
    Assignment,
    Conflict,
    Council,
    CouncilMember,
    Decision,
    Discussion,
    Nomination,
    Recognition,
    Score,
)
from .rules import SheetsOf, forget_seats, seat
from .services_standings import sheets_submitted, standings_fill


@dataclass(frozen=True)
class Meeting:
    """The council's meeting as the seal form (or the meeting page) gives it: `present` the
    ids of the seats that attended, None for the default."""

    date: datetime.date | None
    start: datetime.time | None = None
    end: datetime.time | None = None
    place: str = ""
    present: frozenset[int] | None = None
    minutes_number: str = ""


# The roles a council has one of.
SINGLE_ROLES = (CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY)

COUNCIL_SETTINGS = [
    "name",
    "decision_number",
    "decision_date",
    "decision_signer",
    "appraisers_per_initiative",
    "blind",
    "reveal_after_submit",
    "aggregate",
    "disagreement_threshold",
    "scoring_deadline",
    "decides_by_vote",
]


def _lock_open(council: Council) -> Council:
    """Lock the council row and refuse if it is sealed."""
    locked = Council.objects.select_for_update().get(pk=council.pk)
    if locked.sealed_at is not None:
        raise ValidationError(
            _("The council's results are sealed; reopen them (with a reason) to change anything.")
        )
    return locked


def _council_url(council: Council) -> str:
    return reverse("appraisal:council", kwargs={"pk": council.pk})


# --- setting a council up -----------------------------------------------------------------


@transaction.atomic
def council_create(*, round, unit, by: User, data: dict, fields=()) -> Council:
    """Set up a council of `unit` for `round`."""
    if not unit.kind.holds_council:
        raise ValidationError({"unit": _("This unit does not hold appraisal councils.")})
    probe = Council(round=round, unit=unit)
    require(by, "appraisal.add_council")
    if not by.has_perm("appraisal.change_council", probe):
        raise PermissionDenied(_("You are not allowed to do this."))
    council = Council.objects.create(
        round=round, unit=unit, **{k: v for k, v in data.items() if k in COUNCIL_SETTINGS}
    )
    council.fields.set(fields)
    audit_record(actor=by, action="council.create", target=council, data={"name": council.name})
    return council


@transaction.atomic
def council_update(*, council: Council, by: User, data: dict, fields=None) -> Council:
    """Change the council's settings; only those that change are written, under the lock, so
    a seal or reopening that happened meanwhile is never undone."""
    require(by, "appraisal.change_council", council)
    locked = _lock_open(council)
    changed = sorted(k for k in data if k in COUNCIL_SETTINGS and getattr(locked, k) != data[k])
    for key in changed:
        setattr(locked, key, data[key])
        setattr(council, key, data[key])
    if changed:
        locked.save(update_fields=changed)
    if "aggregate" in changed:
        standings_fill(council=locked)
    council.sealed_at, council.sealed_by_id = locked.sealed_at, locked.sealed_by_id
    if fields is not None:
        council.fields.set(fields)
    audit_record(actor=by, action="council.update", target=council, data={"fields": changed})
    return council


@transaction.atomic
def council_decision_file_set(*, council: Council, by: User, upload) -> Council:
    """Attach the PDF of the decision that established the council."""
    from sangtao.core import files

    require(by, "appraisal.change_council", council)
    _lock_open(council)
    if files.sniff(upload) != files.PDF:
        raise ValidationError(_("The decision must be a PDF file."))
    council.decision_file.save(f"council-{council.pk}.pdf", upload, save=False)
    council.save(update_fields=["decision_file"])
    audit_record(actor=by, action="council.decision_file", target=council)
    return council


@transaction.atomic
def council_member_add(
    *,
    council: Council,
    user: User,
    role: str,
    by: User,
    title: str = "",
    fields=(),
    expert_initiatives=(),
) -> CouncilMember:
    require(by, "appraisal.change_council", council)
    _lock_open(council)
    if role in SINGLE_ROLES:
        if council.members.filter(role=role).exists():
            raise ValidationError(
                {
                    "role": _("The council already has a %(role)s.")
                    % {"role": CouncilMember.Role(role).label.lower()}
                }
            )
    if council.members.filter(user=user).exists():
        raise ValidationError({"user": _("This person already sits on the council.")})
    return _seat(council, user, role, by, title, fields, expert_initiatives)


@transaction.atomic
def council_members_add(
    *,
    council: Council,
    seats: list[tuple[User, str]],
    by: User,
    title: str = "",
    fields=(),
    expert_initiatives=(),
) -> list[CouncilMember]:
    """Seat several people at once, each with their role (`seats`: (person, role) pairs), all
    or nothing: when one seat is refused (a second chair or secretary, a person already on the
    council, the same person twice), nobody is seated and every refusal is told with the
    person's name. `title`, `fields` and `expert_initiatives` apply to each new seat. One
    audit entry and one notification per person seated."""
    require(by, "appraisal.change_council", council)
    _lock_open(council)
    if not seats:
        raise ValidationError({"person": _("Tick at least one person to seat.")})
    taken = set(council.members.filter(role__in=SINGLE_ROLES).values_list("role", flat=True))
    seated = set(
        council.members.filter(user__in=[user for user, _role in seats]).values_list(
            "user_id", flat=True
        )
    )
    refusals, seen = [], set()
    for user, role in seats:
        refusal = None
        if user.pk in seated or user.pk in seen:
            refusal = _("This person already sits on the council.")
        elif role in SINGLE_ROLES and role in taken:
            refusal = _("The council already has a %(role)s.") % {
                "role": CouncilMember.Role(role).label.lower()
            }
        if refusal:
            refusals.append(f"{user.display_name}: {refusal}")
        seen.add(user.pk)
        if role in SINGLE_ROLES:
            taken.add(role)
    if refusals:
        raise ValidationError(refusals)
    return [
        _seat(council, user, role, by, title, fields, expert_initiatives) for user, role in seats
    ]


def _seat(council, user, role, by, title, fields, expert_initiatives) -> CouncilMember:
    """Write one seat (already checked), its audit entry and the person's notification."""
    member = CouncilMember.objects.create(council=council, user=user, role=role, title=title)
    forget_seats(user, by)
    member.fields.set(fields)
    if role == CouncilMember.Role.EXPERT:
        member.expert_initiatives.set(expert_initiatives)
    audit_record(
        actor=by,
        action="council.member_add",
        target=council,
        data={"user": user.pk, "role": role},
    )
    notify(
        recipients=[user],
        message=_("You were named %(role)s of “%(council)s”.")
        % {"role": member.get_role_display().lower(), "council": council.name},
        url=_council_url(council),
    )
    return member


@transaction.atomic
def council_member_remove(*, member: CouncilMember, by: User) -> None:
    council = member.council
    require(by, "appraisal.change_council", council)
    _lock_open(council)
    if member.assignments.filter(state=Assignment.State.SUBMITTED).exists():
        raise ValidationError(_("This member has submitted score sheets and cannot be removed."))
    member.assignments.all().delete()
    audit_record(
        actor=by,
        action="council.member_remove",
        target=council,
        data={"user": member.user_id, "role": member.role},
    )
    member.delete()
    forget_seats(member.user, by)


# --- conflicts ----------------------------------------------------------------------------


@transaction.atomic
def conflict_declare(
    *, initiative: Initiative, user: User, by: User, reason: str, source: str
) -> Conflict:
    """Record a conflict of interest: by the member, by the author, or by the secretary.

    An existing assignment of that person to the initiative is removed unless its sheet was
    already submitted (then the secretary decides).
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the conflict.")})
    if source == Conflict.Source.MEMBER and by != user:
        raise PermissionDenied(_("You are not allowed to do this."))
    if source == Conflict.Source.AUTHOR and initiative.created_by_id != by.pk:
        raise PermissionDenied(_("You are not allowed to do this."))
    if source == Conflict.Source.SECRETARY:
        councils = Council.objects.filter(
            assignments__initiative=initiative
        ) | Council.objects.filter(unit=initiative.appraisal_unit, round=initiative.round_id)
        if not any(seat(by, council) == CouncilMember.Role.SECRETARY for council in councils):
            raise PermissionDenied(_("You are not allowed to do this."))
    conflict, _created = Conflict.objects.update_or_create(
        initiative=initiative,
        user=user,
        defaults={"source": source, "reason": reason, "declared_by": by},
    )
    removed = Assignment.objects.filter(
        initiative=initiative,
        member__user=user,
        state=Assignment.State.DRAFT,
        council__sealed_at__isnull=True,
    ).delete()[0]
    audit_record(
        actor=by,
        action="conflict.declare",
        target=initiative,
        reason=reason,
        data={"user": user.pk, "source": source, "assignments_removed": removed},
    )
    return conflict


def conflicted(*, member: CouncilMember, initiative: Initiative, declared: set[tuple]) -> bool:
    """Whether `member` may not appraise `initiative` (declared: {(initiative_id, user_id)})."""
    if (initiative.pk, member.user_id) in declared:
        return True
    if initiative.created_by_id == member.user_id:
        return True
    return unit_conflict(
        member_unit=member.user.unit,
        initiative_unit=initiative.unit,
        council_unit=member.council.unit,
    )


def _eligible(member: CouncilMember, initiative: Initiative, declared, expert_for) -> bool:
    if not member.scores:
        return False
    if member.role == CouncilMember.Role.EXPERT and initiative.pk not in expert_for[member.pk]:
        return False
    return not conflicted(member=member, initiative=initiative, declared=declared)


# --- assignments --------------------------------------------------------------------------


def _queue_ids(council: Council) -> set[int]:
    from .selectors import council_queue

    return set(council_queue(council=council).values_list("pk", flat=True))


def _refusal(
    council: Council, member: CouncilMember, initiative: Initiative, queue, declared, expert_for
) -> str | None:
    """Why `member` may not be handed the sheet of `initiative` (None when they may)."""
    if member.council_id != council.pk:
        return _("This person does not sit on the council.")
    if initiative.pk not in queue:
        return _("This initiative is not in the council's queue.")
    if not member.scores:
        return _("The secretary keeps the record and does not score.")
    if not _eligible(member, initiative, declared, expert_for):
        return _(
            "%(person)s has a conflict of interest with this initiative or was not invited for it."
        ) % {"person": member.user.display_name}
    return None


def _hand_out(
    council: Council, initiative: Initiative, member: CouncilMember, by: User
) -> tuple[Assignment, bool]:
    assignment, created = Assignment.objects.get_or_create(
        council=council,
        initiative=initiative,
        member=member,
        defaults={"assigned_by": by},
    )
    if created:
        audit_record(
            actor=by,
            action="assignment.create",
            target=initiative,
            data={"council": council.pk, "member": member.user_id},
        )
    return assignment, created


def _expert_for(members) -> dict[int, set[int]]:
    invited = {member.pk: set() for member in members}
    through = CouncilMember.expert_initiatives.through.objects.filter(
        councilmember_id__in=list(invited)
    )
    for member_id, initiative_id in through.values_list("councilmember_id", "initiative_id"):
        invited[member_id].add(initiative_id)
    return invited


@transaction.atomic
def assignment_create(
    *, council: Council, initiative: Initiative, member: CouncilMember, by: User
) -> Assignment:
    """Ask one member to appraise one initiative (refusing conflicts)."""
    require(by, "appraisal.assign", council)
    _lock_open(council)
    declared = conflict_pairs(initiatives=[initiative.pk])
    refusal = _refusal(
        council, member, initiative, _queue_ids(council), declared, _expert_for([member])
    )
    if refusal:
        raise ValidationError(refusal)
    return _hand_out(council, initiative, member, by)[0]


@transaction.atomic
def assignments_create(
    *, council: Council, initiatives: list[Initiative], members: list[CouncilMember], by: User
) -> list[Assignment]:
    """Ask several members to appraise several initiatives, all or nothing: when one pair is
    refused (a conflict of interest, an expert not invited, the secretary), nothing is handed
    out and every refusal is told, each with its initiative's title. Sheets already handed
    out are kept as they are; each new sheet is audited. Returns the new sheets."""
    require(by, "appraisal.assign", council)
    _lock_open(council)
    queue = _queue_ids(council)
    declared = conflict_pairs(initiatives=[initiative.pk for initiative in initiatives])
    expert_for = _expert_for(members)
    refusals = []
    for initiative in initiatives:
        for member in members:
            refusal = _refusal(council, member, initiative, queue, declared, expert_for)
            if refusal:
                refusals.append(f"“{initiative.title}”: {refusal}")
    if refusals:
        raise ValidationError(refusals)
    made = []
    for initiative in initiatives:
        for member in members:
            assignment, created = _hand_out(council, initiative, member, by)
            if created:
                made.append(assignment)
    return made


@transaction.atomic
def assignment_remove(*, assignment: Assignment, by: User) -> None:
    council = assignment.council
    require(by, "appraisal.assign", council)
    _lock_open(council)
    if assignment.state == Assignment.State.SUBMITTED:
        raise ValidationError(_("A submitted score sheet cannot be withdrawn from its member."))
    audit_record(
        actor=by,
        action="assignment.remove",
        target=assignment.initiative,
        data={"council": council.pk, "member": assignment.member.user_id},
    )
    assignment.delete()


@transaction.atomic
def assignments_auto(*, council: Council, by: User) -> int:
    """Give every initiative in the queue up to N appraisers; returns how many were added.

    Members' fields are matched (a member with no fields takes any field), conflicts and
    uninvited experts are skipped, and the load is balanced: each time the member with the
    fewest assignments in this council is chosen (ties by id, so the result is repeatable).
    Initiatives with the fewest eligible members are served first.
    """
    require(by, "appraisal.assign", council)
    council = _lock_open(council)
    from .selectors import council_queue

    initiatives = list(council_queue(council=council).select_related("unit", "field"))
    members = list(
        council.members.select_related("user__unit", "council__unit").prefetch_related(
            "fields", "expert_initiatives"
        )
    )
    member_fields = {m.pk: {f.pk for f in m.fields.all()} for m in members}
    expert_for = {m.pk: {i.pk for i in m.expert_initiatives.all()} for m in members}
    declared = conflict_pairs(initiatives=[i.pk for i in initiatives])
    load: dict[int, int] = defaultdict(int)
    have: dict[int, set[int]] = defaultdict(set)
    for initiative_id, member_id in Assignment.objects.filter(council=council).values_list(
        "initiative_id", "member_id"
    ):
        load[member_id] += 1
        have[initiative_id].add(member_id)

    def candidates(initiative):
        return [
            m
            for m in members
            if m.pk not in have[initiative.pk]
            and _eligible(m, initiative, declared, expert_for)
            and (not member_fields[m.pk] or initiative.field_id in member_fields[m.pk])
        ]

    wanted = council.appraisers_per_initiative
    pending = sorted(
        (i for i in initiatives if len(have[i.pk]) < wanted),
        key=lambda i: (len(candidates(i)), i.pk),
    )
    created = []
    for initiative in pending:
        pool = candidates(initiative)
        while len(have[initiative.pk]) < wanted and pool:
            chosen = min(pool, key=lambda m: (load[m.pk], m.pk))
            pool.remove(chosen)
            created.append(
                Assignment(council=council, initiative=initiative, member=chosen, assigned_by=by)
            )
            load[chosen.pk] += 1
            have[initiative.pk].add(chosen.pk)
    Assignment.objects.bulk_create(created)
    audit_record(actor=by, action="assignment.auto", target=council, data={"created": len(created)})
    people = {a.member.user for a in created}
    if people:
        notify(
            recipients=people,
            message=_("You have new initiatives to appraise in “%(council)s”.")
            % {"council": council.name},
            url=reverse("appraisal:tasks"),
        )
    return len(created)


# --- score sheets -------------------------------------------------------------------------


def _parse_score(raw, criterion: Criterion) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw}) from None
    if not value.is_finite() or not (criterion.min_score <= value <= criterion.max_score):
        raise ValidationError(
            _("The score must be between %(low)s and %(high)s.")
            % {"low": criterion.min_score, "high": criterion.max_score}
        )
    return value


def _sheet_values(
    criteria: list[Criterion], scores: dict[int, tuple[object, str]], *, submit: bool
) -> dict[int, Decimal | None]:
    """{criterion id: score} read from the member's form; every wrong score (and, to submit,
    every missing one) refused at once, by field."""
    errors: dict[str, list[str]] = {}
    values: dict[int, Decimal | None] = {}
    for criterion in criteria:
        raw, _comment = scores.get(criterion.pk, (None, ""))
        try:
            values[criterion.pk] = _parse_score(raw, criterion)
        except ValidationError as error:
            errors[f"score_{criterion.pk}"] = error.messages
    if submit:
        for criterion in criteria:
            if values.get(criterion.pk) is None and f"score_{criterion.pk}" not in errors:
                errors[f"score_{criterion.pk}"] = [_("Score every criterion before submitting.")]
    if errors:
        raise ValidationError(errors)
    return values


def _scores_write(sheet: Assignment, criteria, values: dict, scores: dict) -> None:
    """Write the sheet's scores: the new ones in one statement, the changed ones in one, an
    unchanged score not at all."""
    existing = {s.criterion_id: s for s in sheet.scores.all()}
    fresh, changed = [], []
    for criterion in criteria:
        value, comment = values[criterion.pk], scores.get(criterion.pk, (None, ""))[1] or ""
        row = existing.get(criterion.pk)
        if row is None:
            fresh.append(Score(assignment=sheet, criterion=criterion, value=value, comment=comment))
        elif (row.value, row.comment) != (value, comment):
            row.value, row.comment = value, comment
            changed.append(row)
    Score.objects.bulk_create(fresh)
    Score.objects.bulk_update(changed, ["value", "comment"])


@transaction.atomic
def sheet_save(
    *,
    assignment: Assignment,
    by: User,
    scores: dict[int, tuple[object, str]],
    overall_comment: str = "",
    private_note: str = "",
    version: int | None = None,
    submit: bool = False,
) -> Assignment:
    """Save (or submit) a member's score sheet: {criterion id: (score, comment)}.

    A half-finished sheet is kept as it is; submitting needs every criterion scored and
    locks the sheet. `version` is the one the member's form was built from: if the sheet has
    changed since (another window), nothing is saved.
    """
    council = _lock_open(assignment.council)
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.member.user_id != by.pk:
        raise PermissionDenied(_("You are not allowed to do this."))
    if locked.state == Assignment.State.SUBMITTED:
        raise ValidationError(_("This score sheet was submitted and can no longer be changed."))
    if version is not None and version != locked.version:
        raise ValidationError(
            _("This score sheet was changed in another window; reload it before saving.")
        )
    criteria = list(Criterion.objects.filter(movement=council.round.movement_id))
    values = _sheet_values(criteria, scores, submit=submit)
    _scores_write(locked, criteria, values, scores)
    locked.overall_comment = overall_comment
    locked.private_note = private_note
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.total = (
        scoring.weighted_total(values, {c.pk: c.weight for c in criteria})
        if all(values.get(c.pk) is not None for c in criteria)
        else None
    )
    if submit:
        locked.state = Assignment.State.SUBMITTED
        locked.submitted_at = locked.updated_at
    locked.save(
        update_fields=[
            "overall_comment",
            "private_note",
            "version",
            "updated_at",
            "total",
            "state",
            "submitted_at",
        ]
    )
    if submit:
        sheets_submitted(council=council, sheets=[locked])
    audit_record(
        actor=by,
        action="sheet.submit" if submit else "sheet.save",
        target=locked.initiative,
        data={
            "council": council.pk,
            "scores": {str(k): str(v) if v is not None else None for k, v in values.items()},
            "total": str(locked.total) if locked.total is not None else None,
        },
    )
    assignment.__dict__.update(
        {k: getattr(locked, k) for k in ("state", "version", "total", "submitted_at")}
    )
    return locked


@transaction.atomic
def discussion_post(*, council: Council, initiative: Initiative, by: User, text: str):
    _lock_open(council)
    if not text.strip():
        raise ValidationError({"text": _("Write a message.")})
    if not by.has_perm("appraisal.view_sheets", SheetsOf(council, initiative.pk)):
        raise PermissionDenied(_("You are not allowed to do this."))
    message = Discussion.objects.create(
        council=council, initiative=initiative, author=by, text=text.strip()
    )
    audit_record(
        actor=by, action="discussion.post", target=initiative, data={"council": council.pk}
    )
    return message


# --- decisions, seal, nomination ----------------------------------------------------------


@transaction.atomic
def decision_record(
    *,
    council: Council,
    initiative: Initiative,
    outcome: str,
    by: User,
    grade: Grade | None = None,
    reason: str = "",
    votes: tuple[int | None, int | None, int | None] | None = None,
) -> Decision:
    """The council decides on one initiative; the authors and their unit are told. A council
    that decides by vote gives `votes` (for, against, abstaining), cast by the members who
    were present and had no conflict of interest with the initiative."""
    require(by, "appraisal.decide", council)
    council = _lock_open(council)
    if initiative.pk not in _queue_ids(council):
        raise ValidationError(_("This initiative is not in the council's queue."))
    errors = {}
    if outcome == Decision.Outcome.RECOGNISED:
        if grade is None or grade.movement_id != council.round.movement_id or not grade.recognised:
            errors["grade"] = [_("Choose a grade that recognises the initiative.")]
    elif not reason.strip():
        errors["reason"] = [_("Give the reason for this decision.")]
    if outcome not in Decision.Outcome.values:
        errors["outcome"] = [_("Choose a decision.")]
    votes = votes if council.decides_by_vote else None
    if council.decides_by_vote:
        errors.update(_vote_errors(council, initiative, outcome, votes))
    if errors:
        raise ValidationError(errors)
    from .selectors import initiative_result

    result = initiative_result(council=council, initiative=initiative)
    transition = {
        Decision.Outcome.RECOGNISED: "recognise",
        Decision.Outcome.NOT_RECOGNISED: "reject",
        Decision.Outcome.RETURNED: "council_return",
    }[outcome]
    # Deciding again the same way (another grade, another reason) leaves the state as it is.
    current = Initiative.objects.values_list("state", flat=True).get(pk=initiative.pk)
    if current != target_of(transition):
        transition_run(
            initiative=initiative,
            name=transition,
            by=by,
            reason=reason,
            on=council,
            params={"unit": council.unit.name, "grade": grade.name if grade else ""},
        )
    else:
        initiative.state = current
    decision, _created = Decision.objects.update_or_create(
        council=council,
        initiative=initiative,
        defaults={
            "outcome": outcome,
            "grade": grade if outcome == Decision.Outcome.RECOGNISED else None,
            "reason": reason,
            "total": result.aggregate,
            "votes_for": votes[0] if votes else None,
            "votes_against": votes[1] if votes else None,
            "votes_abstain": votes[2] if votes else None,
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    audit_record(
        actor=by,
        action="decision.record",
        target=initiative,
        reason=reason,
        data={
            "council": council.pk,
            "outcome": outcome,
            "grade": grade.pk if grade else None,
            **({"votes": list(votes)} if votes else {}),
        },
    )
    return decision


def _vote_errors(council: Council, initiative: Initiative, outcome: str, votes) -> dict:
    """What is wrong with the votes of a council that decides by vote: all three given, no
    more than the members who may vote (present, without a conflict with the initiative),
    and a recognition carried by more than half of the votes cast."""
    from .selectors import voters

    if votes is None or any(v is None or v < 0 for v in votes):
        return {"votes_for": [_("Give the votes for, against and abstaining.")]}
    may_vote = voters(council=council, initiative=initiative)
    cast = sum(votes)
    if cast == 0:
        return {"votes_for": [_("No vote was cast.")]}
    if cast > may_vote:
        return {
            "votes_for": [
                _(
                    "%(cast)s votes were given, but only %(count)s members present without a "
                    "conflict of interest may vote on this initiative."
                )
                % {"cast": cast, "count": may_vote}
            ]
        }
    if outcome == Decision.Outcome.RECOGNISED and votes[0] * 2 <= cast:
        return {"votes_for": [_("A recognition needs more votes for than half of the votes cast.")]}
    return {}


def _meeting_errors(council: Council, meeting: Meeting) -> dict[str, str]:
    """What is wrong with a meeting's date and times, in the reader's words."""
    errors: dict[str, str] = {}
    set_up = council.decision_date or timezone.localdate(council.created_at)
    if meeting.date is None:
        errors["meeting_date"] = _("Give the date the council met.")
    elif meeting.date > timezone.localdate():
        errors["meeting_date"] = _("The meeting date cannot be in the future.")
    elif meeting.date < set_up:
        errors["meeting_date"] = _(
            "The meeting date cannot be before the council was set up (%(date)s)."
        ) % {"date": set_up.strftime("%d/%m/%Y")}
    if meeting.start and meeting.end and meeting.end <= meeting.start:
        errors["meeting_end"] = _("The meeting must end after it starts.")
    if not re.fullmatch(r"[0-9A-Za-z.\-]{0,20}", meeting.minutes_number.strip()):
        errors["minutes_number"] = _(
            "Write the minutes' number alone (for example 03); the code is added from the "
            "committee's papers."
        )
    return errors


def _meeting_save(council: Council, meeting: Meeting) -> None:
    """Write the meeting on the locked council and tick who attended; with `present` None,
    whoever submitted a sheet of the council (and the secretary, who keeps the record)."""
    errors = _meeting_errors(council, meeting)
    if errors:
        raise ValidationError(errors)
    council.meeting_date, council.meeting_start = meeting.date, meeting.start
    council.meeting_end, council.meeting_place = meeting.end, meeting.place.strip()
    council.minutes_number = meeting.minutes_number.strip()
    council.save(
        update_fields=[
            "meeting_date",
            "meeting_start",
            "meeting_end",
            "meeting_place",
            "minutes_number",
        ]
    )
    present = meeting.present
    if present is None:
        present = set(
            council.assignments.filter(state=Assignment.State.SUBMITTED).values_list(
                "member_id", flat=True
            )
        ) | set(
            council.members.filter(role=CouncilMember.Role.SECRETARY).values_list("pk", flat=True)
        )
    council.members.update(present=False)
    council.members.filter(pk__in=present).update(present=True)


@transaction.atomic
def council_meeting_record(*, council: Council, by: User, meeting: Meeting) -> Council:
    """The chair or the secretary records, before sealing, when and where the council met and
    who attended (the minutes print it)."""
    require(by, "appraisal.record_meeting", council)
    original, council = council, _lock_open(council)
    _meeting_save(council, meeting)
    original.meeting_date, original.meeting_start = council.meeting_date, council.meeting_start
    original.meeting_end, original.meeting_place = council.meeting_end, council.meeting_place
    original.minutes_number = council.minutes_number
    audit_record(
        actor=by,
        action="council.meeting",
        target=council,
        data={"date": meeting.date.isoformat(), "present": sorted(meeting.present or [])},
    )
    return council


@transaction.atomic
def council_seal(
    *,
    council: Council,
    by: User,
    meeting: Meeting | None = None,
    missing_confirmed: bool = False,
) -> Council:
    """The chair seals the council's results: recognitions become official.

    `meeting` (the seal form asks for it) records the meeting first; without one, the meeting
    already recorded stands, or else it is taken to be today with whoever submitted a sheet
    present (scripts and the demo's older steps). While score sheets are missing (handed out,
    not submitted) the chair seals only with `missing_confirmed`, having been told whose."""
    require(by, "appraisal.seal", council)
    original, council = council, _lock_open(council)
    if meeting is None and council.meeting_date is None:
        meeting = Meeting(date=timezone.localdate())
    if meeting is not None:
        _meeting_save(council, meeting)
    original.meeting_date = council.meeting_date
    from .selectors import undecided_count

    undecided = undecided_count(council=council)
    if undecided:
        raise ValidationError(
            _("%(count)s initiatives in the queue have no decision yet.") % {"count": undecided}
        )
    missing = council.assignments.filter(state=Assignment.State.DRAFT).count()
    if missing and not missing_confirmed:
        raise ValidationError(
            {
                "missing_confirmed": ngettext(
                    "%(count)s score sheet is still missing: tick the confirmation to seal "
                    "without it.",
                    "%(count)s score sheets are still missing: tick the confirmation to seal "
                    "without them.",
                    missing,
                )
                % {"count": missing}
            }
        )
    now = timezone.now()
    Recognition.objects.bulk_create(
        [
            Recognition(
                initiative_id=d.initiative_id,
                council=council,
                unit=council.unit,
                grade_id=d.grade_id,
                total=d.total,
                recognised_at=now,
            )
            for d in council.decisions.filter(outcome=Decision.Outcome.RECOGNISED)
        ]
    )
    council.sealed_at, council.sealed_by = now, by
    council.save(update_fields=["sealed_at", "sealed_by"])
    original.sealed_at, original.sealed_by = council.sealed_at, council.sealed_by
    audit_record(actor=by, action="council.seal", target=council, data={"missing_sheets": missing})
    public_pages_changed()  # the recognitions reach the public pages
    return council


@transaction.atomic
def council_reopen(*, council: Council, by: User, reason: str) -> Council:
    """Reopen sealed results; the recognitions they made are withdrawn until sealed again."""
    require(by, "appraisal.reopen", council)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    original, council = council, Council.objects.select_for_update().get(pk=council.pk)
    if council.nominations.exists():
        raise ValidationError(
            _("Initiatives were already proposed to the next level; the results stay sealed.")
        )
    withdrawn = council.recognitions.filter(withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_reason=reason
    )
    council.sealed_at, council.sealed_by = None, None
    council.save(update_fields=["sealed_at", "sealed_by"])
    original.sealed_at, original.sealed_by = None, None
    public_pages_changed()  # the withdrawn recognitions leave the public pages
    audit_record(
        actor=by,
        action="council.reopen",
        target=council,
        reason=reason,
        data={"recognitions_withdrawn": withdrawn},
    )
    return council


@transaction.atomic
def nominate(*, council: Council, initiatives, by: User, note: str = "") -> list[Nomination]:
    """Propose recognised initiatives to the council of the next level up."""
    require(by, "appraisal.nominate", council)
    council = Council.objects.select_for_update().get(pk=council.pk)
    target = (
        council_unit_for(unit=council.unit.parent, on=council.round.reference_date)
        if council.unit.parent_id
        else None
    )
    if target is None:
        raise ValidationError(_("There is no level above this council."))
    recognised = set(
        council.recognitions.filter(withdrawn_at__isnull=True).values_list(
            "initiative_id", flat=True
        )
    )
    nominations = []
    for initiative in initiatives:
        if initiative.pk not in recognised:
            raise ValidationError(
                _("“%(title)s” was not recognised by this council.") % {"title": initiative.title}
            )
        if (
            initiative.state != State.RECOGNISED
            or Nomination.objects.filter(initiative=initiative, from_council=council).exists()
        ):
            raise ValidationError(
                _("“%(title)s” was already proposed upward.") % {"title": initiative.title}
            )
        transition_run(
            initiative=initiative,
            name="nominate",
            by=by,
            reason=note,
            on=council,
            appraisal_unit=target,
        )
        nominations.append(
            Nomination.objects.create(
                initiative=initiative,
                from_council=council,
                to_unit=target,
                note=note,
                nominated_by=by,
            )
        )
    audit_record(
        actor=by,
        action="council.nominate",
        target=council,
        data={"initiatives": [n.initiative_id for n in nominations], "to": target.pk},
    )
    notify(
        recipients=people_with_role_over(roles={Role.SECRETARY, Role.OFFICER}, unit=target),
        message=_("%(count)s initiatives were proposed by %(unit)s.")
        % {"count": len(nominations), "unit": council.unit.name},
    )
    return nominations

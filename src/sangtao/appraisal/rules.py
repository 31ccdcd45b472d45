"""Who may do what in a council, as `rules` predicates.

A person's seats (chair, secretary, member, expert) come from CouncilMember rows, loaded once
per request. Officers and administrators over the council's unit (and council secretaries
named by role membership) set councils up and follow them.
"""

import datetime
from dataclasses import dataclass, field

import rules
from django.utils import timezone

from sangtao.accounts.models import Role
from sangtao.accounts.scope import has_role, has_role_over
from sangtao.initiatives import rules as initiative_rules

from .models import Council, CouncilMember

SETUP_ROLES = {Role.OFFICER, Role.ADMIN, Role.SECRETARY}
FOLLOW_ROLES = {Role.OFFICER, Role.ADMIN, Role.LEADER}


def seats(user) -> dict[int, str]:
    """{council id: role in that council}, cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_sangtao_council_seats", None)
    if cached is None:
        # No order (the model's sorts by the council's date: a join for a dict).
        seated = CouncilMember.objects.filter(user=user).order_by()
        cached = dict(seated.values_list("council_id", "role"))
        user._sangtao_council_seats = cached
    return cached


def chairs_a_council(user) -> bool:
    """Whether `user` chairs any council (they sign in with a one-time code: registered into
    accounts by AppraisalConfig.ready()). Read from the seats the request loads anyway for
    the menu (one seat per council and person), not by a query of its own."""
    return CouncilMember.Role.CHAIR in seats(user).values()


def forget_seats(*users) -> None:
    """Drop the cached seats after they change."""
    for user in users:
        if user is not None:
            user.__dict__.pop("_sangtao_council_seats", None)
            user.__dict__.pop("_sangtao_blind_appraisal", None)


def seat(user, council: Council | None) -> str | None:
    return seats(user).get(council.pk) if council is not None else None


@rules.predicate
def sets_up_councils_anywhere(user) -> bool:
    return has_role(user, SETUP_ROLES)


@rules.predicate
def sets_up_council(user, council) -> bool:
    return council is not None and has_role_over(user, SETUP_ROLES, council.unit)


@rules.predicate
def follows_council(user, council) -> bool:
    return council is not None and has_role_over(user, FOLLOW_ROLES, council.unit)


@rules.predicate
def sits_on_council(user, council) -> bool:
    return seat(user, council) is not None


@rules.predicate
def is_secretary(user, council) -> bool:
    return seat(user, council) == CouncilMember.Role.SECRETARY


@rules.predicate
def is_chair(user, council) -> bool:
    return seat(user, council) == CouncilMember.Role.CHAIR


@rules.predicate
def is_open(user, council) -> bool:
    return council is not None and not council.is_sealed


@rules.predicate
def is_sealed(user, council) -> bool:
    return council is not None and council.is_sealed


@rules.predicate
def sits_on_any_council(user) -> bool:
    return bool(seats(user))


@rules.predicate
def follows_councils_anywhere(user) -> bool:
    return has_role(user, FOLLOW_ROLES)


@rules.predicate
def reads_from_above(user, council) -> bool:
    """Whether `user` sits on, seeing the authors, or follows a council above `council` that
    received an initiative it proposed (the minutes name the authors and their units)."""
    if council is None:
        return False
    from .selectors import councils_receiving

    for upper in councils_receiving(council=council):
        if not sees_authors(user, upper):
            continue
        if seat(user, upper) is not None or user.has_perm("appraisal.view_queue", upper):
            return True
    return False


runs_council = is_secretary | is_chair | sets_up_council
reopens = is_chair | sets_up_council

rules.add_perm("appraisal.add_council", rules.is_authenticated & sets_up_councils_anywhere)
rules.add_perm("appraisal.view_council", sits_on_council | follows_council | sets_up_council)
rules.add_perm("appraisal.change_council", is_open & (is_secretary | sets_up_council))
rules.add_perm("appraisal.assign", is_open & (is_secretary | is_chair | sets_up_council))
rules.add_perm(
    "appraisal.view_results", is_secretary | is_chair | follows_council | sets_up_council
)
rules.add_perm("appraisal.decide", is_open & (is_secretary | is_chair))
rules.add_perm("appraisal.seal", is_open & is_chair)
rules.add_perm("appraisal.record_meeting", is_open & (is_chair | is_secretary))
rules.add_perm("appraisal.reopen", is_sealed & reopens)
# What the reopen button asks before it looks at the seal (a council not sealed answers with
# a message); the service asks appraisal.reopen, which needs the seal.
rules.add_perm("appraisal.reopen_council", reopens)
rules.add_perm("appraisal.nominate", is_sealed & (is_secretary | is_chair))
# The recognition decision's number, date and signer, once the council is sealed.
rules.add_perm(
    "appraisal.record_recognition", is_sealed & (is_chair | is_secretary | sets_up_council)
)
rules.add_perm("appraisal.export", is_secretary | is_chair | follows_council | sets_up_council)
rules.add_perm("appraisal.import_sheets", is_open & is_secretary)
# The queue of initiatives, the ranking and the declared conflicts: those who run or follow it.
rules.add_perm("appraisal.view_queue", is_secretary | is_chair | follows_council | sets_up_council)
rules.add_perm("appraisal.record_conflict", is_open & is_secretary)
# How far the members agree (Krippendorff's alpha) and each member's leniency: the chair and
# the secretary only (the minutes print the alpha, never the leniency).
rules.add_perm("appraisal.view_agreement", is_chair | is_secretary)
# A lower council's sealed minutes, read from a council above that received one of its
# initiatives: by who runs or follows the lower council, and by who sits on (seeing the
# authors: not a blind member) or follows a council that received its nominations.
rules.add_perm(
    "appraisal.view_lower_minutes",
    is_sealed & (is_secretary | is_chair | follows_council | sets_up_council | reads_from_above),
)
# The menu: councils to open, score sheets to fill (no object; one query for the seats).
rules.add_perm(
    "appraisal.view_councils",
    rules.is_authenticated
    & (sets_up_councils_anywhere | follows_councils_anywhere | sits_on_any_council),
)
rules.add_perm("appraisal.view_tasks", rules.is_authenticated & sits_on_any_council)


def sees_authors(user, council: Council) -> bool:
    """False for chair, members and experts of a blind council; the secretary always sees."""
    if not council.blind:
        return True
    role = seat(user, council)
    if role is None:
        return True  # officers and leaders following the council are not appraising
    return role == CouncilMember.Role.SECRETARY


# --- who sees the members' score sheets ---------------------------------------------------------


@dataclass
class SheetFacts:
    """What the sheet rule reads about one person in one council, loaded once for any number
    of initiatives (`appraisal.selectors.sheet_facts`): the initiatives they are conflicted
    with, the state of their own sheet of each, and the initiatives whose sheets are not all
    submitted yet."""

    conflicted: set[int] = field(default_factory=set)
    own: dict[int, str] = field(default_factory=dict)
    outstanding: set[int] = field(default_factory=set)
    today: datetime.date = field(default_factory=timezone.localdate)


@dataclass
class SheetsOf:
    """The object of `appraisal.view_sheets`: the score sheets of one initiative in one
    council. `facts` may be given, loaded once for a whole table (the ranking, the workbook);
    otherwise the rule loads them for this initiative alone."""

    council: Council
    initiative_id: int
    facts: SheetFacts | None = None


# Why someone does not see an initiative's sheets (None: they do).
CONFLICTED = "conflicted"
OWN_SHEET_FIRST = "own_sheet_first"
SCORING_GOES_ON = "scoring_goes_on"
NOT_APPRAISING = "not_appraising"


def sheets_withheld(user, item: SheetsOf) -> str | None:
    """Why `user` may not read the others' score sheets of `item` (their scores, totals and
    the council's figures made from them, the discussion), or None when they may.

    - Someone who does not sit on the council sees them when they follow it or set it up
      (officers, leaders, administrators, secretaries by role): they do not appraise.
    - Whoever sits on it and is conflicted with the initiative never does (the secretary,
      who keeps the record and scores nothing, is not asked about conflicts).
    - Whoever holds a sheet of the initiative (member, expert, and the chair or an officer
      or leader seated on the council) sees the others' once their own is submitted; at
      once when the council does not hide sheets (`reveal_after_submit` off).
    - Whoever sits on it without a sheet of the initiative — the secretary's seat, which
      never scores, and the chair or a seated officer or leader not asked to appraise this
      initiative — sees them only after the scoring deadline (the day after it) or once
      every sheet of the initiative is submitted, whatever `reveal_after_submit` says: they
      cannot be swayed, but could sway those still scoring.
    - Once the council is sealed, scoring is over: a sheet left unsubmitted will never be, so
      neither one's own sheet nor the deadline withholds the others' (a conflict still does).
    - A member or expert without a sheet of the initiative, who follows nothing, does not.
    """
    council = item.council
    role = seat(user, council)
    follows = has_role_over(user, FOLLOW_ROLES | SETUP_ROLES, council.unit)
    if role is None:
        return None if follows else NOT_APPRAISING
    facts = item.facts
    if facts is None:
        from .selectors import sheet_facts

        facts = sheet_facts(user=user, council=council, initiative_ids=[item.initiative_id])
    return _withheld_seated(council, role, follows, facts, item.initiative_id)


def _withheld_seated(council, role: str, follows: bool, facts: SheetFacts, pk: int) -> str | None:
    """`sheets_withheld` for someone seated on `council` in `role`, once the facts are read."""
    if pk in facts.conflicted:
        return CONFLICTED
    own = facts.own.get(pk)
    if own is not None:
        if own == "submitted" or not council.reveal_after_submit or council.is_sealed:
            return None
        return OWN_SHEET_FIRST
    if role in (CouncilMember.Role.MEMBER, CouncilMember.Role.EXPERT) and not follows:
        return NOT_APPRAISING
    deadline = council.scoring_deadline
    if council.is_sealed or (deadline is not None and facts.today > deadline):
        return None
    if pk not in facts.outstanding:
        return None
    return SCORING_GOES_ON


def sheets_seen_among(user, council: Council, ids: list[int], facts_of) -> set[int]:
    """The initiatives among `ids` whose sheets `user` may read: `appraisal.view_sheets`
    (`sheets_withheld`) asked once for a whole table (see `sheets_withheld_among`)."""
    return set(ids) - sheets_withheld_among(user, council, ids, facts_of)


def sheets_withheld_among(user, council: Council, ids: list[int], facts_of) -> set[int]:
    """The initiatives among `ids` whose sheets `user` may not read: `appraisal.view_sheets`
    asked once for a whole table, its seat and follow roles read once and the facts loaded by
    `facts_of()` only when they matter (50,000 rows of a national round in a few
    milliseconds, where the permission asked per row takes seconds).
    tests/appraisal/test_ranking_fast.py holds the two together."""
    if not user.is_authenticated or not user.is_active:
        return set(ids)
    if user.is_superuser:
        return set()
    role = seat(user, council)
    follows = has_role_over(user, FOLLOW_ROLES | SETUP_ROLES, council.unit)
    if role is None:
        return set() if follows else set(ids)
    return _withheld_among(council, role, follows, facts_of(), ids)


def sheets_withheld_in_queue(user, council: Council, queue_of, facts_of) -> set[int]:
    """`sheets_withheld_among` the council's queue, which `queue_of()` reads only when the
    answer needs it: not when the person is withheld nothing of the whole council, as the
    chair and the secretary are once scoring is over (the ranking then orders the stored
    figures in the database without reading a national round's 50,000 ids). `facts_of()`
    gives the facts of every initiative of the council (`sheet_facts` without ids): the
    rule's sets then name every initiative it may withhold, unless it withholds all but the
    person's own (a member or expert who follows nothing)."""
    if not user.is_authenticated or not user.is_active:
        return set(queue_of())
    if user.is_superuser:
        return set()
    role = seat(user, council)
    follows = has_role_over(user, FOLLOW_ROLES | SETUP_ROLES, council.unit)
    if role is None:
        return set() if follows else set(queue_of())
    facts = facts_of()
    if role not in (CouncilMember.Role.MEMBER, CouncilMember.Role.EXPERT) or follows:
        named = facts.conflicted | facts.own.keys() | facts.outstanding
        if not _withheld_among(council, role, follows, facts, named):
            return set()
    return _withheld_among(council, role, follows, facts, queue_of())


def _withheld_among(council, role: str, follows: bool, facts: SheetFacts, ids) -> set[int]:
    """The initiatives among `ids` whose sheets `_withheld_seated` withholds, decided on the
    facts' sets as a whole (set operations, no call per row: the facts name at most the
    person's own sheets, their conflicts and the council's drafts)."""
    ids = set(ids)
    withheld = facts.conflicted & ids
    own = facts.own.keys()
    if council.reveal_after_submit and not council.is_sealed:
        withheld |= {pk for pk, state in facts.own.items() if state != "submitted" and pk in ids}
    if role in (CouncilMember.Role.MEMBER, CouncilMember.Role.EXPERT) and not follows:
        return withheld | (ids - own)
    deadline = council.scoring_deadline
    if council.is_sealed or (deadline is not None and facts.today > deadline):
        return withheld
    return withheld | ((facts.outstanding & ids) - own)


@rules.predicate
def sees_sheets(user, item) -> bool:
    return item is not None and sheets_withheld(user, item) is None


rules.add_perm("appraisal.view_sheets", rules.is_authenticated & sees_sheets)
# Conflict-of-interest reasons (and who declared them): the council's chair and secretary.
rules.add_perm("appraisal.view_conflict_reasons", is_chair | is_secretary)


# --- what the council's seats add to the initiative's permissions ------------------------------


def _seated(user, initiative, roles=None) -> bool:
    if initiative is None or not initiative.appraisal_unit_id or not user.is_authenticated:
        return False
    seats = CouncilMember.objects.filter(user=user, council__unit_id=initiative.appraisal_unit_id)
    return (seats.filter(role__in=roles) if roles else seats).exists()


@rules.predicate
def chairs_its_council(user, initiative) -> bool:
    """The chair or secretary of a council of the unit appraising the initiative."""
    return _seated(user, initiative, [CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY])


@rules.predicate
def sits_on_its_council(user, initiative) -> bool:
    """Any seat (member, expert, chair, secretary) on a council of the appraising unit."""
    return _seated(user, initiative)


def _blind_appraisal(user) -> tuple[set[int], set[tuple[int, int | None]]]:
    """(initiatives given out or decided by a blind council where `user` holds a seat other
    than the secretary's, those councils' (unit, round) pairs), loaded once per request in at
    most two queries: most people sit on no blind council."""
    cached = getattr(user, "_sangtao_blind_appraisal", None)
    if cached is None:
        from .models import Assignment, Decision

        blind = list(
            CouncilMember.objects.filter(user=user, council__blind=True)
            .exclude(role=CouncilMember.Role.SECRETARY)
            .values_list("council_id", "council__unit_id", "council__round_id")
        )
        councils = [council for council, _unit, _round in blind]
        given = set()
        if councils:
            assigned = Assignment.objects.filter(council_id__in=councils).order_by()
            decided = Decision.objects.filter(council_id__in=councils).order_by()
            given = set(
                assigned.values_list("initiative_id", flat=True).union(
                    decided.values_list("initiative_id", flat=True)
                )
            )
        cached = (given, {(unit, round_) for _council, unit, round_ in blind})
        user._sangtao_blind_appraisal = cached
    return cached


@rules.predicate
def appraises_it_blind(user, initiative) -> bool:
    """The chair, a member or an expert of a blind council that appraises the initiative: the
    council of its appraising unit and round, or one that handed out a sheet of it or decided
    on it. (The secretary keeps the record and sees the authors.) Asked per row of a list at
    no query: what it reads is loaded once per request."""
    if initiative is None or not user.is_authenticated:
        return False
    given, unit_rounds = _blind_appraisal(user)
    if initiative.pk in given:
        return True
    return bool(initiative.appraisal_unit_id) and (
        (initiative.appraisal_unit_id, initiative.round_id) in unit_rounds
    )


@rules.predicate
def credited_on_it(user, initiative) -> bool:
    """An author row of the initiative is linked to `user` (their credited initiatives loaded
    once per request)."""
    if initiative is None or not user.is_authenticated:
        return False
    credited = getattr(user, "_sangtao_credited", None)
    if credited is None:
        from sangtao.initiatives.models import InitiativeAuthor

        credited = user._sangtao_credited = set(
            InitiativeAuthor.objects.filter(user=user).values_list("initiative_id", flat=True)
        )
    return initiative.pk in credited


is_owner, is_past_draft = initiative_rules.is_owner, initiative_rules.is_past_draft

# The novelty check: anyone who may see a dossier sees what it resembles (within what they may
# see), and so does whoever sits on a council of its appraising unit; the council's chair or
# secretary records that it duplicates or builds on another.
rules.set_perm(
    "initiatives.view_similar",
    rules.is_authenticated
    & (initiative_rules.sees_dossier | (is_past_draft & sits_on_its_council)),
)
rules.set_perm("initiatives.link_initiative", is_past_draft & chairs_its_council)
# Any member of its council may find that a flagged pair is not the same initiative.
rules.set_perm("initiatives.mark_not_duplicate", is_past_draft & sits_on_its_council)
# Who wrote the dossier and who filed it (the authors, their units, the filer's steps in the
# history, the uploader and the names of the files): hidden from those who appraise it blind,
# unless they are its authors themselves.
rules.set_perm("initiatives.view_authors", is_owner | ~appraises_it_blind | credited_on_it)

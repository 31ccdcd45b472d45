"""The council's papers: the minutes of its session (biên bản họp hội đồng) and its decision
recognising initiatives (quyết định công nhận), each as DOCX and PDF in the national layout
(sangtao.formats.documents).

Only those with `appraisal.export` (secretary, chair, those who follow or set up the council)
ask for them, and each paper is built for the person who asked (a personal job): an
initiative's figures (sheets, council total, spread, the decision's total) only when
`appraisal.view_sheets` lets them read its sheets; before the council is sealed, the authors
and units of an initiative only when `initiatives.view_authors` lets them (not to who appraises
it blind), and the reasons of conflicts only to the chair, the secretary and who declared them
(`appraisal.view_conflict_reasons`). Once sealed, the papers are the council's record, the same
for everyone who may export them (the sheet rule then withholds nothing but a conflict's). A
council not yet sealed gets "DỰ THẢO".
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext

from sangtao.formats import documents as layout
from sangtao.initiatives.models import Initiative, InitiativeAuthor
from sangtao.jobs.registry import Progress, no_progress
from sangtao.movements.models import Criterion, Movement
from sangtao.orgs import issuers
from sangtao.orgs.selectors import unit_line_names

from . import agreement, recognition, selectors
from .conflicts import conflict_pairs
from .models import Conflict, Council, CouncilMember, Decision, RecognitionDecision

MINUTES, DECISION = "minutes", "decision"
DOCX, PDF = "docx", "pdf"
ROLE_ORDER = {
    CouncilMember.Role.CHAIR: 0,
    CouncilMember.Role.SECRETARY: 1,
    CouncilMember.Role.MEMBER: 2,
    CouncilMember.Role.EXPERT: 3,
}


def initiative_code(initiative: Initiative) -> str:
    """The code that names an initiative in the council's papers and spreadsheets."""
    return str(initiative.pk)


def number(value: Decimal | None, places: int = 2) -> str:
    """A figure as Vietnamese write it (36,50), or a dash."""
    if value is None:
        return "–"
    return formats.number_format(value, places)


def share(value: Decimal) -> str:
    """A contribution share: 100%, 33,33%."""
    places = 0 if value == value.to_integral_value() else 2
    return f"{formats.number_format(value, places)}%"


# --- what the papers say ---------------------------------------------------------------------


@dataclass
class Row:
    """One initiative of the council with its figures and the council's decision."""

    initiative: Initiative
    result: selectors.Result
    decision: Decision | None
    figures: bool = True  # the reader may read its sheets and what is made of them
    named: bool = True  # the reader may know its authors and unit


@dataclass
class CouncilRecord:
    council: Council
    members: list[CouncilMember]
    criteria: list[Criterion]
    rows: list[Row]
    conflicts: list[Conflict]
    # Krippendorff's alpha, when the reader may read every sheet (the leniency is never
    # printed: it is for the chair and the secretary, on the ranking page).
    agreement: selectors.Agreement | None = None
    # Members found to be authors (linked to an account) of an initiative the council decides,
    # beyond what was declared: (seat, initiative). Not for an initiative whose authors the
    # reader may not know (a blind council before its seal).
    detected: list[tuple[CouncilMember, Initiative]] = field(default_factory=list)
    # Who may not score or vote on which initiative ({initiative id: {seat id: why}}), for
    # the initiatives the reader may know the authors of, and the submitted sheets
    # ({(initiative id, seat id)}): the minutes name who stood aside.
    aside: dict[int, dict[int, str]] = field(default_factory=dict)
    submitted: set[tuple[int, int]] = field(default_factory=set)

    # The recognition decision the papers cite, once recorded; the committee's printed name
    # and number codes (`orgs.issuers`).
    recognition: RecognitionDecision | None = None
    papers: issuers.Papers | None = None

    @property
    def board_decides(self) -> bool:
        """The Standing Board issues the recognition decision (as recorded, or as the
        movement's setting says while it is not)."""
        if self.recognition is not None:
            return self.recognition.issuer == RecognitionDecision.Issuer.BOARD
        return self.council.round.movement.recognised_by == Movement.Recogniser.BOARD

    def code(self, kind: str) -> str:
        return (self.papers or issuers.Papers(printed_name="")).code(kind)

    def seat(self, role: str) -> CouncilMember | None:
        return next((m for m in self.members if m.role == role), None)

    @property
    def recognised(self) -> list[Row]:
        """The recognised initiatives, best grade first, then highest total."""
        rows = [
            row
            for row in self.rows
            if row.decision is not None and row.decision.outcome == Decision.Outcome.RECOGNISED
        ]
        # Within a grade, the highest total first, unless a total is withheld from the reader
        # (the order would tell it): then by code.
        by_total = all(row.figures for row in rows)
        return sorted(
            rows,
            key=lambda row: (
                -(row.decision.grade.min_total if row.decision.grade else 0),
                -(row.decision.total if row.decision.total is not None else Decimal("-1e9"))
                if by_total
                else 0,
                row.initiative.pk,
            ),
        )

    @property
    def outcomes(self) -> Counter:
        return Counter(row.decision.outcome if row.decision else None for row in self.rows)

    @property
    def grades(self) -> list[tuple[str, int]]:
        """(grade name, how many) over the recognised initiatives, in the scale's order."""
        counts = Counter(row.decision.grade for row in self.recognised)
        return [(grade.name, count) for grade, count in counts.items()]

    @property
    def met_on(self):
        """The meeting's date as recorded (councils sealed before it was recorded: the seal's
        date, which their papers always carried); None while unknown."""
        if self.council.meeting_date is not None:
            return self.council.meeting_date
        if self.council.sealed_at is not None:
            return timezone.localdate(self.council.sealed_at)
        return None

    @property
    def on(self):
        """The date the papers carry: the meeting's (the decision is signed at the meeting),
        never the day they are printed, except on a draft whose meeting is not recorded."""
        return self.met_on or timezone.localdate()


def council_record(
    *, council: Council, user, with_authors: bool = False, with_agreement: bool = True
) -> CouncilRecord:
    """Everything the papers show `user`, in a number of queries that does not grow with the
    rows (the permissions are asked per row over what they load once); with `with_agreement`
    (the minutes), the members' agreement when `user` may read every sheet."""
    council = Council.objects.select_related("round__movement", "unit").get(pk=council.pk)
    members = sorted(
        council.members.select_related("user"), key=lambda m: (ROLE_ORDER[m.role], m.pk)
    )
    criteria = list(
        Criterion.objects.filter(movement=council.round.movement_id).order_by("order", "id")
    )
    decisions = {
        d.initiative_id: d for d in Decision.objects.filter(council=council).select_related("grade")
    }
    ranked = selectors.ranking(council=council)
    if with_authors:
        authors = Initiative.objects.filter(pk__in=[i.pk for i, _r in ranked]).prefetch_related(
            Prefetch("authors", queryset=InitiativeAuthor.objects.order_by("order", "id"))
        )
        by_pk = {i.pk: i for i in authors}
        for initiative, _result in ranked:
            initiative.author_list = list(by_pk[initiative.pk].authors.all())
    conflicts = list(
        Conflict.objects.filter(
            initiative__in=[initiative.pk for initiative, _result in ranked],
            user__in=[m.user_id for m in members],
        )
        .select_related("user", "initiative")
        .order_by("initiative_id", "user__full_name", "id")
    )
    sealed = council.is_sealed
    figures = selectors.visible_sheets(
        user=user, council=council, initiative_ids=[i.pk for i, _r in ranked]
    )
    if len(figures) < len(ranked):  # the ranking's order would tell the withheld figures
        ranked.sort(key=lambda pair: (pair[0].submitted_at or pair[0].created_at, pair[0].pk))
    all_reasons = sealed or user.has_perm("appraisal.view_conflict_reasons", council)
    rows = [
        Row(
            initiative,
            result,
            decisions.get(initiative.pk),
            figures=initiative.pk in figures,
            named=sealed or user.has_perm("initiatives.view_authors", initiative),
        )
        for initiative, result in ranked
    ]
    for conflict in conflicts:
        conflict.reason_shown = all_reasons or conflict.declared_by_id == user.pk
    return CouncilRecord(
        council=council,
        members=members,
        criteria=criteria,
        rows=rows,
        conflicts=conflicts,
        detected=_detected(rows, members, conflicts),
        aside=selectors.conflicted_seats(
            council=council, initiative_ids=[row.initiative.pk for row in rows if row.named]
        ),
        submitted=selectors.submitted_pairs(council=council),
        agreement=selectors.council_agreement(council=council)
        if with_agreement and len(figures) == len(ranked)
        else None,
        recognition=recognition.recognition_of(council),
        papers=issuers.papers_of(council.unit),
    )


def _detected(
    rows: list[Row], members: list[CouncilMember], declared: list[Conflict]
) -> list[tuple[CouncilMember, Initiative]]:
    """Members who are linked authors of an initiative the reader may know the authors of,
    beyond the declared conflicts (two queries)."""
    named = {row.initiative.pk: row.initiative for row in rows if row.named}
    if not named:
        return []
    seats = {m.user_id: m for m in members}
    known = {(c.initiative_id, c.user_id) for c in declared}
    pairs = conflict_pairs(initiatives=list(named)) - known
    return sorted(
        (
            (seats[user_id], named[initiative_id])
            for initiative_id, user_id in pairs
            if user_id in seats
        ),
        key=lambda pair: (pair[1].pk, pair[0].user.display_name),
    )


def _letterhead(record: CouncilRecord, symbol: str, number: str = "") -> layout.Letterhead:
    council = record.council
    return layout.Letterhead(
        governing_body=record.papers.printed_name if record.papers else council.unit.name,
        issuer=council.name,
        number=number,
        symbol=symbol,
        place=layout.place_name(unit_line_names(unit=council.unit)),
        date=record.on,
    )


def _founding(council: Council) -> str | None:
    """ "Căn cứ Quyết định số ... về việc thành lập Hội đồng ..." when the council has one."""
    if not council.decision_number:
        return None
    values = {
        "number": council.decision_number,
        "date": formats.date_format(council.decision_date, "SHORT_DATE_FORMAT")
        if council.decision_date
        else "",
        "signer": council.decision_signer,
        "council": council.name,
    }
    if council.decision_date and council.decision_signer:
        return (
            _(
                "Pursuant to Decision No. %(number)s of %(date)s of the %(signer)s establishing "
                "the %(council)s;"
            )
            % values
        )
    if council.decision_date:
        return _(
            "Pursuant to Decision No. %(number)s of %(date)s establishing the %(council)s;"
        ) % (values)
    return _("Pursuant to Decision No. %(number)s establishing the %(council)s;") % values


def outcome_label(decision: Decision | None) -> str:
    if decision is None:
        return _("No decision yet")
    if decision.outcome == Decision.Outcome.RECOGNISED and decision.grade is not None:
        return _("Recognised – %(grade)s") % {"grade": decision.grade.name}
    return {
        Decision.Outcome.RECOGNISED: pgettext("council papers", "Recognised"),
        Decision.Outcome.NOT_RECOGNISED: pgettext("council papers", "Not recognised"),
        Decision.Outcome.RETURNED: _("Returned for more information"),
    }[decision.outcome]


def _role_label(member: CouncilMember) -> str:
    return {
        CouncilMember.Role.CHAIR: pgettext("council papers", "Chair"),
        CouncilMember.Role.SECRETARY: pgettext("council papers", "Secretary"),
        CouncilMember.Role.MEMBER: pgettext("council papers", "Member"),
        CouncilMember.Role.EXPERT: pgettext("council papers", "Invited expert"),
    }[member.role]


def _source_label(conflict: Conflict) -> str:
    return {
        Conflict.Source.MEMBER: _("declared by the member"),
        Conflict.Source.AUTHOR: _("named by the author"),
        Conflict.Source.SECRETARY: _("recorded by the secretary"),
    }[conflict.source]


def _heading(text: str) -> layout.Paragraph:
    return layout.Paragraph.of(text, bold=True, align="left", indent=False, keep_with_next=True)


def _item(text: str) -> layout.Paragraph:
    return layout.Paragraph.of(f"- {text}")


def _signature(member: CouncilMember | None, title: str, capacity: str = "") -> layout.Signature:
    return layout.Signature(
        capacity=capacity, title=title, name=member.user.display_name if member else ""
    )


# --- the minutes -----------------------------------------------------------------------------


def _minutes_opening(record: CouncilRecord) -> list[layout.Block]:
    """The founding decision, then when and where the council met."""
    council, P = record.council, layout.Paragraph.of
    body: list[layout.Block] = []
    founding = _founding(council)
    if founding:
        body.append(P(founding, italic=True))
    body.append(
        P(
            _(
                "Today, %(date)s, at %(place)s, the %(council)s met to appraise the initiatives "
                "and new ideas of the round “%(round)s”."
            )
            % {
                "date": layout.date_words(record.met_on),
                "place": council.meeting_place or council.unit.name,
                "council": council.name,
                "round": council.round.name,
            }
        )
    )
    body.append(
        P(
            _("The meeting began at %(start)s and ended at %(end)s.")
            % {"start": time_words(council.meeting_start), "end": time_words(council.meeting_end)}
        )
    )
    return body


def time_words(value) -> str:
    """ "8 giờ 30" (a blank line to fill by hand when the time was not recorded)."""
    if value is None:
        return _("%(hour)s h %(minute)s") % {"hour": layout.BLANK, "minute": layout.BLANK}
    return _("%(hour)s h %(minute)s") % {"hour": value.hour, "minute": f"{value.minute:02d}"}


def _attendance(record: CouncilRecord) -> list[layout.Block]:
    """Who attended and who was absent, as ticked at the meeting."""
    if all(m.present is None for m in record.members):
        return [layout.Paragraph.of(_("Attendance was not recorded."))]
    present = [m.user.display_name for m in record.members if m.present]
    absent = [m.user.display_name for m in record.members if not m.present]
    body = [
        layout.Paragraph.of(
            _("Present: %(count)s of %(total)s members (%(names)s).")
            % {"count": len(present), "total": len(record.members), "names": ", ".join(present)}
        )
    ]
    body.append(
        layout.Paragraph.of(
            _("Absent: %(names)s.") % {"names": ", ".join(absent)} if absent else _("Absent: none.")
        )
    )
    return body


def _members_table(record: CouncilRecord) -> layout.Table:
    return layout.Table(
        headers=(
            pgettext("council papers", "No."),
            pgettext("council papers", "Full name"),
            pgettext("council papers", "Position"),
            _("Role in the council"),
        ),
        rows=tuple(
            (str(index), m.user.display_name, m.title, _role_label(m))
            for index, m in enumerate(record.members, start=1)
        ),
        widths=(12, 55, 63, 35),
        align=("center", "left", "left", "left"),
    )


def _appraisal_method(record: CouncilRecord) -> layout.Paragraph:
    """How many initiatives, on which criteria, and how the council's total is made."""
    council, P = record.council, layout.Paragraph.of
    criteria = "; ".join(
        _("%(name)s (from %(low)s to %(high)s points, weight %(weight)s, minimum %(minimum)s)")
        % {
            "name": c.name,
            "low": c.min_score,
            "high": c.max_score,
            "weight": formats.number_format(c.weight.normalize()),
            "minimum": formats.number_format(c.minimum.normalize()),
        }
        for c in record.criteria
    )
    return P(
        _(
            "The council appraised %(count)s initiatives and new ideas on the criteria: "
            "%(criteria)s. An initiative's council total is the %(aggregate)s of the "
            "weighted totals of the submitted score sheets."
        )
        % {
            "count": len(record.rows),
            "criteria": criteria,
            "aggregate": council.get_aggregate_display().lower(),
        }
    )


def _scores_table(record: CouncilRecord) -> list[layout.Block]:
    """Each initiative's sheets, council total, spread and decision; a note under the table
    when some spread is flagged."""
    council, P = record.council, layout.Paragraph.of
    body: list[layout.Block] = []
    flagged = False
    rows = []
    for index, row in enumerate(record.rows, start=1):
        result = row.result if row.figures else selectors.Result(row.initiative.pk)
        spread = number(result.spread)
        if result.wide_disagreement:
            spread, flagged = f"{spread} (*)", True
        rows.append(
            (
                str(index),
                f"{row.initiative.title}\n"
                + _("Code: %(code)s") % {"code": initiative_code(row.initiative)},
                row.initiative.unit.name if row.named else "",
                str(len(result.totals)) if row.figures else "–",
                number(result.aggregate),
                spread,
                outcome_label(row.decision),
            )
        )
    body.append(
        layout.Table(
            headers=(
                pgettext("council papers", "No."),
                pgettext("council papers", "Initiative"),
                pgettext("council papers", "Unit"),
                pgettext("council papers", "Sheets"),
                pgettext("council papers", "Council total"),
                pgettext("council papers", "Spread"),
                pgettext("council papers", "Decision"),
            ),
            rows=tuple(rows),
            widths=(12, 51, 31, 14, 18, 17, 22),
            align=("center", "left", "left", "center", "right", "right", "left"),
            size=11,
        )
    )
    if flagged:
        body.append(
            P(
                _("(*) The highest and lowest totals differ by more than %(threshold)s points.")
                % {"threshold": number(council.disagreement_threshold)},
                italic=True,
                size=12,
            )
        )
    return body


def _failing(record: CouncilRecord) -> list[layout.Block]:
    """The initiatives with a criterion below its minimum, each criterion with its figure:
    the plan recognises only what meets every criterion (rows the reader may not read the
    figures of are left out)."""
    rows = [row for row in record.rows if row.figures and row.result.failing]
    if not rows:
        return []
    body: list[layout.Block] = [
        layout.Paragraph.of(
            _(
                "Initiatives with a criterion below its minimum (proposed grade: %(grade)s, "
                "whatever the total):"
            )
            % {"grade": getattr(rows[0].result.proposed_grade, "name", _("not recognised"))},
            indent=True,
        )
    ]
    for row in rows:
        criteria = "; ".join(
            _("%(name)s: %(figure)s, below the minimum of %(minimum)s")
            % {
                "name": c.name,
                "figure": number(row.result.by_criterion.get(c.pk)),
                "minimum": number(c.minimum),
            }
            for c in row.result.failing
        )
        body.append(_item(f"“{row.initiative.title}”: {criteria}"))
    return body


AGREEMENT_WORDS = {
    agreement.HIGH: gettext_lazy("level of agreement: high"),
    agreement.MEDIUM: gettext_lazy("level of agreement: medium"),
    agreement.LOW: gettext_lazy("level of agreement: low"),
    None: gettext_lazy("no variation to measure"),
}


def _agreement(record: CouncilRecord) -> list[layout.Block]:
    """How far the members agree: Krippendorff's alpha per criterion and over the totals, in
    figures and words, or why it is not given."""
    found, P = record.agreement, layout.Paragraph.of
    if found is None:
        return []
    if not found.enough:
        return [
            P(
                _(
                    "The council's agreement is not measured: %(count)s sheets are on "
                    "initiatives that two or more members scored, fewer than the %(minimum)s "
                    "the figure needs."
                )
                % {"count": found.pairable, "minimum": found.minimum}
            )
        ]

    def said(name: str, row) -> layout.Paragraph:
        # Rounded as the page's floatformat rounds (number_format would cut the digits).
        figure = number(Decimal(f"{row.alpha:.3f}"), 3) if row.alpha is not None else "–"
        return _item(f"{name}: {figure} ({AGREEMENT_WORDS[row.level]});")

    body: list[layout.Block] = [
        P(
            _(
                "Agreement of the members (Krippendorff's alpha for interval data, over "
                "%(count)s sheets of initiatives that two or more members scored; high from "
                "0.800, medium from 0.667, low below):"
            )
            % {"count": found.pairable}
        )
    ]
    body.extend(said(row.criterion.name, row) for row in found.criteria)
    body.append(said(_("Weighted total"), found.overall))
    return body


def _reasons(record: CouncilRecord) -> list[layout.Block]:
    """Why the council did not recognise (or returned) an initiative, where it said so."""
    body: list[layout.Block] = []
    reasons = [
        row
        for row in record.rows
        if row.decision is not None
        and row.decision.outcome != Decision.Outcome.RECOGNISED
        and row.decision.reason
    ]
    if reasons:
        body.append(layout.Paragraph.of(_("Reasons given by the council:"), indent=True))
        body.extend(_item(f"“{row.initiative.title}”: {row.decision.reason}") for row in reasons)
    return body


def _conflicts(record: CouncilRecord) -> list[layout.Block]:
    """The conflicts of interest declared or raised, or a sentence saying there were none."""
    body: list[layout.Block] = []
    body.extend(
        _item(
            _("%(person)s – “%(initiative)s”: an author of the initiative (found by Sáng tạo)")
            % {"person": seat.user.display_name, "initiative": initiative.title}
        )
        for seat, initiative in record.detected
    )
    if record.conflicts:
        body.extend(
            _item(
                (
                    _("%(person)s – “%(initiative)s”: %(reason)s (%(source)s)")
                    if c.reason_shown
                    else _("%(person)s – “%(initiative)s” (%(source)s)")
                )
                % {
                    "person": c.user.display_name,
                    "initiative": c.initiative.title,
                    "reason": c.reason,
                    "source": _source_label(c),
                }
            )
            for c in record.conflicts
        )
    elif not record.detected:
        body.append(
            layout.Paragraph.of(
                _(
                    "No member of the council declared a conflict of interest; the members "
                    "below stood aside for the reason given."
                )
                if any(record.aside.values())
                else _("No member of the council declared a conflict of interest.")
            )
        )
    return body


ASIDE_WORDS = {
    selectors.ASIDE_DECLARED: gettext_lazy("a declared conflict of interest"),
    selectors.ASIDE_AUTHOR: gettext_lazy("an author of the initiative"),
    selectors.ASIDE_UNIT: gettext_lazy("works in the initiative's unit"),
}


def _stand_asides(record: CouncilRecord) -> list[layout.Block]:
    """Who stood aside (did not score or vote on an initiative because of a conflict), and who
    had submitted a sheet before their conflict was recorded (the sheet stays on record)."""
    seats = {m.pk: m for m in record.members}
    stood, scored = [], []
    for row in record.rows:
        for seat_pk, why in record.aside.get(row.initiative.pk, {}).items():
            line = _("%(person)s – “%(initiative)s” (%(why)s)") % {
                "person": seats[seat_pk].user.display_name,
                "initiative": row.initiative.title,
                "why": ASIDE_WORDS[why],
            }
            if (row.initiative.pk, seat_pk) in record.submitted:
                scored.append(line)
            else:
                stood.append(line)
    body: list[layout.Block] = []
    if stood:
        body.append(
            layout.Paragraph.of(
                _("Members who stood aside (did not score or vote on the initiative):"),
                indent=True,
            )
        )
        body.extend(_item(line) for line in stood)
    if scored:
        body.append(
            layout.Paragraph.of(
                _("Sheets submitted before the conflict was recorded (kept on record):"),
                indent=True,
            )
        )
        body.extend(_item(line) for line in scored)
    return body


def _votes(record: CouncilRecord) -> list[layout.Block]:
    """The votes on each decision, when the council decides by vote."""
    if not record.council.decides_by_vote:
        return []
    decided = [row for row in record.rows if row.decision is not None]
    body: list[layout.Block] = [
        layout.Paragraph.of(
            _(
                "The council decided by vote; members with a conflict of interest on an "
                "initiative did not vote on it:"
            ),
            indent=True,
        )
    ]
    for row in decided:
        decision = row.decision
        if decision.voted:
            said = _("for %(for)s, against %(against)s, abstaining %(abstain)s") % {
                "for": decision.votes_for,
                "against": decision.votes_against,
                "abstain": decision.votes_abstain,
            }
        else:
            said = _("votes not recorded")
        body.append(_item(f"“{row.initiative.title}”: {outcome_label(decision)} ({said});"))
    return body


def _results(record: CouncilRecord) -> list[layout.Block]:
    """How many initiatives got each outcome, the recognised by grade."""
    body: list[layout.Block] = []
    outcomes = record.outcomes
    grades = "; ".join(
        _("%(grade)s: %(count)s") % {"grade": name, "count": count} for name, count in record.grades
    )
    recognised = _("Recognised: %(count)s") % {"count": outcomes[Decision.Outcome.RECOGNISED]}
    body.append(_item(f"{recognised} ({grades});" if grades else f"{recognised};"))
    body.append(
        _item(
            _("Not recognised: %(count)s;") % {"count": outcomes[Decision.Outcome.NOT_RECOGNISED]}
        )
    )
    body.append(
        _item(
            _("Returned to the authors for more information: %(count)s;")
            % {"count": outcomes[Decision.Outcome.RETURNED]}
        )
    )
    body.append(_item(_("No decision yet: %(count)s.") % {"count": outcomes[None]}))
    return body


def minutes_document(record: CouncilRecord) -> layout.Document:
    council, P = record.council, layout.Paragraph.of
    body = _minutes_opening(record)
    body += [_heading(_("I. MEMBERS OF THE COUNCIL")), _members_table(record)]
    body += _attendance(record)
    body += [_heading(_("II. APPRAISAL")), _appraisal_method(record), *_scores_table(record)]
    body += _failing(record)
    body += _agreement(record)
    body += _reasons(record)
    body += [_heading(_("III. CONFLICTS OF INTEREST")), *_conflicts(record)]
    body += _stand_asides(record)
    body += [_heading(_("IV. RESULTS")), *_results(record), *_recognition_cited(record)]
    body += _votes(record)
    body.append(
        P(_("These minutes were drawn up from the scores and decisions recorded in Sáng tạo."))
    )
    return layout.Document(
        letterhead=_letterhead(
            record, record.code(issuers.MINUTES), number=record.council.minutes_number
        ),
        title=_("MINUTES"),
        subject=[
            _("Session of the council appraising initiatives and new ideas"),
            council.round.name,
        ],
        body=body,
        signatures=[
            _signature(
                record.seat(CouncilMember.Role.SECRETARY), pgettext("council papers", "Secretary")
            ),
            _signature(record.seat(CouncilMember.Role.CHAIR), pgettext("council papers", "Chair")),
        ],
        draft=not council.is_sealed,
    )


def _recognition_cited(record: CouncilRecord) -> list[layout.Block]:
    """The decision that recognised (or, by the board, will recognise) the council's results,
    by its real number and date once recorded."""
    if record.recognition is not None:
        return [
            _item(
                _("The recognised initiatives were recognised by %(decision)s.")
                % {"decision": recognition.cited(record.recognition)}
            )
        ]
    if record.board_decides:
        return [
            _item(
                _(
                    "The council proposes that the Standing Board of the committee recognise "
                    "the initiatives the council recognised."
                )
            )
        ]
    return []


# --- the decision ----------------------------------------------------------------------------


def _authors(initiative: Initiative) -> str:
    lines = (
        [initiative.collective_name]
        if initiative.is_collective and initiative.collective_name
        else []
    )
    lines += [f"{a.full_name} ({share(a.share)})" for a in initiative.author_list]
    return "\n".join(lines)


def _decision_grounds(record: CouncilRecord) -> list[layout.Block]:
    """The council's name, the plan, founding decision and minutes the decision rests on,
    then “DECIDES:”."""
    council, P = record.council, layout.Paragraph.of
    body: list[layout.Block] = [P(_issuer_line(record), bold=True, align="center", indent=False)]
    if council.round.movement.plan_reference:
        body.append(
            P(
                _("Pursuant to %(plan)s on the emulation movement “Đoàn kết sáng tạo”;")
                % {"plan": council.round.movement.plan_reference},
                italic=True,
            )
        )
    founding = _founding(council)
    if founding:
        body.append(P(founding, italic=True))
    body.append(P(_recommendation(record), italic=True))
    body.append(P(_("DECIDES:"), bold=True, align="center", indent=False, keep_with_next=True))
    return body


def _decision_articles(record: CouncilRecord) -> list[layout.Block]:
    """What is recognised, what follows, who carries the decision out."""
    article = layout.Paragraph.article
    return [
        article(
            _("Article 1."),
            _(
                "To recognise %(count)s initiatives and new ideas of the round “%(round)s” "
                "(list attached)."
            )
            % {"count": len(record.recognised), "round": record.council.round.name},
        ),
        article(
            _("Article 2."),
            _(
                "The recognised initiatives and new ideas are entered in the database of "
                "ideas and creativity; their authors receive a certificate."
            ),
        ),
        article(
            _("Article 3."),
            _(
                "This decision takes effect on the day it is signed. The council's "
                "secretary, the units and the authors named in Article 1 carry it out."
            ),
        ),
    ]


def _decision_annex(record: CouncilRecord) -> list[layout.Block]:
    """The list of the recognised initiatives, on a page of its own."""
    P, head = layout.Paragraph.of, _decision_letterhead(record)
    recognised = record.recognised
    annex: list[layout.Block] = [
        layout.PageBreak(),
        P(
            _("LIST OF RECOGNISED INITIATIVES AND NEW IDEAS"),
            bold=True,
            align="center",
            indent=False,
        ),
        P(
            _("(Attached to Decision No. %(number)s/%(code)s of %(date)s of the %(issuer)s)")
            % {
                "number": head.number or layout.BLANK,
                "code": head.symbol,
                "date": layout.date_words(head.date),
                "issuer": _issuer_name(record),
            },
            italic=True,
            align="center",
            indent=False,
        ),
        layout.Table(
            headers=(
                pgettext("council papers", "No."),
                pgettext("council papers", "Initiative"),
                _("Authors (contribution share)"),
                pgettext("council papers", "Unit"),
                pgettext("council papers", "Grade"),
                pgettext("council papers", "Council total"),
            ),
            rows=tuple(
                (
                    str(index),
                    row.initiative.title,
                    _authors(row.initiative) if row.named else "",
                    row.initiative.unit.name if row.named else "",
                    row.decision.grade.name if row.decision.grade else "",
                    number(row.decision.total if row.figures else None),
                )
                for index, row in enumerate(recognised, start=1)
            ),
            widths=(12, 49, 40, 29, 18, 17),
            align=("center", "left", "left", "left", "left", "right"),
            size=11,
        ),
    ]
    return annex


def decision_document(record: CouncilRecord) -> layout.Document:
    council = record.council
    body = _decision_grounds(record) + _decision_articles(record)
    annex = _decision_annex(record)
    return layout.Document(
        letterhead=_decision_letterhead(record),
        title=_("DECISION"),
        subject=[_("On the recognition of initiatives and new ideas"), council.round.name],
        body=body,
        recipients=[
            _("- As in Article 3;"),
            f"- {council.unit.name};",
            _("- Archived: clerical office, council."),
        ],
        signatures=[_decision_signature(record)],
        annex=annex,
        draft=not council.is_sealed,
    )


def _issuer_name(record: CouncilRecord) -> str:
    """The body that issues the decision, named in full: the council, or the committee's
    Standing Board."""
    if record.recognition is not None:
        decision = record.recognition
        if decision.issuer == RecognitionDecision.Issuer.BOARD:
            return f"{decision.issuer_name} {decision.governing_name}"
        return decision.issuer_name
    if record.board_decides:
        return f"{record.papers.board_name} {record.papers.printed_name}"
    return record.council.name


def _issuer_line(record: CouncilRecord) -> str:
    return _issuer_name(record).upper()


def _recommendation(record: CouncilRecord) -> str:
    """The minutes the decision rests on: the council's own, or its recommendation to the
    board, with the meeting's date when recorded."""
    met_on = record.met_on
    if record.board_decides and met_on is not None:
        return _(
            "Having regard to the recommendation of the %(council)s in the minutes of its "
            "meeting of %(date)s;"
        ) % {"council": record.council.name, "date": met_on.strftime("%d/%m/%Y")}
    if record.board_decides:
        return _("Having regard to the recommendation of the %(council)s in its minutes;") % {
            "council": record.council.name
        }
    return _("Having regard to the results of the council's appraisal recorded in its minutes;")


def _decision_letterhead(record: CouncilRecord) -> layout.Letterhead:
    """The recorded decision's issuer, number and date; before it is recorded, the issuer the
    movement names, a blank number and the meeting's date (the board's decision: blank)."""
    decision = record.recognition
    if decision is not None:
        return layout.Letterhead(
            governing_body=decision.governing_name,
            issuer=decision.issuer_name,
            number=decision.number,
            symbol=decision.code,
            place=layout.place_name(unit_line_names(unit=record.council.unit)),
            date=decision.date,
        )
    if record.board_decides:
        return layout.Letterhead(
            governing_body=record.papers.printed_name,
            issuer=record.papers.board_name,
            number="",
            symbol=record.code(issuers.RECOGNITION_BOARD),
            place=layout.place_name(unit_line_names(unit=record.council.unit)),
            date=None,
        )
    return _letterhead(record, record.code(issuers.RECOGNITION_COUNCIL))


def _decision_signature(record: CouncilRecord) -> layout.Signature:
    decision = record.recognition
    if decision is not None:
        return layout.Signature(
            capacity=decision.signer_capacity,
            title=decision.signer_title,
            name=decision.signer_name,
        )
    if record.board_decides:
        return layout.Signature(
            capacity=_("On behalf of the %(body)s") % {"body": record.papers.board_name},
            title="",
            name="",
        )
    return _signature(
        record.seat(CouncilMember.Role.CHAIR),
        pgettext("council papers", "Chair"),
        capacity=_("On behalf of the council"),
    )


# --- files -----------------------------------------------------------------------------------

BUILDERS = {MINUTES: minutes_document, DECISION: decision_document}
CONTENT_TYPES = {
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PDF: "application/pdf",
}


# Table rows a page holds, about: to tell how far the layout of a long PDF is.
ROWS_A_PAGE = 14


def council_paper(
    *, council: Council, user, name: str, extension: str, progress: Progress = no_progress
) -> tuple[bytes, str]:
    """(content, file name) of the council's minutes or decision as DOCX or PDF, as `user`
    may read them (see the module's docstring).

    `progress(done, total, message, **params)` hears how far it is, in hundredths (a background
    job shows it: a 1,000-initiative PDF takes half a minute, most of it laying out pages).
    """
    progress(0, 100, gettext_noop("Reading the council's figures"))
    with translation.override(layout.LANGUAGE):
        record = council_record(
            council=council,
            user=user,
            with_authors=name == DECISION,
            with_agreement=name == MINUTES,
        )
        document = BUILDERS[name](record)
        stems = {
            MINUTES: _("council-minutes-%(pk)s"),
            DECISION: _("recognition-decision-%(pk)s"),
        }
        filename = f"{stems[name] % {'pk': council.pk}}.{extension}"
    progress(10, 100, gettext_noop("Writing the document"))
    if extension == DOCX:
        return layout.docx_build(document), filename
    rows = len(record.rows) if name == MINUTES else len(record.recognised)
    expected = 2 + rows // ROWS_A_PAGE
    furthest = 0

    def on_page(page: int | None) -> None:
        nonlocal furthest
        if page is None:
            progress(90, 100, gettext_noop("Writing the PDF file"))
            return
        furthest = max(furthest, page)
        progress(
            10 + 79 * min(furthest, expected) // expected,
            100,
            gettext_noop("Laying out page %(page)s"),
            page=furthest,
        )

    return layout.pdf_build(document, on_page=on_page), filename

"""Reads of honours, the yearly book and the ledger, scoped to what the reader may see, each in
a number of queries that does not grow with the rows."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from sangtao.accounts.scope import COUNCIL_ROLES, STAFF_ROLES, scope_q, units_covered_q
from sangtao.appraisal.models import Nomination, Recognition
from sangtao.core.collation import vi_order
from sangtao.initiatives.models import Attachment, Initiative, InitiativeAuthor
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import subtree_q

from .models import Honour, HonoursRound, Payment, Source, Yearbook
from .rules import MANAGERS

# Levels a yearbook draws from: recognised there, or nominated to the level above.
BOOK_LEVEL = "province"
BOOK_NOMINATED_TO = "central"


# --- candidates ------------------------------------------------------------------------------


def recognitions_of_year(*, movement, unit: OrgUnit, year: int) -> QuerySet[Recognition]:
    """Recognitions in force of the movement's round of `year`, of initiatives of the subtree."""
    return Recognition.objects.filter(
        subtree_q(unit.path, prefix="initiative__unit__"),
        withdrawn_at__isnull=True,
        council__round__movement=movement,
        council__round__year=year,
    )


@dataclass
class Candidate:
    """A collective or an individual the platform proposes, with what it found."""

    kind: str
    unit_id: int
    name: str
    initiative_id: int | None = None
    author_id: int | None = None
    user_id: int | None = None
    recognised_count: int = 0
    applied_count: int = 0
    grade: str = ""
    level: str = ""
    applied: bool = False
    extra: dict = field(default_factory=dict)


def candidates_propose(*, movement, unit: OrgUnit, year: int) -> list[Candidate]:
    """Collectives: units of the subtree with initiatives recognised that year (how many, how
    many applied). Individuals: authors of those initiatives, with the grade and the level of
    the highest recognition, and whether it was applied in practice. Three queries."""
    recognitions = recognitions_of_year(movement=movement, unit=unit, year=year)
    collectives = (
        Initiative.objects.filter(pk__in=recognitions.values("initiative"))
        .values("unit", "unit__name")
        .annotate(
            recognised=Count("pk", distinct=True),
            applied=Count("pk", distinct=True, filter=Q(first_applied_on__isnull=False)),
        )
        .order_by("-recognised", "unit__name")
    )
    result = [
        Candidate(
            kind=Honour.Kind.COLLECTIVE,
            unit_id=row["unit"],
            name=row["unit__name"],
            recognised_count=row["recognised"],
            applied_count=row["applied"],
        )
        for row in collectives
    ]
    # The highest recognition of each initiative: the lowest level rank, then the best grade.
    best: dict[int, Recognition] = {}
    for recognition in recognitions.select_related("unit__level", "grade", "initiative").order_by(
        "unit__level__rank", "-grade__min_total", "id"
    ):
        best.setdefault(recognition.initiative_id, recognition)
    authors = InitiativeAuthor.objects.filter(initiative__in=list(best)).order_by(
        "initiative__title", "initiative_id", "order", "id"
    )
    for author in authors:
        recognition = best[author.initiative_id]
        initiative = recognition.initiative
        result.append(
            Candidate(
                kind=Honour.Kind.INDIVIDUAL,
                unit_id=initiative.unit_id,
                name=author.full_name,
                initiative_id=initiative.pk,
                author_id=author.pk,
                user_id=author.user_id,
                recognised_count=1,
                applied_count=1 if initiative.first_applied_on else 0,
                grade=recognition.grade.name,
                level=recognition.unit.name,
                applied=initiative.first_applied_on is not None,
            )
        )
    return result


def proposals_received(*, movement, unit: OrgUnit, year: int) -> QuerySet[Honour]:
    """Decided honours the lower levels proposed to `unit` for the movement and year."""
    return Honour.objects.filter(
        proposed_to=unit,
        confirmed=True,
        round__movement=movement,
        round__year=year,
        round__state=HonoursRound.State.DECIDED,
    )


def proposals_waiting(*, round: HonoursRound) -> int:
    """How many proposals from below an open round has not taken in yet."""
    if round.is_decided:
        return 0
    return (
        proposals_received(movement=round.movement_id, unit=round.unit, year=round.year)
        .exclude(taken_up__round=round)
        .count()
    )


def round_detail(*, pk: int) -> HonoursRound:
    return HonoursRound.objects.select_related("movement", "unit", "created_by").get(pk=pk)


def round_honours(*, round: HonoursRound) -> QuerySet[Honour]:
    return round.honours.select_related(
        "unit__kind", "initiative", "proposed_to", "origin__round__unit"
    ).order_by("kind", "order", "id")


def rounds_visible(*, user) -> QuerySet[HonoursRound]:
    return (
        HonoursRound.objects.filter(scope_q(user, STAFF_ROLES))
        .select_related("movement", "unit")
        .annotate(
            candidates=Count("honours", distinct=True),
            confirmed=Count("honours", filter=Q(honours__confirmed=True), distinct=True),
        )
        .order_by("-year", "-id")
    )


# --- the register ----------------------------------------------------------------------------


def _visible_initiatives_q(user, prefix: str) -> Q:
    """Initiatives the user may see: the staff's and council people's subtrees, and their own."""
    mine = Q(**{f"{prefix}created_by": user}) | Q(**{f"{prefix}authors__user": user})
    return scope_q(user, STAFF_ROLES | COUNCIL_ROLES, field=f"{prefix}unit") | mine


def register_recognitions(
    *, user, unit: OrgUnit | None = None, name: str = ""
) -> QuerySet[Recognition]:
    """Recognitions of the initiatives of a unit's subtree or of a person, as the user may see."""
    rows = Recognition.objects.filter(_visible_initiatives_q(user, "initiative__"))
    if unit is not None:
        rows = rows.filter(subtree_q(unit.path, prefix="initiative__unit__"))
    if name:
        rows = rows.filter(
            Exists(
                InitiativeAuthor.objects.filter(
                    initiative=OuterRef("initiative"), full_name__icontains=name
                )
            )
        )
    return (
        rows.filter(withdrawn_at__isnull=True)
        .distinct()
        .select_related("initiative__unit", "unit__level", "grade", "council__round")
        .order_by("-council__round__year", "initiative__title", "id")
    )


def register_honours(*, user, unit: OrgUnit | None = None, name: str = "") -> QuerySet[Honour]:
    """Decided honours of a unit's subtree or of a person, as the user may see."""
    visible = scope_q(user, STAFF_ROLES | COUNCIL_ROLES) | Q(user=user)
    rows = Honour.objects.filter(visible, confirmed=True, round__state=HonoursRound.State.DECIDED)
    if unit is not None:
        rows = rows.filter(subtree_q(unit.path, prefix="unit__"))
    if name:
        rows = rows.filter(name__icontains=name)
    return rows.select_related("round__unit", "unit", "initiative").order_by(
        "-round__year", "name", "id"
    )


# --- the yearly book -------------------------------------------------------------------------


def book_eligible(*, yearbook: Yearbook) -> QuerySet[Initiative]:
    """Initiatives of the book's subtree and year recognised at province level or nominated to
    the central level, in the order of the book (field, then title)."""
    year_q = Q(round__year=yearbook.year, round__movement=yearbook.movement_id)
    recognised = Recognition.objects.filter(
        initiative=OuterRef("pk"), withdrawn_at__isnull=True, unit__level__code=BOOK_LEVEL
    )
    nominated = Nomination.objects.filter(
        initiative=OuterRef("pk"), to_unit__level__code=BOOK_NOMINATED_TO
    )
    return (
        Initiative.objects.filter(year_q, subtree_q(yearbook.unit.path, prefix="unit__"))
        .filter(Exists(recognised) | Exists(nominated))
        .select_related("unit", "field")
        .order_by("field__order", vi_order("field__name"), vi_order("title"), "id")
    )


def book_initiatives(*, yearbook: Yearbook) -> list[Initiative]:
    """The book's initiatives in order, with authors, unit, field and their first image: four
    queries whatever their number."""
    images = Attachment.objects.filter(content_type__startswith="image/").order_by(
        "uploaded_at", "id"
    )
    initiatives = list(
        Initiative.objects.filter(yearbook_entries_q(yearbook))
        .select_related("unit", "field")
        .prefetch_related(
            Prefetch("authors", queryset=InitiativeAuthor.objects.order_by("order", "id")),
            Prefetch("attachments", queryset=images, to_attr="images"),
        )
        .order_by("field__order", vi_order("field__name"), vi_order("title"), "id")
    )
    order = dict(yearbook.entries.values_list("initiative_id", "order"))
    initiatives.sort(key=lambda i: (order.get(i.pk, 0), i.pk))
    return initiatives


def yearbook_entries_q(yearbook: Yearbook) -> Q:
    return Q(pk__in=yearbook.entries.values("initiative"))


def books_visible(*, user) -> QuerySet[Yearbook]:
    return (
        Yearbook.objects.filter(scope_q(user, STAFF_ROLES))
        .select_related("unit", "movement")
        .annotate(count=Count("entries"))
        .order_by("-year", "-id")
    )


# --- the ledger ------------------------------------------------------------------------------


@dataclass
class LedgerRow:
    year: int
    unit_id: int
    unit_name: str
    source: str
    granted: int = 0
    paid: int = 0

    @property
    def source_label(self) -> str:
        return Source(self.source).label

    @property
    def due(self) -> int:
        return self.granted - self.paid


@dataclass
class Ledger:
    rows: list[LedgerRow]

    @property
    def granted(self) -> int:
        return sum(row.granted for row in self.rows)

    @property
    def paid(self) -> int:
        return sum(row.paid for row in self.rows)

    @property
    def due(self) -> int:
        return self.granted - self.paid

    def by_source(self) -> list[LedgerRow]:
        totals: dict[str, LedgerRow] = {}
        for row in self.rows:
            total = totals.setdefault(row.source, LedgerRow(0, 0, "", row.source))
            total.granted += row.granted
            total.paid += row.paid
        return [totals[source] for source in Source.values if source in totals]


def ledger(*, unit: OrgUnit, year: int | None = None) -> Ledger:
    """Prizes granted (decided honours) and paid (payments) per year, honoured unit and source,
    for the honours of rounds held in `unit`'s subtree. Two grouped queries."""
    honours = Honour.objects.filter(
        subtree_q(unit.path, prefix="round__unit__"),
        confirmed=True,
        round__state=HonoursRound.State.DECIDED,
        prize_vnd__gt=0,
    )
    payments = Payment.objects.filter(subtree_q(unit.path, prefix="honour__round__unit__"))
    if year is not None:
        honours = honours.filter(round__year=year)
        payments = payments.filter(honour__round__year=year)
    rows: dict[tuple, LedgerRow] = {}
    for item in honours.values("round__year", "unit", "unit__name", "source").annotate(
        total=Sum("prize_vnd")
    ):
        key = (item["round__year"], item["unit"], item["source"])
        rows[key] = LedgerRow(*key[:2], item["unit__name"], item["source"], granted=item["total"])
    for item in payments.values(
        "honour__round__year", "honour__unit", "honour__unit__name", "source"
    ).annotate(total=Sum("amount_vnd")):
        key = (item["honour__round__year"], item["honour__unit"], item["source"])
        row = rows.setdefault(key, LedgerRow(*key[:2], item["honour__unit__name"], item["source"]))
        row.paid = item["total"]
    ordered = sorted(rows.values(), key=lambda r: (-r.year, r.unit_name, r.unit_id, r.source))
    return Ledger(rows=ordered)


# --- the fund "Người Việt sáng tạo": money received, prizes paid from it, the balance ----------

# Readers of the money the fund received, each `(*, unit) -> {year: đồng}` over `unit`'s
# subtree; filled by the app that records contributions (budget), from its AppConfig.ready().
FUND_INCOME: list[Callable[..., dict[int, int]]] = []


def register_fund_income(reader: Callable[..., dict[int, int]]) -> None:
    if reader not in FUND_INCOME:
        FUND_INCOME.append(reader)


@dataclass
class FundYear:
    year: int
    received: int = 0
    paid: int = 0
    balance: int = 0  # at the end of the year, carried over from the years before

    @property
    def net(self) -> int:
        return self.received - self.paid


def fund(*, unit: OrgUnit, year: int | None = None) -> list[FundYear]:
    """The fund's years in `unit`'s subtree, oldest first: contributions received (from the
    readers registered), prizes paid from the fund (payments of source "fund", by the year
    paid) and the running balance. With `year`, that year's row only (its balance still
    carries the years before)."""
    received: dict[int, int] = {}
    for reader in FUND_INCOME:
        for key, amount in reader(unit=unit).items():
            received[key] = received.get(key, 0) + amount
    paid = dict(
        Payment.objects.filter(
            subtree_q(unit.path, prefix="honour__round__unit__"), source=Source.FUND
        )
        .annotate(year=ExtractYear("paid_on"))
        .values("year")
        .annotate(total=Sum("amount_vnd"))
        .order_by()
        .values_list("year", "total")
    )
    rows, balance = [], 0
    for key in sorted(received.keys() | paid.keys()):
        row = FundYear(key, received.get(key, 0), paid.get(key, 0))
        balance += row.net
        row.balance = balance
        rows.append(row)
    return [row for row in rows if year is None or row.year == year]


def payments_of(*, unit: OrgUnit, year: int | None = None) -> QuerySet[Payment]:
    rows = Payment.objects.filter(subtree_q(unit.path, prefix="honour__round__unit__"))
    if year is not None:
        rows = rows.filter(honour__round__year=year)
    return rows.select_related("honour__unit", "honour__round", "recorded_by")


def payable_honours(*, unit: OrgUnit) -> QuerySet[Honour]:
    """Decided honours with a prize, of rounds held in the subtree: what a payment may be for."""
    return (
        Honour.objects.filter(
            subtree_q(unit.path, prefix="round__unit__"),
            confirmed=True,
            round__state=HonoursRound.State.DECIDED,
            prize_vnd__gt=0,
        )
        .select_related("round", "unit")
        .order_by("-round__year", "name", "id")
    )


def managed_units(*, user) -> QuerySet[OrgUnit]:
    """The units a user manages directly (their memberships as officer or administrator)."""
    return OrgUnit.objects.filter(
        memberships__user=user, memberships__role__in=list(MANAGERS)
    ).distinct()


def followed_units(*, user) -> QuerySet[OrgUnit]:
    return (
        OrgUnit.objects.filter(memberships__user=user, memberships__role__in=list(STAFF_ROLES))
        .distinct()
        .order_by("depth", "name")
    )


# --- what the pages load by the numbers in their URLs -----------------------------------------


def honours_round(*, pk) -> HonoursRound | None:
    return (
        HonoursRound.objects.select_related("movement", "unit", "created_by").filter(pk=pk).first()
    )


def yearbook(*, pk) -> Yearbook | None:
    return Yearbook.objects.select_related("movement", "unit").filter(pk=pk).first()


def unit_by_pk(*, pk) -> OrgUnit | None:
    return OrgUnit.objects.filter(pk=pk).first()


def first_followed_unit(*, user) -> OrgUnit | None:
    """The first unit of the ledger's choice (None when the person follows none)."""
    return followed_units(user=user).first()


def book_initiative_ids(*, yearbook: Yearbook) -> set[int]:
    return set(yearbook.entries.values_list("initiative_id", flat=True))


def units_visible_to(*, user) -> QuerySet[OrgUnit]:
    """The units in the subtrees where `user` holds a staff or council role, in tree order."""
    return OrgUnit.objects.filter(units_covered_q(user, STAFF_ROLES | COUNCIL_ROLES)).order_by(
        "path"
    )


def finished_files(target, kinds) -> list:
    """The finished files of a round or a book, newest first (one query)."""
    from django.contrib.contenttypes.models import ContentType

    from sangtao.jobs.models import Job

    return list(
        Job.objects.filter(
            target_type=ContentType.objects.get_for_model(target),
            target_id=str(target.pk),
            kind__in=list(kinds),
            state=Job.State.DONE,
        ).order_by("-finished_at")[:10]
    )


def round_subtree_unit(*, round: HonoursRound, pk: int) -> OrgUnit | None:
    """The unit numbered `pk` when it lies in the round unit's subtree, else None."""
    return OrgUnit.objects.filter(subtree_q(round.unit.path), pk=pk).first()


def round_subtree_units_named(*, round: HonoursRound, text: str, limit: int) -> list[OrgUnit]:
    """Up to `limit` + 1 units of the round unit's subtree whose name holds every word typed
    (with or without tones), in tree order; none under 2 letters."""
    from sangtao.orgs.text import fold

    words = fold(text).split()
    if len("".join(words)) < 2:
        return []
    query = subtree_q(round.unit.path)
    for word in words:
        query &= Q(search_key__contains=word)
    return list(OrgUnit.objects.filter(query).only("pk", "name").order_by("path")[: limit + 1])

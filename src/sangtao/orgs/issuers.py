"""Who issues a committee's papers, how they are numbered and who signs them, read from data:
the committee's printed name and number codes (`CommitteePapers`) and the positions its
people hold on the paper's date (`Position`).

- The letterhead names the committee ("ỦY BAN MTTQ VIỆT NAM TỈNH TÂY NINH") over the body that
  issues: its Standing Board ("BAN THƯỜNG TRỰC") or a council it set up.
- Each kind of paper has its number code (`DEFAULT_CODES`, changed per committee in `codes`).
- The head signs "TM. BAN THƯỜNG TRỰC" / "CHỦ TỊCH"; a deputy signs in the head's place
  "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH": the positions held on the day say which (`board_signer`).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import CommitteePapers, OrgUnit, Position

# Kinds of paper and their number codes when the committee set none (Phụ lục III's pattern:
# the paper's kind, then the issuer's abbreviation).
RECOGNITION_BOARD = "recognition_board"
RECOGNITION_COUNCIL = "recognition_council"
MINUTES = "minutes"
HONOURS = "honours"
CERTIFICATE = "certificate"
DEFAULT_CODES = {
    RECOGNITION_BOARD: "QĐ-MTTQ-BTT",
    RECOGNITION_COUNCIL: "QĐ-HĐTĐ",
    MINUTES: "BB-HĐTĐ",
    HONOURS: "QĐ-MTTQ-BTT",
    CERTIFICATE: "GCN-MTTQ",
}
BOARD_NAME = "Ban Thường trực"


@dataclass(frozen=True)
class Signer:
    """A signature block's words: "TM. BAN THƯỜNG TRỰC" / "CHỦ TỊCH" / the name."""

    capacity: str
    title: str
    name: str

    @property
    def lines(self) -> str:
        """Capacity and title on two lines, as a certificate prints them."""
        return "\n".join(line for line in (self.capacity, self.title) if line)


@dataclass(frozen=True)
class Papers:
    """A committee's printed name, its board's name and its number codes."""

    printed_name: str
    board_name: str = BOARD_NAME
    codes: dict = field(default_factory=dict)

    def code(self, kind: str) -> str:
        return self.codes.get(kind) or DEFAULT_CODES[kind]


def papers_of(unit: OrgUnit) -> Papers:
    """The committee's papers settings, or the defaults (one query)."""
    found = CommitteePapers.objects.filter(unit=unit).first()
    if found is None:
        return Papers(printed_name=unit.name)
    return Papers(
        printed_name=found.printed_name or unit.name,
        board_name=found.board_name or BOARD_NAME,
        codes=dict(found.codes or {}),
    )


def holders_on(unit: OrgUnit, on: datetime.date) -> list[Position]:
    """The positions of the committee held on `on` (in no particular rank order)."""
    return list(
        Position.objects.filter(unit=unit, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .order_by("order", "-starts_on", "id")
    )


def board_signer(
    unit: OrgUnit, on: datetime.date, *, board_name: str = BOARD_NAME, name: str = ""
) -> Signer | None:
    """Who signs for the committee's board on `on`: the head ("TM. <board>" / its title), else
    the first deputy ("KT. CHỦ TỊCH" / the deputy's title); `name` picks a holder of that day
    by name (a deputy signing while the head is in office). None when nobody holds a position
    on that day."""
    holders = sorted(
        holders_on(unit, on),
        key=lambda p: (p.rank != Position.Rank.HEAD, p.order, -p.starts_on.toordinal(), p.pk),
    )
    if name:
        holders = [p for p in holders if p.full_name == name]
    if not holders:
        return None
    return signer_for(holders[0], board_name=board_name)


def signer_for(position: Position, *, board_name: str = BOARD_NAME) -> Signer:
    if position.rank == Position.Rank.HEAD:
        capacity = _("On behalf of the %(body)s") % {"body": board_name}
    else:
        capacity = _("For the chair")
    return Signer(capacity=capacity, title=position.title, name=position.full_name)


def signer_from_title(*, title: str, name: str, board_name: str = BOARD_NAME) -> Signer:
    """A signer typed by hand (no position recorded): a title that starts "Phó" is a deputy's
    and signs "KT. CHỦ TỊCH", any other the board's head "TM. <board>"."""
    deputy = title.strip().lower().startswith("phó")
    capacity = (
        _("For the chair") if deputy else _("On behalf of the %(body)s") % {"body": board_name}
    )
    return Signer(capacity=capacity, title=title.strip(), name=name.strip())

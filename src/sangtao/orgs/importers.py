"""Import of the real Front committees of Tây Ninh, before and after the 1 July 2025 reform.

Source: the folder `vn-admin` shipped with this app (`orgs/data/vn-admin`, see its README.md for
the sources, dates and licence; `$SANGTAO_SHARED_DATA` points at newer data):

- `tay-ninh-before-2025.csv`: Tây Ninh as the plan knew it, GSO province code 72, with its
  9 district-level units and 94 communes (GSO catalogue of 01/03/2025);
- `tay-ninh-2025-communes-merges.json`: the new Tây Ninh, GSO code 80, formed on 1 July 2025 by
  merging Tây Ninh and Long An (Resolution 202/2025/QH15), without a district level: its 96
  communes and wards, each with the old communes it absorbed wholly ("full") or in part
  ("partial") (Resolution 1682/NQ-UBTVQH15).

The tree it builds, every unit a Front committee (kind `front_committee`):

    Ủy ban Trung ương MTTQ Việt Nam                      central (found by name, or created)
    ├── Ủy ban MTTQ Việt Nam tỉnh Tây Ninh               province, code 80 (72 before 2025)
    │   ├── 9 district committees                        closed 30/06/2025
    │   │   └── 94 commune committees                    closed 30/06/2025
    │   └── 96 commune committees                        from 01/07/2025
    └── Ủy ban MTTQ Việt Nam tỉnh Long An                province, old code 80, closed 30/06/2025
        └── 186 old Long An commune committees           closed 30/06/2025

Tây Ninh is one continuing unit before and after the merger, so its subtree keeps all of its
history; Long An is succeeded by it. The old Long An communes hang directly under the Long An
committee: the files name them (as the predecessors of new communes) but not their districts.

Identity: new communes reuse the codes of old ones (Phường Tân Ninh has 25459, the code of the
old Phường 3), so a unit is recognised by level, official code and validity together, never by
the code alone. Running the import again creates nothing new.
"""

import csv
import datetime
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from sangtao.core.services import audit_record

from .models import Level, OrgUnit, UnitKind, UnitSuccession
from .selectors import subtree_q
from .services import unit_bulk_create, unit_create

BEFORE_FILE = "tay-ninh-before-2025.csv"
MERGES_FILE = "tay-ninh-2025-communes-merges.json"

FRONT = "Ủy ban MTTQ Việt Nam"
CENTRAL_NAME = "Ủy ban Trung ương MTTQ Việt Nam"
TAY_NINH_OLD_CODE = "72"
TAY_NINH_CODE = "80"
LONG_AN_OLD_CODE = "80"
LAST_OLD_DAY = datetime.date(2025, 6, 30)
MERGER_DAY = datetime.date(2025, 7, 1)
PROVINCES_LEGAL_BASIS = "Nghị quyết 202/2025/QH15"
COMMUNES_LEGAL_BASIS = "Nghị quyết 1682/NQ-UBTVQH15"
CSV_COLUMNS = (
    "province_code",
    "province_name",
    "district_code",
    "district_name",
    "commune_code",
    "commune_name",
)
MERGE_KINDS = {"full": UnitSuccession.Kind.MERGED, "partial": UnitSuccession.Kind.PARTIAL}


class ImportDataError(Exception):
    """The data files are missing or broken; the message says where."""


@dataclass(frozen=True)
class Area:
    """One administrative area of the files: its GSO code and name ("Phường 1")."""

    code: str
    name: str


@dataclass(frozen=True)
class OldCommune(Area):
    district_code: str = ""


@dataclass(frozen=True)
class Absorption:
    """A new commune taking over an old one, wholly (merged) or in part (partial)."""

    old_code: str
    kind: str


@dataclass(frozen=True)
class NewCommune(Area):
    absorbs: tuple[Absorption, ...] = ()


@dataclass
class TayNinhData:
    """The two files, read and checked."""

    tay_ninh: Area
    long_an: Area
    districts: list[Area]
    communes: list[OldCommune]
    long_an_communes: list[Area]
    new_communes: list[NewCommune]


@dataclass
class ImportSummary:
    """How many rows of each group were created and how many were already there."""

    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)

    def count(self, group: str, created: int, total: int) -> None:
        """`created` rows of `group` made out of `total` wanted; the rest were there."""
        self.created[group] += created
        self.existing[group] += total - created

    GROUPS = (
        "central",
        "provinces",
        "districts",
        "communes_before",
        "long_an_communes",
        "communes_after",
        "successions_merged",
        "successions_partial",
    )

    @property
    def created_total(self) -> int:
        return sum(self.created.values())


PACKAGED_DATA_DIR = Path(__file__).resolve().parent / "data" / "vn-admin"


def default_data_dir() -> Path:
    """$SANGTAO_SHARED_DATA/vn-admin when set, else the reference data shipped with this app.

    SANGTAO_SHARED_DATA names a folder of newer data; pointing it at the vn-admin folder itself
    works too. A clone of the repository alone has everything it needs.
    """
    shared = os.environ.get("SANGTAO_SHARED_DATA")
    if shared:
        shared_dir = Path(shared)
        return shared_dir if (shared_dir / BEFORE_FILE).exists() else shared_dir / "vn-admin"
    return PACKAGED_DATA_DIR


# Reading and checking -------------------------------------------------------------------------


def _open(path: Path):
    if not path.is_file():
        raise ImportDataError(_("%(file)s: the file is missing.") % {"file": path})
    return path.open(encoding="utf-8-sig", newline="")


AREA_WORDS = ("Tỉnh ", "Thành phố ", "Huyện ", "Quận ", "Thị xã ", "Thị trấn ", "Phường ", "Xã ")


def _area_words(name: str) -> str:
    """ "Phường Tân Ninh" -> "phường Tân Ninh", as the name of a committee writes it: one rule
    for every level ("Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", "... huyện Tân Châu")."""
    for prefix in AREA_WORDS:
        if name.startswith(prefix):
            return prefix.lower() + name[len(prefix) :]
    return name


def _read_before(path: Path) -> tuple[Area, list[Area], list[OldCommune]]:
    districts: dict[str, Area] = {}
    communes: dict[str, OldCommune] = {}
    province_name = ""
    with _open(path) as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            raise ImportDataError(
                _("%(file)s: the columns %(columns)s are missing.")
                % {"file": path.name, "columns": ", ".join(missing)}
            )
        try:
            for row in reader:
                where = {"file": path.name, "line": reader.line_num}
                values = {column: (row.get(column) or "").strip() for column in CSV_COLUMNS}
                empty = [column for column, value in values.items() if not value]
                if empty:
                    raise ImportDataError(
                        _("%(file)s, line %(line)s: %(columns)s is empty.")
                        % {**where, "columns": ", ".join(empty)}
                    )
                if values["province_code"] != TAY_NINH_OLD_CODE:
                    raise ImportDataError(
                        _(
                            "%(file)s, line %(line)s: province code %(code)s, "
                            "expected %(expected)s (Tây Ninh before 2025)."
                        )
                        % {**where, "code": values["province_code"], "expected": "72"}
                    )
                province_name = values["province_name"]
                district = Area(values["district_code"], values["district_name"])
                if districts.setdefault(district.code, district) != district:
                    raise ImportDataError(
                        _("%(file)s, line %(line)s: district %(code)s has two names.")
                        % {**where, "code": district.code}
                    )
                commune = OldCommune(values["commune_code"], values["commune_name"], district.code)
                if commune.code in communes:
                    raise ImportDataError(
                        _("%(file)s, line %(line)s: commune %(code)s is listed twice.")
                        % {**where, "code": commune.code}
                    )
                communes[commune.code] = commune
        except (csv.Error, UnicodeDecodeError) as error:
            raise ImportDataError(
                _("%(file)s: not a readable CSV file (%(error)s).")
                % {"file": path.name, "error": error}
            ) from error
    if not communes:
        raise ImportDataError(_("%(file)s: no commune found.") % {"file": path.name})
    return (
        Area(TAY_NINH_OLD_CODE, province_name),
        list(districts.values()),
        list(communes.values()),
    )


def _text(item, key: str, where: str, file: str) -> str:
    value = item.get(key) if isinstance(item, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ImportDataError(
            _("%(file)s: %(where)s has no “%(key)s”.") % {"file": file, "where": where, "key": key}
        )
    return value.strip()


def _read_merges(path: Path) -> tuple[Area, Area, list[NewCommune], dict[str, str]]:
    """The new province, Long An, the new communes and {old code: old name} of absorbed ones."""
    file = path.name
    with _open(path) as handle:
        try:
            document = json.load(handle)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ImportDataError(
                _("%(file)s: not valid JSON (%(error)s).") % {"file": file, "error": error}
            ) from error
    provinces = document.get("data") if isinstance(document, dict) else None
    if not isinstance(provinces, list) or len(provinces) != 1:
        raise ImportDataError(
            _("%(file)s: “data” must hold exactly one province.") % {"file": file}
        )
    province = provinces[0]
    code = _text(province, "level1_id", _("the province"), file)
    if code != TAY_NINH_CODE:
        raise ImportDataError(
            _("%(file)s: province code %(code)s, expected %(expected)s (Tây Ninh from 2025).")
            % {"file": file, "code": code, "expected": TAY_NINH_CODE}
        )
    tay_ninh = Area(code, _text(province, "name", _("the province"), file))
    long_an = None
    for merge in province.get("merges") or []:
        if _text(merge, "old_id", _("the province"), file) == LONG_AN_OLD_CODE:
            long_an = Area(LONG_AN_OLD_CODE, _text(merge, "name", _("the province"), file))
    if long_an is None:
        raise ImportDataError(
            _("%(file)s: the province does not name Long An (old code 80) among its merges.")
            % {"file": file}
        )
    level2s = province.get("level2s")
    if not isinstance(level2s, list) or not level2s:
        raise ImportDataError(_("%(file)s: the province lists no communes.") % {"file": file})
    new_communes: dict[str, NewCommune] = {}
    old_names: dict[str, str] = {}
    for number, item in enumerate(level2s, start=1):
        where = _("commune no. %(number)s") % {"number": number}
        new_code = _text(item, "level2_id", where, file)
        new_name = _text(item, "name", where, file)
        where = f"{new_code} {new_name}"
        merges = item.get("merges")
        if not isinstance(merges, list) or not merges:
            raise ImportDataError(
                _("%(file)s: %(where)s absorbs no old commune.") % {"file": file, "where": where}
            )
        absorbs: list[Absorption] = []
        for merge in merges:
            old_code = _text(merge, "old_id", where, file)
            old_name = _text(merge, "name", where, file)
            kind = MERGE_KINDS.get(merge.get("type"))
            if kind is None:
                raise ImportDataError(
                    _("%(file)s: %(where)s: merge type “%(type)s” is neither full nor partial.")
                    % {"file": file, "where": where, "type": merge.get("type")}
                )
            if old_names.setdefault(old_code, old_name) != old_name:
                raise ImportDataError(
                    _("%(file)s: the old commune %(code)s has two names.")
                    % {"file": file, "code": old_code}
                )
            if any(a.old_code == old_code for a in absorbs):
                raise ImportDataError(
                    _("%(file)s: %(where)s names the old commune %(code)s twice.")
                    % {"file": file, "where": where, "code": old_code}
                )
            absorbs.append(Absorption(old_code, kind))
        if new_code in new_communes:
            raise ImportDataError(
                _("%(file)s: the commune %(code)s is listed twice.")
                % {"file": file, "code": new_code}
            )
        new_communes[new_code] = NewCommune(new_code, new_name, tuple(absorbs))
    return tay_ninh, long_an, list(new_communes.values()), old_names


def tay_ninh_read(*, data_dir: Path) -> TayNinhData:
    """Read and check both files; raise ImportDataError on the first problem."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise ImportDataError(_("The data folder %(path)s does not exist.") % {"path": data_dir})
    _province, districts, communes = _read_before(data_dir / BEFORE_FILE)
    tay_ninh, long_an, new_communes, old_names = _read_merges(data_dir / MERGES_FILE)
    tay_ninh_codes = {commune.code for commune in communes}
    long_an_communes = [
        Area(code, name) for code, name in old_names.items() if code not in tay_ninh_codes
    ]
    return TayNinhData(
        tay_ninh=tay_ninh,
        long_an=long_an,
        districts=districts,
        communes=communes,
        long_an_communes=long_an_communes,
        new_communes=new_communes,
    )


# Writing --------------------------------------------------------------------------------------


def _committee(area_name: str) -> str:
    return f"{FRONT} {_area_words(area_name)}"


def _new_unit(area: Area, *, parent: OrgUnit, kind: UnitKind, level: Level, **validity) -> OrgUnit:
    return OrgUnit(
        parent=parent,
        name=_committee(area.name),
        short_name=area.name,
        official_code=area.code,
        kind=kind,
        level=level,
        **validity,
    )


def _province(
    area: Area,
    *,
    code: str,
    valid_to,
    central: OrgUnit,
    level: Level,
    kind: UnitKind,
    summary: ImportSummary,
    by,
) -> OrgUnit:
    """The committee of the province `area` with that end of validity, found by its code or
    else by its name, or created under the central committee; counted in the summary."""
    name = _committee(area.name)
    units = OrgUnit.objects.filter(level=level, kind=kind).order_by("pk")
    unit = (
        units.filter(official_code=code, valid_to=valid_to).first()
        or units.filter(name=name, valid_to=valid_to).first()
    )
    summary.count("provinces", unit is None, 1)
    if unit is None:
        unit = unit_create(
            name=name,
            short_name=area.name,
            official_code=code,
            kind=kind,
            level=level,
            parent=central,
            valid_to=valid_to,
            by=by,
        )
    return unit


def _existing_by_code(*, within: OrgUnit, level: Level, kind: UnitKind, **validity) -> dict:
    units = OrgUnit.objects.filter(subtree_q(within.path), level=level, kind=kind, **validity)
    return {unit.official_code: unit for unit in units.order_by("-pk")}


def _front_levels() -> tuple[dict[str, Level], UnitKind]:
    """The levels by code and the kind of a front committee, which the migrations make."""
    levels = {level.code: level for level in Level.objects.all()}
    front = UnitKind.objects.filter(code="front_committee").first()
    if front is None or not {"central", "province", "district", "commune"} <= levels.keys():
        raise ImportDataError(_("The levels and unit kinds are missing: run the migrations first."))
    return levels, front


def _import_provinces(
    data, *, levels: dict[str, Level], front: UnitKind, summary: ImportSummary, by
) -> tuple[OrgUnit, OrgUnit]:
    """The central committee, the new Tây Ninh and the old Long An: found, or created."""
    count = summary.count
    central_level, province_level = levels["central"], levels["province"]
    # The central committee, the new Tây Ninh and the old Long An.
    central = OrgUnit.objects.filter(name=CENTRAL_NAME, level=central_level).order_by("pk").first()
    count("central", central is None, 1)
    if central is None:
        central = unit_create(name=CENTRAL_NAME, kind=front, level=central_level, by=by)

    province = {
        "central": central,
        "level": province_level,
        "kind": front,
        "summary": summary,
        "by": by,
    }
    tay_ninh = _province(data.tay_ninh, code=TAY_NINH_CODE, valid_to=None, **province)
    if tay_ninh.official_code != TAY_NINH_CODE:  # made by hand before, without its code
        tay_ninh.official_code = TAY_NINH_CODE
        OrgUnit.objects.filter(pk=tay_ninh.pk).update(official_code=TAY_NINH_CODE)
    long_an = _province(data.long_an, code=LONG_AN_OLD_CODE, valid_to=LAST_OLD_DAY, **province)
    return tay_ninh, long_an


def _import_communes(
    data,
    *,
    tay_ninh: OrgUnit,
    long_an: OrgUnit,
    levels: dict[str, Level],
    front: UnitKind,
    summary: ImportSummary,
):
    """Tây Ninh's old districts, then every commune in one go; returns the old communes, Long
    An's and the new ones, each by official code."""
    count = summary.count
    closed = {"valid_from": None, "valid_to": LAST_OLD_DAY}
    after = {"valid_from": MERGER_DAY, "valid_to": None}
    district = {"kind": front, "level": levels["district"]}
    commune = {"kind": front, "level": levels["commune"]}

    # Tây Ninh before 2025: its districts first, as the parents of its old communes.
    districts = _existing_by_code(within=tay_ninh, **district, **closed)
    missing = [area for area in data.districts if area.code not in districts]
    created = unit_bulk_create(
        units=[_new_unit(area, parent=tay_ninh, **district, **closed) for area in missing]
    )
    districts.update((unit.official_code, unit) for unit in created)
    count("districts", len(missing), len(data.districts))

    # Then every commune in one go: Tây Ninh's old communes under their districts, Long An's
    # straight under its committee (their districts are not in the files), and the new
    # communes and wards of 1 July 2025 straight under the province.
    groups = [
        (
            "communes_before",
            _existing_by_code(within=tay_ninh, **commune, **closed),
            [(area, districts[area.district_code], closed) for area in data.communes],
        ),
        (
            "long_an_communes",
            _existing_by_code(within=long_an, **commune, **closed),
            [(area, long_an, closed) for area in data.long_an_communes],
        ),
        (
            "communes_after",
            _existing_by_code(within=tay_ninh, **commune, **after),
            [(area, tay_ninh, after) for area in data.new_communes],
        ),
    ]
    fresh_units = []
    for group, existing, wanted_units in groups:
        missing = [row for row in wanted_units if row[0].code not in existing]
        fresh_units += [
            (existing, _new_unit(area, parent=parent, **commune, **validity))
            for area, parent, validity in missing
        ]
        count(group, len(missing), len(wanted_units))
    unit_bulk_create(units=[unit for _existing, unit in fresh_units])
    for existing, unit in fresh_units:
        existing[unit.official_code] = unit
    old_communes, long_an_communes, new_communes = (existing for _group, existing, _ in groups)
    return old_communes, long_an_communes, new_communes


def _import_successions(
    data,
    *,
    tay_ninh: OrgUnit,
    long_an: OrgUnit,
    communes: tuple[dict, dict, dict],
    summary: ImportSummary,
) -> None:
    """Who took over whom: Long An merged into Tây Ninh, the old communes into the new."""
    old_communes, long_an_communes, new_communes = communes
    predecessors = {**long_an_communes, **old_communes}
    wanted = [(long_an, tay_ninh, UnitSuccession.Kind.MERGED, PROVINCES_LEGAL_BASIS)] + [
        (
            predecessors[absorbed.old_code],
            new_communes[commune.code],
            absorbed.kind,
            COMMUNES_LEGAL_BASIS,
        )
        for commune in data.new_communes
        for absorbed in commune.absorbs
    ]
    successors = {tay_ninh.pk} | {unit.pk for unit in new_communes.values()}
    known = set(
        UnitSuccession.objects.filter(successor__in=successors).values_list(
            "predecessor_id", "successor_id"
        )
    )
    fresh = [
        UnitSuccession(
            predecessor=old,
            successor=new,
            kind=kind,
            effective_on=MERGER_DAY,
            legal_basis=basis,
        )
        for old, new, kind, basis in wanted
        if (old.pk, new.pk) not in known
    ]
    UnitSuccession.objects.bulk_create(fresh, batch_size=500)
    for kind, group in (
        (UnitSuccession.Kind.MERGED, "successions_merged"),
        (UnitSuccession.Kind.PARTIAL, "successions_partial"),
    ):
        summary.count(
            group,
            sum(1 for row in fresh if row.kind == kind),
            sum(1 for row in wanted if row[2] == kind),
        )


@transaction.atomic
def tay_ninh_import(*, data_dir: Path, by=None) -> ImportSummary:
    """Import (or complete) the Tây Ninh tree from `data_dir`, all or nothing.

    Every file is read and checked first; the writes then run in one transaction, so a broken
    file or a failure half-way leaves the database as it was.
    """
    data = tay_ninh_read(data_dir=data_dir)
    summary = ImportSummary()
    levels, front = _front_levels()
    tay_ninh, long_an = _import_provinces(data, levels=levels, front=front, summary=summary, by=by)
    communes = _import_communes(
        data, tay_ninh=tay_ninh, long_an=long_an, levels=levels, front=front, summary=summary
    )
    _import_successions(
        data, tay_ninh=tay_ninh, long_an=long_an, communes=communes, summary=summary
    )
    if summary.created_total:
        audit_record(
            actor=by,
            action="unit.import",
            target=tay_ninh,
            data={"source": str(data_dir), "created": dict(summary.created)},
        )
    return summary

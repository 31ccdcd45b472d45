"""A realistic synthetic dataset at national scale, for benchmarks (`manage.py generate_data`).

`generate(initiatives=1_000_000, units=20_000, years=10, seed=1)` fills an empty database with:

- a national-shaped tree: the central committee and its member organisations, the 34 provinces
  (real names) with their member organisations and departments, about 3,300 communes and wards
  (invented names) with theirs, then grassroots units (schools, health stations, enterprises,
  cooperatives, armed-force units, religious and ethnic communities, overseas associations)
  until `units` is reached. Ids are chosen up front above the current maximum, so every
  materialised path ("/1/7/42/") is computed here and the tree is inserted in one pass;
- one movement per five years through `movements.services.movement_create` (the plan's fields,
  criteria and grading scale), one round a year, the last one open;
- the initiatives, in Vietnamese composed from `synthetic_vocab`, with 1-4 authors whose shares
  add up to 100 (or a collective), filed mostly by grassroots units, more each year; states as a
  real movement has them (old years decided, the last year still drafting);
- for each council unit and round that reached a decision: a sealed council, its decisions,
  the recognitions (grades from the scale), a few nominations to the next level; with `sheets`,
  three submitted score sheets for every recognised initiative.

Speed: the big tables go through COPY on PostgreSQL and `executemany` of one prepared INSERT on
SQLite, a batch at a time (20,000 rows by default), all in one transaction: a failed run leaves
nothing behind. On SQLite the load runs with synchronous=OFF and a page cache big enough for the
indexes it keeps changing (the journal stays WAL); on PostgreSQL the foreign keys are checked as
the rows arrive, by the server, while this process composes the next batch. The text is cheap
random choices from one `random.Random(seed)`: the same seed gives the same dataset, whatever the
batch size. Nothing is dropped or disabled: every index and constraint is in place and checked.
A million initiatives take about four minutes on SQLite and five on PostgreSQL on two cores
(bench/generate.py measures it).
"""

import bisect
import datetime
import itertools
import random
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.models import Role, RoleMembership
from sangtao.appraisal.models import (
    Assignment,
    Council,
    CouncilMember,
    Decision,
    Nomination,
    Recognition,
    Score,
)
from sangtao.appraisal.services_standings import standings_fill_all
from sangtao.core.services import audit_record
from sangtao.initiatives.models import Initiative, InitiativeAuthor
from sangtao.initiatives.services import DOSSIER_FIELDS
from sangtao.initiatives.states import State
from sangtao.movements.models import Criterion, Field, Grade, Movement, Round
from sangtao.movements.services import FIRST_YEAR, movement_create, round_update
from sangtao.orgs.models import Level, OrgUnit, UnitKind
from sangtao.orgs.text import fold, unit_search_key

from . import synthetic_vocab as vocab

Progress = Callable[[str, int, int, float], None]

MOVEMENT_YEARS = 5  # one movement per plan period of five years
FIELD_NOISE = 0.08  # share of initiatives filed under another field than their unit's
COLLECTIVE_SHARE = 0.08
SAVING_CHANCE = 0.47  # of initiatives that are not ideas: about 40 % of all
CAMPAIGN_SHARE = 0.25
CONFIDENTIAL_SHARE = 0.04
MOVEMENT_THEME = (
    "Đoàn kết, năng động, sáng tạo thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội"
)

# The tree's proportions, as a share of the total number of units (20,000 gives 3,320 communes,
# 204 provincial member organisations, 170 departments and 4,900 commune member organisations).
COMMUNE_SHARE = 0.166
PROVINCE_ORG_SHARE = 0.0102
AGENCY_SHARE = 0.0085
COMMUNE_ORG_SHARE = 0.245
UNDER_PROVINCE_SHARE = 0.15  # of grassroots units, hanging under a province rather than a commune

# Who files initiatives: the share of all initiatives each group of units files.
FILING_SHARES = {
    "grassroots": 0.72,
    "commune_org": 0.11,
    "commune": 0.06,
    "province_org": 0.04,
    "agency": 0.035,
    "province": 0.01,
    "central": 0.005,
}
INITIATIVES_PER_FILER = 25  # one account for about this many initiatives of a unit

KINDS = [("initiative", 62), ("method", 18), ("idea", 15), ("invention", 5)]
AUTHOR_COUNTS = [(1, 45), (2, 30), (3, 17), (4, 8)]
SHARE_SPLITS = {
    1: [("100",)],
    2: [("50", "50"), ("60", "40"), ("70", "30"), ("80", "20")],
    3: [("50", "30", "20"), ("40", "30", "30"), ("33.34", "33.33", "33.33"), ("60", "20", "20")],
    4: [("40", "30", "20", "10"), ("25", "25", "25", "25"), ("30", "30", "20", "20")],
}

# What becomes of an initiative, by the age of its round. "forwarded" ones reach a council,
# which has decided (and sealed) with DONE_CHANCE, else they are still in appraisal.
FORWARDED = "forwarded"
STATE_MIX = {
    "old": [(State.WITHDRAWN, 6), (State.RETURNED, 3), (State.SUBMITTED, 5), (FORWARDED, 86)],
    "previous": [(State.WITHDRAWN, 5), (State.RETURNED, 6), (State.SUBMITTED, 14), (FORWARDED, 75)],
    "latest": [
        (State.DRAFT, 35),
        (State.SUBMITTED, 30),
        (State.RETURNED, 8),
        (State.WITHDRAWN, 3),
        (FORWARDED, 24),
    ],
}
DONE_CHANCE = {"old": 0.97, "previous": 0.55, "latest": 0.0}
RECOGNISED_CHANCE = 0.68
# Chance that a recognised initiative is proposed to the next level, by its grade's rank
# (0 the top grade).
NOMINATION_CHANCE = [0.45, 0.12, 0.02]
GRADE_MIX = [15, 45, 40]  # top, middle, lowest recognised grade
SHEETS_PER_INITIATIVE = 3
# The school years a school's name implies (first match wins).
SCHOOL_GRADES = [
    ("Tiểu học và THCS", (1, 9)),
    ("Tiểu học", (1, 5)),
    ("THCS", (6, 9)),
    ("THPT", (10, 12)),
]

STEPS = [
    "khảo sát thực trạng",
    "xây dựng kế hoạch chi tiết",
    "thiết kế giải pháp",
    "tập huấn cho người thực hiện",
    "áp dụng thử nghiệm",
    "lấy ý kiến góp ý",
    "đánh giá, điều chỉnh",
    "áp dụng chính thức",
    "tổng kết, nhân rộng",
]
STEP_TRIPLES = list(itertools.combinations(STEPS, 3))  # three steps, in the order they come


class GenerationRefused(Exception):
    """The database is not fit for generating (it holds initiatives, or the sizes are wrong)."""


# -- helpers ------------------------------------------------------------------------------------


def _bag(weighted: list[tuple[object, float]], size: int = 100) -> list:
    """A list to pick from with `choice`, holding each item about as often as its weight."""
    total = sum(weight for _item, weight in weighted)
    bag = []
    for item, weight in weighted:
        bag.extend([item] * max(1, round(size * weight / total)))
    return bag


def _pickers(rng: random.Random):
    """Faster stand-ins for `rng.choice` and `rng.randint` (a third of their cost)."""
    rnd = rng.random

    def pick(seq):
        return seq[int(rnd() * len(seq))]

    def between(low: int, high: int) -> int:
        return low + int(rnd() * (high - low + 1))

    return rnd, pick, between


_UUID_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID_SET = (4 << 76) | (0x8000 << 48)


def _uuid4_hex(bits: int) -> str:
    """A version-4 UUID from 128 random bits, as 32 hex digits (both databases take them)."""
    return f"{bits & _UUID_CLEAR | _UUID_SET:032x}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _money(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# Moments are whole seconds since 1 January 1970 in UTC ("instants") and dates are day numbers
# since then: cheap to draw and to add to, and written out through lookup tables.
DAY = 86_400
_EPOCH = datetime.date(1970, 1, 1)


def _instant(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> int:
    return (datetime.date(year, month, day) - _EPOCH).days * DAY + hour * 3600 + minute * 60


class _Formats:
    """Values as the database takes them in a COPY (PostgreSQL) or an INSERT (SQLite): dates and
    times as text (SQLite stores them so; PostgreSQL parses them), decimals as text on SQLite."""

    def __init__(self, vendor: str):
        if vendor not in {"postgresql", "sqlite"}:
            raise GenerationRefused(
                _("Synthetic data can be generated on SQLite and PostgreSQL only.")
            )
        self.postgres = vendor == "postgresql"
        self.zone = "+00" if self.postgres else ""  # SQLite keeps UTC without an offset
        self.days: dict[int, str] = {}
        self.clock = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY)]

    def day(self, number: int | None) -> str | None:
        if number is None:
            return None
        text = self.days.get(number)
        if text is None:
            text = self.days[number] = (_EPOCH + datetime.timedelta(days=number)).isoformat()
        return text

    def dt(self, instant: int) -> str:
        number, second = divmod(instant, DAY)
        return f"{self.day(number)} {self.clock[second]}{self.zone}"

    def decimal(self, value: Decimal | None):
        if value is None or self.postgres:
            return value
        return str(value)


class _Table:
    """Rows for one table, written in bulk: COPY on PostgreSQL, executemany elsewhere.

    `names` are the model's field names the rows give, in order; every other concrete column
    (but an auto id) gets its field's default, so a field added later with a default does not
    break the generator.
    """

    def __init__(self, model: type[models.Model], names: list[str], stopwatch: "_Stopwatch"):
        self.model = model
        self.stopwatch = stopwatch
        fields = {f.name: f for f in model._meta.concrete_fields}
        columns = [fields[name].column for name in names]
        extra = []
        for field in model._meta.concrete_fields:
            if field.name in names or field.primary_key:
                continue
            columns.append(field.column)
            extra.append(field.get_db_prep_save(field.get_default(), connection))
        self.extra = tuple(extra)
        quote = connection.ops.quote_name
        table, cols = quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
        if connection.vendor == "postgresql":
            self.sql = f"COPY {table} ({cols}) FROM STDIN"
        else:
            marks = ", ".join(["%s"] * len(columns))
            self.sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
        self.count = 0

    def write(self, rows: list[tuple]) -> None:
        if not rows:
            return
        started = time.perf_counter()
        if self.extra:
            rows = [row + self.extra for row in rows]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.copy(self.sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, rows)
        self.count += len(rows)
        self.stopwatch.seconds += time.perf_counter() - started


class _Stopwatch:
    """Seconds spent in the database, all tables together (the rest is composing rows)."""

    seconds = 0.0


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


# -- the tree -----------------------------------------------------------------------------------


class _Unit:
    """A unit being generated, with what the initiatives need to know of it."""

    __slots__ = (
        "id",
        "name",
        "short_name",
        "kind",
        "level",
        "parent",
        "path",
        "depth",
        "official_code",
        "place",
        "bare",
        "province",
        "group",
        "council",
        "country",
        "domains",
        "field",
        "users",
        "grades",
    )

    def __init__(self, uid, name, kind, level, parent, *, group, place="", bare="", short=""):
        self.id = uid
        self.name = name
        self.short_name = short
        self.kind = kind
        self.level = level
        self.parent = parent
        self.path = f"{parent.path if parent else '/'}{uid}/"
        self.depth = parent.depth + 1 if parent else 0
        self.official_code = ""
        self.place = place  # "xã Tân Hòa, tỉnh Cao Bằng"
        self.bare = bare  # "Tân Hòa"
        self.province = parent.province if parent else ""
        self.group = group
        self.council = None
        self.country = ""
        self.domains: list[str] = []
        self.field = vocab.KIND_FIELDS[kind]
        self.users: list[tuple[int, str, str]] = []
        self.grades = (1, 12)  # the school years its pupils are in


class _TreeBuilder:
    def __init__(self, rng: random.Random, first_id: int, holds_council: dict[str, bool]):
        self.rng = rng
        self.next_id = first_id
        self.holds_council = holds_council
        self.units: list[_Unit] = []

    def add(self, name, kind, level, parent, **extra) -> _Unit:
        unit = _Unit(self.next_id, name, kind, level, parent, **extra)
        self.next_id += 1
        if self.holds_council[kind]:
            unit.council = unit
        elif parent is not None:
            unit.council = parent.council
        self.units.append(unit)
        return unit

    def build(self, total: int) -> list[_Unit]:
        rng = self.rng
        provinces_n = min(len(vocab.PROVINCES), max(1, total // 20))
        central_orgs_n = min(len(vocab.CENTRAL_MEMBER_ORGS), total // 2000)
        overseas_n = min(len(vocab.OVERSEAS_COUNTRIES), total // 1000)
        communes_n = min(3321, max(provinces_n, round(total * COMMUNE_SHARE)))
        province_orgs_n = min(
            len(vocab.PROVINCE_MEMBER_ORGS) * provinces_n, round(total * PROVINCE_ORG_SHARE)
        )
        agencies_n = min(len(vocab.PROVINCE_AGENCIES) * provinces_n, round(total * AGENCY_SHARE))
        commune_orgs_n = min(
            len(vocab.COMMUNE_MEMBER_ORGS) * communes_n, round(total * COMMUNE_ORG_SHARE)
        )
        fixed = 1 + central_orgs_n + provinces_n + province_orgs_n + agencies_n + communes_n
        grassroots_n = total - fixed - commune_orgs_n
        if grassroots_n < 0:
            commune_orgs_n, grassroots_n = max(0, total - fixed), 0
        if fixed > total:
            raise GenerationRefused(_("Ask for at least %(count)s units.") % {"count": fixed})

        central = self.add(
            "Ủy ban Trung ương MTTQ Việt Nam", "front_committee", "central", None, group="central"
        )
        central.place = "cấp Trung ương"
        for name, short in vocab.CENTRAL_MEMBER_ORGS[:central_orgs_n]:
            unit = self.add(name, "member_org", "central", central, group="central", short=short)
            unit.place = "cấp Trung ương"

        chosen = sorted(rng.sample(vocab.PROVINCES, provinces_n))
        provinces = []
        for code, full_name, _communes in chosen:
            city = full_name.startswith("Thành phố ")
            bare = full_name.removeprefix("Thành phố ")
            label = f"thành phố {bare}" if city else f"tỉnh {bare}"
            unit = self.add(
                f"Ủy ban MTTQ Việt Nam {label}",
                "front_committee",
                "province",
                central,
                group="province",
                place=label,
                bare=bare,
            )
            unit.province = label
            unit.official_code = code
            provinces.append(unit)

        for index in range(province_orgs_n):
            province = provinces[index % provinces_n]
            name, short = vocab.PROVINCE_MEMBER_ORGS[index // provinces_n]
            youth = "Thành Đoàn" if province.province.startswith("thành phố") else "Tỉnh Đoàn"
            slots = {"p": province.province, "bare": province.bare, "youth": youth}
            self.add(
                name.format(**slots),
                "member_org",
                "province",
                province,
                group="province_org",
                place=province.province,
                bare=province.bare,
                short=short.format(**slots),
            )
        for index in range(agencies_n):
            province = provinces[index % provinces_n]
            name = vocab.PROVINCE_AGENCIES[index // provinces_n]
            self.add(
                name.format(p=province.province),
                "state_agency",
                "province",
                province,
                group="agency",
                place=province.province,
                bare=province.bare,
            )

        communes = self._communes(provinces, [c for _code, _name, c in chosen], communes_n)
        for index in range(commune_orgs_n):
            commune = communes[index % len(communes)]
            name, short = vocab.COMMUNE_MEMBER_ORGS[index // len(communes)]
            self.add(
                name.format(c=commune.short_name),
                "member_org",
                "commune",
                commune,
                group="commune_org",
                place=commune.place,
                bare=commune.bare,
                short=short.format(c=commune.short_name),
            )
        self._grassroots(central, provinces, communes, grassroots_n, overseas_n)
        for unit in self.units:
            self._set_domains(unit)
        return self.units

    def _communes(self, provinces, sizes, count) -> list[_Unit]:
        """Spread `count` communes over the provinces in proportion to their real sizes."""
        rng = self.rng
        total = sum(sizes)
        quotas = [count * size / total for size in sizes]
        shares = [int(q) for q in quotas]
        by_remainder = sorted(range(len(quotas)), key=lambda i: (shares[i] - quotas[i], i))
        for i in by_remainder[: count - sum(shares)]:
            shares[i] += 1
        communes, number = [], 0
        for province, share in zip(provinces, shares, strict=True):
            used: set[str] = set()
            ward_chance = 0.45 if province.province.startswith("thành phố") else 0.18
            for _number in range(share):
                bare = self._place_name(used)
                word = "phường" if rng.random() < ward_chance else "xã"
                number += 1
                unit = self.add(
                    f"Ủy ban MTTQ Việt Nam {word} {bare}",
                    "front_committee",
                    "commune",
                    province,
                    group="commune",
                    place=f"{word} {bare}, {province.province}",
                    bare=bare,
                )
                unit.short_name = f"{word} {bare}"
                unit.official_code = f"{number:05d}"
                communes.append(unit)
        return communes

    def _place_name(self, used: set[str]) -> str:
        rng = self.rng
        for _attempt in range(40):
            first, second = rng.choice(vocab.PLACE_FIRST), rng.choice(vocab.PLACE_SECOND)
            name = f"{first} {second}"
            if first != second and name not in used:
                used.add(name)
                return name
        name = f"{rng.choice(vocab.PLACE_FIRST)} {rng.choice(vocab.PLACE_SECOND)} {len(used)}"
        used.add(name)
        return name

    def _grassroots(self, central, provinces, communes, count, overseas) -> None:
        rng = self.rng
        taken: set[tuple[int, str]] = set()
        for country in vocab.OVERSEAS_COUNTRIES[: min(overseas, count)]:
            unit = self.add(
                f"Hội Người Việt Nam tại {country}",
                "community",
                "grassroots",
                central,
                group="grassroots",
                place=country,
                bare=country,
            )
            unit.country = country
            count -= 1
        kinds = _bag(vocab.GRASSROOTS_KINDS)
        for _number in range(count):
            kind = rng.choice(kinds)
            under_province = rng.random() < UNDER_PROVINCE_SHARE
            parent = rng.choice(provinces) if under_province else rng.choice(communes)
            templates = (vocab.PROVINCE_UNITS if under_province else vocab.COMMUNE_UNITS)[kind]
            for attempt in range(6):
                template = rng.choice(templates)
                country = rng.choice(vocab.OVERSEAS_COUNTRIES) if "{country}" in template else ""
                name = self._unit_name(template, parent, attempt, country)
                if (parent.id, name) not in taken:
                    break
            else:
                name = f"{name} số {len(taken)}"
            taken.add((parent.id, name))
            unit = self.add(
                name,
                kind,
                "grassroots",
                parent,
                group="grassroots",
                place=parent.place,
                bare=parent.bare,
            )
            unit.country = country

    def _unit_name(self, template: str, parent: _Unit, attempt: int, country: str) -> str:
        rng = self.rng
        commune_place = parent.short_name if parent.group == "commune" else parent.province
        return template.format(
            c=commune_place,
            p=parent.province,
            place=parent.bare if parent.group == "commune" else self._place_name(set()),
            bare=parent.bare,
            number=attempt + 1,
            person=rng.choice(vocab.FAMOUS_PEOPLE),
            brand=f"{rng.choice(vocab.BRAND_FIRST)} {rng.choice(vocab.BRAND_SECOND)}",
            line=rng.choice(vocab.BUSINESS_LINES),
            crop=rng.choice(vocab.CROPS),
            village_word=rng.choice(vocab.VILLAGE_WORDS),
            village=self._place_name(set()),
            ethnic=rng.choice(vocab.ETHNIC_GROUPS),
            pagoda=rng.choice(vocab.PAGODA_NAMES),
            flower=rng.choice(vocab.FLOWERS),
            regiment=rng.randint(1, 999),
            country=country,
        )

    def _set_domains(self, unit: _Unit) -> None:
        weighted = vocab.KIND_DOMAINS[unit.kind]
        if unit.country:
            weighted = [("overseas", 85), ("community", 15)]
        elif "Nông dân" in unit.name or "Hợp tác xã" in unit.name or "Tổ hợp tác" in unit.name:
            weighted = [("agriculture", 80), ("mass_org", 20)]
        elif "Giáo dục" in unit.name:
            weighted = [("education", 85), ("administration", 15)]
        elif "Y tế" in unit.name:
            weighted = [("health", 85), ("administration", 15)]
        unit.domains = _bag(weighted, 20)
        for marker, grades in SCHOOL_GRADES:
            if marker in unit.name:
                unit.grades = grades
                break


# -- people -------------------------------------------------------------------------------------


class _Names:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.rnd, self.pick, _between = _pickers(rng)
        surnames = [(name, share) for name, share in vocab.SURNAMES]
        self.surnames = [name for name, _share in surnames]
        cumulative, running = [], 0.0
        for _name, share in surnames:
            running += share
            cumulative.append(running)
        self.cumulative = cumulative
        self.total = running

    def person(self) -> str:
        rnd, pick = self.rnd, self.pick
        surname = self.surnames[bisect.bisect(self.cumulative, rnd() * self.total)]
        if rnd() < 0.5:
            return f"{surname} {pick(vocab.MIDDLE_MALE)} {pick(vocab.GIVEN_MALE)}"
        return f"{surname} {pick(vocab.MIDDLE_FEMALE)} {pick(vocab.GIVEN_FEMALE)}"


# -- the text of an initiative --------------------------------------------------------------------


class _Composer:
    """Composes the dossier of one initiative from the vocabulary of its domain."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.rnd, self.pick, self.between = _pickers(rng)
        self.domains = vocab.DOMAINS

    def numbers(self, template: str, slots: dict) -> str:
        """Fill a measured result: {a} < {b}, per cents when the template says so."""
        between = self.between
        if "%" in template:
            a = between(20, 80)
            b = between(a + 3, min(99, a + 40))
        else:
            a = between(2, 200)
            b = a + between(1, a + 10)
        return template.format(a=a, b=b, **slots)

    def dossier(self, unit: _Unit, domain: str, applied: str | None, saving: int | None) -> tuple:
        """(title, summary, essence, benefits, scope, conditions) of one initiative; `applied`
        is the day it was first applied ("2024-03-15"), None for an idea not tried yet.

        One task, goal, problem and result are drawn for the dossier and every part reuses
        them, so that the title, the summary and the description tell the same story.
        """
        rnd, ch, between = self.rnd, self.pick, self.between
        d = self.domains[domain]
        slots = {
            "grade": between(*unit.grades),
            "subject": ch(vocab.SUBJECTS),
            "crop": ch(vocab.CROPS).lower(),
            "ethnic": ch(vocab.ETHNIC_GROUPS),
            "country": unit.country or ch(vocab.OVERSEAS_COUNTRIES),
        }

        def pick(key: str) -> str:
            phrase = ch(d[key])
            return phrase.format_map(slots) if "{" in phrase else phrase

        task, goal, people = pick("tasks"), pick("goals"), pick("people")
        at = f"tại {unit.name}"
        approach, x = rnd(), rnd()
        if approach < 0.35:  # a technology applied to the task
            tech = ch(vocab.TECHNOLOGIES)
            thing = f"{tech} phục vụ {task}"
            if x < 0.4:
                title = f"Ứng dụng {tech} trong {task}"
            elif x < 0.6:
                title = f"Ứng dụng {tech} để {goal}"
            elif x < 0.8:
                title = f"Số hóa {pick('records')} bằng {tech}"
            else:
                title = f"Giải pháp {goal} bằng {tech}"
            summary = (
                f"{ch(vocab.INTRO_PHRASES)} {ch(('áp dụng', 'đưa', 'sử dụng'))} {tech} vào "
                f"{task} {at} nhằm {goal}."
            )
        elif approach < 0.55:  # a device people built
            device = pick("devices")
            thing = device
            if x < 0.45:
                title = f"{d['make']} {device} phục vụ {task}"
            elif x < 0.8:
                title = f"Sử dụng {device} để {goal}"
            else:
                title = f"{d['make']} {device}"
            summary = f"{ch(vocab.INTRO_PHRASES)} {d['make'].lower()} {device} {at} để {goal}."
        elif approach < 0.75:  # a practice
            model = pick("models")
            thing = f"mô hình “{model}”"
            if x < 0.5:
                title = f"Mô hình “{model}” {goal}"
            elif x < 0.8:
                title = f"Xây dựng mô hình “{model}” {at}"
            else:
                title = f"Mô hình “{model}” ở {unit.place}"
            summary = f"{ch(vocab.INTRO_PHRASES)} xây dựng {thing} {at} nhằm {goal}."
        else:  # a better way of working
            thing = f"quy trình {task} theo hướng {ch(vocab.PROCESS_DIRECTIONS)}"
            if x < 0.2:
                title = f"Cải tiến quy trình {task} {at}"
            elif x < 0.35:
                title = f"Đổi mới phương pháp {task}"
            elif x < 0.55:
                title = f"Một số biện pháp {goal} {at}"
            elif x < 0.7:
                title = f"Giải pháp {goal} {at}"
            elif x < 0.8:
                title = f"Kinh nghiệm {task} ở {unit.place}"
            elif x < 0.9:
                title = f"Số hóa {pick('records')} {at}"
            else:
                title = f"Mô hình {ch(vocab.SAVINGS)} {at}"
            summary = f"{ch(vocab.INTRO_PHRASES)} cải tiến cách {task}, giúp {goal}."
        if rnd() < 0.5:
            summary += f" Đối tượng hưởng lợi là {people} ở {unit.place}."

        problem = pick("problems")
        y = rnd()
        if y < 0.4:
            opening = f"{ch(vocab.PROBLEM_OPENERS)}, việc {task} {at} còn nhiều hạn chế: {problem}."
        elif y < 0.75:
            opening = f"{ch(vocab.PROBLEM_OPENERS)}, {problem}, ảnh hưởng đến {task}."
        else:
            opening = f"Thực tế ở {unit.place} cho thấy {problem}."
        sentences = [
            opening,
            f"{ch(vocab.AUTHOR_SUBJECTS)} {ch(vocab.SOLUTION_VERBS)} {thing} để {goal}.",
        ]
        if rnd() < 0.5:
            first, second, third = ch(STEP_TRIPLES)
            sentences.append(f"{ch(vocab.STEP_OPENERS)}: {first}, {second} và {third}.")
        result = self.numbers(ch(d["results"]), slots)
        if applied is not None and rnd() < 0.6:
            sentences.append(f"Sau {between(3, 24)} tháng áp dụng, {result}.")
        essence = " ".join(sentences)

        benefits = f"{_cap(result)}." if applied else f"Dự kiến {result}."
        if saving:
            benefits += f" Tiết kiệm khoảng {_money(saving)} đồng mỗi năm."
        if rnd() < 0.5:
            benefits += f" Khoảng {_money(between(20, 5000))} {people} được hưởng lợi trực tiếp."
        where = (
            f"{ch(vocab.SCOPE_OPENERS)} {unit.name} từ tháng {int(applied[5:7])}/{applied[:4]}"
            if applied
            else f"Dự kiến áp dụng tại {unit.name}"
        )
        wide = " trên cả nước" if rnd() < 0.3 else ""
        scope = f"{where}; có thể nhân rộng ra {pick('scopes')}{wide}."
        condition = ch(vocab.CONDITIONS)
        if "{" in condition:
            condition = condition.format(money=_money(between(2, 300) * 1_000_000), n=between(1, 6))
        conditions = f"Cần {condition}."
        return title[:500], summary, essence, benefits, scope, conditions


# -- councils -----------------------------------------------------------------------------------


class _Council:
    __slots__ = ("id", "unit", "round_index", "done", "sealed_at", "members")

    def __init__(self, cid, unit, round_index, done, sealed_at):
        self.id = cid
        self.unit = unit
        self.round_index = round_index
        self.done = done
        self.sealed_at = sealed_at
        self.members: list[int] = []


class _Decision:
    __slots__ = ("initiative_id", "council", "recognised", "tenths", "decided_at", "reason")

    def __init__(self, initiative_id, council, recognised, tenths, decided_at, reason):
        self.initiative_id = initiative_id
        self.council = council
        self.recognised = recognised
        self.tenths = tenths  # the council's total × 10, before any score sheets
        self.decided_at = decided_at
        self.reason = reason


# -- the generator ------------------------------------------------------------------------------


class _Generator:
    def __init__(self, *, initiatives, units, years, seed, sheets, progress, batch, last_year):
        self.total = initiatives
        self.units_total = units
        self.years = years
        self.seed = seed
        self.sheets = sheets
        self.progress = progress
        self.batch = batch
        self.last_year = last_year
        self.rng = random.Random(seed)
        self.rnd, self.pick, self.between = _pickers(self.rng)
        self.formats = _Formats(connection.vendor)
        self.names = _Names(self.rng)
        self.counts: dict[str, int] = {}
        self.seconds: dict[str, float] = {}
        self.writing = _Stopwatch()
        self.today = timezone.localdate()

    # .. timing and progress ..

    def _table(self, model: type[models.Model], names: list[str]) -> _Table:
        return _Table(model, names, self.writing)

    def _report(self, step: str, done: int, total: int, started: float) -> None:
        if self.progress is not None:
            self.progress(step, done, total, time.perf_counter() - started)

    # .. the steps ..

    def run(self) -> dict:
        self._checks_as_rows_arrive(True)
        self._tree()
        self._movements()
        self._users()
        self._initiatives()
        self._councils()
        self._reset_sequences()
        if self.sheets:
            standings_fill_all()  # the ranking reads the figures stored per dossier
        self._checks_as_rows_arrive(False)
        audit_record(
            actor=None,
            action="synthetic.generate",
            target=self.movements[-1],
            data={"seed": self.seed, "counts": dict(self.counts)},
        )
        self.seconds["writing"] = self.writing.seconds
        return {**self.counts, "states": dict(self.states)}

    def _tree(self) -> None:
        started = time.perf_counter()
        kinds = {kind.code: kind for kind in UnitKind.objects.all()}
        levels = {level.code: level for level in Level.objects.all()}
        builder = _TreeBuilder(
            self.rng, _next_id(OrgUnit), {code: kind.holds_council for code, kind in kinds.items()}
        )
        self.tree = builder.build(self.units_total)
        created_at = self.formats.dt(_instant(self.last_year - self.years + 1, 1, 1))
        table = self._table(
            OrgUnit,
            [
                "id",
                "name",
                "short_name",
                "kind",
                "level",
                "parent",
                "official_code",
                "path",
                "depth",
                "search_key",
                "created_at",
            ],
        )
        rows = [
            (
                unit.id,
                unit.name,
                unit.short_name,
                kinds[unit.kind].pk,
                levels[unit.level].pk,
                unit.parent.id if unit.parent else None,
                unit.official_code,
                unit.path,
                unit.depth,
                unit_search_key(name=unit.name, short_name=unit.short_name),
                created_at,
            )
            for unit in self.tree
        ]
        for start in range(0, len(rows), self.batch):
            table.write(rows[start : start + self.batch])
        self.counts["units"] = len(rows)
        self.seconds["units"] = time.perf_counter() - started
        self._report("units", len(rows), len(rows), started)

    def _movements(self) -> None:
        """One movement per five years through the service, rounds one a year, the last open."""
        first_year = self.last_year - self.years + 1
        central = self.tree[0]
        central_unit = OrgUnit.objects.get(pk=central.id)
        self.movements: list[Movement] = []
        self.rounds: list[Round] = []
        for start in range(first_year, self.last_year + 1, MOVEMENT_YEARS):
            end = min(start + MOVEMENT_YEARS - 1, self.last_year)
            movement = movement_create(
                unit=central_unit,
                name=f"Đoàn kết sáng tạo {start}-{end}",
                start_year=start,
                end_year=end,
                theme=MOVEMENT_THEME,
                plan_reference=f"Kế hoạch số {start % 100:02d}/KH-MTTW-BTT",
                by=None,
            )
            self.movements.append(movement)
            self.rounds.extend(movement.rounds.order_by("year"))
        for index, round_ in enumerate(self.rounds):
            age = self._age(index)
            status = {
                "latest": Round.Status.OPEN,
                "previous": Round.Status.APPRAISAL,
                "old": Round.Status.CLOSED,
            }[age]
            round_update(
                round_=round_,
                data={
                    "status": status,
                    "opens_on": datetime.date(round_.year, 1, 2),
                    "closes_on": datetime.date(round_.year, 9, 30),
                },
                by=None,
            )
        self.fields = {
            m.pk: {f.code: f.pk for f in Field.objects.filter(movement=m)} for m in self.movements
        }
        self.field_codes = sorted(set(vocab.KIND_FIELDS.values()))
        self.campaigns = {
            m.pk: sorted(m.campaigns.values_list("pk", flat=True)) for m in self.movements
        }
        self.grades = {
            m.pk: [
                (g.pk, g.min_total, g.recognised)
                for g in Grade.objects.filter(movement=m).order_by("-min_total")
            ]
            for m in self.movements
        }
        self.criteria = {
            m.pk: list(
                Criterion.objects.filter(movement=m)
                .order_by("order", "pk")
                .values_list("pk", "min_score", "max_score")
            )
            for m in self.movements
        }
        self.counts["movements"] = len(self.movements)
        self.counts["rounds"] = len(self.rounds)

    def _age(self, round_index: int) -> str:
        last = len(self.rounds) - 1
        if round_index == last:
            return "latest"
        return "previous" if round_index == last - 1 else "old"

    def _users(self) -> None:
        """Accounts of the people who file initiatives, more in units that file more."""
        started = time.perf_counter()
        rng = self.rng
        groups: dict[str, list[_Unit]] = {}
        for unit in self.tree:
            groups.setdefault(unit.group, []).append(unit)
        share_total = sum(FILING_SHARES[g] for g in groups)
        filers, cumulative, running = [], [], 0.0
        for group in FILING_SHARES:
            members = groups.get(group, [])
            for unit in members:
                weight = FILING_SHARES[group] / share_total / len(members)
                weight *= rng.lognormvariate(0, 0.75)
                running += weight
                filers.append(unit)
                cumulative.append(running)
        self.filers, self.filer_weights, self.filer_total = filers, cumulative, running

        User = get_user_model()
        next_id = _next_id(User)
        joined = self.formats.dt(_instant(self.last_year - self.years + 1, 1, 1))
        users, memberships = [], []
        previous = 0.0
        for unit, cumulative_weight in zip(filers, cumulative, strict=True):
            expected = self.total * (cumulative_weight - previous) / running
            previous = cumulative_weight
            count = min(300, 1 + int(expected // INITIATIVES_PER_FILER))
            holds_council = unit.council is unit
            if holds_council:
                count = max(count, SHEETS_PER_INITIATIVE if self.sheets else 1)
            positions = vocab.POSITIONS[unit.kind]
            for number in range(count):
                full_name = self.names.person()
                position = rng.choice(positions)
                username = f"{fold(full_name).replace(' ', '')}{next_id}"
                # "!…" is an unusable password: these people never sign in.
                users.append(
                    (next_id, username, "!synthetic", full_name, position, unit.id, joined)
                )
                unit.users.append((next_id, full_name, position))
                memberships.append((next_id, Role.AUTHOR, unit.id, joined))
                if holds_council and number == 0:
                    memberships.append((next_id, Role.OFFICER, unit.id, joined))
                elif holds_council and self.sheets and number < SHEETS_PER_INITIATIVE:
                    memberships.append((next_id, Role.COUNCIL_MEMBER, unit.id, joined))
                next_id += 1
        user_table = self._table(
            User, ["id", "username", "password", "full_name", "position", "unit", "date_joined"]
        )
        membership_table = self._table(RoleMembership, ["user", "role", "unit", "created_at"])
        for start in range(0, len(users), self.batch):
            user_table.write(users[start : start + self.batch])
        for start in range(0, len(memberships), self.batch):
            membership_table.write(memberships[start : start + self.batch])
        self.counts["users"] = len(users)
        self.counts["role_memberships"] = len(memberships)
        self.seconds["users"] = time.perf_counter() - started
        self._report("users", len(users), len(users), started)

    # .. initiatives ..

    def _window(self, year: int) -> tuple[int, int]:
        """When initiatives of a round are filed: from 2 January to 30 September (not after
        yesterday), as a start instant and a length in seconds."""
        start = _instant(year, 1, 2, 8)
        end = _instant(year, 9, 30, 17)
        yesterday = _instant(self.today.year, self.today.month, self.today.day) - DAY
        end = max(start + 3600, min(end, yesterday))
        return start, end - start

    def _initiatives(self) -> None:
        started = time.perf_counter()
        rng, f = self.rng, self.formats
        rnd, ch, randint = _pickers(rng)
        composer = _Composer(rng)
        uuids = random.Random(f"public-id:{self.seed}:{_next_id(Initiative)}")
        first_id = _next_id(Initiative)
        initiatives = self._table(
            Initiative,
            [
                "id",
                "public_id",
                "state",
                *DOSSIER_FIELDS,
                "appraisal_unit",
                "created_by",
                "created_at",
                "updated_at",
                "submitted_at",
                "state_since",
            ],
        )
        authors = self._table(
            InitiativeAuthor,
            ["initiative", "user", "full_name", "unit_name", "position", "share", "order"],
        )
        campaign_links = self._table(Initiative.campaigns.through, ["initiative", "campaign"])

        year_weights, running = [], 0.0
        for index in range(len(self.rounds)):
            running += 1 + 0.12 * index
            year_weights.append(running)
        windows = [self._window(r.year) for r in self.rounds]
        ages = [self._age(i) for i in range(len(self.rounds))]
        state_bags = {age: _bag(mix) for age, mix in STATE_MIX.items()}
        kinds = _bag(KINDS)
        author_counts = _bag(AUTHOR_COUNTS)
        splits = {
            n: [tuple(f.decimal(Decimal(s)) for s in split) for split in options]
            for n, options in SHARE_SPLITS.items()
        }
        confidential = '["essence"]'
        filers, weights, weight_total = self.filers, self.filer_weights, self.filer_total
        self.councils: dict[tuple[int, int], _Council] = {}
        self.council_next = _next_id(Council)
        self.decisions: list[_Decision] = []
        self.nominations: list[tuple[int, _Council, _Unit, int]] = []
        self.states: Counter = Counter()

        rows, author_rows, link_rows = [], [], []
        for offset in range(self.total):
            initiative_id = first_id + offset
            unit = filers[bisect.bisect(weights, rnd() * weight_total)]
            round_index = bisect.bisect(year_weights, rnd() * running)
            round_ = self.rounds[round_index]
            movement_id = round_.movement_id
            field_code = unit.field if rnd() >= FIELD_NOISE else ch(self.field_codes)
            kind = ch(kinds)
            age = ages[round_index]
            state = ch(state_bags[age])
            window_start, window_length = windows[round_index]
            created = window_start + int(rnd() * window_length)
            saving = None
            if kind != "idea" and rnd() < SAVING_CHANCE:
                saving = int(rng.lognormvariate(17, 1.2)) // 100_000 * 100_000 or 500_000
            applied = None
            if kind != "idea" or rnd() < 0.2:
                applied = f.day(created // DAY - randint(30, 400))
            title, summary, essence, benefits, scope, conditions = composer.dossier(
                unit, ch(unit.domains), applied, saving
            )
            submitted = None
            if state != State.DRAFT:
                submitted = min(
                    created + randint(1, 30) * DAY + randint(0, 36000),
                    window_start + window_length,
                )
            updated = submitted or created
            appraisal_unit = None
            if state == FORWARDED and unit.council is None:
                state = State.SUBMITTED  # no unit above holds a council (kinds were edited)
            elif state == FORWARDED:
                state, appraisal_unit, decided = self._appraise(initiative_id, unit, round_index)
                updated = max(updated, decided or updated)
            self.states[state] += 1
            filer_id, filer_name, filer_position = ch(unit.users)
            is_collective = rnd() < COLLECTIVE_SHARE
            collective_name = ""
            if is_collective:
                collective_name = f"{ch(vocab.COLLECTIVES[unit.kind])}, {unit.name}"[:255]
            else:
                count = ch(author_counts)
                shares = ch(splits[count])
                author_rows.append(
                    (initiative_id, filer_id, filer_name, unit.name, filer_position, shares[0], 0)
                )
                positions = vocab.POSITIONS[unit.kind]
                for order in range(1, count):
                    author_rows.append(
                        (
                            initiative_id,
                            None,
                            self.names.person(),
                            unit.name,
                            ch(positions),
                            shares[order],
                            order,
                        )
                    )
            if rnd() < CAMPAIGN_SHARE and self.campaigns[movement_id]:
                link_rows.append((initiative_id, ch(self.campaigns[movement_id])))
            secret = rnd() < CONFIDENTIAL_SHARE
            rows.append(
                (
                    initiative_id,
                    _uuid4_hex(uuids.getrandbits(128)),
                    state,
                    kind,
                    title,
                    round_.pk,
                    self.fields[movement_id][field_code],
                    unit.id,
                    summary,
                    essence,
                    applied,
                    scope,
                    benefits,
                    saving,
                    conditions,
                    confidential if secret else "[]",
                    "Tác giả đề nghị giữ bí mật phần mô tả chi tiết do đang đăng ký bảo hộ."
                    if secret
                    else "",
                    is_collective,
                    collective_name,
                    appraisal_unit.id if appraisal_unit else None,
                    filer_id,
                    f.dt(created),
                    f.dt(updated),
                    f.dt(submitted) if submitted else None,
                    f.dt(updated),  # the state was reached at the last step
                )
            )
            if len(rows) >= self.batch:
                self._flush(initiatives, rows, authors, author_rows, campaign_links, link_rows)
                rows, author_rows, link_rows = [], [], []
                self._report("initiatives", offset + 1, self.total, started)
        if rows or not self.total:
            self._flush(initiatives, rows, authors, author_rows, campaign_links, link_rows)
            self._report("initiatives", self.total, self.total, started)
        self.counts["initiatives"] = initiatives.count
        self.counts["authors"] = authors.count
        self.counts["campaign_links"] = campaign_links.count
        self.seconds["initiatives"] = time.perf_counter() - started

    @staticmethod
    def _flush(initiatives, rows, authors, author_rows, links, link_rows) -> None:
        initiatives.write(rows)
        authors.write(author_rows)
        links.write(link_rows)

    def _council(self, unit: _Unit, round_index: int) -> _Council:
        key = (unit.id, round_index)
        council = self.councils.get(key)
        if council is None:
            rng = self.rng
            age = self._age(round_index)
            done = rng.random() < DONE_CHANCE[age]
            year = self.rounds[round_index].year
            # Lower councils finish first, so that what they propose reaches the next level.
            sealed_at = (
                _instant(year, 12, 28, 9)
                - (20 * unit.depth + self.between(0, 8)) * DAY
                - self.between(0, 480) * 60
            )
            council = _Council(self.council_next, unit, round_index, done, sealed_at)
            self.council_next += 1
            self.councils[key] = council
        return council

    def _decide(self, initiative_id: int, council: _Council) -> _Decision:
        rng = self.rng
        recognised = rng.random() < RECOGNISED_CHANCE
        grades = self.grades[self.rounds[council.round_index].movement_id]
        passing = [g for g in grades if g[2]]
        if recognised and passing:
            rank = min(bisect.bisect(_GRADE_CUMULATIVE, rng.random() * 100), len(passing) - 1)
            low = int(passing[rank][1] * 10)
            high = int(passing[rank - 1][1] * 10) - 1 if rank else 995
            tenths = self.between(low, max(low, high))
        else:
            recognised = False
            floor = int(passing[-1][1] * 10) if passing else 600
            tenths = self.between(min(350, floor - 1), floor - 1)
        decided_at = council.sealed_at - self.between(0, 3) * DAY - self.between(1, 300) * 60
        reason = "" if recognised else self.pick(vocab.NOT_RECOGNISED_REASONS)
        decision = _Decision(initiative_id, council, recognised, tenths, decided_at, reason)
        self.decisions.append(decision)
        return decision

    def _appraise(self, initiative_id: int, unit: _Unit, round_index: int) -> tuple:
        """The council part of a forwarded initiative: (state, appraisal unit, last decision)."""
        council = self._council(unit.council, round_index)
        if not council.done:
            return State.IN_APPRAISAL, council.unit, None
        decision = self._decide(initiative_id, council)
        if not decision.recognised:
            return State.NOT_RECOGNISED, council.unit, decision.decided_at
        upper = council.unit.parent.council if council.unit.parent else None
        grades = self.grades[self.rounds[round_index].movement_id]
        rank = sum(1 for g in grades if g[2] and g[1] * 10 > decision.tenths)
        chance = NOMINATION_CHANCE[min(rank, len(NOMINATION_CHANCE) - 1)]
        if upper is None or self.rng.random() >= chance:
            return State.RECOGNISED, council.unit, decision.decided_at
        target = self._council(upper, round_index)
        nominated_at = council.sealed_at + self.between(1, 4) * DAY + self.between(0, 600) * 60
        self.nominations.append((initiative_id, council, upper, nominated_at))
        if not target.done:
            return State.IN_APPRAISAL, upper, nominated_at
        second = self._decide(initiative_id, target)
        state = State.RECOGNISED if second.recognised else State.NOT_RECOGNISED
        return state, upper, second.decided_at

    # .. councils and their results ..

    def _councils(self) -> None:
        started = time.perf_counter()
        f = self.formats
        councils = sorted(self.councils.values(), key=lambda c: c.id)
        member_next = _next_id(CouncilMember)
        council_rows, member_rows = [], []
        for council in councils:
            round_ = self.rounds[council.round_index]
            chair_id, chair_name, _position = council.unit.users[0]
            signs = "MTTQ" if council.unit.kind == "front_committee" else "HĐTĐ"
            decided_on = _instant(round_.year, 9, self.between(1, 15), 8)
            council_rows.append(
                (
                    council.id,
                    round_.pk,
                    council.unit.id,
                    f"Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới "
                    f"năm {round_.year} – {council.unit.name}"[:255],
                    f"{self.between(1, 350)}/QĐ-{signs}",
                    f.day(decided_on // DAY),
                    chair_name,
                    f.day(_instant(round_.year, 11, 30) // DAY),
                    f.dt(council.sealed_at) if council.done else None,
                    chair_id if council.done else None,
                    f.dt(decided_on),
                )
            )
            seats = council.unit.users[: SHEETS_PER_INITIATIVE if self.sheets else 1]
            for number, (user_id, _name, position) in enumerate(seats):
                role = CouncilMember.Role.CHAIR if number == 0 else CouncilMember.Role.MEMBER
                member_rows.append((member_next, council.id, user_id, role, position))
                council.members.append(member_next)
                member_next += 1
        council_table = self._table(
            Council,
            [
                "id",
                "round",
                "unit",
                "name",
                "decision_number",
                "decision_date",
                "decision_signer",
                "scoring_deadline",
                "sealed_at",
                "sealed_by",
                "created_at",
            ],
        )
        member_table = self._table(CouncilMember, ["id", "council", "user", "role", "title"])
        council_table.write(council_rows)
        member_table.write(member_rows)
        self.counts["councils"] = council_table.count
        self.counts["council_members"] = member_table.count
        self._report("councils", len(council_rows), len(council_rows), started)

        decisions = self._table(
            Decision,
            [
                "council",
                "initiative",
                "outcome",
                "grade",
                "total",
                "reason",
                "decided_by",
                "decided_at",
            ],
        )
        recognitions = self._table(
            Recognition, ["initiative", "council", "unit", "grade", "total", "recognised_at"]
        )
        assignments = self._table(
            Assignment,
            [
                "id",
                "public_id",
                "council",
                "initiative",
                "member",
                "assigned_by",
                "assigned_at",
                "state",
                "overall_comment",
                "total",
                "version",
                "updated_at",
                "submitted_at",
            ],
        )
        scores = self._table(Score, ["assignment", "criterion", "value"])
        assignment_next = _next_id(Assignment)
        uuids = random.Random(f"assignment-id:{self.seed}:{assignment_next}")
        decision_rows, recognition_rows, assignment_rows, score_rows = [], [], [], []
        total = len(self.decisions)
        for done, decision in enumerate(self.decisions, start=1):
            council = decision.council
            movement_id = self.rounds[council.round_index].movement_id
            grades = self.grades[movement_id]
            chair_id = council.unit.users[0][0]
            total_value = Decimal(decision.tenths) / 10
            if self.sheets and decision.recognised:
                sheet_totals = []
                criteria = self.criteria[movement_id]
                floor = int(next(g[1] for g in reversed(grades) if g[2]))
                for member_id in council.members[:SHEETS_PER_INITIATIVE]:
                    values = self._sheet(decision.tenths / 10, floor, criteria)
                    sheet_total = sum(values)
                    sheet_totals.append(sheet_total)
                    submitted = (
                        decision.decided_at - self.between(1, 10) * DAY - self.between(0, 600) * 60
                    )
                    assignment_rows.append(
                        (
                            assignment_next,
                            _uuid4_hex(uuids.getrandbits(128)),
                            council.id,
                            decision.initiative_id,
                            member_id,
                            chair_id,
                            f.dt(submitted - self.between(5, 20) * DAY),
                            Assignment.State.SUBMITTED,
                            self.pick(vocab.OVERALL_COMMENTS),
                            f.decimal(Decimal(sheet_total)),
                            1,
                            f.dt(submitted),
                            f.dt(submitted),
                        )
                    )
                    for (criterion_id, _low, _high), value in zip(criteria, values, strict=True):
                        score_rows.append(
                            (assignment_next, criterion_id, f.decimal(Decimal(value)))
                        )
                    assignment_next += 1
                total_value = (Decimal(sum(sheet_totals)) / len(sheet_totals)).quantize(
                    Decimal("0.01")
                )
            grade_id = None
            if decision.recognised:
                grade_id = next(g[0] for g in grades if g[2] and g[1] <= total_value)
            total_db = f.decimal(total_value.quantize(Decimal("0.01")))
            decision_rows.append(
                (
                    council.id,
                    decision.initiative_id,
                    Decision.Outcome.RECOGNISED
                    if decision.recognised
                    else Decision.Outcome.NOT_RECOGNISED,
                    grade_id,
                    total_db,
                    decision.reason,
                    chair_id,
                    f.dt(decision.decided_at),
                )
            )
            if decision.recognised:
                recognition_rows.append(
                    (
                        decision.initiative_id,
                        council.id,
                        council.unit.id,
                        grade_id,
                        total_db,
                        f.dt(council.sealed_at),
                    )
                )
            if len(decision_rows) >= self.batch or done == total:
                decisions.write(decision_rows)
                recognitions.write(recognition_rows)
                assignments.write(assignment_rows)
                scores.write(score_rows)
                decision_rows, recognition_rows, assignment_rows, score_rows = [], [], [], []
                self._report("decisions", done, total, started)
        nominations = self._table(
            Nomination,
            ["initiative", "from_council", "to_unit", "nominated_by", "nominated_at"],
        )
        nominations.write(
            [
                (initiative_id, council.id, target.id, council.unit.users[0][0], f.dt(at))
                for initiative_id, council, target, at in self.nominations
            ]
        )
        self.counts["decisions"] = decisions.count
        self.counts["recognitions"] = recognitions.count
        self.counts["nominations"] = nominations.count
        self.counts["sheets"] = assignments.count
        self.counts["scores"] = scores.count
        self.seconds["councils"] = time.perf_counter() - started

    def _sheet(self, target: float, floor: int, criteria: list[tuple[int, int, int]]) -> list[int]:
        """One member's whole-number scores, adding up to about `target` (never below `floor`:
        every member of a council that recognised the initiative passed it)."""
        rng = self.rng
        highest = sum(high for _pk, _low, high in criteria)
        total = min(highest, max(floor, round(target + rng.gauss(0, 3))))
        size = len(criteria)
        values = [total // size] * size
        for index in rng.sample(range(size), total % size):
            values[index] += 1
        for _move in range(2):
            give, take = rng.randrange(size), rng.randrange(size)
            if values[give] > criteria[give][1] and values[take] < criteria[take][2]:
                values[give] -= 1
                values[take] += 1
        return values

    @staticmethod
    def _checks_as_rows_arrive(immediate: bool) -> None:
        """Check PostgreSQL's foreign keys row by row while the rows arrive, then defer again.

        Django declares them DEFERRABLE INITIALLY DEFERRED: left so, a million rows queue
        millions of checks that all run at COMMIT, in one process, after the load. Checked
        immediately, the server runs them while this process composes the next batch.
        """
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET CONSTRAINTS ALL {'IMMEDIATE' if immediate else 'DEFERRED'}")

    def _reset_sequences(self) -> None:
        """After rows with chosen ids, PostgreSQL's sequences must start above them."""
        models_with_ids = [
            OrgUnit,
            get_user_model(),
            Initiative,
            Council,
            CouncilMember,
            Assignment,
        ]
        statements = connection.ops.sequence_reset_sql(no_style(), models_with_ids)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


_GRADE_CUMULATIVE = [sum(GRADE_MIX[: i + 1]) for i in range(len(GRADE_MIX))]


# -- the bulk-load settings of the connection -----------------------------------------------------


def _bulk_load_begin(initiatives: int) -> bool:
    """Faster writes for the load, when we own the connection (not inside a transaction).

    On SQLite the whole load is one transaction: its cache must hold the indexes it keeps
    changing, or every spilled page is written and read again. About 3 KiB an initiative
    (between 256 MiB and 4 GiB) keeps a million in memory; it is given back at the end.
    """
    if connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=OFF")
            cache_kib = min(4 * 1024 * 1024, max(256 * 1024, 3 * initiatives))
            cursor.execute(f"PRAGMA cache_size=-{cache_kib}")
            cursor.execute("PRAGMA temp_store=MEMORY")
    return True


def _bulk_load_end() -> None:
    """Back to the ordinary settings of the connection."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA cache_size=-2000")
            cursor.execute("PRAGMA temp_store=DEFAULT")


def _analyze() -> None:
    """Fresh statistics for the query planner, and (SQLite) the write-ahead log folded back."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            cursor.execute("ANALYZE")


def _latest_year() -> int:
    """The last round's year: this year, once a month of it has passed."""
    today = timezone.localdate()
    return today.year if today.month > 1 else today.year - 1


def generate(
    *,
    initiatives: int,
    units: int,
    years: int,
    seed: int,
    sheets: bool = False,
    progress: Progress | None = None,
    append: bool = False,
    batch: int = 20_000,
    last_year: int | None = None,
) -> dict:
    """Fill the database with a synthetic movement; returns the counts and the seconds taken.

    `progress(step, done, total, seconds)` is called after every batch. Refuses (with
    `GenerationRefused`) a database that already holds initiatives unless `append`.
    """
    latest = _latest_year()
    last_year = latest if last_year is None else last_year
    if initiatives < 0 or years < 1 or units < 3 or batch < 1:
        raise GenerationRefused(
            _("Ask for at least 3 units, 1 year and a batch of at least 1 row.")
        )
    if not FIRST_YEAR + years - 1 <= last_year <= latest:
        raise GenerationRefused(
            _("The last year must lie between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR + years - 1, "last": latest}
        )
    existing = Initiative.objects.count()
    if existing and not append:
        raise GenerationRefused(
            _("The database already holds %(count)s initiatives: add --append to add more.")
            % {"count": existing}
        )
    generator = _Generator(
        initiatives=initiatives,
        units=units,
        years=years,
        seed=seed,
        sheets=sheets,
        progress=progress,
        batch=batch,
        last_year=last_year,
    )
    started = time.perf_counter()
    own_connection = _bulk_load_begin(initiatives)
    try:
        with transaction.atomic():
            result = generator.run()
            committing = time.perf_counter()
        generator.seconds["commit"] = time.perf_counter() - committing
    finally:
        if own_connection:
            _bulk_load_end()
    generator.seconds["total"] = time.perf_counter() - started
    if own_connection:
        analyzing = time.perf_counter()
        _analyze()
        generator.seconds["analyze"] = time.perf_counter() - analyzing
    result["seconds"] = dict(generator.seconds)
    return result


def compose_texts(count: int, seed: int) -> list[tuple[str, str]]:
    """`count` (title, summary) pairs written as generate_data writes its dossiers, for the
    benches that need texts of their own (the novelty check's labelled set, the load test's
    drafts)."""
    rng = random.Random(seed)
    composer = _Composer(rng)
    domains = sorted(vocab.DOMAINS)
    places = ["xã Tân Hòa", "phường Tân Ninh", "xã Phước Vinh", "xã Long Thuận", "thị trấn Gò Dầu"]
    kinds = ["Trường THCS", "Hợp tác xã", "Hội Nông dân", "Trạm Y tế", "Công ty TNHH"]
    texts = []
    for _number in range(count):
        place = rng.choice(places)
        unit = SimpleNamespace(
            name=f"{rng.choice(kinds)} {place.split(' ', 1)[1]}",
            place=place,
            grades=(6, 9),
            country="",
        )
        title, summary, *_rest = composer.dossier(unit, rng.choice(domains), "2024-03-15", None)
        texts.append((title, summary))
    return texts

"""Benchmark of the saves people make under load: what one request writes and how it commits.

    DATABASE_URL=postgres://.../copy .venv/bin/python bench/saves.py [--runs 30]
    DATABASE_URL=sqlite:///$PWD/var/copy.sqlite3 .venv/bin/python bench/saves.py
    .venv/bin/python bench/saves.py   # a throwaway PostgreSQL with its durable defaults
                                      # (WITH_POSTGRES_DURABLE=1 scripts/with-postgres), filled
                                      # by generate_data: 20,000 units, 10 years, --initiatives

Runs on the database it is given (a copy of the national data: it adds a commune of its own
with an author, a clerk, a council's secretary and a member, their drafts and score sheets,
through the services). Each save is sent `--runs` times through Django's test Client as the
page's form sends it: a council member's score sheet saved as a draft (what the load test
does most), an author's draft saved, a draft submitted, a submitted dossier forwarded by the
clerk, a message of the council's discussion. Per save it prints the statements of one
request (savepoints apart), the commits (a write outside any transaction commits on its own and
counts as one), how many of them come after the save's own commit (its after-commit steps:
the search index, e-mails), the savepoints, and p50/p95 ms of the POST alone (the page that
builds the form is fetched first, untimed). Before the figures: the database's durability
settings read from the server, the machine's cores and the load averages before and after
(the machine may be shared: read the figures beside them).
"""

import argparse
import datetime
import logging
import os
import statistics
import sys
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench" / "load"))

PG_SETTINGS = (
    "server_version",
    "fsync",
    "synchronous_commit",
    "full_page_writes",
    "commit_delay",
    "commit_siblings",
    "shared_buffers",
    "wal_buffers",
    "jit",
)
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class Counter:
    """Counts what one request sends to the database: statements, savepoints, commits."""

    def __init__(self, connection):
        self.connection = connection
        self.statements = self.savepoints = self.commits = self.after = 0
        self._after_commit = False
        commit, hooks = connection._commit, connection.run_and_clear_commit_hooks

        def counted_commit():
            self.commits += 1
            self.after += self._after_commit
            return commit()

        def counted_hooks():
            self._after_commit = True
            try:
                return hooks()
            finally:
                self._after_commit = False

        connection._commit = counted_commit
        connection.run_and_clear_commit_hooks = counted_hooks

    def __call__(self, execute, sql, params, many, context):
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if head in ("SAVEPOINT", "RELEASE", "ROLLBACK"):
            self.savepoints += head == "SAVEPOINT"
        else:
            self.statements += 1
            # A write outside any transaction is a transaction (and a commit) of its own.
            if head in WRITES and self.connection.get_autocommit():
                self.commits += 1
                self.after += self._after_commit
        return execute(sql, params, many, context)

    @contextmanager
    def request(self):
        self.statements = self.savepoints = self.commits = self.after = 0
        with self.connection.execute_wrapper(self):
            yield


def database_settings(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            values = []
            for name in PG_SETTINGS:
                cursor.execute(f"SHOW {name}")
                values.append(f"{name}={cursor.fetchone()[0]}")
            return "PostgreSQL " + ", ".join(values)
        values = []
        for name in ("journal_mode", "synchronous"):
            cursor.execute(f"PRAGMA {name}")
            values.append(f"{name}={cursor.fetchone()[0]}")
        return "SQLite " + ", ".join(values) + " (synchronous: 1 = NORMAL, 2 = FULL)"


def dataset(connection) -> str:
    from sangtao.initiatives.models import Initiative
    from sangtao.movements.models import Round
    from sangtao.orgs.models import OrgUnit

    years = Round.objects.values("year").distinct().count()
    return (
        f"{Initiative.objects.count():,} initiatives, {OrgUnit.objects.count():,} units, "
        f"{years} years of rounds"
    )


def build(runs: int) -> dict:
    """A commune of the bench's own under the open round's province, with its people and
    papers, made through the services (kept: later runs make another)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from sangtao.accounts.models import Role, RoleMembership, User
    from sangtao.appraisal import services as appraisal
    from sangtao.appraisal.models import CouncilMember
    from sangtao.initiatives import services as initiatives
    from sangtao.movements.models import Round
    from sangtao.orgs.models import Level, OrgUnit, UnitKind
    from sangtao.orgs.services import unit_create

    stamp = time.strftime("%H%M%S")
    round_ = (
        Round.objects.filter(status=Round.Status.OPEN)
        .select_related("movement__unit")
        .order_by("movement__unit__depth", "id")
        .first()
    )
    province = round_.movement.unit
    district = OrgUnit.objects.filter(parent=province).order_by("id").first() or province
    with transaction.atomic():
        commune = unit_create(
            name=f"Ủy ban MTTQ Việt Nam xã Thử Lưu {stamp}",
            kind=UnitKind.objects.get(code="front_committee"),
            level=Level.objects.get(code="commune"),
            parent=district,
        )
        school = unit_create(
            name=f"Trường THCS Thử Lưu {stamp}",
            kind=UnitKind.objects.get(code="school"),
            level=Level.objects.get(code="grassroots"),
            parent=commune,
        )
        people = {}
        for kind, role, unit in [
            ("author", Role.AUTHOR, school),
            ("clerk", Role.CLERK, commune),
            ("secretary", Role.SECRETARY, commune),
            ("member", Role.COUNCIL_MEMBER, commune),
        ]:
            people[kind] = User.objects.create(
                username=f"saves_{kind}_{stamp}",
                password=make_password(None),
                full_name=f"Người thử lưu {kind}",
                email=f"saves_{kind}_{stamp}@example.vn",
                unit=unit,
            )
            RoleMembership.objects.create(user=people[kind], role=role, unit=unit)
        dossier = {
            "kind": "initiative",
            "round": round_,
            "field": round_.movement.fields.order_by("order").first(),
            "unit": school,
            "summary": "Số hóa hồ sơ hội viên của Hội Nông dân xã. Cập nhật trên điện thoại.",
            "essence": "Xây dựng cơ sở dữ liệu hội viên và cập nhật trên điện thoại.",
            "first_applied_on": datetime.date(round_.year, 3, 1),
            "application_scope": "Các chi hội trong xã",
            "benefits": "Giảm thời gian tổng hợp báo cáo từ 5 ngày xuống 1 ngày.",
            "yearly_saving_vnd": 12_500_000,
            "conditions": "Có điện thoại thông minh",
        }
        author = [{"full_name": "Trần Thị Hoa", "unit_name": "Hội Nông dân", "share": Decimal(100)}]

        def draft(n: int):
            data = dossier | {"title": f"Sổ hội viên điện tử số {n} ({stamp})"}
            return initiatives.initiative_create(by=people["author"], data=data, authors=author)

        drafts = [draft(n) for n in range(runs + 1)]
        council = appraisal.council_create(
            round=round_,
            unit=commune,
            by=people["secretary"],
            data={
                "name": f"Hội đồng thử lưu {stamp}",
                "appraisers_per_initiative": 1,
                "reveal_after_submit": False,  # the member joins the discussion at once
            },
        )
        secretary = people["secretary"]
        appraisal.council_member_add(
            council=council, user=secretary, role=CouncilMember.Role.SECRETARY, by=secretary
        )
        seat = appraisal.council_member_add(
            council=council, user=people["member"], role=CouncilMember.Role.MEMBER, by=secretary
        )
        scored = []
        for n in range(3):
            made = draft(1000 + n)
            initiatives.initiative_submit(initiative=made, by=people["author"])
            initiatives.initiative_forward(initiative=made, by=people["clerk"])
            scored.append(made)
        sheets = [
            appraisal.assignment_create(council=council, initiative=i, member=seat, by=secretary)
            for i in scored
        ]
    return {
        "people": people,
        "draft": drafts[0],
        "to_submit": drafts[1:],
        "sheets": sheets,
        "council": council,
        "discussed": scored[0],
    }


def saves(made: dict):
    """Per save: (name, who, prepare(client, n) -> (url, data))."""
    import random

    from forms import form_of

    def sheet(client, n):
        url = f"/councils/sheets/{made['sheets'][n % len(made['sheets'])].public_id}/"
        fields = form_of(client.get(url).content.decode(), "score_")
        for name in fields:
            if name.startswith("score_"):
                fields[name] = str(random.randint(5, 15))
        return url, fields | {"action": "save"}

    def draft(client, n):
        url = f"/initiatives/{made['draft'].public_id}/edit/"
        fields = form_of(client.get(url).content.decode(), "summary")
        fields["summary"] = f"Số hóa hồ sơ hội viên. Đã thử lại lần thứ {n} trong tháng."
        return url, fields

    def submit(client, n):
        return f"/initiatives/{made['to_submit'][n].public_id}/submit/", {}

    def forward(client, n):
        return f"/initiatives/{made['to_submit'][n].public_id}/forward/", {"reason": ""}

    def comment(client, n):
        council, initiative = made["council"], made["discussed"]
        url = f"/councils/{council.pk}/initiatives/{initiative.public_id}/discussion/"
        return url, {"text": f"Đề nghị bổ sung số liệu lần {n}.", "next": "/"}

    return [
        ("score sheet (draft)", "member", sheet),
        ("dossier draft", "author", draft),
        ("dossier submit", "author", submit),
        ("forward", "clerk", forward),
        ("council comment", "member", comment),
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30, help="requests of each save")
    parser.add_argument(
        "--initiatives", type=int, default=20_000, help="generated without DATABASE_URL"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        # As production runs: PostgreSQL's durable defaults, a national tree over ten years.
        python = ROOT / ".venv" / "bin" / "python"
        script = (
            'export DATABASE_URL=$TEST_POSTGRES_URL && "$0" manage.py migrate -v0 && '
            '"$0" manage.py generate_data --initiatives "$1" --units 20000 --years 10 && '
            'exec "$0" bench/saves.py --runs "$2"'
        )
        os.chdir(ROOT)
        os.environ["WITH_POSTGRES_DURABLE"] = "1"
        command = ["scripts/with-postgres", "sh", "-c", script, str(python)]
        os.execv(command[0], [*command, str(args.initiatives), str(args.runs)])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["testserver"]
    logging.disable(logging.WARNING)  # each request's log line
    load_before = os.getloadavg()
    print(f"== machine: {os.cpu_count()} cores (shared with other work: read the load averages)")
    print(f"== database: {database_settings(connection)}")
    print(f"== dataset: {dataset(connection)}")
    print("== load average before: {:.2f} {:.2f} {:.2f}".format(*load_before))
    made = build(args.runs)
    counter = Counter(connection)
    print(
        f"{'save':<22}{'statements':>11}{'commits':>8}{'after':>7}{'savepoints':>11}"
        f"{'p50 ms':>8}{'p95 ms':>8}{'runs':>6}"
    )
    for name, who, prepare in saves(made):
        client = Client()
        client.force_login(made["people"][who])
        times, counts = [], set()
        for n in range(args.runs):
            url, data = prepare(client, n)
            with counter.request():
                started = time.perf_counter()
                response = client.post(url, data)
                times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 302:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
            counts.add((counter.statements, counter.commits, counter.after, counter.savepoints))
        statements, commits, after, savepoints = (
            "/".join(str(v) for v in sorted({c[i] for c in counts})) for i in range(4)
        )
        print(
            f"{name:<22}{statements:>11}{commits:>8}{after:>7}{savepoints:>11}"
            f"{statistics.median(times):>8.1f}{percentile(times, 0.95):>8.1f}{args.runs:>6}"
        )
    print("== load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()

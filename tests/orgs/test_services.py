"""Writes to the tree: creating one or many units, moving a subtree, closing a unit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangtao.core.models import AuditEvent
from sangtao.orgs.models import OrgUnit, UnitSuccession
from sangtao.orgs.services import unit_bulk_create, unit_close, unit_create, unit_move

from .. import factories as f


def updates_of_path(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and '"path" =' in q["sql"]]


@pytest.fixture
def chain(db):
    """root > a > b > c, and another root x > y."""
    root = f.make_unit("Gốc")
    a = f.make_unit("A", parent=root)
    b = f.make_unit("B", parent=a)
    c = f.make_unit("C", parent=b)
    x = f.make_unit("X")
    y = f.make_unit("Y", parent=x)
    return {"root": root, "a": a, "b": b, "c": c, "x": x, "y": y}


def test_unit_create_sets_path_depth_and_search_key(db):
    parent = f.make_unit("Ủy ban MTTQ Việt Nam tỉnh Tây Ninh")
    unit = unit_create(
        name="Ủy ban MTTQ Việt Nam phường Tân Ninh",
        short_name="Phường Tân Ninh",
        kind=f.kind("front_committee"),
        level=f.level("commune"),
        parent=parent,
    )
    unit.refresh_from_db()
    assert unit.path == f"/{parent.pk}/{unit.pk}/"
    assert unit.depth == 1
    assert unit.search_key == "uy ban mttq viet nam phuong tan ninh"


def test_unit_create_records_an_audit_event_when_someone_acts(db):
    user = f.make_user()
    unit = unit_create(
        name="Hội Nông dân", kind=f.kind("member_org"), level=f.level("province"), by=user
    )
    event = AuditEvent.objects.get(action="unit.create")
    assert (event.actor, event.target_id) == (user, str(unit.pk))


def test_unit_bulk_create_writes_paths_in_one_insert_and_one_update(db):
    parent = f.make_unit("Tỉnh")
    rows = [
        OrgUnit(
            name=f"Xã Đông {i}",
            parent=parent,
            kind=f.kind("front_committee"),
            level=f.level("commune"),
        )
        for i in range(30)
    ]
    with CaptureQueriesContext(connection) as queries:
        created = unit_bulk_create(units=rows)
    statements = [q["sql"].split()[0] for q in queries if q["sql"].split()[0] != "SAVEPOINT"]
    assert [s for s in statements if s in {"INSERT", "UPDATE"}] == ["INSERT", "UPDATE"]
    stored = {u.pk: u for u in OrgUnit.objects.filter(parent=parent)}
    assert len(stored) == 30
    for unit in created:
        assert stored[unit.pk].path == unit.path == f"{parent.path}{unit.pk}/"
        assert stored[unit.pk].depth == 1
    assert stored[created[0].pk].search_key == "xa dong 0"


def test_unit_bulk_create_under_many_parents_and_at_the_top(chain):
    a, y = chain["a"], chain["y"]
    created = unit_bulk_create(
        units=[
            OrgUnit(name="Gốc mới", kind=f.kind("other"), level=f.level("central")),
            OrgUnit(name="Dưới A", parent=a, kind=f.kind("other"), level=f.level("grassroots")),
            OrgUnit(name="Dưới Y", parent=y, kind=f.kind("other"), level=f.level("grassroots")),
        ],
        by=f.make_user(),
    )
    top, under_a, under_y = created
    stored = {
        u.pk: (u.path, u.depth) for u in OrgUnit.objects.filter(pk__in=[u.pk for u in created])
    }
    assert stored == {
        top.pk: (f"/{top.pk}/", 0),
        under_a.pk: (f"{a.path}{under_a.pk}/", 2),
        under_y.pk: (f"{y.path}{under_y.pk}/", 2),
    }
    assert [u.path for u in created] == [stored[u.pk][0] for u in created]
    assert AuditEvent.objects.get(action="unit.bulk_create").data == {"count": 3}


def test_unit_move_rewrites_the_subtree_paths_in_one_update(chain):
    root, a, b, c, x = chain["root"], chain["a"], chain["b"], chain["c"], chain["x"]
    with CaptureQueriesContext(connection) as queries:
        unit_move(unit=a, new_parent=x)
    assert len(updates_of_path(queries.captured_queries)) == 1
    for unit in (a, b, c):
        unit.refresh_from_db()
    assert a.parent == x
    assert a.path == f"/{x.pk}/{a.pk}/"
    assert b.path == f"/{x.pk}/{a.pk}/{b.pk}/"
    assert c.path == f"/{x.pk}/{a.pk}/{b.pk}/{c.pk}/"
    assert (a.depth, b.depth, c.depth) == (1, 2, 3)
    root.refresh_from_db()
    assert root.path == f"/{root.pk}/"


def test_unit_move_to_the_top_lowers_depth(chain):
    b, c = chain["b"], chain["c"]
    unit_move(unit=b, new_parent=None)
    b.refresh_from_db()
    c.refresh_from_db()
    assert (b.parent, b.path, b.depth) == (None, f"/{b.pk}/", 0)
    assert (c.path, c.depth) == (f"/{b.pk}/{c.pk}/", 1)


def test_unit_move_deeper_raises_depth(chain):
    x, y = chain["x"], chain["y"]
    unit_move(unit=x, new_parent=chain["c"])
    y.refresh_from_db()
    assert y.depth == 5
    assert y.path == f"{chain['c'].path}{x.pk}/{y.pk}/"


@pytest.mark.parametrize("target", ["a", "c"])
def test_unit_move_under_itself_is_refused(chain, target):
    before = dict(OrgUnit.objects.values_list("pk", "path"))
    with pytest.raises(ValidationError) as error:
        unit_move(unit=chain["a"], new_parent=chain[target])
    assert error.value.code == "move_under_itself"
    assert dict(OrgUnit.objects.values_list("pk", "path")) == before


def test_unit_move_records_an_audit_event(chain):
    b, x = chain["b"], chain["x"]
    old_path = b.path
    unit_move(unit=b, new_parent=x, by=f.make_user(is_superuser=True))
    event = AuditEvent.objects.get(action="unit.move")
    assert event.data == {"from": old_path, "to": f"/{x.pk}/{b.pk}/"}


def test_unit_close_ends_the_day_before_and_records_successions(chain):
    on = datetime.date(2025, 7, 1)
    b, c, y = chain["b"], chain["c"], chain["y"]
    unit_close(
        unit=b,
        on=on,
        successors=[(c, UnitSuccession.Kind.MERGED), (y, UnitSuccession.Kind.PARTIAL)],
        legal_basis="Nghị quyết 1682/NQ-UBTVQH15",
        by=f.make_user(),
    )
    b.refresh_from_db()
    assert b.valid_to == datetime.date(2025, 6, 30)
    assert sorted(
        UnitSuccession.objects.filter(predecessor=b).values_list(
            "successor__name", "kind", "effective_on", "legal_basis"
        )
    ) == [
        ("C", "merged", on, "Nghị quyết 1682/NQ-UBTVQH15"),
        ("Y", "partial", on, "Nghị quyết 1682/NQ-UBTVQH15"),
    ]
    assert AuditEvent.objects.get(action="unit.close").data == {
        "on": "2025-07-01",
        "successors": [c.pk, y.pk],
    }


def test_unit_close_twice_updates_the_succession(chain):
    b, c = chain["b"], chain["c"]
    unit_close(unit=b, on=datetime.date(2025, 7, 1), successors=[(c, "partial")])
    unit_close(unit=b, on=datetime.date(2025, 8, 1), successors=[(c, "merged")])
    succession = UnitSuccession.objects.get(predecessor=b)
    assert (succession.kind, succession.effective_on) == ("merged", datetime.date(2025, 8, 1))
    b.refresh_from_db()
    assert b.valid_to == datetime.date(2025, 7, 31)

"""The Tây Ninh import against the real files shipped in sangtao/orgs/data/vn-admin."""

import datetime
import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

import sangtao
from sangtao.core.models import AuditEvent
from sangtao.orgs.importers import (
    BEFORE_FILE,
    MERGES_FILE,
    PACKAGED_DATA_DIR,
    ImportDataError,
    default_data_dir,
    tay_ninh_import,
)
from sangtao.orgs.models import OrgUnit, UnitSuccession

from .. import factories as f

DATA_DIR = default_data_dir()
LAST_OLD_DAY = datetime.date(2025, 6, 30)
MERGER_DAY = datetime.date(2025, 7, 1)


def test_reference_data_ships_with_the_project(monkeypatch):
    monkeypatch.delenv("SANGTAO_SHARED_DATA", raising=False)
    folder = default_data_dir()
    assert folder == PACKAGED_DATA_DIR
    assert folder.is_relative_to(Path(sangtao.__file__).parent)
    for name in (BEFORE_FILE, MERGES_FILE, "provinces-2025.csv", "README.md"):
        assert (folder / name).is_file(), name
    assert "MIT" in (folder / "LICENSE-dvhcvn-20250701.txt").read_text(encoding="utf-8")


def run_import(data_dir=DATA_DIR) -> str:
    out = io.StringIO()
    call_command("import_tay_ninh", data_dir=data_dir, stdout=out)
    return out.getvalue()


@pytest.fixture
def imported(db):
    run_import()
    return {
        "central": OrgUnit.objects.get(name="Ủy ban Trung ương MTTQ Việt Nam"),
        "tay_ninh": OrgUnit.objects.get(name="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"),
        "long_an": OrgUnit.objects.get(name="Ủy ban MTTQ Việt Nam tỉnh Long An"),
    }


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "vn-admin"
    shutil.copytree(DATA_DIR, folder)
    return folder


def new_commune(code: str) -> OrgUnit:
    return OrgUnit.objects.get(official_code=code, valid_from=MERGER_DAY)


def test_import_builds_the_province_under_the_central_committee(imported):
    central, tay_ninh = imported["central"], imported["tay_ninh"]
    assert (central.level.code, central.parent_id, central.depth) == ("central", None, 0)
    assert tay_ninh.parent_id == central.pk
    assert (tay_ninh.level.code, tay_ninh.kind.code) == ("province", "front_committee")
    assert (tay_ninh.official_code, tay_ninh.short_name) == ("80", "Tỉnh Tây Ninh")
    assert (tay_ninh.valid_from, tay_ninh.valid_to) == (None, None)
    assert tay_ninh.path == f"/{central.pk}/{tay_ninh.pk}/"
    assert OrgUnit.objects.count() == 1 + 2 + 9 + 94 + 186 + 96


def test_import_creates_nine_districts_closed_on_30_june_2025(imported):
    districts = OrgUnit.objects.filter(level__code="district")
    assert districts.count() == 9
    assert set(districts.values_list("parent_id", "valid_to", "depth").distinct()) == {
        (imported["tay_ninh"].pk, LAST_OLD_DAY, 2)
    }
    city = districts.get(official_code="703")
    assert (city.name, city.short_name) == (
        "Ủy ban MTTQ Việt Nam thành phố Tây Ninh",
        "Thành phố Tây Ninh",
    )


def test_import_creates_94_old_communes_under_their_districts(imported):
    old = OrgUnit.objects.filter(level__code="commune", parent__level__code="district")
    assert old.count() == 94
    assert set(old.values_list("valid_to", flat=True)) == {LAST_OLD_DAY}
    ward = old.get(official_code="25456")
    assert ward.name == "Ủy ban MTTQ Việt Nam phường 1"
    assert ward.parent.official_code == "703"
    assert ward.path == f"{ward.parent.path}{ward.pk}/"
    assert ward.depth == 3


def test_import_creates_96_new_communes_straight_under_the_province(imported):
    new = OrgUnit.objects.filter(parent=imported["tay_ninh"], level__code="commune")
    assert new.count() == 96
    assert set(new.values_list("valid_from", "valid_to", "depth").distinct()) == {
        (MERGER_DAY, None, 2)
    }
    assert new.filter(short_name__startswith="Phường ").count() == 14
    assert new.filter(short_name__startswith="Xã ").count() == 82


def test_import_closes_long_an_and_hangs_its_old_communes_under_it(imported):
    long_an = imported["long_an"]
    assert (long_an.parent_id, long_an.official_code, long_an.valid_to) == (
        imported["central"].pk,
        "80",
        LAST_OLD_DAY,
    )
    communes = OrgUnit.objects.filter(parent=long_an)
    assert communes.count() == 186
    assert set(communes.values_list("level__code", "valid_to").distinct()) == {
        ("commune", LAST_OLD_DAY)
    }
    succession = UnitSuccession.objects.get(predecessor=long_an)
    assert succession.successor == imported["tay_ninh"]
    assert (succession.kind, succession.effective_on, succession.legal_basis) == (
        "merged",
        MERGER_DAY,
        "Nghị quyết 202/2025/QH15",
    )


def test_import_records_every_merge_of_the_communes(imported):
    communes = UnitSuccession.objects.filter(legal_basis="Nghị quyết 1682/NQ-UBTVQH15")
    assert communes.count() == 302
    assert communes.filter(kind="partial").count() == 43
    assert communes.filter(kind="merged").count() == 259
    assert set(communes.values_list("effective_on", flat=True)) == {MERGER_DAY}
    assert UnitSuccession.objects.count() == 303


def test_import_phuong_tan_ninh_absorbs_five_wards_and_part_of_thai_binh(imported):
    tan_ninh = new_commune("25459")
    assert tan_ninh.name == "Ủy ban MTTQ Việt Nam phường Tân Ninh"
    absorbed = {
        (s.predecessor.short_name, s.kind, s.predecessor.valid_to)
        for s in UnitSuccession.objects.filter(successor=tan_ninh).select_related("predecessor")
    }
    assert absorbed == {
        ("Phường 1", "merged", LAST_OLD_DAY),
        ("Phường 3", "merged", LAST_OLD_DAY),
        ("Phường 4", "merged", LAST_OLD_DAY),
        ("Phường Hiệp Ninh", "merged", LAST_OLD_DAY),
        ("Phường 2", "merged", LAST_OLD_DAY),
        ("Xã Thái Bình", "partial", LAST_OLD_DAY),
    }


def test_import_keeps_a_reused_code_apart_from_the_old_unit(imported):
    # 25459 was Phường 3 until 30/06/2025 and is Phường Tân Ninh since 01/07/2025.
    units = OrgUnit.objects.filter(official_code="25459").order_by(
        F("valid_to").asc(nulls_last=True)
    )
    assert [(u.short_name, u.valid_from, u.valid_to) for u in units] == [
        ("Phường 3", None, LAST_OLD_DAY),
        ("Phường Tân Ninh", MERGER_DAY, None),
    ]


def test_import_splits_a_partly_merged_commune_between_its_successors(imported):
    thai_binh = OrgUnit.objects.get(official_code="25597", valid_to=LAST_OLD_DAY)
    successors = UnitSuccession.objects.filter(predecessor=thai_binh)
    assert sorted(successors.values_list("successor__official_code", "kind")) == [
        ("25459", "partial"),
        ("25585", "partial"),
    ]


def test_import_twice_creates_nothing_new(imported):
    units, successions = OrgUnit.objects.count(), UnitSuccession.objects.count()
    paths = dict(OrgUnit.objects.values_list("pk", "path"))

    summary = tay_ninh_import(data_dir=DATA_DIR)

    assert summary.created_total == 0
    assert summary.existing["communes_after"] == 96
    assert summary.existing["successions_partial"] == 43
    assert OrgUnit.objects.count() == units
    assert UnitSuccession.objects.count() == successions
    assert dict(OrgUnit.objects.values_list("pk", "path")) == paths


def test_import_records_one_audit_event_and_none_when_nothing_changes(db):
    first = tay_ninh_import(data_dir=DATA_DIR)
    tay_ninh_import(data_dir=DATA_DIR)
    events = AuditEvent.objects.filter(action="unit.import")
    assert events.count() == 1
    assert events.get().data["created"] == dict(first.created)
    assert first.created_total == 388 + 303


def test_import_prints_counts(db):
    output = run_import()
    assert output.count(": 96 ") == 1
    assert ": 186 " in output and ": 94 " in output and ": 43 " in output


def test_import_reuses_units_made_by_hand(tree):
    # The test tree holds the central committee and a Tây Ninh committee without its code.
    tay_ninh_import(data_dir=DATA_DIR)
    tree["province"].refresh_from_db()
    assert OrgUnit.objects.filter(level__code="central").count() == 1
    assert tree["province"].official_code == "80"
    assert OrgUnit.objects.filter(parent=tree["province"], valid_from=MERGER_DAY).count() == 96
    assert OrgUnit.objects.filter(name="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh").count() == 1


def test_import_reads_the_folder_from_the_environment(db, data_copy, monkeypatch):
    monkeypatch.setenv("SANGTAO_SHARED_DATA", str(data_copy.parent))
    assert default_data_dir() == data_copy
    monkeypatch.setenv("SANGTAO_SHARED_DATA", str(data_copy))
    assert default_data_dir() == data_copy
    call_command("import_tay_ninh", stdout=io.StringIO())
    assert OrgUnit.objects.count() == 388


def test_import_of_truncated_json_saves_nothing(db, data_copy):
    merges = data_copy / MERGES_FILE
    merges.write_text(merges.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run_import(data_copy)
    assert MERGES_FILE in str(error.value)
    assert OrgUnit.objects.count() == 0
    assert UnitSuccession.objects.count() == 0


def test_import_with_a_bad_merge_type_in_the_last_commune_saves_nothing(db, data_copy):
    merges = data_copy / MERGES_FILE
    document = json.loads(merges.read_text(encoding="utf-8"))
    last = document["data"][0]["level2s"][-1]
    last["merges"][-1]["type"] = "most"
    merges.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run_import(data_copy)
    assert f"{last['level2_id']} {last['name']}" in str(error.value)
    assert "most" in str(error.value)
    assert OrgUnit.objects.count() == 0


def test_import_of_a_csv_row_of_another_province_names_the_line(db, data_copy):
    before = data_copy / BEFORE_FILE
    lines = before.read_text(encoding="utf-8").splitlines()
    lines[40] = lines[40].replace("72,", "74,", 1)
    before.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportDataError) as error:
        tay_ninh_import(data_dir=data_copy)
    assert f"{BEFORE_FILE}, " in str(error.value)
    assert " 41" in str(error.value)
    assert "74" in str(error.value)
    assert OrgUnit.objects.count() == 0


def test_import_from_a_missing_folder_fails_clearly(db, tmp_path):
    with pytest.raises(CommandError) as error:
        run_import(tmp_path / "nowhere")
    assert str(tmp_path / "nowhere") in str(error.value)


def test_import_after_a_failure_still_completes(db, data_copy):
    merges = data_copy / MERGES_FILE
    merges.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError):
        run_import(data_copy)
    shutil.copy(DATA_DIR / MERGES_FILE, merges)
    run_import(data_copy)
    assert OrgUnit.objects.count() == 388
    assert f.level("commune").orgunit_set.count() == 94 + 186 + 96

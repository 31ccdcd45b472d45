"""The open data: exactly the public records, as CSV that LibreOffice opens and JSON that
json.load reads, rebuilt atomically by a command that a systemd timer runs."""

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from sangtao.api.opendata import opendata_build, opendata_dir
from sangtao.initiatives.states import State

ROOT = Path(__file__).resolve().parents[2]
SOFFICE = shutil.which("soffice")
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")


@pytest.fixture
def records(make_initiative, tree):
    public = [
        make_initiative(title="Máy gieo hạt cải tiến", confidential_sections=["benefits"]),
        make_initiative(title="Sổ tay hội viên điện tử", unit=tree["other_school"]),
    ]
    make_initiative(State.DRAFT, title="Bản nháp riêng")
    make_initiative(State.IN_APPRAISAL, title="Đang thẩm định")
    return public


def test_files_hold_exactly_the_public_records(records):
    manifest = opendata_build(batch=1)

    folder = opendata_dir()
    raw = (folder / "initiatives.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM, for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    data = json.loads((folder / "initiatives.json").read_text(encoding="utf-8"))
    expected = {str(i.public_id) for i in records}
    assert {row["public_id"] for row in rows} == {item["public_id"] for item in data} == expected
    assert manifest["rows"] == 2 and manifest["licence"] == "CC BY 4.0"
    by_title = {item["title"]: item for item in data}
    assert by_title["Máy gieo hạt cải tiến"]["benefits"] == ""
    assert by_title["Máy gieo hạt cải tiến"]["yearly_saving_vnd"] is None
    assert by_title["Sổ tay hội viên điện tử"]["yearly_saving_vnd"] == 12_500_000
    assert by_title["Sổ tay hội viên điện tử"]["first_applied_on"] == "2018-03-01"
    assert by_title["Sổ tay hội viên điện tử"]["authors"] == ["Trần Thị Hoa"]
    text = raw.decode("utf-8-sig") + json.dumps(data, ensure_ascii=False)
    assert "Bản nháp riêng" not in text and "Đang thẩm định" not in text
    assert not list(folder.glob("*.tmp-*"))


def test_empty_database_gives_valid_empty_files(db):
    manifest = opendata_build()

    assert manifest["rows"] == 0
    assert json.loads((opendata_dir() / "initiatives.json").read_text()) == []
    header = (opendata_dir() / "initiatives.csv").read_text(encoding="utf-8-sig").splitlines()
    assert header == [",".join(manifest["columns"])]


def test_command_prints_rows_per_second(records):
    out = io.StringIO()

    call_command("opendata_build", stdout=out)

    assert "Đã ghi 2 sáng kiến" in out.getvalue()
    assert "dòng/giây" in out.getvalue()


def test_page_states_licence_build_time_and_counts(client, records):
    empty = client.get("/api/open-data/")
    assert "Các tệp chưa được tạo." in empty.content.decode()
    opendata_build()

    page = client.get("/api/open-data/").content.decode()

    assert "CC BY 4.0" in page
    assert 'id="row-count">2<' in page
    assert 'href="/api/open-data/initiatives.csv"' in page
    assert 'href="/api/docs"' in page and 'href="/api/openapi.json"' in page
    download = client.get("/api/open-data/initiatives.csv")
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"\xef\xbb\xbf")
    assert client.get("/api/open-data/manifest.json").status_code == 200
    assert client.get("/api/open-data/..%2Fprivate").status_code == 404
    assert client.get("/api/open-data/other.csv").status_code == 404


def test_a_failed_build_keeps_the_previous_files(records, monkeypatch):
    opendata_build()
    before = (opendata_dir() / "initiatives.json").read_bytes()

    def broken(*args, **kwargs):
        yield {"title": "nửa chừng"}
        raise RuntimeError("mất kết nối")

    monkeypatch.setattr("sangtao.api.opendata.public_rows_batched", broken)
    with pytest.raises((RuntimeError, KeyError)):
        opendata_build()

    assert (opendata_dir() / "initiatives.json").read_bytes() == before
    assert not list(opendata_dir().glob("*.tmp-*"))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_csv(records, tmp_path):
    opendata_build()
    source = tmp_path / "initiatives.csv"
    shutil.copy(opendata_dir() / "initiatives.csv", source)

    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            # What LibreOffice's import dialog offers for this file: comma, quote, UTF-8.
            "--infilter=CSV:44,34,76",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "out" / "initiatives.xlsx").active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["public_id", "title", "kind"]
    assert sorted(row[1] for row in values[1:]) == [
        "Máy gieo hạt cải tiến",
        "Sổ tay hội viên điện tử",
    ]


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_opendata_units(tmp_path):
    names = ("sangtao-opendata.service", "sangtao-opendata.timer")
    for name in names:
        text = (ROOT / "deploy" / name).read_text().replace("/srv/sangtao", str(ROOT))
        (tmp_path / name).write_text(text)

    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", *(f"./{name}" for name in names)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    service = (ROOT / "deploy" / "sangtao-opendata.service").read_text()
    assert "manage.py opendata_build" in service


def test_csv_writes_a_formula_typed_as_a_title_as_text_and_json_as_typed(make_initiative):
    make_initiative(title='=HYPERLINK("http://example.com","Bấm")')
    make_initiative(title="-2+3 máy gieo")

    opendata_build()

    raw = (opendata_dir() / "initiatives.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert sorted(row["title"] for row in rows) == [
        "'-2+3 máy gieo",
        '\'=HYPERLINK("http://example.com","Bấm")',
    ]
    data = json.loads((opendata_dir() / "initiatives.json").read_text(encoding="utf-8"))
    assert sorted(item["title"] for item in data) == [
        "-2+3 máy gieo",
        '=HYPERLINK("http://example.com","Bấm")',
    ]

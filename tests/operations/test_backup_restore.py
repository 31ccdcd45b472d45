"""scripts/backup and scripts/restore: every row of every table comes back.

A child process migrates a fresh database and fills it through the services
(tests/operations/filldb.py); the scripts back it up and restore it into another fresh
database; the two are compared table by table, row by row. On SQLite always; on PostgreSQL
when the tests run on PostgreSQL (the same server, two throwaway databases).
"""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup"
RESTORE = ROOT / "scripts" / "restore"
# Table prefixes of the apps whose rows must be in the filled database.
APPS = (
    "orgs_",
    "accounts_",
    "movements_",
    "initiatives_",
    "appraisal_",
    "core_",
    "axes_",
    "otp_totp_",
    "django_session",
)


def _run(command, env=None, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def _fill(database_url: str, media: Path) -> None:
    _run(
        [sys.executable, "tests/operations/filldb.py"],
        env={
            "DATABASE_URL": database_url,
            "SANGTAO_PRIVATE_MEDIA_ROOT": str(media),
            "SANGTAO_LOG_LEVEL": "ERROR",
        },
    )


def _backup(database_url: str, folder: Path, media: Path | None = None) -> list[Path]:
    extra = ["--media", media] if media else []
    result = _run([BACKUP, "--database-url", database_url, "--output-dir", folder, *extra])
    return [Path(line) for line in result.stdout.split()]


def _assert_every_app_has_rows(tables: dict[str, list]) -> None:
    for prefix in APPS:
        filled = [name for name, rows in tables.items() if name.startswith(prefix) and rows]
        assert filled, f"no rows in the tables of {prefix}*"


# --- SQLite -----------------------------------------------------------------------------------


def _sqlite_tables(path: Path) -> dict[str, list]:
    connection = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        # Sorted in Python: the full-text index's shadow tables have no rowid to order by.
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    finally:
        connection.close()


def _sqlite_schema(path: Path) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()


def test_backup_restore_sqlite_gives_back_every_row(tmp_path):
    source, target = tmp_path / "source.sqlite3", tmp_path / "restored.sqlite3"
    media = tmp_path / "private"
    _fill(f"sqlite:///{source}", media)

    files = _backup(f"sqlite:///{source}", tmp_path / "backups", media=media)
    database, archive = files
    assert database.name.startswith("sangtao-") and database.suffix == ".sqlite3"
    assert archive.name.endswith("-private.tar.gz")
    assert database.stat().st_mode & 0o777 == 0o600
    _run(
        [
            RESTORE,
            database,
            "--database-url",
            f"sqlite:///{target}",
            "--media-archive",
            archive,
            "--media",
            tmp_path / "restored-private",
        ]
    )

    before, after = _sqlite_tables(source), _sqlite_tables(target)
    _assert_every_app_has_rows(before)
    assert sorted(after) == sorted(before)
    for name, rows in before.items():
        assert after[name] == rows, name
    assert _sqlite_schema(target) == _sqlite_schema(source)
    stored = sorted(p.relative_to(media) for p in media.rglob("*") if p.is_file())
    restored_media = tmp_path / "restored-private"
    assert stored and stored == sorted(
        p.relative_to(restored_media) for p in restored_media.rglob("*") if p.is_file()
    )
    for name in stored:
        assert (restored_media / name).read_bytes() == (media / name).read_bytes()


def test_restore_sqlite_refuses_to_overwrite_data_without_yes(tmp_path):
    source = tmp_path / "source.sqlite3"
    connection = sqlite3.connect(source)
    connection.execute("CREATE TABLE kept (value TEXT)")
    connection.execute("INSERT INTO kept VALUES ('trước')")
    connection.commit()
    connection.close()
    (database,) = _backup(f"sqlite:///{source}", tmp_path / "backups")
    connection = sqlite3.connect(source)
    connection.execute("UPDATE kept SET value = 'sau'")
    connection.commit()
    connection.close()

    refused = _run([RESTORE, database, "--database-url", f"sqlite:///{source}"], check=False)
    assert refused.returncode == 1
    assert "add --yes" in refused.stderr
    assert _sqlite_tables(source)["kept"] == [("sau",)]

    _run([RESTORE, database, "--database-url", f"sqlite:///{source}", "--yes"])
    assert _sqlite_tables(source)["kept"] == [("trước",)]


def test_restore_refuses_a_backup_of_the_other_engine(tmp_path):
    backup = tmp_path / "sangtao-20250101T000000Z.pgdump"
    backup.write_bytes(b"PGDMP")
    result = _run(
        [RESTORE, backup, "--database-url", f"sqlite:///{tmp_path / 'x.sqlite3'}"], check=False
    )
    assert result.returncode == 1
    assert "is not an SQLite backup" in result.stderr


# --- PostgreSQL -------------------------------------------------------------------------------

DEFAULT = settings.DATABASES["default"]
on_postgresql = pytest.mark.skipif(
    DEFAULT["ENGINE"] != "django.db.backends.postgresql",
    reason="the tests run on SQLite (DATABASE_URL); the PostgreSQL half runs with PostgreSQL",
)


def _pg_url(name: str) -> str:
    credentials = quote(DEFAULT["USER"], safe="")
    if DEFAULT["PASSWORD"]:
        credentials += ":" + quote(DEFAULT["PASSWORD"], safe="")
    port = f":{DEFAULT['PORT']}" if DEFAULT["PORT"] else ""
    return f"postgres://{credentials}@{DEFAULT['HOST']}{port}/{name}"


def _pg_connect(name: str):
    import psycopg

    return psycopg.connect(
        dbname=name,
        user=DEFAULT["USER"],
        password=DEFAULT["PASSWORD"] or None,
        host=DEFAULT["HOST"] or None,
        port=DEFAULT["PORT"] or None,
        autocommit=True,
    )


def _pg_tables(name: str) -> dict[str, list]:
    with _pg_connect(name) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        found = {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
        for (sequence,) in connection.execute(
            "SELECT sequence_name FROM information_schema.sequences "
            "WHERE sequence_schema = 'public' ORDER BY 1"
        ).fetchall():
            found[f"sequence {sequence}"] = connection.execute(
                f'SELECT last_value, is_called FROM "{sequence}"'
            ).fetchall()
        return found


@on_postgresql
def test_backup_restore_postgresql_gives_back_every_row(tmp_path):
    suffix = uuid.uuid4().hex[:8]
    source, target = f"sangtao_backup_{suffix}", f"sangtao_restored_{suffix}"
    with _pg_connect("postgres") as admin:
        admin.execute(f'CREATE DATABASE "{source}"')
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        _fill(_pg_url(source), tmp_path / "private")
        (dump,) = _backup(_pg_url(source), tmp_path / "backups")
        assert dump.name.startswith("sangtao-") and dump.suffix == ".pgdump"

        refused = _run([RESTORE, dump, "--database-url", _pg_url(target)], check=False)
        assert refused.returncode == 1
        assert "add --yes" in refused.stderr
        _run([RESTORE, dump, "--database-url", _pg_url(target), "--yes"])

        before, after = _pg_tables(source), _pg_tables(target)
        _assert_every_app_has_rows(before)
        assert sorted(after) == sorted(before)
        for name, rows in before.items():
            assert after[name] == rows, name
    finally:
        with _pg_connect("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{source}" WITH (FORCE)')
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def test_backup_keeps_only_the_newest_backups(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    import datetime

    from dbbackup import backup

    source, media = tmp_path / "source.sqlite3", tmp_path / "private"
    media.mkdir()
    (media / "thuyet-minh.pdf").write_bytes(b"%PDF-1.4\n")
    sqlite3.connect(source).execute("CREATE TABLE kept (value TEXT)").connection.close()
    folder = tmp_path / "backups"
    for day in (1, 2, 3):
        backup(
            url=f"sqlite:///{source}",
            output_dir=folder,
            media=media,
            keep=2,
            now=datetime.datetime(2025, 1, day, 2, 30, tzinfo=datetime.UTC),
        )

    assert sorted(path.name for path in folder.iterdir()) == [
        "sangtao-20250102T023000Z-private.tar.gz",
        "sangtao-20250102T023000Z.sqlite3",
        "sangtao-20250103T023000Z-private.tar.gz",
        "sangtao-20250103T023000Z.sqlite3",
    ]

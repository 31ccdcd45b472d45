"""Back up and restore Sáng tạo's database (and its private files): `scripts/backup` and
`scripts/restore` call `backup_main` and `restore_main`. Standard library only, so the scripts run
with any Python 3.11 on the server, with or without the project's virtual environment.

- SQLite: an online backup through SQLite's backup API (consistent while the site runs) into
  `sangtao-<UTC time>.sqlite3`; restored through the same API into the target file.
- PostgreSQL: `pg_dump --format=custom` into `sangtao-<UTC time>.pgdump`; restored with
  `pg_restore --clean --if-exists --no-owner --single-transaction`.
- With `--media DIR`: the private files (SANGTAO_PRIVATE_MEDIA_ROOT) into
  `sangtao-<UTC time>-private.tar.gz`, and back.

The database is named as in the settings, by DATABASE_URL (`sqlite:///path` or
`postgres://user:password@host:port/name`). See docs/deploy.md.
"""

from __future__ import annotations

import argparse
import datetime
import glob
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SANGTAO_VAR_DIR", ROOT / "var"))
DEFAULT_URL = f"sqlite:///{VAR_DIR / 'sangtao.sqlite3'}"


class Failure(Exception):
    """What went wrong, said to the operator; the script exits with status 1."""


# --- the database named by DATABASE_URL -------------------------------------------------------


def parse_url(url: str) -> dict:
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///") or str(VAR_DIR / "sangtao.sqlite3")
        return {"engine": "sqlite", "path": Path(path)}
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise Failure(f"unsupported DATABASE_URL scheme: {parts.scheme!r}")
    return {
        "engine": "postgresql",
        "host": unquote(parts.hostname or ""),
        "port": str(parts.port or ""),
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "name": unquote(parts.path.lstrip("/")),
    }


def pg_environ(database: dict) -> dict:
    """The libpq variables of `database`: the password never shows in the process list."""
    environ = dict(os.environ)
    for key, value in {
        "PGHOST": database["host"],
        "PGPORT": database["port"],
        "PGUSER": database["user"],
        "PGPASSWORD": database["password"],
        "PGDATABASE": database["name"],
    }.items():
        if value:
            environ[key] = value
        else:
            environ.pop(key, None)
    return environ


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: SANGTAO_PG_BIN, else the newest /usr/lib/postgresql/*/bin, else
    the PATH (the tool must be at least as new as the server)."""
    folders = [os.environ["SANGTAO_PG_BIN"]] if os.environ.get("SANGTAO_PG_BIN") else []
    folders += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda folder: int(Path(folder).parent.name.split(".")[0]),
        reverse=True,
    )
    for folder in folders:
        candidate = Path(folder) / name
        if os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise Failure(f"{name} is not installed (apt-get install postgresql-client)")
    return found


def _run(command: list[str], environ: dict) -> None:
    result = subprocess.run(command, env=environ, capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"{Path(command[0]).name} failed:\n{result.stderr.strip()}")


def _integrity_check(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
    if verdict != "ok":
        raise Failure(f"{path}: integrity check failed: {verdict}")


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy one SQLite database into another through the backup API (a consistent snapshot,
    even while the source is being written; the target's own journal is honoured)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()


# --- backup -----------------------------------------------------------------------------------


def backup(
    *, url: str, output_dir: Path, media: Path | None = None, keep: int = 0, now=None
) -> list[Path]:
    """Write the backup files into `output_dir`; returns their paths. With `keep`, only the
    newest `keep` backups (and their private-file archives) stay in the folder."""
    database = parse_url(url)
    stamp = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%dT%H%M%SZ")
    if not output_dir.exists():
        output_dir.mkdir(mode=0o700, parents=True)
    written = []
    if database["engine"] == "sqlite":
        source = database["path"]
        if not source.exists():
            raise Failure(f"no database at {source}")
        target = output_dir / f"sangtao-{stamp}.sqlite3"
        partial = target.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        _sqlite_copy(source, partial)
        # A single file: the copy leaves no write-ahead log beside it.
        connection = sqlite3.connect(partial)
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.close()
        _integrity_check(partial)
    else:
        target = output_dir / f"sangtao-{stamp}.pgdump"
        partial = target.with_suffix(".partial")
        _run(
            [pg_tool("pg_dump"), "--format=custom", "--no-password", f"--file={partial}"],
            pg_environ(database),
        )
    os.chmod(partial, 0o600)
    partial.replace(target)
    written.append(target)
    if media is not None:
        archive = output_dir / f"sangtao-{stamp}-private.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(media, arcname="private")
        os.chmod(archive, 0o600)
        written.append(archive)
    if keep > 0:
        prune(output_dir, keep)
    return written


def prune(output_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups of `output_dir`; returns what was deleted."""
    stamps = sorted(
        {path.name.split("-")[1].split(".")[0] for path in output_dir.glob("sangtao-*")},
        reverse=True,
    )
    removed = []
    for stamp in stamps[keep:]:
        for path in output_dir.glob(f"sangtao-{stamp}*"):
            path.unlink()
            removed.append(path)
    return removed


# --- restore ----------------------------------------------------------------------------------


def _sqlite_has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        connection.close()


def restore(
    *,
    url: str,
    backup_file: Path,
    overwrite: bool = False,
    media_archive: Path | None = None,
    media: Path | None = None,
) -> None:
    """Put the backup back into the database named by `url` (stop the site first)."""
    database = parse_url(url)
    if not backup_file.is_file():
        raise Failure(f"no backup file at {backup_file}")
    if database["engine"] == "sqlite":
        if backup_file.suffix != ".sqlite3":
            raise Failure(f"{backup_file.name} is not an SQLite backup (.sqlite3)")
        target = database["path"]
        if _sqlite_has_tables(target) and not overwrite:
            raise Failure(f"{target} holds data: add --yes to replace it with the backup")
        _integrity_check(backup_file)
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            # Read the backup from a copy: opening it must not touch the kept file.
            copy = Path(folder) / backup_file.name
            shutil.copyfile(backup_file, copy)
            _sqlite_copy(copy, target)
        _integrity_check(target)
    else:
        if backup_file.suffix != ".pgdump":
            raise Failure(f"{backup_file.name} is not a PostgreSQL backup (.pgdump)")
        if not overwrite:
            raise Failure("restoring replaces the database's tables: add --yes to go on")
        _run(
            [
                pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                f"--dbname={database['name']}",
                str(backup_file),
            ],
            pg_environ(database),
        )
    if media_archive is not None:
        if media is None:
            raise Failure("--media-archive needs --media (where the private files go)")
        _restore_media(media_archive, media)


def _restore_media(archive: Path, media: Path) -> None:
    media.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media.parent) as folder:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(folder, filter="data")
        for item in (Path(folder) / "private").iterdir():
            destination = media / item.name
            if destination.is_dir():
                shutil.rmtree(destination)
            elif destination.exists():
                destination.unlink()
            shutil.move(str(item), destination)


# --- command lines ----------------------------------------------------------------------------


def _url(arguments) -> str:
    return arguments.database_url or os.environ.get("DATABASE_URL") or DEFAULT_URL


def backup_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/backup",
        description="Back up Sáng tạo's database (and with --media its private files).",
    )
    parser.add_argument("--database-url", help="default: $DATABASE_URL, else var/sangtao.sqlite3")
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=Path(os.environ.get("SANGTAO_BACKUP_DIR", VAR_DIR / "backups")),
        help="default: $SANGTAO_BACKUP_DIR, else var/backups",
    )
    parser.add_argument("--media", type=Path, help="the private files folder to archive too")
    parser.add_argument(
        "--keep", type=int, default=0, help="keep only the newest N backups (default: all)"
    )
    arguments = parser.parse_args(argv)
    try:
        for path in backup(
            url=_url(arguments),
            output_dir=arguments.output_dir,
            media=arguments.media,
            keep=arguments.keep,
        ):
            print(path)
    except Failure as failure:
        print(f"backup: {failure}", file=sys.stderr)
        return 1
    return 0


def restore_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/restore",
        description="Restore a backup made by scripts/backup. Stop the site first.",
    )
    parser.add_argument("backup_file", type=Path, help="a .sqlite3 or .pgdump file")
    parser.add_argument("--database-url", help="default: $DATABASE_URL, else var/sangtao.sqlite3")
    parser.add_argument("--yes", action="store_true", help="replace a database that holds data")
    parser.add_argument("--media-archive", type=Path, help="a -private.tar.gz to restore too")
    parser.add_argument("--media", type=Path, help="where the private files go")
    arguments = parser.parse_args(argv)
    try:
        restore(
            url=_url(arguments),
            backup_file=arguments.backup_file,
            overwrite=arguments.yes,
            media_archive=arguments.media_archive,
            media=arguments.media,
        )
    except Failure as failure:
        print(f"restore: {failure}", file=sys.stderr)
        return 1
    print(f"restored {arguments.backup_file}")
    return 0

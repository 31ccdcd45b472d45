#!/usr/bin/env python
"""Print a normalized, ordered description of a database's schema, to compare two databases.

Two databases built by different migration histories (the old chain and its squashed
replacement, say) hold the same schema when their fingerprints are identical:

    DATABASE_URL=sqlite:///var/a.sqlite3 .venv/bin/python scripts/schema_fingerprint.py > a.txt
    DATABASE_URL=sqlite:///var/b.sqlite3 .venv/bin/python scripts/schema_fingerprint.py > b.txt
    diff a.txt b.txt

The database is the one `DATABASE_URL` names (as for manage.py), SQLite or PostgreSQL. Per
table, in name order: its columns sorted by name (type, null, default, and on PostgreSQL the
collation, identity and generated expression), its indexes, its constraints, its triggers, its
storage options and its row count (not for django_migrations, the history); then the views,
the functions and the extensions.
SQLite: the statements of `sqlite_master`, whitespace and identifier quotes normalized, a
table's definition split at its top-level commas and sorted (so that the column order, which
differs between a created and an altered table, does not count). PostgreSQL: `pg_indexes`,
`pg_get_constraintdef`, `pg_get_triggerdef`, `pg_get_functiondef` (functions of extensions
left out: the extension's line says it all) and `pg_class.reloptions`.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")


def _squeeze(sql: str) -> str:
    return " ".join(sql.replace('"', "").split())


def _row_count(cursor, table: str) -> str:
    """The rows of a table; not of django_migrations, whose rows are the history compared."""
    if table == "django_migrations":
        return "  rows (the migration history, not compared)"
    if table == "sqlite_sequence":  # SQLite's bookkeeping: a rebuilt table leaves a 0 row
        cursor.execute(
            "SELECT name, seq FROM sqlite_sequence "
            "WHERE seq > 0 AND name <> 'django_migrations' ORDER BY name"
        )
        return f"  rows {cursor.fetchall()}"
    cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
    return f"  rows {cursor.fetchone()[0]}"


def _top_level_parts(body: str) -> list[str]:
    """`a int, b text CHECK (b IN (1, 2))` -> ["a int", "b text CHECK (b IN (1, 2))"]."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(body):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:at].strip())
            start = at + 1
    parts.append(body[start:].strip())
    return parts


def _sqlite_table(sql: str) -> list[str]:
    sql = _squeeze(sql)
    head, _, body = sql.partition("(")
    body = body[: body.rstrip().rfind(")")]
    return [f"  definition {head.strip()}"] + [
        f"    {part}" for part in sorted(_top_level_parts(body))
    ]


def sqlite_lines(cursor) -> list[str]:
    cursor.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
    objects = cursor.fetchall()
    lines = []
    for kind, name, _table, sql in objects:
        if kind != "table":
            continue
        lines.append(f"table {name}")
        lines += _sqlite_table(sql) if sql else []
        cursor.execute(f'PRAGMA table_info("{name}")')
        for _cid, column, ctype, notnull, default, pk in sorted(
            cursor.fetchall(), key=lambda c: c[1]
        ):
            lines.append(f"  column {column} {ctype} notnull={notnull} default={default} pk={pk}")
        for index_kind, index, _t, index_sql in objects:
            if index_kind == "index" and _t == name:
                if index_sql:
                    lines.append(f"  index {_squeeze(index_sql)}")
                else:
                    cursor.execute(f'PRAGMA index_info("{index}")')
                    columns = [row[2] for row in sorted(cursor.fetchall())]
                    lines.append(f"  index (automatic) unique on {', '.join(columns)}")
        cursor.execute(f'PRAGMA foreign_key_list("{name}")')
        for row in sorted(cursor.fetchall(), key=lambda r: (r[3], r[2])):
            lines.append(f"  foreign key {row[3]} -> {row[2]}.{row[4]}")
        for trigger_kind, _n, _t, trigger_sql in objects:
            if trigger_kind == "trigger" and _t == name:
                lines.append(f"  trigger {_squeeze(trigger_sql)}")
        lines.append(_row_count(cursor, name))
    lines += [f"view {_squeeze(sql)}" for kind, _n, _t, sql in objects if kind == "view"]
    return lines


POSTGRESQL_COLUMNS = """
    SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
           pg_get_expr(d.adbin, d.adrelid), co.collname, a.attidentity, a.attgenerated
    FROM pg_attribute a
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation AND co.collname <> 'default'
    WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attname
"""
POSTGRESQL_FUNCTIONS = """
    SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND NOT EXISTS (
        SELECT 1 FROM pg_depend e WHERE e.objid = p.oid AND e.deptype = 'e')
    ORDER BY 1, 2
"""


def _rows(cursor, sql: str, *params) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


def postgresql_lines(cursor) -> list[str]:
    tables = _rows(
        cursor,
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
    lines = []
    for (table,) in tables:
        lines.append(f"table {table}")
        for column, ctype, notnull, default, collation, identity, generated in _rows(
            cursor, POSTGRESQL_COLUMNS, table
        ):
            extra = f" collate={collation}" if collation else ""
            extra += f" identity={identity}" if identity else ""
            extra += f" generated={generated}" if generated else ""
            lines.append(f"  column {column} {ctype} notnull={notnull} default={default}{extra}")
        for (definition,) in _rows(
            cursor,
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = %s "
            "ORDER BY indexdef",
            table,
        ):
            lines.append(f"  index {definition}")
        for name, definition in _rows(
            cursor,
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass ORDER BY conname",
            table,
        ):
            lines.append(f"  constraint {name} {definition}")
        for (definition,) in _rows(
            cursor,
            "SELECT pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE tgrelid = %s::regclass AND NOT tgisinternal ORDER BY tgname",
            table,
        ):
            lines.append(f"  trigger {definition}")
        for name, options in _rows(
            cursor,
            "SELECT c.relname, c.reloptions FROM pg_class c "
            "LEFT JOIN pg_index i ON i.indexrelid = c.oid "
            "WHERE (c.oid = %s::regclass OR i.indrelid = %s::regclass) "
            "AND c.reloptions IS NOT NULL ORDER BY c.relname",
            table,
            table,
        ):
            lines.append(f"  options {name} {sorted(options)}")
        lines.append(_row_count(cursor, table))
    for name, definition in _rows(
        cursor,
        "SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1",
    ):
        lines.append(f"view {name} {' '.join(definition.split())}")
    for name, definition in _rows(cursor, POSTGRESQL_FUNCTIONS):
        lines.append(f"function {name} {' '.join(definition.split())}")
    for name, version in _rows(cursor, "SELECT extname, extversion FROM pg_extension ORDER BY 1"):
        lines.append(f"extension {name} {version}")
    return lines


def main() -> None:
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            lines = sqlite_lines(cursor)
        else:
            lines = postgresql_lines(cursor)
    print(f"# {connection.vendor}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

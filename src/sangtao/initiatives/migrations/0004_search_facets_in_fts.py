"""SQLite: the portal's filters (public, kind, field, year, level, grade) become columns of the
FTS5 table, so a filtered search is one full-text query (`is_public : 1 AND year : 2024`)
instead of a lookup per matching row. PostgreSQL filters the same columns beside the tsvector
and needs nothing here."""

from django.db import migrations

FACETS = ("is_public", "kind", "field_id", "year", "level_id", "grade_id")
COLUMNS = ("title_terms", "body_terms", *FACETS)


def _values(prefix: str) -> str:
    return ", ".join(f"{prefix}.{name}" for name in ("initiative_id", *COLUMNS))


SQLITE = [
    "DROP TRIGGER initiatives_search_au",
    "DROP TRIGGER initiatives_search_ad",
    "DROP TRIGGER initiatives_search_ai",
    "DROP TABLE initiatives_search_fts",
    f"CREATE VIRTUAL TABLE initiatives_search_fts USING fts5({', '.join(COLUMNS)}, "
    "content='initiatives_searchentry', content_rowid='initiative_id', detail='column')",
    "CREATE TRIGGER initiatives_search_ai AFTER INSERT ON initiatives_searchentry BEGIN "
    f"INSERT INTO initiatives_search_fts(rowid, {', '.join(COLUMNS)}) VALUES ({_values('new')}); "
    "END",
    "CREATE TRIGGER initiatives_search_ad AFTER DELETE ON initiatives_searchentry BEGIN "
    f"INSERT INTO initiatives_search_fts(initiatives_search_fts, rowid, {', '.join(COLUMNS)}) "
    f"VALUES ('delete', {_values('old')}); END",
    f"CREATE TRIGGER initiatives_search_au AFTER UPDATE OF {', '.join(COLUMNS)} "
    "ON initiatives_searchentry BEGIN "
    f"INSERT INTO initiatives_search_fts(initiatives_search_fts, rowid, {', '.join(COLUMNS)}) "
    f"VALUES ('delete', {_values('old')}); "
    f"INSERT INTO initiatives_search_fts(rowid, {', '.join(COLUMNS)}) VALUES ({_values('new')}); "
    "END",
    "INSERT INTO initiatives_search_fts(initiatives_search_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER initiatives_search_au",
    "DROP TRIGGER initiatives_search_ad",
    "DROP TRIGGER initiatives_search_ai",
    "DROP TABLE initiatives_search_fts",
    "CREATE VIRTUAL TABLE initiatives_search_fts USING fts5("
    "title_terms, body_terms, content='initiatives_searchentry', content_rowid='initiative_id', "
    "detail='column')",
    "CREATE TRIGGER initiatives_search_ai AFTER INSERT ON initiatives_searchentry BEGIN "
    "INSERT INTO initiatives_search_fts(rowid, title_terms, body_terms) "
    "VALUES (new.initiative_id, new.title_terms, new.body_terms); END",
    "CREATE TRIGGER initiatives_search_ad AFTER DELETE ON initiatives_searchentry BEGIN "
    "INSERT INTO initiatives_search_fts(initiatives_search_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.initiative_id, old.title_terms, old.body_terms); END",
    "CREATE TRIGGER initiatives_search_au AFTER UPDATE OF title_terms, body_terms "
    "ON initiatives_searchentry BEGIN "
    "INSERT INTO initiatives_search_fts(initiatives_search_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.initiative_id, old.title_terms, old.body_terms); "
    "INSERT INTO initiatives_search_fts(rowid, title_terms, body_terms) "
    "VALUES (new.initiative_id, new.title_terms, new.body_terms); END",
    "INSERT INTO initiatives_search_fts(initiatives_search_fts) VALUES ('rebuild')",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_search_fulltext")]

    operations = [migrations.RunPython(_run(SQLITE), _run(SQLITE_REVERSE))]

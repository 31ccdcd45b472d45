"""Full-text search over the search entries, and recognitions kept in step with them.

SQLite: an FTS5 table over `title_terms`/`body_terms` (external content, kept by triggers).
PostgreSQL: a stored `tsv` column (title weighted A) with a GIN index.
Both: a trigger on `appraisal_recognition` refreshes the entry's recognition facets whenever a
council's seal adds recognitions or a reopening withdraws them, in the same transaction.
"""

from django.db import migrations

# The recognition facets of initiative `{x}`: is it officially recognised, first when, and
# at the highest level (lowest rank) with which grade.
_ACTIVE = (
    "FROM appraisal_recognition r JOIN orgs_orgunit u ON u.id = r.unit_id "
    "JOIN orgs_level l ON l.id = u.level_id "
    "WHERE r.initiative_id = {x} AND r.withdrawn_at IS NULL"
)
REFRESH = (
    "UPDATE initiatives_searchentry SET "
    "is_public = EXISTS (SELECT 1 " + _ACTIVE + "), "
    "recognised_at = (SELECT MIN(r.recognised_at) " + _ACTIVE + "), "
    "level_id = (SELECT u.level_id " + _ACTIVE + " ORDER BY l.rank, r.recognised_at DESC LIMIT 1), "
    "grade_id = (SELECT r.grade_id " + _ACTIVE + " ORDER BY l.rank, r.recognised_at DESC LIMIT 1) "
    "WHERE initiative_id = {x}"
)

SQLITE = [
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
    "CREATE TRIGGER initiatives_search_recognition_ai AFTER INSERT ON appraisal_recognition "
    "BEGIN " + REFRESH.format(x="new.initiative_id") + "; END",
    "CREATE TRIGGER initiatives_search_recognition_au AFTER UPDATE ON appraisal_recognition "
    "BEGIN " + REFRESH.format(x="new.initiative_id") + "; END",
    "CREATE TRIGGER initiatives_search_recognition_ad AFTER DELETE ON appraisal_recognition "
    "BEGIN " + REFRESH.format(x="old.initiative_id") + "; END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER initiatives_search_recognition_ad",
    "DROP TRIGGER initiatives_search_recognition_au",
    "DROP TRIGGER initiatives_search_recognition_ai",
    "DROP TRIGGER initiatives_search_au",
    "DROP TRIGGER initiatives_search_ad",
    "DROP TRIGGER initiatives_search_ai",
    "DROP TABLE initiatives_search_fts",
]

POSTGRESQL = [
    "ALTER TABLE initiatives_searchentry ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "to_tsvector('simple'::regconfig, body_terms)) STORED",
    "CREATE INDEX initiatives_search_tsv ON initiatives_searchentry USING gin (tsv)",
    "CREATE FUNCTION initiatives_search_recognition() RETURNS trigger AS $$ "
    "DECLARE x bigint; BEGIN "
    "IF TG_OP = 'DELETE' THEN x := OLD.initiative_id; ELSE x := NEW.initiative_id; END IF; "
    + REFRESH.format(x="x")
    + "; RETURN NULL; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER initiatives_search_recognition AFTER INSERT OR UPDATE OR DELETE "
    "ON appraisal_recognition FOR EACH ROW EXECUTE FUNCTION initiatives_search_recognition()",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER initiatives_search_recognition ON appraisal_recognition",
    "DROP FUNCTION initiatives_search_recognition()",
    "DROP INDEX initiatives_search_tsv",
    "ALTER TABLE initiatives_searchentry DROP COLUMN tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_search_index"),
        ("appraisal", "0001_initial"),
        ("orgs", "0004_subtree_validity_index"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]

"""Full-text search over the search entries, recognitions kept in step with them, and room for
HOT updates: the squashed migrations 0003 to 0013, all outside the autodetector's sight.

SQLite: an FTS5 table over `title_terms`/`body_terms` and the portal's filters (public, kind,
field, year, level, grade), so that a filtered search is one full-text query
(`is_public : 1 AND year : 2024`); external content, kept by triggers.
PostgreSQL: a stored `tsv` column (title weighted A) with a GIN index, and one of the recognised
rows only (a public search reads only those); a fillfactor of 90 on the initiatives and their
search entries, so that an update that changes no indexed column stays on its page.
Both: a trigger on `appraisal_recognition` refreshes the entry's recognition facets whenever a
council's seal adds recognitions or a reopening withdraws them, in the same transaction.
"""

from django.db import migrations

from sangtao.core.migrations._vendor_sql import vendor_sql

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

FACETS = ("is_public", "kind", "field_id", "year", "level_id", "grade_id")
COLUMNS = ", ".join(("title_terms", "body_terms", *FACETS))


def _values(prefix: str) -> str:
    return ", ".join(f"{prefix}.{name}" for name in ("initiative_id", *COLUMNS.split(", ")))


_FTS_DELETE = (
    f"INSERT INTO initiatives_search_fts(initiatives_search_fts, rowid, {COLUMNS}) "
    f"VALUES ('delete', {_values('old')}); "
)
_FTS_INSERT = f"INSERT INTO initiatives_search_fts(rowid, {COLUMNS}) VALUES ({_values('new')}); "

SQLITE = [
    f"CREATE VIRTUAL TABLE initiatives_search_fts USING fts5({COLUMNS}, "
    "content='initiatives_searchentry', content_rowid='initiative_id', detail='column')",
    "CREATE TRIGGER initiatives_search_ai AFTER INSERT ON initiatives_searchentry BEGIN "
    + _FTS_INSERT
    + "END",
    "CREATE TRIGGER initiatives_search_ad AFTER DELETE ON initiatives_searchentry BEGIN "
    + _FTS_DELETE
    + "END",
    f"CREATE TRIGGER initiatives_search_au AFTER UPDATE OF {COLUMNS} "
    "ON initiatives_searchentry BEGIN " + _FTS_DELETE + _FTS_INSERT + "END",
    "CREATE TRIGGER initiatives_search_recognition_ai AFTER INSERT ON appraisal_recognition "
    "BEGIN " + REFRESH.format(x="new.initiative_id") + "; END",
    "CREATE TRIGGER initiatives_search_recognition_au AFTER UPDATE ON appraisal_recognition "
    "BEGIN " + REFRESH.format(x="new.initiative_id") + "; END",
    "CREATE TRIGGER initiatives_search_recognition_ad AFTER DELETE ON appraisal_recognition "
    "BEGIN " + REFRESH.format(x="old.initiative_id") + "; END",
]

POSTGRESQL = [
    "ALTER TABLE initiatives_searchentry ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "to_tsvector('simple'::regconfig, body_terms)) STORED",
    "CREATE INDEX initiatives_search_tsv ON initiatives_searchentry USING gin (tsv)",
    "CREATE INDEX initiatives_search_public_tsv "
    "ON initiatives_searchentry USING gin (tsv) WHERE is_public",
    "CREATE FUNCTION initiatives_search_recognition() RETURNS trigger AS $$ "
    "DECLARE x bigint; BEGIN "
    "IF TG_OP = 'DELETE' THEN x := OLD.initiative_id; ELSE x := NEW.initiative_id; END IF; "
    + REFRESH.format(x="x")
    + "; RETURN NULL; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER initiatives_search_recognition AFTER INSERT OR UPDATE OR DELETE "
    "ON appraisal_recognition FOR EACH ROW EXECUTE FUNCTION initiatives_search_recognition()",
    "ALTER TABLE initiatives_initiative SET (fillfactor = 90)",
    "ALTER TABLE initiatives_searchentry SET (fillfactor = 90)",
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
POSTGRESQL_REVERSE = [
    "DROP TRIGGER initiatives_search_recognition ON appraisal_recognition",
    "DROP FUNCTION initiatives_search_recognition()",
    "ALTER TABLE initiatives_searchentry DROP COLUMN tsv",
]


class Migration(migrations.Migration):
    replaces = [
        ("initiatives", "0003_search_fulltext"),
        ("initiatives", "0004_search_facets_in_fts"),
        ("initiatives", "0005_search_partial_indexes"),
        ("initiatives", "0006_unit_queue_index"),
        ("initiatives", "0007_search_public_tsv"),
        ("initiatives", "0008_author_claims"),
        ("initiatives", "0009_unit_figures_index"),
        ("initiatives", "0010_not_duplicate"),
        ("initiatives", "0011_officer_lists"),
        ("initiatives", "0011_search_stale"),
        ("initiatives", "0012_hot_updates"),
        ("initiatives", "0013_merge_0011_officer_lists_0012_hot_updates"),
    ]

    dependencies = [
        ("initiatives", "0001_squashed"),
        ("appraisal", "0001_squashed"),
        ("orgs", "0001_squashed"),
    ]

    operations = [
        vendor_sql(
            {"sqlite": SQLITE, "postgresql": POSTGRESQL},
            {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE},
        )
    ]

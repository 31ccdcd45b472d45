"""PostgreSQL: a narrow copy of the recognised entries, `initiatives_searchrecognised`, for the
public search (search._Recognised): the id, the facets, the recognition's time and the
entry's tsvector with a lexeme more for the recognition's month (UTC, "@m202511"), the year
("@y2024") and the field ("@f12"), under a GIN index. The newest matches of a query are found
by asking the GIN index for its words and the newest months, and only those rows are read and
ranked (ts_rank reads no added lexeme): about 1.1 KB a row, where an entry is about 2.5 KB.
Kept by triggers on the entries (an insert, an update, a delete, a truncate), filled here.
SQLite: nothing (FTS5 holds the facets and orders by rowid)."""

from django.db import migrations

from sangtao.core.migrations._vendor_sql import vendor_sql

COLUMNS = "initiative_id, recognised_at, kind, field_id, year, level_id, grade_id, terms"


def _terms(e: str) -> str:
    """The narrow row's tsvector, from the entry `e` (a row variable or a table alias)."""
    month = f"coalesce(to_char({e}.recognised_at AT TIME ZONE 'UTC', 'YYYYMM'), '-')"
    return (
        f"{e}.tsv || array_to_tsvector(array_remove(ARRAY['@m' || {month}, "
        f"'@y' || {e}.year, '@f' || {e}.field_id], NULL))"
    )


def _values(e: str) -> str:
    return ", ".join(f"{e}.{name}" for name in COLUMNS.split(", ")[:-1]) + ", " + _terms(e)


POSTGRESQL = [
    "CREATE TABLE initiatives_searchrecognised (initiative_id bigint PRIMARY KEY, "
    "recognised_at timestamptz, kind varchar(20) NOT NULL, field_id integer, year smallint, "
    "level_id integer, grade_id integer, terms tsvector NOT NULL)",
    # in the order of the recognitions: the newest are on the last pages
    f"INSERT INTO initiatives_searchrecognised ({COLUMNS}) SELECT {_values('e')} "
    "FROM initiatives_searchentry e WHERE e.is_public ORDER BY e.recognised_at, e.initiative_id",
    "CREATE INDEX initiatives_search_recognised_terms ON initiatives_searchrecognised "
    "USING gin (terms)",
    "ANALYZE initiatives_searchrecognised",
    "CREATE FUNCTION initiatives_search_recognised() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP = 'TRUNCATE' THEN TRUNCATE initiatives_searchrecognised; RETURN NULL; END IF; "
    "IF TG_OP = 'DELETE' OR NOT NEW.is_public THEN "
    "DELETE FROM initiatives_searchrecognised WHERE initiative_id = OLD.initiative_id; "
    "RETURN NULL; END IF; "
    f"INSERT INTO initiatives_searchrecognised ({COLUMNS}) VALUES ({_values('NEW')}) "
    "ON CONFLICT (initiative_id) DO UPDATE SET "
    + ", ".join(f"{name} = EXCLUDED.{name}" for name in COLUMNS.split(", ")[1:])
    + "; RETURN NULL; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER initiatives_search_recognised_ai AFTER INSERT ON initiatives_searchentry "
    "FOR EACH ROW WHEN (NEW.is_public) EXECUTE FUNCTION initiatives_search_recognised()",
    # only when what the narrow row holds changed (a refresh often writes the same values)
    "CREATE TRIGGER initiatives_search_recognised_au AFTER UPDATE ON initiatives_searchentry "
    "FOR EACH ROW WHEN ((OLD.is_public OR NEW.is_public) AND (OLD.is_public, OLD.recognised_at, "
    "OLD.kind, OLD.field_id, OLD.year, OLD.level_id, OLD.grade_id, OLD.title_terms, "
    "OLD.body_terms) IS DISTINCT FROM (NEW.is_public, NEW.recognised_at, NEW.kind, "
    "NEW.field_id, NEW.year, NEW.level_id, NEW.grade_id, NEW.title_terms, NEW.body_terms)) "
    "EXECUTE FUNCTION initiatives_search_recognised()",
    "CREATE TRIGGER initiatives_search_recognised_ad AFTER DELETE ON initiatives_searchentry "
    "FOR EACH ROW WHEN (OLD.is_public) EXECUTE FUNCTION initiatives_search_recognised()",
    "CREATE TRIGGER initiatives_search_recognised_at AFTER TRUNCATE ON initiatives_searchentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION initiatives_search_recognised()",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER initiatives_search_recognised_at ON initiatives_searchentry",
    "DROP TRIGGER initiatives_search_recognised_ad ON initiatives_searchentry",
    "DROP TRIGGER initiatives_search_recognised_au ON initiatives_searchentry",
    "DROP TRIGGER initiatives_search_recognised_ai ON initiatives_searchentry",
    "DROP FUNCTION initiatives_search_recognised()",
    "DROP TABLE initiatives_searchrecognised",
]


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0003_search_posting"),
    ]

    operations = [
        vendor_sql({"postgresql": POSTGRESQL}, {"postgresql": POSTGRESQL_REVERSE}),
    ]

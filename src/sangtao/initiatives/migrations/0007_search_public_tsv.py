"""PostgreSQL: a GIN index of the recognised rows' tsvectors, so a public search that reads
all its matches reads only the recognised ones (about half the heap rows). SQLite: nothing (the
facets are FTS5 columns)."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS initiatives_search_public_tsv "
    "ON initiatives_searchentry USING gin (tsv) WHERE is_public"
)
DROP = "DROP INDEX IF EXISTS initiatives_search_public_tsv"


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0006_unit_queue_index")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]

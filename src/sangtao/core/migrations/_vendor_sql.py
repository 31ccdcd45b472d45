"""Raw SQL for one database vendor, as a migration operation.

What the autodetector cannot see (full-text tables, triggers, storage options, collations) is
often written differently for SQLite and PostgreSQL, or needed by one only. `vendor_sql` runs
each statement on its own vendor and nothing on the other:

    vendor_sql({"postgresql": ["ALTER TABLE jobs_job SET (fillfactor = 90)"]})

Not a migration itself: the migration loader skips modules whose name starts with "_".
"""

from django.db import migrations


def _execute(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


def vendor_sql(forwards, backwards=None):
    """A RunPython executing `forwards[vendor]` (and `backwards[vendor]` when unapplied)."""
    reverse = _execute(backwards) if backwards is not None else migrations.RunPython.noop
    return migrations.RunPython(_execute(forwards), reverse)

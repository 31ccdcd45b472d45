"""A committee's public contact (e-mail address, telephone), shown on the help page.

Added with ALTER TABLE ... ADD COLUMN on every database: on SQLite Django would rebuild the
whole table, which the search triggers of `initiatives` (they read orgs_orgunit) refuse.
"""

from django.db import migrations, models

COLUMNS = [("contact_email", "varchar(254)"), ("contact_phone", "varchar(40)")]


def _add(apps, schema_editor):
    for name, kind in COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE orgs_orgunit ADD COLUMN {name} {kind} NOT NULL DEFAULT ''"
        )


def _drop(apps, schema_editor):
    for name, _kind in COLUMNS:
        schema_editor.execute(f"ALTER TABLE orgs_orgunit DROP COLUMN {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0005_unitchange"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="orgunit",
                    name="contact_email",
                    field=models.EmailField(
                        blank=True, max_length=254, verbose_name="contact e-mail address"
                    ),
                ),
                migrations.AddField(
                    model_name="orgunit",
                    name="contact_phone",
                    field=models.CharField(
                        blank=True, max_length=40, verbose_name="contact telephone"
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(_add, _drop)],
        )
    ]

"""Search by name without diacritics, search by code through an index, and a byte-ordered path.

`selectors.subtree_q` finds a subtree as the range path >= "/1/7/" and path < "/1/70". That holds
when strings compare byte by byte, as SQLite does; PostgreSQL compares with the database's
locale, and some locales order punctuation differently. The path column therefore gets the "C"
collation on PostgreSQL (its indexes are rebuilt with it).
"""

import unicodedata

from django.db import migrations, models


def fold(text: str) -> str:
    # A frozen copy of sangtao.orgs.text.fold, so that this migration never changes.
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.lower().split())


def fill_search_key(apps, schema_editor):
    OrgUnit = apps.get_model("orgs", "OrgUnit")
    units = list(OrgUnit.objects.only("pk", "name", "short_name"))
    for unit in units:
        key, short = fold(unit.name), fold(unit.short_name)
        unit.search_key = (f"{key} {short}" if short and short not in key else key)[:400]
    OrgUnit.objects.bulk_update(units, ["search_key"], batch_size=500)


def path_collation_c(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE "orgs_orgunit" ALTER COLUMN "path" TYPE varchar(255) COLLATE "C"'
        )


def path_collation_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE "orgs_orgunit" ALTER COLUMN "path" TYPE varchar(255) COLLATE "default"'
        )


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_reference_data")]

    operations = [
        migrations.AddField(
            model_name="orgunit",
            name="search_key",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="The name without diacritics, in lower case (see orgs.text.fold).",
                max_length=400,
                verbose_name="search key",
            ),
        ),
        migrations.AddIndex(
            model_name="orgunit",
            index=models.Index(fields=["official_code"], name="orgunit_official_code"),
        ),
        migrations.RunPython(fill_search_key, migrations.RunPython.noop),
        migrations.RunPython(path_collation_c, path_collation_default),
    ]

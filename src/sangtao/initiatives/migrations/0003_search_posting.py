"""The novelty check's postings of rare terms (PostgreSQL), filled here from the entries and
the last term counts (`search.search_terms_refresh` moves those of the terms a new count
finds rare or common; `search_rebuild` writes them all again). On SQLite the table stays
empty: FTS5 finds the ids without it."""

import django.db.models.deletion
from django.db import migrations, models

from sangtao.core.migrations._vendor_sql import vendor_sql

# search._POSTINGS over every entry, POSTED_ROWS = 4,000
FILL = (
    "INSERT INTO initiatives_searchposting (term, initiative_id) "
    "SELECT l.lexeme, e.initiative_id FROM initiatives_searchentry e CROSS JOIN unnest(e.tsv) l "
    "WHERE length(l.lexeme) <= 100 AND NOT EXISTS (SELECT 1 FROM initiatives_searchterm t "
    "WHERE t.term = l.lexeme AND t.documents > 4000)"
)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_search_fulltext"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchPosting",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "term",
                        "initiative",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("term", models.CharField(max_length=100)),
                (
                    "initiative",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="initiatives.initiative",
                    ),
                ),
            ],
            options={
                "verbose_name": "search posting",
                "verbose_name_plural": "search postings",
            },
        ),
        vendor_sql({"postgresql": [FILL, "ANALYZE initiatives_searchposting"]}),
    ]

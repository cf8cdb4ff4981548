"""A GIN index for full-text search of clause texts, on PostgreSQL only.

It is created with SQL rather than declared in ClauseVersion.Meta.indexes: an index on a
text-search expression cannot be built on SQLite, where the search falls back to a scan.
The expression must stay identical to the one alliances.pacts.textsearch queries with
(SearchVector wraps the column in COALESCE), or the planner cannot use the index.
"""

from django.db import migrations

INDEX = "pacts_clauseversion_text_search"
EXPRESSION = "to_tsvector('simple'::regconfig, COALESCE(text, ''::text))"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("pacts", "ClauseVersion")._meta.db_table)
    schema_editor.execute(f"CREATE INDEX {schema_editor.quote_name(INDEX)} ON {table} USING gin ({EXPRESSION})")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(INDEX)}")


class Migration(migrations.Migration):

    dependencies = [
        ("pacts", "0004_atop"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]

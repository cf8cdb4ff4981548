"""Trigram indexes of the pacts' names for the search box, on PostgreSQL only (SQLite
compares the names of every pact, which costs it little).

The search finds a pact by its title or short name holding each term, case ignored
(textsearch.matching_pacts: Django's `icontains`, which PostgreSQL runs as
UPPER(name::text) LIKE UPPER(term)). Without an index every pact's two names are compared
for every search. These GIN indexes of the same expressions (pg_trgm's operator class,
which answers LIKE with a pattern of three characters or more) let a search read only the
pacts holding the term's trigrams. pg_trgm ships with PostgreSQL and is a trusted
extension: the database's owner may create it.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS pacts_pact_title_trigrams ON pacts_pact USING gin (UPPER(title::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS pacts_pact_short_name_trigrams ON pacts_pact "
    "USING gin (UPPER(short_name::text) gin_trgm_ops)",
]
# The extension stays: another database object may have come to use it.
DROP = [
    "DROP INDEX IF EXISTS pacts_pact_title_trigrams",
    "DROP INDEX IF EXISTS pacts_pact_short_name_trigrams",
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE:
        schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("pacts", "0016_clause_text_trigrams"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]

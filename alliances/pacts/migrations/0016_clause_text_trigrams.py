"""A trigram index of clause texts for the search box, on SQLite only (PostgreSQL has the
text-search index of migration 0005).

An FTS5 table holding every clause text's trigrams, each text with its ASCII letters in
lower case (SQLite's lower()), the only case that SQLite's LIKE ignores: a case-sensitive
trigram match of the lowered term is then the same substring comparison as the
`icontains` it replaces (alliances.pacts.textsearch). It is contentless (the texts stay in
their own table) and kept in step with the texts by triggers; a contentless table deletes
a text by being given the same values it indexed, hence the same lower() on both sides.
"""

from django.db import migrations

TABLE = "pacts_clauseversion_trigrams"
TEXTS = "pacts_clauseversion"

CREATE = [
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(text, content='', tokenize='trigram case_sensitive 1')",
    f"INSERT INTO {TABLE} (rowid, text) SELECT id, lower(text) FROM {TEXTS}",
    f"""CREATE TRIGGER {TABLE}_insert AFTER INSERT ON {TEXTS} BEGIN
        INSERT INTO {TABLE} (rowid, text) VALUES (new.id, lower(new.text));
    END""",
    f"""CREATE TRIGGER {TABLE}_delete AFTER DELETE ON {TEXTS} BEGIN
        INSERT INTO {TABLE} ({TABLE}, rowid, text) VALUES ('delete', old.id, lower(old.text));
    END""",
    f"""CREATE TRIGGER {TABLE}_update AFTER UPDATE OF id, text ON {TEXTS} BEGIN
        INSERT INTO {TABLE} ({TABLE}, rowid, text) VALUES ('delete', old.id, lower(old.text));
        INSERT INTO {TABLE} (rowid, text) VALUES (new.id, lower(new.text));
    END""",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in CREATE:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("pacts", "0015_atop_condition_dimensions"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]

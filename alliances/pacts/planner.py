"""Statistics for the database's query planner, refreshed after a bulk load.

Without them SQLite plans the dashboard's sorted, filtered pages blind and may sort every
row instead of reading a page along an index; PostgreSQL gathers them on its own, but
only some time after a load. On PostgreSQL, VACUUM also marks the rows just written as
visible to every transaction, which lets an index alone answer a count or a filter
("index-only scan"; docs/performance.md has the figures). It cannot run inside a
transaction, where ANALYZE alone is done. The statements take no input.
"""

from django.db import DEFAULT_DB_ALIAS, connections


def refresh_statistics(using=DEFAULT_DB_ALIAS):
    connection = connections[using]
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")

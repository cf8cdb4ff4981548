"""Statistics for the database's query planner, refreshed after a bulk load.

Without them SQLite plans the dashboard's sorted, filtered pages blind and may sort every
row instead of reading a page along an index (measured: 25 ms instead of 13 ms for a page
of the matrix at 10,000 pacts); PostgreSQL gathers them on its own, but only some time
after a load. The statement takes no input.
"""

from django.db import DEFAULT_DB_ALIAS, connections


def refresh_statistics(using=DEFAULT_DB_ALIAS):
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")

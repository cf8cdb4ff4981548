"""After a bulk load the planner has statistics, and on PostgreSQL the tables are vacuumed
so that an index alone can answer counts."""

import pytest
from django.db import connection, transaction

from alliances.pacts.planner import refresh_statistics


def statistics_of(table):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables "
                           "WHERE relname = %s", [table])
            return cursor.fetchone()
        cursor.execute("SELECT count(*) > 0 FROM sqlite_stat1 WHERE tbl = %s", [table])
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_a_load_leaves_statistics_and_on_postgresql_a_vacuumed_table(curated):
    refresh_statistics()
    if connection.vendor == "postgresql":
        connection.close()  # the statistics collector reports to new sessions
        assert statistics_of("pacts_pact") == (True, True)
    else:
        assert statistics_of("pacts_pact") == (True,)


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_it_only_analyzes():
    with transaction.atomic():
        refresh_statistics()  # VACUUM would fail here

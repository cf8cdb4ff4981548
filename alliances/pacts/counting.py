"""Counts that stop at a bound: a list counts its rows, and the rows beside each filter's
options, up to settings.COUNT_LIMIT; past it, it says "more than" that many, and its work
stops growing with the data. Below the bound every count is exact."""

from django.conf import settings
from django.db import connections, router


def count_limit():
    return settings.COUNT_LIMIT


def bounded(rows, limit):
    """The keys of at most `limit` + 1 of `rows` (any of them: no order), as a query: what a
    count that stops at the bound reads, and all it reads."""
    return rows.order_by().values_list("pk", flat=True)[: limit + 1]


def bounded_count(rows, limit):
    """The number of `rows`, or `limit` + 1 where there are more than `limit` (one query
    reading at most that many)."""
    return bounded(rows, limit).count()


def bounded_keys(row_sets, limit):
    """For each query of `row_sets`, the keys of at most `limit` + 1 of its rows (a list:
    more than `limit` keys say there are more rows), all read in one statement."""
    if not row_sets:
        return []
    parts, params = [], []
    for number, rows in enumerate(row_sets):
        sql, part_params = bounded(rows, limit).query.sql_with_params()
        # each set of keys in a subquery: a compound statement takes no LIMIT of its own
        parts.append(f"SELECT {number} AS row_set, bounded.* FROM ({sql}) AS bounded")
        params += part_params
    found = [[] for _rows in row_sets]
    using = router.db_for_read(row_sets[0].model)
    with connections[using].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for number, key in cursor.fetchall():
            found[number].append(key)
    return found

"""Queries over a page's keys, built by the ORM once and then only run.

Building and compiling a query costs the ORM about as much as running it on a page's
rows (docs/performance.md); a dashboard page runs the same detail queries at every
request, only with other keys. A KeyedQuery compiles its query once per database and
number of keys, with stand-in keys that no row has, and later runs that SQL with the
page's keys in their places.

The compiled SQL is shared by every request and thread of the process: it is built from
code alone (the query's shape, a database alias and a number of keys), never from what a
request sends, whose keys only ever travel as parameters; an entry, once made, is never
changed, and entries are added under a lock, at most one per number of keys up to
MAX_CACHED (a page's largest size; an export's batches of other sizes compile their own).

Rows come back as the database gives them, without the ORM's conversions: use it for
columns of text and whole numbers, which every database returns as Python gives them.
"""

from threading import Lock

from django.db import connections

# Stand-ins for the keys while compiling: negative, so no row has them, and far from any
# other number a query could hold.
_STAND_IN = -(10**15)
MAX_CACHED = 100


class KeyedQuery:
    def __init__(self, build):
        """`build(keys)` returns the values_list queryset for those keys."""
        self.build = build
        self.compiled = {}
        self.lock = Lock()

    def rows(self, keys, using="default"):
        """The query's rows for `keys` (a list of primary keys), as tuples."""
        if not keys:
            return []
        sql, params, places = self._compiled(len(keys), using)
        params = list(params)
        for position, index in places:
            params[position] = keys[index]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _compiled(self, count, using):
        key = (using, count)
        compiled = self.compiled.get(key)
        if compiled is None:
            stand_ins = [_STAND_IN - index for index in range(count)]
            sql, params = self.build(stand_ins).query.get_compiler(using).as_sql()
            places = tuple(
                (position, _STAND_IN - value)
                for position, value in enumerate(params)
                if type(value) is int and _STAND_IN - count < value <= _STAND_IN
            )
            if len(places) % count:
                raise ValueError("the query holds its keys other than as parameters")
            compiled = (sql, tuple(params), places)
            if count <= MAX_CACHED:
                with self.lock:
                    self.compiled[key] = compiled
        return compiled

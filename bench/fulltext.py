"""Times the clause-text search with and without its full-text index, on the data present.

For each term it runs the search the dashboard runs (alliances.pacts.textsearch), then the
same SQL with index scans forbidden, so that PostgreSQL computes the same text-search match
row by row; both must return the same clause versions. The substring scan the filter used
before full-text search is timed for reference (it matches a phrase, not separate words, so
its row count may differ). Each figure is the median of several runs after one warm-up.

Usage, against a database that already holds data (migrated, with clause texts):
    DATABASE_URL=postgres://... .venv/bin/python bench/fulltext.py [--runs 7] [TERM ...]
On SQLite (no DATABASE_URL) the index does not exist; the fallback search is timed alone.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliances.settings")
os.environ.setdefault("ALLIANCES_DEBUG", "1")
django.setup()

from django.db import connections, router, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402

from alliances.pacts.models import ClauseVersion  # noqa: E402
from alliances.pacts.textsearch import matching_versions, search_terms  # noqa: E402

INDEX = "pacts_clauseversion_text_search"
# Words and phrases of defence treaties, from common to rare ("forthwith" is in the NATO
# treaty, not in the demonstration data); a quoted phrase and a hyphenated word are also
# compared as written.
TERMS = [
    "armed attack", "constitutional processes", "Security Council", "territory", "vessels", "forthwith",
    '"armed attack"', "self-defence",
]
# Forbids the planner every way of reaching rows through an index: what is left is a
# sequential scan computing to_tsvector() for each row.
NO_INDEX = ["SET LOCAL enable_bitmapscan = off", "SET LOCAL enable_indexscan = off",
            "SET LOCAL enable_indexonlyscan = off"]
REPRODUCE = _(
    "To reproduce on a throwaway server with demonstration data (9,300 pacts: about 50,000 clause texts):\n"
    "  tests/with_postgres.sh sh -c 'export ALLIANCES_DEBUG=1; .venv/bin/python manage.py migrate -v0 "
    "&& .venv/bin/python manage.py generate_demo --pacts 9300 && .venv/bin/python bench/fulltext.py'"
)


def ids_sql(queryset):
    """The SQL and parameters fetching the ids of a queryset's rows, unordered."""
    return queryset.order_by().values_list("pk", flat=True).query.sql_with_params()


def run(db, sql, params, setup=()):
    """Rows of one execution, inside a transaction so that SET LOCAL ends with it."""
    with transaction.atomic(using=db), connections[db].cursor() as cursor:
        for statement in setup:
            cursor.execute(statement)
        cursor.execute(sql, params)
        return sorted(row[0] for row in cursor.fetchall())


def timed(db, sql, params, runs, setup=()):
    """(rows, median milliseconds) over `runs` executions after one warm-up."""
    rows = run(db, sql, params, setup)
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        run(db, sql, params, setup)
        times.append((time.perf_counter() - start) * 1000)
    return rows, statistics.median(times)


def plan(db, sql, params):
    """The plan PostgreSQL chooses for a query, as EXPLAIN prints it."""
    with connections[db].cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def substring_scan(term, db):
    return ids_sql(ClauseVersion.objects.using(db).filter(text__icontains=term))


def bench_postgresql(db, terms, runs):
    print(_("indexed: the dashboard's search; unindexed: the same SQL with index scans forbidden; "
            "icontains: the filter before full-text search, the whole input as one substring."))
    print(f"{'term':<28} {'rows':>7} {'plan':>6} {'indexed ms':>11} {'unindexed ms':>13} {'ratio':>7} "
          f"{'icontains ms':>13} {'(rows)':>7}")
    failures = 0
    for term in terms:
        sql, params = ids_sql(matching_versions(term, db))
        # On a table of a few pages the planner rightly reads it whole instead.
        access = "index" if INDEX in plan(db, sql, params) else "scan"
        rows, indexed = timed(db, sql, params, runs)
        same, unindexed = timed(db, sql, params, runs, NO_INDEX)
        old_rows, old = timed(db, *substring_scan(term, db), runs)
        if rows != same:
            print(_("%(term)s: indexed and unindexed searches return different rows") % {"term": term})
            failures += 1
        ratio = unindexed / indexed if indexed else float("inf")
        print(f"{term:<28} {len(rows):>7} {access:>6} {indexed:>11.2f} {unindexed:>13.2f} {ratio:>6.1f}x "
              f"{old:>13.2f} {len(old_rows):>7}")
    return failures


def bench_fallback(db, terms, runs):
    """SQLite: the trigram index (terms of three characters or more) against the substring
    scan it replaced, which must find the same texts."""
    print(_("This database (%(vendor)s) searches through its trigram index; the substring scan it replaced "
            "is timed beside it and must find the same texts.") % {"vendor": connections[db].vendor})
    print(f"{'term':<28} {'rows':>7} {'index ms':>9} {'scan ms':>8} {'ratio':>7}")
    failures = 0
    for term in terms:
        rows, ms = timed(db, *ids_sql(matching_versions(term, db)), runs)
        terms_asked = search_terms(term)
        scan = ClauseVersion.objects.using(db).filter(*(Q(text__icontains=t) for t in terms_asked))
        scan_rows, scan_ms = timed(db, *ids_sql(scan), runs)
        if sorted(rows) != sorted(scan_rows):
            failures += 1
            print(_("%(term)s: the index and the scan found different texts") % {"term": term})
        print(f"{term:<28} {len(rows):>7} {ms:>9.2f} {scan_ms:>8.2f} {scan_ms / ms if ms else float('inf'):>6.1f}x")
    return failures


def main():
    parser = argparse.ArgumentParser(description=_("Time the clause-text search with and without its index."))
    parser.add_argument("terms", nargs="*", default=TERMS, help=_("search terms (default: a fixed list)"))
    parser.add_argument("--runs", type=int, default=7, help=_("timed runs per figure, after one warm-up"))
    args = parser.parse_args()
    db = router.db_for_read(ClauseVersion)
    connection = connections[db]
    print(_("%(count)d clause texts; %(vendor)s %(version)s; median of %(runs)d runs after one warm-up.") % {
        "count": ClauseVersion.objects.using(db).count(), "vendor": connection.vendor,
        "version": ".".join(map(str, connection.get_database_version())), "runs": args.runs,
    })
    if connection.vendor == "postgresql":
        failures = bench_postgresql(db, args.terms, args.runs)
    else:
        failures = bench_fallback(db, args.terms, args.runs)
    print()
    print(REPRODUCE)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

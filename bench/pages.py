"""Server time and SQL queries of every dashboard page and fragment, against the database
DATABASE_URL names (SQLite file or PostgreSQL), with production settings (debug off,
templates cached as in production).

Each timed address is requested once ("cold" for that address: a different page, sort or
filter each time), straight through Django's WSGI handler and every middleware, signed in
as a staff analyst. Right after each page, a bare view returns the same bytes through the
same middleware; the ratio page / bare is what the page itself costs over Django's floor.
The time the database takes to answer each query is summed per request: "SQL" is the
page's own share (the bare view's session and user queries taken off), and "SQL ratio"
is (bare + SQL) / bare, the ratio the page would have if its Python cost nothing; "floor×"
and "f× p95" are the median and p95 of each address's page over its own floor, bare + SQL.

With --searched, only the pact list, the matrix and their fragments are timed, each
address without a search and right after it the same address searched (its "searched
twin", samples.SEARCHES in turn), printed as "pact list" and "pact list searched"; then the
ratio searched / unsearched of their medians and of their 95th percentiles, per kind (and
per term with --by-term).

With --peer, right after each address of the pact list and the matrix, the same address
of the conventional implementation (bench/conventional.py) is timed too, and printed as
"pact list (conventional)" and "matrix (conventional)"; then how many times faster the
dashboard's page is (conventional / dashboard, of their medians and of their p95s).

Usage: DATABASE_URL=... .venv/bin/python bench/pages.py [--per-kind 40] [--seed 1] [--peer]
       [--only KIND,...] [--searched [--by-term]] [--clock cpu] [--raw FILE] [--root DIR]
Prints one line per kind of page: median and p95 server time of the page and of the bare
view, their ratio, the page's own database time and the ratio that leaves, SQL queries
(min-max) and response size. --raw writes every timing to FILE (JSON); --root times the
code of another checkout of the project (its own virtualenv's python must run this), with
these scripts and addresses (bench/compare_checkouts.py interleaves two checkouts).
"""

import argparse
import io
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl

BENCH = Path(__file__).resolve().parent


def _root():
    """The project whose code is timed: --root, else this script's own."""
    if "--root" in sys.argv:
        return Path(sys.argv[sys.argv.index("--root") + 1]).resolve()
    return BENCH.parent


ROOT = _root()
sys.path[:0] = [str(ROOT), str(BENCH)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliances.settings")
os.environ.setdefault("ALLIANCES_SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("ALLIANCES_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402

import bare_urls  # noqa: E402
import samples  # noqa: E402
from staff_login import staff_session_cookie  # noqa: E402

settings.ROOT_URLCONF = "bare_urls"


class QueryCounter:
    """Counts the queries of a request and the time the database takes to answer them in
    full. PostgreSQL's driver returns from a query with every row; SQLite's with the first
    one, computing each further row as it is fetched, so on SQLite the fetches are timed
    too (timed_fetches)."""

    current = None  # the counter of the request being served, for the fetches

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def timed_fetches():
    """SQLite's cursor fetches, timed into the counter of the request being served."""
    from django.db.backends.sqlite3.base import SQLiteCursorWrapper

    def timed(fetch):
        def fetch_timed(self, *args):
            started = time.perf_counter()
            try:
                return fetch(self, *args)
            finally:
                if QueryCounter.current is not None:
                    QueryCounter.current.seconds += time.perf_counter() - started
        return fetch_timed

    for name in ("fetchone", "fetchmany", "fetchall"):
        setattr(SQLiteCursorWrapper, name, timed(getattr(SQLiteCursorWrapper, name)))


def environ(address, cookie, headers):
    path, _, query = address.partition("?")
    env = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    env.update({"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()})
    return env


# What a request's time is measured with: the wall clock (what a visitor waits), or the CPU
# time of this process (--clock cpu: on a machine busy with other work, a much steadier
# measure of what the code itself costs). On SQLite the database's work is in this
# process's CPU time; on PostgreSQL it is another process's, so the cpu clock adds the wall
# time of the request's queries (QUERY_TIME_ADDED).
CLOCK = time.perf_counter
QUERY_TIME_ADDED = False


def serve(handler, address, cookie, headers=None):
    """(seconds, status, body bytes, content type, queries, database seconds) for one
    request, the body read to its end as a server would."""
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen["status"] = status
        seen["type"] = dict(response_headers).get("Content-Type", "")

    counter = QueryCounter.current = QueryCounter()
    with connection.execute_wrapper(counter):
        started = CLOCK()
        result = handler(environ(address, cookie, headers or {}), start_response)
        body = b"".join(result)
        result.close()
        elapsed = CLOCK() - started
    QueryCounter.current = None
    if QUERY_TIME_ADDED:
        elapsed += counter.seconds
    return elapsed, seen["status"], body, seen["type"], counter.count, counter.seconds


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# The conventional implementation of a kind of page, at the same addresses (--peer).
PEERS = {"pact list": ("pact list (conventional)", "/pacts/", "/bench-conventional/pacts/"),
         "matrix": ("matrix (conventional)", "/compare/", "/bench-conventional/compare/")}


# The kinds of page with a search box, timed with --searched beside their searched twins.
SEARCHABLE = ("pact list", "pact list fragment", "matrix", "matrix fragment")


def twins(kind, requests, peer, searched):
    """[(name, address transform)] timed for each address of `kind`: the page itself, then
    its conventional peer (--peer) or the same page searched (--searched), one term of
    samples.SEARCHES after another."""
    timed = [(kind, lambda address, key: address)]
    if peer and kind in PEERS:
        name, ours, theirs = PEERS[kind]
        timed.append((name, lambda address, key: address.replace(ours, theirs, 1)))
    if searched and kind in SEARCHABLE:
        timed[0] = (kind, lambda address, key: samples.unsearched(address))
        timed.append((f"{kind} searched",
                      lambda address, key: samples.searched(address, samples.SEARCHES[key % len(samples.SEARCHES)])))
    return timed


def measure(handler, cookie, kinds, peer=False, searched=False):
    results = []
    for kind, requests in kinds:
        timed = twins(kind, requests, peer, searched)
        collected = {name: ([], [], [], [], [], []) for name, _transform in timed}
        for key, (address, headers) in enumerate(requests):
            for name, transform in timed:
                at = transform(address, key)
                pages, bares, queries, sizes, addresses, sql = collected[name]
                seconds, status, body, content_type, count, database = serve(handler, at, cookie, headers)
                if not status.startswith("200"):
                    raise SystemExit(f"{at} answered {status}")
                bare_urls.BODIES[str(key)] = (body, content_type)
                bare_seconds, *_rest, bare_database = serve(handler, f"/bench-bare/?k={key}", cookie)
                sizes.append(len(body))
                del bare_urls.BODIES[str(key)], body  # a worker keeps no page once it is sent
                pages.append(seconds)
                bares.append(bare_seconds)
                queries.append(count)
                addresses.append(at)
                sql.append(max(0.0, database - bare_database))
        for name, _transform in timed:
            pages, bares, queries, sizes, addresses, sql = collected[name]
            results.append((name, pages, bares, queries, sizes, addresses, sql))
    return results


def searched_ratios(results, by_term=False):
    """Per kind of page, its searched twin's median and p95 over its own (same addresses),
    and with --by-term the same per search term (the term's addresses only)."""
    found = {name: (pages, addresses) for name, pages, _b, _q, _s, addresses, _sql in results}
    print(f"{'searched / unsearched':<32}{'n':>4}{'median':>9}{'p95':>9}{'unsearched ms':>15}{'searched ms':>13}")
    for kind in SEARCHABLE:
        if kind not in found or f"{kind} searched" not in found:
            continue
        plain, _addresses = found[kind]
        twin, addresses = found[f"{kind} searched"]
        rows = [(kind, plain, twin)]
        if by_term:
            terms = [dict(parse_qsl(address.partition("?")[2]))["q"] for address in addresses]
            for term in samples.SEARCHES:
                chosen = [i for i, asked in enumerate(terms) if asked == term]
                if chosen:
                    rows.append((f"  q={term}", [plain[i] for i in chosen], [twin[i] for i in chosen]))
        for label, base, searched in rows:
            print(f"{label:<32}{len(base):>4}{statistics.median(searched) / statistics.median(base):>9.2f}"
                  f"{p95(searched) / p95(base):>9.2f}{statistics.median(base) * 1000:>15.1f}"
                  f"{statistics.median(searched) * 1000:>13.1f}")


def peer_ratios(results):
    """Per kind with a conventional peer, how many times faster the dashboard's page is."""
    found = {name: pages for name, pages, *_rest in results}
    print(f"{'conventional / dashboard':<32}{'n':>4}{'median':>9}{'p95':>9}{'dashboard ms':>14}{'conventional ms':>17}")
    for kind, (peer, _ours, _theirs) in PEERS.items():
        if kind in found and peer in found:
            ours, theirs = found[kind], found[peer]
            print(f"{kind:<32}{len(ours):>4}{statistics.median(theirs) / statistics.median(ours):>9.2f}"
                  f"{p95(theirs) / p95(ours):>9.2f}{statistics.median(ours) * 1000:>14.1f}"
                  f"{statistics.median(theirs) * 1000:>17.1f}")


def report(results):
    ms = lambda s: f"{s * 1000:.1f}"  # noqa: E731
    print(f"{'page':<26}{'n':>4}{'median ms':>11}{'p95 ms':>9}{'bare med':>10}{'bare p95':>10}"
          f"{'ratio':>7}{'SQL med':>9}{'SQL ratio':>10}{'floor×':>8}{'f× p95':>8}{'queries':>9}{'KiB':>7}")
    for kind, pages, bares, queries, sizes, _addresses, sql in results:
        bare = statistics.median(bares)
        ratio = statistics.median(pages) / bare
        floors = [bare_seconds + own for bare_seconds, own in zip(bares, sql)]
        over_floor = [page / floor for page, floor in zip(pages, floors)]  # each address over its own floor
        span = f"{min(queries)}" if min(queries) == max(queries) else f"{min(queries)}-{max(queries)}"
        print(f"{kind:<26}{len(pages):>4}{ms(statistics.median(pages)):>11}{ms(p95(pages)):>9}"
              f"{ms(bare):>10}{ms(p95(bares)):>10}{ratio:>7.1f}{ms(statistics.median(sql)):>9}"
              f"{statistics.median(floors) / bare:>10.1f}{statistics.median(over_floor):>8.1f}{p95(over_floor):>8.1f}"
              f"{span:>9}{statistics.median(sizes) / 1024:>7.0f}")


def slowest(results, count):
    """The slowest addresses of each kind, to see where the time goes."""
    if count < 1:
        return
    for kind, pages, _bares, _queries, _sizes, addresses, _sql in results:
        worst = sorted(zip(pages, addresses), reverse=True)[:count]
        print(f"slowest {kind}: " + "; ".join(f"{seconds * 1000:.0f} ms {address}" for seconds, address in worst))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=40, help="timed addresses per kind of page")
    parser.add_argument("--seed", type=int, default=1, help="chooses the addresses")
    parser.add_argument("--only", default="", help="comma-separated kinds to time")
    parser.add_argument("--slowest", type=int, default=0, help="also print this many slowest addresses per kind")
    parser.add_argument("--peer", action="store_true", help="also time the conventional pact list and matrix")
    parser.add_argument("--searched", action="store_true",
                        help="time the lists, matrix and fragments only, each address unsearched and then searched "
                             "(samples.SEARCHES), and print the ratio searched / unsearched per kind")
    parser.add_argument("--by-term", action="store_true", help="with --searched, that ratio per search term too")
    parser.add_argument("--raw", default="", help="write every timing to this file (JSON)")
    parser.add_argument("--root", default="", help="the checkout of the project whose code is timed")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall-clock time (default) or this process's CPU time")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    global QUERY_TIME_ADDED
    QUERY_TIME_ADDED = args.clock == "cpu" and connection.vendor != "sqlite"
    if args.peer and not bare_urls.conventional:
        raise SystemExit("--peer: this checkout has no conventional implementation (bench/conventional.py)")
    if connection.vendor == "sqlite":
        timed_fetches()
    cookie = staff_session_cookie()
    handler = WSGIHandler()
    kinds = samples.page_addresses(random.Random(args.seed), args.per_kind + 1)
    if args.only:
        kinds = [(k, r) for k, r in kinds if k in args.only.split(",")]
    if args.searched:
        kinds = [(k, r) for k, r in kinds if k in SEARCHABLE]
    # One untimed request per kind first: imports, template compilation and the
    # connection are paid once per worker, not per page.
    for kind, requests in kinds:
        for _name, transform in twins(kind, requests, args.peer, args.searched):
            serve(handler, transform(requests[0][0], 0), cookie, requests[0][1])
    results = measure(handler, cookie, [(kind, requests[1:]) for kind, requests in kinds], peer=args.peer,
                      searched=args.searched)
    print(f"database: {connection.vendor}; {connection.settings_dict['NAME']}; code: {ROOT}; clock: {args.clock}"
          + (" (with the queries' wall time)" if QUERY_TIME_ADDED else ""))
    report(results)
    if args.raw:
        with open(args.raw, "w") as raw:
            json.dump({kind: {"pages": pages, "bares": bares, "queries": queries, "sql": sql, "sizes": sizes}
                       for kind, pages, bares, queries, sizes, _addresses, sql in results}, raw)
    if args.searched:
        searched_ratios(results, args.by_term)
    if args.peer:
        peer_ratios(results)
    slowest(results, args.slowest)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process, a worker that served every page above: {peak:.0f} MiB")
    print(f"reproduce: DATABASE_URL=... {sys.executable} bench/pages.py --per-kind {args.per_kind} --seed {args.seed}"
          + (" --peer" if args.peer else "") + (f" --only {args.only!r}" if args.only else "")
          + (" --searched" if args.searched else "") + (" --by-term" if args.by_term else "")
          + (f" --clock {args.clock}" if args.clock != "wall" else ""))


if __name__ == "__main__":
    main()

"""Times the query that reads the keys of the rows a search matches, for each term of
samples.SEARCHES (or those given): the pacts' keys (the pact list) and the commitments'
keys (the matrix, and the pact list's counts beside the commitment filters), as the
dashboard's search filter reads them (filtersets.ClauseTextFilter.matching_query). Each
figure is the fastest of several runs, with the number of keys read.

Usage, against a database that already holds data:
    DATABASE_URL=... .venv/bin/python bench/search_keys.py [--runs 3] [--root DIR] [TERM ...]
--root times the code of another checkout of the project (its queries, these terms).
"""

import argparse
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--root", default="", help="the checkout of the project whose code is timed")
parser.add_argument("terms", nargs="*")
args = parser.parse_args()
sys.path[:0] = [str(Path(args.root).resolve() if args.root else BENCH.parent), str(BENCH)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliances.settings")
os.environ.setdefault("ALLIANCES_DEBUG", "1")

import django  # noqa: E402

django.setup()

import samples  # noqa: E402
from django.db import connection  # noqa: E402

from alliances.pacts.filtersets import CommitmentFilterSet, PactFilterSet  # noqa: E402
from alliances.pacts.models import Commitment, Pact  # noqa: E402


def fastest(query, runs):
    """(the fastest run in ms, the number of keys) of reading the query's keys."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        keys = list(query.all())  # a fresh copy: a queryset read once keeps its rows
        times.append(time.perf_counter() - started)
    return min(times) * 1000, len(keys)


def main():
    print(f"database: {connection.vendor}; code: {sys.path[0]}; fastest of {args.runs} runs")
    print(f"{'term':24} {'pacts ms':>9} {'keys':>7} {'commitments ms':>15} {'keys':>7}")
    for term in args.terms or samples.SEARCHES:
        figures = []
        for filterset_class, model in ((PactFilterSet, Pact), (CommitmentFilterSet, Commitment)):
            search = filterset_class({"q": term}, queryset=model.objects.all()).filters["q"]
            figures.append(fastest(search.matching_query(term), args.runs))
        (pact_ms, pacts), (commitment_ms, commitments) = figures
        print(f"{term:24} {pact_ms:9.1f} {pacts:7d} {commitment_ms:15.1f} {commitments:7d}")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# The body of bench/run.sh for one database (DATABASE_URL): for each size, an emptied
# database, the curated fixtures, that many generated pacts, then every measurement.
set -euo pipefail
PY=.venv/bin/python
SEARCHED_PER_KIND=${SEARCHED_PER_KIND:-$PER_KIND}
export ALLIANCES_DEBUG=1  # for the commands below only; the page timings run with debug off
ATOP=${ATOP:-../shared/data/atop}
COW_STATES=${COW_STATES:-../shared/data/cow_states/statelist2024.csv}

seconds() {  # seconds COMMAND...: runs it (output dropped), prints its wall time in seconds
  $PY -c 'import subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(f"{time.perf_counter() - start:.1f}")
sys.exit(code)' "$@"
}

$PY manage.py migrate -v0
for size in $SIZES; do
  $PY manage.py flush --noinput
  echo
  echo "--- ${DATABASE_URL%%:*}: $size generated pacts beside the curated ones ---"
  echo "loader, curated fixtures into an empty database: $(seconds $PY manage.py load_seeds) s"
  echo "generate_demo --pacts $size: $(seconds $PY manage.py generate_demo --pacts "$size") s"
  (unset ALLIANCES_DEBUG; $PY bench/pages.py --per-kind "$PER_KIND")
  # the pact list and the matrix beside their conventional implementation (bench/conventional.py)
  (unset ALLIANCES_DEBUG; $PY bench/pages.py --per-kind "$PER_KIND" --peer --only "pact list,matrix")
  # each list, matrix and fragment beside its searched twin, on the CPU clock (a busy machine)
  (unset ALLIANCES_DEBUG; $PY bench/pages.py --per-kind "$SEARCHED_PER_KIND" --searched --by-term --clock cpu)
  (unset ALLIANCES_DEBUG; $PY bench/export_memory.py)
  $PY bench/fulltext.py
  $PY bench/search_keys.py
done
if [ -d "$ATOP" ]; then
  $PY manage.py flush --noinput
  $PY manage.py load_seeds >/dev/null
  echo
  echo "ATOP 5.1 import beside the curated pacts: $(seconds $PY manage.py import_atop "$ATOP" --states "$COW_STATES") s"
fi

#!/usr/bin/env bash
# Every measurement, on SQLite and on a throwaway PostgreSQL server, at each size in SIZES
# (generated pacts beside the curated ones). Prints the figures; nothing is kept.
# Usage: bench/run.sh                     (make bench)
#        SIZES="10 1000" PER_KIND=20 bench/run.sh
#        SIZES=10000 PER_KIND=20 SEARCHED_PER_KIND=52 bench/run.sh   (searched twins: 4 addresses per term)
#        make bench SIZES="10000 100000" ENGINES=postgresql   (100,000 pacts: about 6 minutes to generate)
set -euo pipefail
cd "$(dirname "$0")/.."
export SIZES=${SIZES:-10 1000 10000}
export PER_KIND=${PER_KIND:-30}
ENGINES=${ENGINES:-sqlite postgresql}
for engine in $ENGINES; do
  case $engine in
    sqlite|postgresql) ;;
    *) echo "ENGINES: $engine is neither sqlite nor postgresql" >&2; exit 2 ;;
  esac
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(.venv/bin/python --version); $(date -u +%Y-%m-%dT%H:%MZ)"

# Pages are timed with production settings, which serve static files from the manifest
# that collectstatic writes with those settings.
env -u ALLIANCES_DEBUG ALLIANCES_SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  ALLIANCES_ALLOWED_HOSTS=localhost .venv/bin/python manage.py collectstatic --noinput -v0

echo
echo "=== Text diff and the closest texts (no database) ==="
.venv/bin/python bench/textdiff.py

work=$(mktemp -d /tmp/alliances-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
for engine in $ENGINES; do
  case $engine in
    sqlite)
      echo
      echo "=== SQLite ==="
      DATABASE_URL="sqlite:///$work/bench.sqlite3" bench/at_sizes.sh ;;
    postgresql)
      echo
      echo "=== PostgreSQL ==="
      tests/with_postgres.sh bench/at_sizes.sh ;;
  esac
done

#!/usr/bin/env bash
# The body of bench/load.sh, run with DATABASE_URL pointing at the throwaway server.
set -euo pipefail
PY=.venv/bin/python
PORT=${PORT:-8765}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
ALLIANCES_SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLIANCES_SECRET_KEY
export ALLIANCES_ALLOWED_HOSTS=127.0.0.1
unset ALLIANCES_DEBUG

$PY manage.py migrate -v0
$PY manage.py load_seeds >/dev/null
ATOP=${ATOP:-../shared/data/atop}
if [ -d "$ATOP" ]; then
  $PY manage.py import_atop "$ATOP" --states "${COW_STATES:-../shared/data/cow_states/statelist2024.csv}" | tail -1
fi
$PY manage.py collectstatic --noinput -v0
COOKIE=$($PY bench/session_cookie.py)

.venv/bin/gunicorn alliances.wsgi -b 127.0.0.1:$PORT -w 2 --access-logfile /dev/null --error-logfile /tmp/alliances-gunicorn.log &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf -H "X-Forwarded-Proto: https" http://127.0.0.1:$PORT/health/ >/dev/null && break
  sleep 0.2
done

echo "wrk: $DURATION, $CONNECTIONS connections, 2 threads, 10 s timeout; gunicorn 2 workers; PostgreSQL; $(nproc) cores"
run() {
  local name=$1 path=$2; shift 2
  local line
  line=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/count_status.lua \
    -H "Cookie: $COOKIE" -H "X-Forwarded-Proto: https" "$@" "http://127.0.0.1:$PORT$path" | grep '^RESULT')
  printf '%-22s %s\n' "$name" "${line#RESULT }"
}
run "pact list" "/pacts/"
run "comparison matrix" "/compare/?commitment_type=defense"
run "htmx fragment" "/compare/?commitment_type=defense&page=2" -H "HX-Request: true" -H "HX-Target: dashboard"
run "directed lookup" "/lookup/?obliged=USA&protected=PHL"
run "CSV export" "/compare/?commitment_type=defense&party=USA&export=csv"

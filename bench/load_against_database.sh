#!/usr/bin/env bash
# The body of bench/load.sh, run with DATABASE_URL pointing at the throwaway server.
set -euo pipefail
PY=.venv/bin/python
PORT=${PORT:-8765}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-16}
WORKERS=${WORKERS:-2}
# GC_LOG=1: each worker writes its full garbage collections to the error log (FREEZE=0: without
# the project's gc.freeze, for comparison).
CONFIG=gunicorn.conf.py
[ "${GC_LOG:-0}" = 1 ] && CONFIG=bench/gunicorn_gc_log.py
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

ACCESS_LOG=$(mktemp)
ERROR_LOG=$(mktemp)
.venv/bin/gunicorn alliances.wsgi -c "$CONFIG" -b 127.0.0.1:$PORT -w "$WORKERS" \
  --access-logfile "$ACCESS_LOG" --access-logformat '%(t)s %(M)s %(s)s' --error-logfile "$ERROR_LOG" &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true; rm -f "$ACCESS_LOG" "$ERROR_LOG"' EXIT
for _ in $(seq 50); do
  curl -sf -H "X-Forwarded-Proto: https" http://127.0.0.1:$PORT/health/ >/dev/null && break
  sleep 0.2
done

echo "wrk: $DURATION, $CONNECTIONS connections, 2 threads, 10 s timeout; gunicorn $WORKERS sync workers ($CONFIG); PostgreSQL; $(nproc) cores"
# Client-side p50/p99 from wrk (queueing included), then from the access log the server's own
# time and the run's slowest second.
run() {
  local name=$1 path=$2; shift 2
  local line before
  before=$(wc -l < "$ACCESS_LOG")
  line=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/count_status.lua \
    -H "Cookie: $COOKIE" -H "X-Forwarded-Proto: https" "$@" "http://127.0.0.1:$PORT$path" | grep '^RESULT')
  sleep 1  # the last responses' log lines
  printf '%-22s %s %s\n' "$name" "${line#RESULT }" \
    "$(tail -n +"$((before + 1))" "$ACCESS_LOG" | $PY bench/slowest_second.py)"
}
PAGES=${PAGES:-list matrix fragment pact state lookup csv}
for page in $PAGES; do
  case $page in
    list) run "pact list" "/pacts/" ;;
    matrix) run "comparison matrix" "/compare/?commitment_type=defense" ;;
    fragment) run "htmx fragment" "/compare/?commitment_type=defense&page=2" -H "HX-Request: true" -H "HX-Target: dashboard" ;;
    pact) run "pact page (NATO)" "/pacts/north-atlantic-treaty/" ;;
    state) run "state page (USA)" "/states/USA/" ;;
    lookup) run "directed lookup" "/lookup/?obliged=USA&protected=PHL" ;;
    csv) run "CSV export" "/compare/?commitment_type=defense&party=USA&export=csv" ;;
    *) echo "unknown page $page (list matrix fragment pact state lookup csv)" >&2; exit 2 ;;
  esac
done
if [ "${GC_LOG:-0}" = 1 ]; then
  kill -TERM $GUNICORN; wait $GUNICORN 2>/dev/null || true
  grep "full garbage collections" "$ERROR_LOG" | sed 's/^.*\] //'
fi

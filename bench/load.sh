#!/usr/bin/env bash
# Bounded load test: gunicorn (2 workers) on 127.0.0.1 with production settings against a
# throwaway PostgreSQL, wrk for 30 s with 32 connections on each of five pages. Prints
# requests per second, p50/p99 latency and the count of responses that are not 200.
# Usage: bench/load.sh            (from a clone; installs wrk if it is missing)
#        DURATION=10s CONNECTIONS=16 bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
make install >/dev/null
if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
exec tests/with_postgres.sh bench/load_against_database.sh

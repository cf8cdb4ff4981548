#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: a fresh data directory under /tmp,
# listening on a Unix socket only, stopped and removed when the command ends.
# Usage: tests/with_postgres.sh COMMAND [ARGS...]   (DATABASE_URL is set for COMMAND)
set -euo pipefail

bindir=""
for candidate in "$(command -v pg_ctl 2>/dev/null | xargs -r readlink -f | xargs -r dirname)" /usr/lib/postgresql/*/bin; do
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/createdb" ]; then
    bindir="$candidate"; break
  fi
done
if [ -z "$bindir" ]; then
  echo "with_postgres: initdb/pg_ctl not found; install the postgresql package." >&2
  exit 2
fi

dir=$(mktemp -d /tmp/alliances-pg.XXXXXX)
as_owner() {
  # initdb refuses to run as root: run the server as the postgres user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
chmod 700 "$dir"

cleanup() {
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 2; }
as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 2; }

as_owner "$bindir/createdb" -h "$dir" -U postgres alliances

encoded=$(printf '%s' "$dir" | sed 's#/#%2F#g')
export DATABASE_URL="postgres://postgres@${encoded}/alliances"
echo "with_postgres: server in $dir ($("$bindir/postgres" --version))"
"$@"

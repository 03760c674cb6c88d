#!/usr/bin/env bash
# with-postgres.sh runs a command with a throwaway PostgreSQL server:
#
#   examples/apiserver/testdata/with-postgres.sh go test -race ./examples/apiserver/...
#
# It installs PostgreSQL with apt-get if no initdb is found, initialises a
# cluster in a temporary directory, starts it on 127.0.0.1 (port
# $PGTEST_PORT, default 54329, or the next free one), creates the database
# "lifekit", runs the command with LIFEKIT_TEST_POSTGRES set to its URL
# (and PGTEST_DATA to the cluster's directory),
# then stops the server, removes the directory and exits with the command's
# status. Extra server settings go in $PGTEST_OPTS (e.g. "-c fsync=off").
# PostgreSQL refuses to run as root: as root, the server runs as the
# "postgres" user that the Debian package creates.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 command [args...]" >&2
  exit 2
fi

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}
bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: installing postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi

as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  as_pg=(runuser -u postgres --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/with-postgres.XXXXXX")
[ ${#as_pg[@]} -eq 0 ] || chown postgres: "$dir"
chmod 0700 "$dir"
started=

cleanup() {
  if [ -n "$started" ]; then
    "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${PGTEST_PORT:-54329}
for _ in $(seq 1 20); do
  port_free "$port" && break
  port=$((port + 1))
done

"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
mkdir -p "$dir/sock"
[ ${#as_pg[@]} -eq 0 ] || chown postgres: "$dir/sock"
if ! "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 ${PGTEST_OPTS:-}" start >/dev/null; then
  cat "$dir/server.log" >&2
  exit 1
fi
started=1
"$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres lifekit

export LIFEKIT_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/lifekit?sslmode=disable"
# The cluster's directory, whose postmaster.pid lets a test freeze the
# server (SIGSTOP) and thaw it.
export PGTEST_DATA="$dir/data"
echo "with-postgres: LIFEKIT_TEST_POSTGRES=$LIFEKIT_TEST_POSTGRES" >&2
set +e
"$@"
status=$?
set -e
exit "$status"

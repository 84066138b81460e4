#!/usr/bin/env bash
# `npm run test:indexer:postgres`: the indexer's replay test (scripts/test-indexer.mjs) on a real PostgreSQL, as
# production runs it. Starts a throwaway cluster of the system's PostgreSQL (Debian's `postgresql` package; .ci/run
# installs it when missing) in a temporary folder on 127.0.0.1:$PGPORT (default 54329), runs the replay against it
# through INDEXER_TEST_DATABASE_URL, and stops and deletes the cluster afterwards, also on failure and Ctrl-C.
# PostgreSQL refuses to run as root: as root, the cluster runs as the package's `postgres` user.
set -euo pipefail

port="${PGPORT:-54329}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [[ -z "$bin" ]]; then
  echo "test:indexer:postgres: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi

dir="$(mktemp -d)"
as_owner() {
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}
if ((EUID == 0)); then chown postgres "$dir"; fi
stop() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

echo "test:indexer:postgres: a throwaway PostgreSQL ($("$bin/postgres" --version)) on 127.0.0.1:$port"
as_owner "$bin/initdb" -D "$dir/data" -U openfactor --auth=trust --encoding=UTF8 >"$dir/initdb.log" ||
  {
    cat "$dir/initdb.log" >&2
    exit 1
  }
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null ||
  {
    cat "$dir/server.log" >&2
    exit 1
  }

INDEXER_TEST_DATABASE_URL="postgresql://openfactor@127.0.0.1:$port/postgres" node scripts/test-indexer.mjs "$@"

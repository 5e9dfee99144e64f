#!/usr/bin/env bash
# pg.sh — a throw-away PostgreSQL 15 server for the benchmark: `pg.sh start DIR PORT` creates a
# cluster in DIR and starts it on 127.0.0.1:PORT (trust auth, fsync as the defaults); `pg.sh stop DIR`
# stops it. Run as root, the server runs as the postgres user (initdb refuses root).
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg.sh: PostgreSQL server not installed (scripts/deps.sh --bench)" >&2; exit 1; }
as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$1" in
  start)
    dir=$2; port=$3
    mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as "$bin/initdb" -D "$dir/data" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c shared_buffers=512MB" start >/dev/null
    ;;
  stop)
    as "$bin/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: pg.sh start DIR PORT | pg.sh stop DIR" >&2; exit 2 ;;
esac

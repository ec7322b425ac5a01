#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: Debian's `postgresql` (installed by .ci/run, not
# here), data in a temporary folder, on a free loopback port, TLS on with a self-signed certificate
# made at start (so sslmode=require is tested), run as the `postgres` user when started as root
# (the server refuses root).
#
#   scripts/postgres-test-server.sh start   # prints the URL of a role that may create databases
#   scripts/postgres-test-server.sh stop [DIR]
#
# `start` also writes the cluster's folder and URL to $AIM_SPACY_TEST_POSTGRES_STATE (default
# /tmp/aim-spacy-test-postgres.env) for `stop`.
set -euo pipefail

state="${AIM_SPACY_TEST_POSTGRES_STATE:-/tmp/aim-spacy-test-postgres.env}"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[ -x "$bindir/initdb" ] || { echo "postgres-test-server: no PostgreSQL server found (apt-get install postgresql)" >&2; exit 1; }

as_server() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Closes every descriptor but stdin, stdout and stderr (and bash's own 255), so that the server,
# which runs on after this script, holds none of its caller's. Foundation's `Process` gives each
# child one end of a socket pair and takes the child for finished only when that end is closed
# everywhere: a server keeping it made `Process.waitUntilExit` (the tests' self-started server)
# wait for as long as the server ran.
close_inherited_descriptors() {
    local fd
    for fd in /proc/$$/fd/*; do
        fd="${fd##*/}"
        if [ "$fd" -gt 2 ] && [ "$fd" -ne 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

start() {
    local dir port password tries=0
    close_inherited_descriptors
    dir="$(mktemp -d /tmp/aim-spacy-pg.XXXXXX)"
    chmod 755 "$dir"
    password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    printf '%s\n' "$password" > "$dir/pwfile"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
        -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1
    chmod 600 "$dir/server.key" "$dir/pwfile"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
    as_server "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" -A scram-sha-256 --no-sync >/dev/null
    cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
ssl = on
ssl_cert_file = '$dir/server.crt'
ssl_key_file = '$dir/server.key'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
    cat > "$dir/data/pg_hba.conf" <<HBA
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
HBA
    while :; do
        port=$(( 20000 + RANDOM % 40000 ))
        if as_server "$bindir/pg_ctl" -D "$dir/data" -o "-p $port" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then break; fi
        tries=$((tries + 1))
        if [ "$tries" -ge 5 ]; then cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1; fi
    done
    PGPASSWORD="$password" "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE aim_spacy_test LOGIN CREATEDB PASSWORD '$password'" \
        -c "CREATE DATABASE aim_spacy_test OWNER aim_spacy_test" >/dev/null
    local url="postgresql://aim_spacy_test:$password@127.0.0.1:$port/aim_spacy_test?sslmode=require"
    printf 'AIM_SPACY_TEST_POSTGRES_DIR=%s\nAIM_SPACY_TEST_POSTGRES_URL=%s\n' "$dir" "$url" > "$state"
    echo "$url"
}

stop() {
    local dir="${1:-}"
    if [ -z "$dir" ] && [ -f "$state" ]; then
        dir="$(sed -n 's/^AIM_SPACY_TEST_POSTGRES_DIR=//p' "$state")"
        rm -f "$state"
    fi
    [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
    as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac

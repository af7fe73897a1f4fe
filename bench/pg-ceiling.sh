#!/usr/bin/env bash
# What PostgreSQL alone can do with the transaction a create writes, on this machine: the ceiling for
# "create >= 2,000/s on PostgreSQL", measured without the server (see BENCHMARKS.md).
#
#   bench/pg-ceiling.sh
#
# It starts the jar ($AUTOCONN_JAR, default target/autoconn.jar) once on a fresh database so that the
# migrations create the real schema (indexes, foreign keys), stops it, and then runs pgbench with the
# statements a create sends (insert into connections, insert into audit_events, one transaction):
#   - one create per transaction, 16 clients (what the server does now: each request commits its own);
#   - 8 creates per transaction, 2 clients (what grouping concurrent creates into one commit would give).
# Reported: transactions/s, rows/s, and the cores the whole machine was busy meanwhile (pgbench included),
# so rows per busy core-second is the figure that travels. The database is dropped at the end.
#
# Knobs: PG_CEILING_DURATION=15 (seconds per run), BENCH_PG_HOST/PORT/USER as for bench/run.sh.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
JAR="${AUTOCONN_JAR:-$ROOT/target/autoconn.jar}"
DURATION="${PG_CEILING_DURATION:-15}"
PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"
PG_PORT="${BENCH_PG_PORT:-5432}"
PG_USER="${BENCH_PG_USER:-postgres}"
DB="autoconn_ceiling_$$"
WORK="$(mktemp -d)"
CONNECTOR_HTTP=67031468-9f41-4068-9de8-95d3dd29dfb4

for tool in java curl psql createdb dropdb pgbench; do
    command -v "$tool" >/dev/null || { echo "pg-ceiling: $tool is needed" >&2; exit 1; }
done
[[ -f "$JAR" ]] || { echo "pg-ceiling: no jar at $JAR: build it first (mvn -DskipTests package)" >&2; exit 1; }

PG=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")
cleanup() { dropdb "${PG[@]}" --if-exists "$DB" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
sql() { psql -X -q -At "${PG[@]}" -d "$DB" -c "$1"; }

createdb "${PG[@]}" "$DB"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
env -u AUTOCONN_DB_PASSWORD -u AUTOCONN_MASTER_KEY AUTOCONN_PORT="$port" AUTOCONN_DATA_DIR="$WORK/data" \
    AUTOCONN_ADMIN_API_KEY="ceiling-$(date +%s)-0123456789abcdef" \
    AUTOCONN_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" AUTOCONN_DB_USER="$PG_USER" \
    java -jar "$JAR" >"$WORK/server.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true)" == 200 ]] && break
    sleep 0.5
done
kill "$server"; wait "$server" || true
tenant=$(sql "SELECT tenant_id FROM users LIMIT 1")
user=$(sql "SELECT id FROM users LIMIT 1")
[[ -n "$tenant" && -n "$user" ]] || { tail -30 "$WORK/server.log" >&2; echo "pg-ceiling: the schema was not created" >&2; exit 1; }

# The create's two inserts, k rows each, as the server sends them (values shaped like bench/create.lua's).
script() {
    local k=$1 i sep="" connections="" audits="" now="(extract(epoch from clock_timestamp()) * 1000000)::bigint"
    for (( i = 0; i < k; i++ )); do
        connections+="$sep(gen_random_uuid()::text, '$tenant', '$CONNECTOR_HTTP', $now, '$user', NULL,
            'create-' || :n || '-$i', '{\"baseUrl\":\"http://127.0.0.1:9\"}', '{}', false,
            '{\"code\":\"CHECK-CONNECTION-REFUSED\",\"title\":\"Connection refused\",\"detail\":\"http://127.0.0.1:9 refused the TCP connection\"}',
            1, $now)"
        audits+="$sep(gen_random_uuid()::text, '$tenant', 'com.qlik.v1.automation-connection.created', $now,
            '$user', 'automation-connection', gen_random_uuid()::text, '{\"name\":\"create\",\"connectorId\":\"$CONNECTOR_HTTP\"}')"
        sep=","
    done
    cat <<EOF
\set n random(1, 1000000000)
BEGIN;
INSERT INTO connections (id, tenant_id, connector_id, created_at, owner_id, space_id, name, params, secrets,
    is_connected, error, version, updated_at) VALUES $connections;
INSERT INTO audit_events (id, tenant_id, event_type, event_time, user_id, resource_type, resource_id, data)
    VALUES $audits;
COMMIT;
EOF
}

busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }

run() {
    local k=$1 clients=$2 b0 i0 b1 i1 t0 t1 tps
    script "$k" >"$WORK/create-$k.sql"
    sql "CHECKPOINT"
    read -r b0 i0 < <(busy); t0=$(date +%s.%N)
    tps=$(pgbench "${PG[@]}" -n -M prepared -c "$clients" -j 2 -T "$DURATION" -f "$WORK/create-$k.sql" "$DB" 2>&1 \
        | awk '/^tps/ { print $3 }')
    read -r b1 i1 < <(busy); t1=$(date +%s.%N)
    awk -v k="$k" -v c="$clients" -v tps="$tps" -v b=$(( b1 - b0 )) -v i=$(( i1 - i0 )) -v t0="$t0" -v t1="$t1" 'BEGIN {
        cores = b / 100 / (t1 - t0)
        printf "| %d | %d | %.0f | %.0f | %.2f of %.2f | %.0f |\n", k, c, tps, tps * k, cores, (b + i) / 100 / (t1 - t0), tps * k / cores
    }'
}

echo "PostgreSQL $(sql "SHOW server_version"), $(nproc) cores, ${DURATION}s per run, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| creates per transaction | clients | transactions/s | creates/s | machine busy cores | creates per busy core-second |"
echo "|---:|---:|---:|---:|---:|---:|"
run 1 16
run 8 2

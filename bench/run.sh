#!/usr/bin/env bash
# Benchmarks a built autoconn jar on SQLite, PostgreSQL, or both (see BENCHMARKS.md).
#
#   bench/run.sh [sqlite|postgresql|all]        (default: all)
#
# It builds nothing: the jar is $AUTOCONN_JAR, by default target/autoconn.jar under the repo root.
# Per backend it starts the server on a free loopback port with a fresh data dir (and, for
# PostgreSQL, a fresh database), seeds BENCH_ROWS connections, measures every endpoint with wrk
# against the static baseline in the same run, writes bench/results/<backend>-<timestamp>.txt and
# prints a markdown table. Any non-2xx answer or socket error in a measured run fails the run.
#
# Knobs (environment):
#   BENCH_ROWS=1000000       connections to seed (the issue's scale; 100000 for a quicker run)
#   BENCH_API_ROWS=2000      of those, how many are created through the API (POST, with wrk); the rest
#                            are bulk-copied in SQL from the API-created row "bench-1" (same tenant,
#                            owner, connector, params; each copy gets its own id, name and timestamps,
#                            one in three was edited later and one in three checked out connected).
#                            BENCH_API_ROWS=$BENCH_ROWS seeds everything through the API.
#   BENCH_THREADS=2 BENCH_CONNECTIONS=16 BENCH_DURATION=15s BENCH_WARMUP=5s   wrk settings
#   BENCH_C1_DURATION=10s   the unloaded-latency pass (wrk -t1 -c1, one request at a time) over the
#                            read endpoints; BENCH_C1_DURATION=0 skips it. Its p99 overstates: wrk at one
#                            connection reported 3.5 ms where a plain client measured 0.23 ms (BENCHMARKS.md)
#   BENCH_JIT_WARMUP=80      seconds of load over the read endpoints (plus half of it of creates), after seeding and before
#                            any measurement: this JVM on 2 cores needs about a minute under load to
#                            reach steady throughput (static: ~3k req/s in the first 8 s, ~20k after
#                            50 s), far more than the per-endpoint warm-up
#   BENCH_RETRIES=2          a measured run during which other processes used more than 0.25 core is
#                            repeated (warm-up included) up to this many times; the table shows the
#                            last attempt and its "other" column
#   BENCH_DEEP_PAGES=999     links.next.href hops before the deep-page measurement (page 1,000)
#   BENCH_HEAP=1g            fixed JVM heap (-Xms = -Xmx)
#   BENCH_JAVA_OPTS=         extra JVM options
#   BENCH_PROFILE=0          1: also record a JFR execution-sample profile of every measured run and
#                            append its top frames to the results file (profiling costs a few %)
#   BENCH_PG_HOST=127.0.0.1 BENCH_PG_PORT=5432 BENCH_PG_USER=postgres   PostgreSQL (trust auth)
#   BENCH_MODE=measure       "soak" (what bench/soak.sh sets): after seeding, SOAK_MINUTES of mixed
#                            traffic while sampling memory, threads and FDs, instead of the measurements
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
JAR="${AUTOCONN_JAR:-$ROOT/target/autoconn.jar}"
ROWS="${BENCH_ROWS:-1000000}"
API_ROWS="${BENCH_API_ROWS:-2000}"
THREADS="${BENCH_THREADS:-2}"
CONNS="${BENCH_CONNECTIONS:-16}"
DURATION="${BENCH_DURATION:-15s}"
WARMUP="${BENCH_WARMUP:-5s}"
C1_DURATION="${BENCH_C1_DURATION:-10s}"
JIT_WARMUP="${BENCH_JIT_WARMUP:-80}"
RETRIES="${BENCH_RETRIES:-2}"
DEEP_PAGES="${BENCH_DEEP_PAGES:-999}"
HEAP="${BENCH_HEAP:-1g}"
PROFILE="${BENCH_PROFILE:-0}"
MODE="${BENCH_MODE:-measure}"  # bench/soak.sh sets "soak"
PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"
PG_PORT="${BENCH_PG_PORT:-5432}"
PG_USER="${BENCH_PG_USER:-postgres}"
HOST=127.0.0.1
CONNECTOR_HTTP=67031468-9f41-4068-9de8-95d3dd29dfb4

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

usage() { echo "usage: $0 [sqlite|postgresql|all]" >&2; exit 2; }
case "${1:-all}" in
    sqlite) BACKENDS=(sqlite) ;;
    postgresql) BACKENDS=(postgresql) ;;
    all) BACKENDS=(sqlite postgresql) ;;
    *) usage ;;
esac

[[ -f "$JAR" ]] || die "no jar at $JAR: build it first (mvn -DskipTests package) or set AUTOCONN_JAR"
JAR="$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")"
[[ "$ROWS" =~ ^[0-9]+$ && "$ROWS" -ge 1 ]] || die "BENCH_ROWS must be a positive integer"
[[ "$API_ROWS" =~ ^[0-9]+$ && "$API_ROWS" -ge 1 ]] || die "BENCH_API_ROWS must be a positive integer"
(( API_ROWS > ROWS )) && API_ROWS=$ROWS
for tool in java wrk curl jq; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
for b in "${BACKENDS[@]}"; do
    case "$b" in
        sqlite) command -v sqlite3 >/dev/null || die "sqlite3 (the CLI) is needed for the SQLite run" ;;
        postgresql) for tool in psql createdb dropdb; do command -v "$tool" >/dev/null || die "$tool is needed for the PostgreSQL run"; done ;;
    esac
done
[[ "$MODE" == soak ]] && { command -v jcmd >/dev/null || die "jcmd (the JDK's) is needed for the soak"; }
if [[ "$PROFILE" == 1 ]]; then
    for tool in jcmd jfr; do command -v "$tool" >/dev/null || die "$tool is needed for BENCH_PROFILE=1"; done
fi

RESULTS_DIR="$BENCH_DIR/results"
mkdir -p "$RESULTS_DIR"

# ---- state the EXIT trap cleans up -------------------------------------------------------------
SERVER_PID=""
SEED_PID=""
WORK_DIR=""
PG_DB=""

stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}

cleanup() {
    local rc=$?
    # A failed run keeps the server's log for the post-mortem.
    if (( rc != 0 )) && [[ -n "$WORK_DIR" && -s "$WORK_DIR/server.log" ]]; then
        cp "$WORK_DIR/server.log" "$RESULTS_DIR/${BACKEND:-server}-${STAMP:-$(date -u +%Y%m%dT%H%M%SZ)}-failed-server.log" 2>/dev/null || true
        log "the server's log is in $RESULTS_DIR/${BACKEND:-server}-${STAMP:-?}-failed-server.log"
    fi
    if [[ -n "$SEED_PID" ]]; then  # the seeding wrk runs in the background
        kill "$SEED_PID" 2>/dev/null || true
        wait "$SEED_PID" 2>/dev/null || true
        SEED_PID=""
    fi
    stop_server
    if [[ -n "$PG_DB" ]]; then
        dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists "$PG_DB" 2>/dev/null || log "could not drop database $PG_DB"
        PG_DB=""
    fi
    if [[ -n "$WORK_DIR" && -d "$WORK_DIR" ]]; then
        rm -rf "$WORK_DIR"
    fi
    WORK_DIR=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- helpers ------------------------------------------------------------------------------------

# A loopback TCP port nobody listens on (and not already handed out in this run).
TAKEN_PORTS=" "
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$(( 20000 + RANDOM % 40000 ))
        [[ "$TAKEN_PORTS" == *" $port "* ]] && continue
        if ! ss -Htln "sport = :$port" 2>/dev/null | grep -q .; then
            TAKEN_PORTS+="$port "
            echo "$port"
            return 0
        fi
    done
    die "found no free port"
}

random_key() { echo "bench_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"; }

# Seconds as a number from a wrk duration like 15s / 1m.
seconds_of() {
    case "$1" in
        *m) echo $(( ${1%m} * 60 )) ;;
        *s) echo "${1%s}" ;;
        *) echo "$1" ;;
    esac
}

urlencode() { jq -rn --arg v "$1" '$v|@uri'; }

sql() {
    case "$BACKEND" in
        sqlite) sqlite3 -batch -bail -cmd '.timeout 10000' "$WORK_DIR/data/autoconn.db" "$1" ;;
        postgresql) psql -X -q -At -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -c "$1" ;;
    esac
}

# curl with the admin key; prints the body, fails unless the status is exactly 200.
api_get() {
    local url="$1" out status
    out="$WORK_DIR/curl.out"
    status=$(curl -sS -o "$out" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $KEY" "$url") \
        || die "GET $url failed"
    [[ "$status" == 200 ]] || die "GET $url answered $status: $(head -c 500 "$out")"
    cat "$out"
}

# wrk_run <label> <script> <url> [duration] : runs wrk, appends its output to the raw log and
# leaves the parsed figures in R_RPS R_P50 R_P99 R_STATUS R_SOCKET R_REQUESTS.
wrk_run() {
    local label="$1" script="$2" url="$3" duration="${4:-$DURATION}" out line
    out="$WORK_DIR/wrk-$label.out"
    BENCH_DIR="$BENCH_DIR" BENCH_API_KEY="$KEY" BENCH_IDS_FILE="$WORK_DIR/ids.txt" \
        BENCH_REFUSED_PORT="$REFUSED_PORT" BENCH_NAME_PREFIX="${NAME_PREFIX:-create-}" \
        timeout $(( $(seconds_of "$duration") + 60 )) \
        wrk -t"$W_THREADS" -c"$W_CONNS" -d"$duration" --timeout 10s --latency -s "$BENCH_DIR/$script" "$url" \
        >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed for $label"; }
    {
        echo "### $label: wrk -t$W_THREADS -c$W_CONNS -d$duration --timeout 10s --latency -s bench/$script '$url'"
        cat "$out"
        echo
    } >>"$RAW_LOG"
    line=$(grep '^BENCH_RESULT ' "$out") || { cat "$out" >&2; die "no BENCH_RESULT from wrk for $label"; }
    R_REQUESTS=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
    R_RPS=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
    R_P50=$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$line")
    R_P99=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
    R_STATUS=$(sed -E 's/.* status_errors=([0-9]+).*/\1/' <<<"$line")
    R_SOCKET=$(sed -E 's/.* socket_errors=([0-9]+).*/\1/' <<<"$line")
}

# ---- CPU accounting: who used the 2 cores during a measured run ---------------------------------
# The machine may be shared, so every measured run reports the cores used by the server (the JVM,
# plus for PostgreSQL the backends of the benchmark database and the cluster's background
# processes), by wrk, and by everything else ("other", including the hypervisor's steal time:
# anything well above 0 means a neighbour disturbed the figures; see BENCH_RETRIES).
CLK_TCK=$(getconf CLK_TCK)

pid_ticks() {  # utime + stime of the given pids, in clock ticks
    local sum=0 p f
    for p in "$@"; do
        f=$(cut -d')' -f2- "/proc/$p/stat" 2>/dev/null) || continue
        # After "comm)": state is field 1, utime field 12, stime field 13.
        sum=$(( sum + $(awk '{ print $12 + $13 }' <<<"$f") ))
    done
    echo "$sum"
}

db_pids() {  # PostgreSQL processes serving this run: our database's backends + background workers
    [[ "$BACKEND" == postgresql ]] || return 0
    pgrep -a -f '^postgres: ' | awk -v db="$PG_DB" '{
        if (match($0, /^[0-9]+ postgres: [^ ]+: [^ ]+ [^ ]+ [0-9.:]+\(/)) { if ($5 == db) print $1 }
        else print $1 }'
}

# Sets SNAP to "<wall s> <busy ticks, all cpus> <JVM ticks> <children ticks> <PostgreSQL ticks>". Not to be called
# in a $(...) subshell: the children's CPU (wrk's) comes from the `times` builtin of this very shell.
cpu_snapshot() {
    local busy children
    # user + nice + system + irq + softirq + steal (time the hypervisor gave to other guests)
    busy=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
    times >"$WORK_DIR/times.out"
    children=$(tail -1 "$WORK_DIR/times.out" | awk -v hz="$CLK_TCK" '{
        split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz }')
    # shellcheck disable=SC2046
    SNAP="$EPOCHREALTIME $busy $(pid_ticks "$SERVER_PID") $children $(pid_ticks $(db_pids))"
}

cpu_cores() {  # cpu_cores "<before>" "<after>" -> "JVM[+PostgreSQL] / wrk / other" in cores
    awk -v hz="$CLK_TCK" -v a="$1" -v b="$2" -v pg="$([[ "$BACKEND" == postgresql ]] && echo 1 || echo 0)" 'BEGIN {
        split(a, x, " "); split(b, y, " "); wall = y[1] - x[1]
        busy = (y[2] - x[2]) / hz / wall; jvm = (y[3] - x[3]) / hz / wall; w = (y[4] - x[4]) / hz / wall
        db = (y[5] - x[5]) / hz / wall
        other = busy - jvm - db - w; if (other < 0) other = 0
        if (pg) printf "%.2f+%.2f / %.2f / %.2f", jvm, db, w, other
        else printf "%.2f / %.2f / %.2f", jvm, w, other }'
}

# Waits (at most BENCH_QUIET_WAIT seconds, default 90) until processes outside this benchmark use
# less than 0.25 core over a second, so a neighbour's build does not land in a measurement. It never
# fails: the "other" column of the table shows what remained.
quiet_wait() {
    local limit="${BENCH_QUIET_WAIT:-90}" a b other i
    for (( i = 0; i < limit; i++ )); do
        cpu_snapshot; a="$SNAP"; sleep 1; cpu_snapshot; b="$SNAP"
        other=$(cpu_cores "$a" "$b" | awk -F' / ' '{ print $3 }')
        awk -v o="$other" 'BEGIN { exit !(o < 0.25) }' && { (( i > 0 )) && log "$BACKEND: waited ${i}s for a quiet machine"; return 0; }
    done
    log "$BACKEND: the machine stayed busy (other processes: $other cores); measuring anyway"
}

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }

# measure <label> <description> <script> <url> [c1]: warm-up, then the measured run (with a JFR
# profile when BENCH_PROFILE=1); appends a row to TABLE, or with "c1" (one connection, one request
# at a time: the latency of a request without queueing) to TABLE_C1. Fails on any error.
measure() {
    local label="$1" desc="$2" script="$3" url="$4" mode="${5:-}" jfr ratio warmup duration before after cores
    if [[ "$mode" == c1 ]]; then
        W_THREADS=1; W_CONNS=1; warmup=2s; duration="$C1_DURATION"; label="$label@c1"
    else
        W_THREADS="$THREADS"; W_CONNS="$CONNS"; warmup="$WARMUP"; duration="$DURATION"
    fi
    local attempt other
    for (( attempt = 0; attempt <= RETRIES; attempt++ )); do
        quiet_wait
        log "$BACKEND: $label: warm-up $warmup"
        wrk_run "$label-warmup" "$script" "$url" "$warmup"
        if (( R_STATUS > 0 || R_SOCKET > 0 )); then
            die "$label warm-up: $R_STATUS non-2xx answers and $R_SOCKET socket errors (see $RAW_LOG)"
        fi
        if [[ "$PROFILE" == 1 ]]; then
            jfr="$WORK_DIR/$label.jfr"
            rm -f "$jfr"
            jcmd "$SERVER_PID" JFR.start name="bench-$label" settings=profile filename="$jfr" >/dev/null
        fi
        log "$BACKEND: $label: measuring $duration"
        cpu_snapshot; before="$SNAP"
        wrk_run "$label" "$script" "$url" "$duration"
        cpu_snapshot; after="$SNAP"
        cores=$(cpu_cores "$before" "$after")
        [[ "$PROFILE" == 1 ]] && jcmd "$SERVER_PID" JFR.stop name="bench-$label" >/dev/null
        other=$(awk -F' / ' '{ print $3 }' <<<"$cores")
        awk -v o="$other" 'BEGIN { exit !(o > 0.25) }' || break
        (( attempt < RETRIES )) && log "$BACKEND: $label: other processes used $other cores meanwhile; measuring again"
    done
    if [[ "$PROFILE" == 1 ]]; then
        {
            echo "### profile $label: frames by the number of samples whose stack holds them (any depth)"
            jfr print --stack-depth 64 --events jdk.ExecutionSample "$jfr" | grep -E '^\s+[a-zA-Z_$].*line:' \
                | sed -E 's/^\s+//; s/\s+line:.*//' | sort | uniq -c | sort -rn | sed -n 1,80p
            echo "### profile $label: top-of-stack frames (self time)"
            jfr print --events jdk.ExecutionSample "$jfr" | awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print }' \
                | sort | uniq -c | sort -rn | sed -n 1,40p
            echo
        } >>"$PROFILE_LOG"
        cp "$jfr" "$RESULTS_DIR/$BACKEND-$STAMP-$label.jfr"
    fi
    if (( R_STATUS > 0 || R_SOCKET > 0 )); then
        die "$label: $R_STATUS non-2xx answers and $R_SOCKET socket errors (see $RAW_LOG)"
    fi
    if [[ "$mode" == c1 ]]; then
        [[ "$label" == static@c1 ]] && STATIC_C1_RPS="$R_RPS"
        ratio=$(awk -v a="$R_RPS" -v b="$STATIC_C1_RPS" 'BEGIN { printf "%.2f", a / b }')
        TABLE_C1+=$(printf '| %s | %.0f | %s | %s | %s | %s | %s |' "$label" "$R_RPS" "$(ms "$R_P50")" "$(ms "$R_P99")" "$R_STATUS" "${ratio}x" "$cores")$'\n'
        return 0
    fi
    [[ "$label" == static ]] && STATIC_RPS="$R_RPS"
    M_RPS[$label]="$R_RPS"; M_P99[$label]="$R_P99"
    ratio=$(awk -v a="$R_RPS" -v b="$STATIC_RPS" 'BEGIN { printf "%.2f", a / b }')
    TABLE+=$(printf '| %s | %s | %.0f | %s | %s | %s | %s | %s |' "$label" "$desc" "$R_RPS" "$(ms "$R_P50")" "$(ms "$R_P99")" "$R_STATUS" "${ratio}x" "$cores")$'\n'
}

# targets_table: the issue's targets against this run's figures, as a markdown table. "Flat" means the
# page-1,000 p99 is within 20 % of page 1's (or both under 5 ms, where 20 % is below wrk's resolution
# on a shared machine).
targets_table() {
    local p1="${M_P99[list-filter]}" pd="${M_P99[list-filter-deep]}" gr cr
    gr=$(awk -v a="${M_RPS[get-by-id]}" -v b="${M_RPS[static]}" 'BEGIN { printf "%.2f", a / b }')
    cr=$(awk -v a="${M_RPS[create]}" 'BEGIN { printf "%.0f", a }')
    verdict() { awk "BEGIN { exit !($1) }" && echo met || echo "**not met**"; }
    echo "| target ($BACKEND, $ROWS rows) | figure | verdict |"
    echo "|---|---:|---|"
    echo "| list p99 < 25 ms (limit 100, filter + sort), page 1 | $(ms "$p1") ms | $(verdict "$p1 < 25000") |"
    echo "| list p99 < 25 ms, page $(( DEEP_PAGES + 1 )) | $(ms "$pd") ms | $(verdict "$pd < 25000") |"
    echo "| flat: p99 page $(( DEEP_PAGES + 1 )) / page 1 (req/s page $(( DEEP_PAGES + 1 )) / page 1) | $(awk -v a="$pd" -v b="$p1" 'BEGIN { printf "%.2f", a / b }') ($(awk -v a="${M_RPS[list-filter-deep]}" -v b="${M_RPS[list-filter]}" 'BEGIN { printf "%.2f", a / b }')) | $(verdict "$pd <= 1.2 * $p1 || ($pd < 5000 && $p1 < 5000)") |"
    echo "| GET by id >= 0.6x static | ${gr}x (${M_RPS[get-by-id]%.*} / ${M_RPS[static]%.*} req/s) | $(verdict "$gr >= 0.6") |"
    if [[ "$BACKEND" == postgresql ]]; then
        echo "| create >= 2,000/s on PostgreSQL | $cr/s | $(verdict "$cr >= 2000") |"
    else
        echo "| create (the 2,000/s target is PostgreSQL's) | $cr/s | n/a |"
    fi
}

# ---- soak (bench/soak.sh) -----------------------------------------------------------------------
# soak <list url> <deep url>: SOAK_MINUTES of mixed traffic (soak.lua) while sampling the server every
# SOAK_INTERVAL seconds: RSS, heap used after a full GC (jcmd GC.run, then GC.heap_info: the live
# set, not the garbage of the moment), thread count and open file descriptors. Writes the samples
# and a summary table with the verdict to SOAK_TABLE.
#
# Verdict "bounded" when all of these hold, "growing" otherwise:
#   - the mean heap after GC of the last window is within 10 % (or 8 MiB) of the mean of the first
#     window, and the heap-after-GC samples of the last window are not strictly increasing;
#   - threads: the last window's max is at most the first window's max + 4;
#   - open FDs: the last window's max is at most the first window's max + 16.
# The first window is the second minute (the first is start-up and JIT), the last is the last minute;
# a soak of 3 minutes or less compares its second third with its last third instead.
SOAK_TABLE=""
soak() {
    local list_url="$1" deep_url="$2" minutes="${SOAK_MINUTES:-10}" interval="${SOAK_INTERVAL:-10}"
    local samples="$WORK_DIR/soak.csv" wrk_pid t0 now heap rss threads fds
    [[ "$minutes" =~ ^[0-9]+$ && "$minutes" -ge 1 ]] || die "SOAK_MINUTES must be a positive integer"
    log "$BACKEND: soak: ${minutes} min of mixed traffic, a sample every ${interval}s"
    echo "seconds,rss_mib,heap_after_gc_mib,threads,fds" >"$samples"
    BENCH_DIR="$BENCH_DIR" BENCH_API_KEY="$KEY" BENCH_IDS_FILE="$WORK_DIR/ids.txt" \
        BENCH_REFUSED_PORT="$REFUSED_PORT" BENCH_NAME_PREFIX="soak-$STAMP-" \
        BENCH_LIST_URL="${list_url#"$BASE"}" BENCH_DEEP_URL="${deep_url#"$BASE"}" \
        wrk -t"$THREADS" -c"$CONNS" -d"$(( minutes * 60 ))s" --timeout 10s --latency -s "$BENCH_DIR/soak.lua" "$BASE/" \
        >"$WORK_DIR/wrk-soak.out" 2>&1 &
    wrk_pid=$!
    SEED_PID=$wrk_pid  # the EXIT trap stops it
    t0=$SECONDS
    printf 'GC.run\nGC.heap_info\n' >"$WORK_DIR/soak.jcmd"  # one attach per sample: jcmd is a JVM start
    local next=$interval
    while kill -0 "$wrk_pid" 2>/dev/null; do
        # On a fixed schedule: a slow sample (jcmd on a busy machine) does not push the later ones back.
        while (( SECONDS - t0 < next )); do sleep 1; kill -0 "$wrk_pid" 2>/dev/null || break 2; done
        next=$(( (SECONDS - t0) / interval * interval + interval ))
        now=$(( SECONDS - t0 ))
        # G1: " garbage-first heap   total 1048576K, used 123456K", printed after the full GC
        heap=$(jcmd "$SERVER_PID" -f "$WORK_DIR/soak.jcmd" | awk '!found && / heap .*used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); printf "%.1f", v / 1024; found = 1 } }')
        rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")
        threads=$(awk '/^Threads:/ { print $2 }' "/proc/$SERVER_PID/status")
        fds=$(find "/proc/$SERVER_PID/fd" -mindepth 1 -maxdepth 1 | wc -l)
        [[ -n "$heap" ]] || die "could not read the heap from jcmd GC.heap_info"
        echo "$now,$rss,$heap,$threads,$fds" >>"$samples"
        log "$BACKEND: soak ${now}s: rss ${rss} MiB, heap after GC ${heap} MiB, ${threads} threads, ${fds} fds"
    done
    wait "$wrk_pid" || true
    SEED_PID=""
    cat "$WORK_DIR/wrk-soak.out" >>"$RAW_LOG"
    local line status sock
    line=$(grep '^BENCH_RESULT ' "$WORK_DIR/wrk-soak.out") || { cat "$WORK_DIR/wrk-soak.out" >&2; die "no BENCH_RESULT from the soak"; }
    status=$(sed -E 's/.* status_errors=([0-9]+).*/\1/' <<<"$line")
    sock=$(sed -E 's/.* socket_errors=([0-9]+).*/\1/' <<<"$line")
    SOAK_TABLE=$(awk -F, -v minutes="$minutes" -v interval="$interval" -v status="$status" -v sock="$sock" \
        -v rps="$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")" -v p99="$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")" '
        NR == 1 { next }
        { n++; t[n] = $1; for (c = 2; c <= 5; c++) v[c, n] = $c }
        END {
            if (n < 3) { print "| too few samples (" n ") for a verdict |"; exit }
            if (minutes > 3) { a0 = 60; a1 = 120; b0 = (minutes - 1) * 60 } else { a0 = minutes * 20; a1 = minutes * 40; b0 = a1 }
            for (i = 1; i <= n; i++) {
                if (t[i] > a0 && t[i] <= a1) { fa++; fh += v[3, i]; if (v[4, i] > fth) fth = v[4, i]; if (v[5, i] > ffd) ffd = v[5, i] }
                if (t[i] > b0) { lb++; lh += v[3, i]; if (v[4, i] > lth) lth = v[4, i]; if (v[5, i] > lfd) lfd = v[5, i]
                                  if (lb > 1 && v[3, i] <= prev) notup = 1; prev = v[3, i] }
            }
            if (fa == 0 || lb == 0) { print "| too few samples for a verdict: lengthen SOAK_MINUTES or shorten SOAK_INTERVAL |"; exit }
            fh /= fa; lh /= lb
            heap_ok = (lh <= fh * 1.10 || lh <= fh + 8) && (lb == 1 || notup)
            bounded = heap_ok && lth <= fth + 4 && lfd <= ffd + 16
            printf "| sample (every %ss, at %ss to %ss) | first | last | max |\n|---|---:|---:|---:|\n", interval, t[1], t[n]
            split("x,RSS MiB,heap after GC MiB,threads,open FDs", name, ",")
            for (c = 2; c <= 5; c++) {
                max = v[c, 1]; for (i = 2; i <= n; i++) if (v[c, i] + 0 > max + 0) max = v[c, i]
                printf "| %s | %s | %s | %s |\n", name[c], v[c, 1], v[c, n], max
            }
            printf "\nheap after GC: mean %.1f MiB in (%ds, %ds], %.1f MiB after %ds; threads max %d then %d; FDs max %d then %d\n", fh, a0, a1, lh, b0, fth, lth, ffd, lfd
            printf "\nverdict: **%s** (%d samples over %d min; wrk: %.0f req/s, p99 %.1f ms, %d non-2xx, %d socket errors)\n", bounded ? "bounded" : "growing", n, minutes, rps, p99 / 1000, status, sock
        }' "$samples")
    cp "$samples" "$RESULTS_DIR/$BACKEND-$STAMP-soak.csv"
    (( status == 0 && sock == 0 )) || die "soak: $status non-2xx answers and $sock socket errors (see $RAW_LOG)"
}

# describe_run: the run's setting as a markdown list (jar, machine, versions, rows). Called from
# run_backend, whose locals it reads.
describe_run() {
    local pg_version="" created_total src
    created_total=$(sql "SELECT count(*) FROM connections")
    [[ "$BACKEND" == postgresql ]] && pg_version=$(sql "SHOW server_version")
    echo "- jar: $JAR ($(stat -c %s "$JAR") bytes, $(date -u -r "$JAR" +%Y-%m-%dT%H:%M:%SZ))"
    # The commit of the work tree the jar was built in (target/ sits in it), which need not be this one.
    src="$(dirname "$JAR")"
    echo "- git (of the jar's work tree $(git -C "$src" rev-parse --show-toplevel 2>/dev/null || echo '?')): $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?')$( [[ -n "$(git -C "$src" status --porcelain --untracked-files=no 2>/dev/null)" ]] && echo ' (with uncommitted changes)')"
    echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $(uname -sr)"
    echo "- java: $(java -version 2>&1 | sed -n 1p); JVM: -Xms$HEAP -Xmx$HEAP ${BENCH_JAVA_OPTS:-}"
    [[ -n "$pg_version" ]] && echo "- PostgreSQL: $pg_version at $PG_HOST:$PG_PORT"
    echo "- wrk: $(wrk -v 2>&1 | sed -n 1p | cut -d' ' -f1-2); -t$THREADS -c$CONNS -d$DURATION --timeout 10s --latency, $WARMUP warm-up per endpoint; wrk runs on the same machine as the server"
    echo "- rows: $ROWS seeded ($API_ROWS through the API at $SEED_API_RATE/s, the rest copied in SQL in ${bulk_seconds}s; ${SEED_SECONDS}s in all); $created_total rows at the end ($(( created_total - ROWS )) added by the creates of the JIT warm-up and of the measured runs)"
    echo "- filtered list: name sw \"bench-1\" matches $(sql "SELECT count(*) FROM connections WHERE name LIKE 'bench-1%'") rows; first page $first_names, page $(( DEEP_PAGES + 1 )) $deep_names"
}

# ---- one backend --------------------------------------------------------------------------------

run_backend() {
    BACKEND="$1"
    declare -gA M_RPS=() M_P99=()
    STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
    RESULT_FILE="$RESULTS_DIR/$BACKEND-$STAMP.txt"
    WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/autoconn-bench.XXXXXX")"
    RAW_LOG="$WORK_DIR/raw.log"
    PROFILE_LOG="$WORK_DIR/profile.log"
    : >"$RAW_LOG"
    : >"$PROFILE_LOG"
    mkdir -p "$WORK_DIR/data"
    PORT=$(free_port)
    REFUSED_PORT=$(free_port)
    KEY=$(random_key)
    BASE="http://$HOST:$PORT"
    API="$BASE/api/v1/automation-connections"

    # Whatever AUTOCONN_* the caller has set must not leak into the benchmarked server.
    local -a env=(-u AUTOCONN_DB_URL -u AUTOCONN_DB_USER -u AUTOCONN_DB_PASSWORD -u AUTOCONN_PUBLIC_URL
                  -u AUTOCONN_MASTER_KEY -u AUTOCONN_CHECK_TIMEOUT -u AUTOCONN_CREATE_CHECK_TIMEOUT
                  -u AUTOCONN_REDIS_URL -u AUTOCONN_RATE_LIMIT_PERIOD
                  AUTOCONN_PORT="$PORT" AUTOCONN_DATA_DIR="$WORK_DIR/data" AUTOCONN_ADMIN_API_KEY="$KEY"
                  # One key drives the load: limits far above it, so every request is still counted, none refused.
                  AUTOCONN_RATE_LIMIT_TIER1=1000000000 AUTOCONN_RATE_LIMIT_TIER2=1000000000)
    if [[ "$BACKEND" == postgresql ]]; then
        PG_DB="autoconn_bench_$$_$RANDOM"
        createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$PG_DB" || { PG_DB=""; die "createdb failed"; }
        # Writes what an earlier run left dirty (dropping its million rows, say) before this one starts: on
        # stock settings that flush stalled PostgreSQL for seconds, and a seeding request with it (a 503).
        psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -c CHECKPOINT || die "CHECKPOINT failed"
        env+=(AUTOCONN_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB" AUTOCONN_DB_USER="$PG_USER")
    fi

    log "$BACKEND: starting the server on $BASE (data $WORK_DIR/data${PG_DB:+, database $PG_DB})"
    # shellcheck disable=SC2086
    env "${env[@]}" java -Xms"$HEAP" -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$WORK_DIR/server.log" 2>&1 &
    SERVER_PID=$!
    local up=0 started=$SECONDS
    for _ in $(seq 1 240); do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -50 "$WORK_DIR/server.log" >&2; die "the server exited at start"; }
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health" || true)" == 200 ]]; then
            up=1; break
        fi
        sleep 0.5
    done
    (( up )) || { tail -50 "$WORK_DIR/server.log" >&2; die "GET /health did not answer 200 within 2 minutes"; }
    log "$BACKEND: up after $(( SECONDS - started ))s (pid $SERVER_PID)"

    # -- seed: BENCH_API_ROWS through the API, the rest copied in SQL from bench-1 -----------------
    local seed_started=$SECONDS seed_out created=0 failed=0 api_started api_seconds bulk_seconds count wrk_pid f c x
    log "$BACKEND: seeding $API_ROWS connections through the API (POST, wrk seed.lua)"
    seed_out="$WORK_DIR/seed.out"
    mkdir -p "$WORK_DIR/seed-state"
    api_started=$EPOCHREALTIME
    BENCH_DIR="$BENCH_DIR" BENCH_API_KEY="$KEY" BENCH_ROWS="$API_ROWS" BENCH_REFUSED_PORT="$REFUSED_PORT" \
        BENCH_SEED_THREADS="$THREADS" BENCH_SEED_STATE_DIR="$WORK_DIR/seed-state" \
        wrk -t"$THREADS" -c"$CONNS" -d900s --timeout 10s -s "$BENCH_DIR/seed.lua" "$BASE/" >"$seed_out" 2>&1 &
    wrk_pid=$!
    SEED_PID=$wrk_pid
    # Each wrk thread writes seed-state/thread-<t> when its share is done (seed.lua); at most 900 s.
    for _ in $(seq 1 9000); do
        (( $(find "$WORK_DIR/seed-state" -name 'thread-*' | wc -l) >= THREADS )) && break
        kill -0 "$wrk_pid" 2>/dev/null || break
        sleep 0.1
    done
    api_seconds=$(awk -v a="$api_started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
    kill -INT "$wrk_pid" 2>/dev/null || true
    wait "$wrk_pid" || true
    SEED_PID=""
    for f in "$WORK_DIR"/seed-state/thread-*; do
        [[ -f "$f" ]] || continue
        read -r c x <"$f"
        created=$(( created + c )); failed=$(( failed + x ))
    done
    [[ "$created" == "$API_ROWS" && "$failed" == 0 ]] \
        || { cat "$seed_out" >&2; die "API seed: created $created of $API_ROWS, $failed failed"; }
    [[ "$(sql "SELECT count(*) FROM connections WHERE name = 'bench-1'")" == 1 ]] || die "bench-1 was not created"
    SEED_API_RATE=$(awk -v n="$created" -v s="$api_seconds" 'BEGIN { printf "%.0f", n / s }')
    log "$BACKEND: API seed: $created rows in ${api_seconds}s ($SEED_API_RATE/s)"

    local bulk_started=$SECONDS
    if (( ROWS > API_ROWS )); then
        log "$BACKEND: bulk-copying rows $(( API_ROWS + 1 ))..$ROWS from bench-1 in SQL"
        local cols="updated_at, is_connected, error, version, tenant_id, owner_id, space_id, connector_id, params, secrets"
        # What varies between copies (n is the row number, "newest.m" the newest API row's created_at):
        # one in three was edited a while after its creation (version 2, later updated_at), and one in
        # three is connected (no check error). Both expressions read the same in SQLite and PostgreSQL.
        local vary="newest.m + (n - $API_ROWS) * 10 + CASE WHEN n % 3 = 1 THEN (n % 86400) * CAST(1000000 AS BIGINT) ELSE 0 END,
                    (n % 3 = 0), CASE WHEN n % 3 = 0 THEN NULL ELSE t.error END, CASE WHEN n % 3 = 1 THEN 2 ELSE 1 END,
                    t.tenant_id, t.owner_id, t.space_id, t.connector_id, t.params, t.secrets"
        case "$BACKEND" in
            sqlite)
                # created_at continues after the newest API row, 10 us apart.
                sql "BEGIN;
                     WITH RECURSIVE seq(n) AS (SELECT $(( API_ROWS + 1 )) UNION ALL SELECT n + 1 FROM seq WHERE n < $ROWS),
                          t AS (SELECT * FROM connections WHERE name = 'bench-1'),
                          newest AS (SELECT max(created_at) AS m FROM connections)
                     INSERT INTO connections (id, name, created_at, $cols)
                     SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
                                  || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2)
                                  || '-' || hex(randomblob(6))),
                            'bench-' || seq.n, newest.m + (seq.n - $API_ROWS) * 10, $vary
                     FROM seq, t, newest;
                     COMMIT;"
                ;;
            postgresql)
                sql "INSERT INTO connections (id, name, created_at, $cols)
                     SELECT gen_random_uuid()::text, 'bench-' || n, newest.m + (n - $API_ROWS) * 10, $vary
                     FROM generate_series($(( API_ROWS + 1 )), $ROWS) AS n,
                          (SELECT * FROM connections WHERE name = 'bench-1') AS t,
                          (SELECT max(created_at) AS m FROM connections) AS newest"
                # What autovacuum's analyze would do shortly after such a load anyway.
                sql "ANALYZE connections"
                # The load's WAL (about 1 GB for a million rows) starts a checkpoint that writes its pages out
                # over the next 4.5 minutes (checkpoint_completion_target), which is the whole measurement:
                # the creates then wait on WAL flushes behind those writes (2026-12-02: 502/s, p99 417 ms, and
                # p99 231 ms one at a time). Measure the steady state, not the aftermath of the seeding.
                sql "CHECKPOINT"
                ;;
        esac
    fi
    bulk_seconds=$(( SECONDS - bulk_started ))
    count=$(sql "SELECT count(*) FROM connections WHERE name LIKE 'bench-%'")
    [[ "$count" == "$ROWS" ]] || die "seeded $count rows, expected $ROWS"
    SEED_SECONDS=$(( SECONDS - seed_started ))
    log "$BACKEND: seeded $count rows in ${SEED_SECONDS}s"

    # -- targets ---------------------------------------------------------------------------------
    sql "SELECT id FROM connections WHERE name LIKE 'bench-%' ORDER BY random() LIMIT 1000" >"$WORK_DIR/ids.txt"
    api_get "$API/$(head -1 "$WORK_DIR/ids.txt")" >/dev/null

    local static_url="$BASE/resources/autogenerated/product-info.json"
    local filter_q sort_filter_url sort_created_url deep_created deep_filter
    filter_q="filter=$(urlencode 'name sw "bench-1"')"
    sort_filter_url="$API?limit=100&$filter_q&sort=-name"
    sort_created_url="$API?limit=100&sort=-createdAt"

    # deep_url <first-page url>: follows links.next.href BENCH_DEEP_PAGES times; prints that URL. One python3
    # process on one keep-alive connection: a curl and a jq per page made the walk cost process starts, not pages.
    deep_url() {
        python3 - "$1" "$DEEP_PAGES" "$KEY" "http://$HOST:$PORT/" <<'PY' || die "the walk from $1 failed"
import http.client, json, sys, urllib.parse
url, pages, key, base = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
conn = http.client.HTTPConnection(urllib.parse.urlsplit(base).netloc, timeout=30)
for i in range(pages):
    parts = urllib.parse.urlsplit(url)
    conn.request("GET", parts.path + ("?" + parts.query if parts.query else ""), headers={"Authorization": "Bearer " + key})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        sys.exit(f"page {i}: {response.status} {body[:300]!r}")
    page = json.loads(body)
    nxt = (page.get("links") or {}).get("next", {}).get("href")
    if len(page["data"]) != 100 or not nxt or not nxt.startswith(base):
        sys.exit(f"page {i} is not full, or has no links.next.href on loopback: {nxt}")
    url = nxt
print(url)
PY
    }
    deep_created=$(deep_url "$sort_created_url")
    deep_filter=$(deep_url "$sort_filter_url")

    # The first and deep pages must hold what they claim (a broken cursor would fake flat pages).
    local first_names deep_names
    first_names=$(api_get "$sort_filter_url" | jq -r '[.data[0].name, .data[-1].name] | join(" .. ")')
    deep_names=$(api_get "$deep_filter" | jq -r '[.data[0].name, .data[-1].name] | join(" .. ")')
    [[ "$(api_get "$static_url" | jq -r '.composition.contentHash // empty')" != "" ]] || die "unexpected product-info.json"

    # -- JIT warm-up: a minute or so of load over the read paths, not recorded ----------------------
    if (( JIT_WARMUP > 0 )); then
        log "$BACKEND: JIT warm-up ${JIT_WARMUP}s"
        W_THREADS="$THREADS"; W_CONNS="$CONNS"
        wrk_run jit-warmup-static get.lua "$static_url" "$(( JIT_WARMUP * 3 / 8 ))s"
        wrk_run jit-warmup-get-by-id get_by_id.lua "$BASE/" "$(( JIT_WARMUP * 3 / 8 ))s"
        wrk_run jit-warmup-list-created get.lua "$sort_created_url" "$(( JIT_WARMUP / 8 ))s"
        wrk_run jit-warmup-list-filter-deep get.lua "$deep_filter" "$(( JIT_WARMUP / 8 ))s"
        # The create path (validation, encryption, the check's HTTP client, the insert) is code the reads
        # never run: with only its 5 s warm-up, C2 was still compiling it through the measured run, and
        # from a cold start creates alone took 70 s to reach their steady rate.
        NAME_PREFIX="warmup-$STAMP-" wrk_run jit-warmup-create create.lua "$BASE/" "$(( JIT_WARMUP / 2 ))s"
    fi

    if [[ "$MODE" == soak ]]; then
        soak "$sort_filter_url" "$deep_filter"
        {
            echo "# autoconn soak: $BACKEND, $STAMP"
            echo
            describe_run
            echo
            printf '%s\n' "$SOAK_TABLE"
            echo
            echo "## samples (seconds,rss_mib,heap_after_gc_mib,threads,fds)"
            echo
            cat "$WORK_DIR/soak.csv"
            echo
            echo "## raw wrk output"
            echo
            cat "$RAW_LOG"
        } >"$RESULT_FILE"
        printf '\n## soak: %s (%s, %s rows)\n\n%s\n\nresults: %s\n\n' "$BACKEND" "$STAMP" "$ROWS" "$SOAK_TABLE" "$RESULT_FILE"
        cleanup
        return 0
    fi

    # -- measure ---------------------------------------------------------------------------------
    local cores_hdr="cores: JVM / wrk / other"
    [[ "$BACKEND" == postgresql ]] && cores_hdr="cores: JVM+PostgreSQL / wrk / other"
    TABLE="| endpoint | request | req/s | p50 ms | p99 ms | non-2xx | vs static | $cores_hdr |"$'\n'
    TABLE+="|---|---|---:|---:|---:|---:|---:|---:|"$'\n'
    measure static "GET /resources/autogenerated/product-info.json (no auth)" get.lua "$static_url"
    measure get-by-id "GET /api/v1/automation-connections/{id}, 1000 random ids" get_by_id.lua "$BASE/"
    measure list-filter "GET list limit=100, filter=name sw \"bench-1\", sort=-name (first page)" get.lua "$sort_filter_url"
    measure list-filter-deep "same, page $(( DEEP_PAGES + 1 )) (cursor after $DEEP_PAGES links.next hops)" get.lua "$deep_filter"
    measure list-created "GET list limit=100, sort=-createdAt (first page)" get.lua "$sort_created_url"
    measure list-created-deep "same, page $(( DEEP_PAGES + 1 )) (cursor after $DEEP_PAGES links.next hops)" get.lua "$deep_created"
    TABLE_C1="| endpoint | req/s | p50 ms | p99 ms | non-2xx | vs static@c1 | $cores_hdr |"$'\n'
    TABLE_C1+="|---|---:|---:|---:|---:|---:|---:|"$'\n'
    if [[ "$C1_DURATION" != 0 ]]; then
        measure static "" get.lua "$static_url" c1
        measure get-by-id "" get_by_id.lua "$BASE/" c1
        measure list-filter "" get.lua "$sort_filter_url" c1
        measure list-filter-deep "" get.lua "$deep_filter" c1
        measure list-created "" get.lua "$sort_created_url" c1
        measure list-created-deep "" get.lua "$deep_created" c1
    fi
    # Last: it adds rows, which would change the first pages above.
    NAME_PREFIX="create-$STAMP-" measure create "POST /api/v1/automation-connections (new rows, check refused fast)" create.lua "$BASE/"
    if [[ "$C1_DURATION" != 0 ]]; then
        NAME_PREFIX="create1-$STAMP-" measure create "" create.lua "$BASE/" c1
    fi

    # -- report ----------------------------------------------------------------------------------
    {
        echo "# autoconn benchmark: $BACKEND, $STAMP"
        echo
        describe_run
        echo
        printf '%s' "$TABLE"
        echo
        targets_table
        echo
        echo "ratio = req/s / static req/s of this run; non-2xx = wrk's status >= 400 count (every URL was checked to answer 200 first); socket errors: none (the run fails otherwise)"
        echo
        if [[ "$C1_DURATION" != 0 ]]; then
            echo "Unloaded latency: wrk -t1 -c1 -d$C1_DURATION (one request at a time), same URLs. wrk's p99 at one connection overstates (BENCHMARKS.md, eighth pass); req/s and p50 hold"
            echo
            printf '%s' "$TABLE_C1"
            echo
        fi
        echo "## raw wrk output"
        echo
        cat "$RAW_LOG"
        if [[ "$PROFILE" == 1 ]]; then
            echo "## profiles (JFR, jdk.ExecutionSample)"
            echo
            cat "$PROFILE_LOG"
        fi
    } >"$RESULT_FILE"

    echo
    echo "## $BACKEND ($STAMP, $ROWS rows)"
    echo
    printf '%s' "$TABLE"
    echo
    targets_table
    if [[ "$C1_DURATION" != 0 ]]; then
        echo
        echo "one connection (wrk -t1 -c1 -d$C1_DURATION):"
        echo
        printf '%s' "$TABLE_C1"
    fi
    echo
    echo "results: $RESULT_FILE"
    echo

    cleanup
}

for b in "${BACKENDS[@]}"; do
    run_backend "$b"
done

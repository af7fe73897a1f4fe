#!/usr/bin/env bash
# Proves the image Jib built works, with no container engine: unpacks its layers into a root directory and
# runs its entrypoint, user, environment and working directory (from the image's config) under chroot, in
# new mount and PID namespaces with /proc, a tmpfs /tmp and the host's network, as a runtime would. Twice:
#   sqlite      the image's defaults; /data (the image's, as a volume would be) holds the database and key
#   postgresql  as in deploy/k8s: a fresh database on PostgreSQL, AUTOCONN_MASTER_KEY set, and a read-only
#               root file system with only /tmp writable (readOnlyRootFilesystem)
# Each run waits for $HEALTH_PATH to answer 200, creates a connection and reads it back through the API,
# then stops the server with SIGTERM. Prints the image's size and each run's time to ready and to stop.
#
#   sudo deploy/smoke-image.sh [target/jib-image.tar]
#
# Settings: HEALTH_PATH (/health/readiness), SMOKE_PORT (18080), PGHOST (127.0.0.1), PGPORT (5432),
# PGUSER (postgres; the user must be able to create a database), READY_TIMEOUT seconds (180).
set -euo pipefail

image_tar=$(readlink -f "${1:-target/jib-image.tar}")
health_path=${HEALTH_PATH:-/health/readiness}
port=${SMOKE_PORT:-18080}
ready_timeout=${READY_TIMEOUT:-180}
pghost=${PGHOST:-127.0.0.1} pgport=${PGPORT:-5432} pguser=${PGUSER:-postgres}
admin_key=ack_smoke_$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
database=autoconn_smoke_$$

if [[ $(id -u) -ne 0 ]]; then
    echo "smoke-image.sh: chroot and namespaces need root" >&2
    exit 2
fi
[[ -f $image_tar ]] || { echo "smoke-image.sh: no image at $image_tar (mvn package jib:buildTar)" >&2; exit 2; }

work=$(mktemp -d)
server=
cleanup() {
    [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    psql -q -h "$pghost" -p "$pgport" -U "$pguser" -d postgres -c "DROP DATABASE IF EXISTS $database" \
        >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
seconds_since() { echo "$(now) - $1" | bc | xargs printf '%.1f'; }

# --- the image: an OCI layout (index.json, blobs), as Jib writes it with <format>OCI</format> ------------
mkdir "$work/image" "$work/rootfs"
tar -xf "$image_tar" -C "$work/image"
blob() { echo "$work/image/blobs/${1/://}"; }
manifest=$(blob "$(jq -r '.manifests[0].digest' "$work/image/index.json")")
config=$(blob "$(jq -r '.config.digest' "$manifest")")
mapfile -t layers < <(jq -r '.layers[].digest' "$manifest")
for layer in "${layers[@]}"; do
    tar --warning=no-unknown-keyword -xzf "$(blob "$layer")" -C "$work/rootfs"
done
if [[ -n $(find "$work/rootfs" -name '.wh.*' -print -quit) ]]; then
    echo "smoke-image.sh: the image has whiteout files, which this script does not apply" >&2
    exit 1
fi
mapfile -t command < <(jq -r '(.config.Entrypoint // []) + (.config.Cmd // []) | .[]' "$config")
mapfile -t image_env < <(jq -r '.config.Env // [] | .[]' "$config")
user=$(jq -r '.config.User // "0:0"' "$config")
workdir=$(jq -r '.config.WorkingDir // "/"' "$config")
layers_bytes=$(jq '[.layers[].size] | add' "$manifest")
echo "image: $(du -h "$image_tar" | cut -f1) tar, $((layers_bytes / 1024 / 1024)) MiB compressed in" \
    "${#layers[@]} layers, $(du -sh "$work/rootfs" | cut -f1) unpacked; user $user; entrypoint ${command[*]}"

# --- one run ----------------------------------------------------------------------------------------
# run NAME READ_ONLY VAR=VALUE...: starts the image's command in the background (its pid in $server).
run() {
    local name=$1 read_only=$2
    shift 2
    local root=$work/rootfs
    touch "$root/etc/hosts" "$root/etc/resolv.conf"
    mkdir -p "$root/proc" "$root/dev" "$root/tmp"
    # shellcheck disable=SC2016 # expanded by the inner shell
    unshare --mount --pid --fork --kill-child=SIGKILL bash -c '
        set -e
        root=$1 read_only=$2 user=$3 workdir=$4
        shift 4
        mount --make-rprivate /
        mount --bind "$root" "$root"
        mount -t proc proc "$root/proc"
        mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
        mount -t tmpfs -o mode=755 tmpfs "$root/dev"
        for node in null zero random urandom; do
            touch "$root/dev/$node"
            mount --bind "/dev/$node" "$root/dev/$node"
        done
        mount --bind /etc/hosts "$root/etc/hosts"
        mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
        if [[ $read_only == yes ]]; then
            mount -o remount,bind,ro "$root"
        fi
        exec chroot --userspec="$user" "$root" /usr/bin/env -i --chdir="$workdir" "$@"
    ' inner "$root" "$read_only" "$user" "$workdir" "${image_env[@]}" "AUTOCONN_PORT=$port" \
        "AUTOCONN_ADMIN_API_KEY=$admin_key" "$@" "${command[@]}" >"$work/$name.log" 2>&1 &
    server=$!
}

fail() {
    echo "smoke-image.sh: $1; the server's output:" >&2
    tail -n 40 "$work/$2.log" >&2
    exit 1
}

# smoke NAME READ_ONLY VAR=VALUE...: one run, checked and stopped.
smoke() {
    local name=$1 started status body id
    started=$(now)
    run "$@"
    until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$health_path") == 200 ]]; do
        kill -0 "$server" 2>/dev/null || fail "$name: the server exited" "$name"
        (($(echo "$(now) - $started > $ready_timeout" | bc))) && fail "$name: not ready in ${ready_timeout}s" "$name"
        sleep 0.2
    done
    local ready
    ready=$(seconds_since "$started")

    local api=http://127.0.0.1:$port/api/v1 auth="Authorization: Bearer $admin_key"
    body=$(curl -s -w '\n%{http_code}' -H "$auth" -H 'Content-Type: application/json' -d '{
        "connectorId": "67031468-9f41-4068-9de8-95d3dd29dfb4", "name": "smoke",
        "params": [{"name": "baseUrl", "value": "http://127.0.0.1:'"$port"'"},
                   {"name": "healthPath", "value": "'"$health_path"'"},
                   {"name": "authType", "value": "bearer"}, {"name": "token", "value": "s3cret"}]}' \
        "$api/automation-connections")
    status=${body##*$'\n'}
    [[ $status == 201 ]] || fail "$name: creating a connection answered $status: ${body%$'\n'*}" "$name"
    id=$(jq -r .id <<<"${body%$'\n'*}")
    body=$(curl -s -H "$auth" "$api/automation-connections/$id")
    [[ $(jq -r '.name + " " + (.isConnected | tostring)' <<<"$body") == "smoke true" ]] ||
        fail "$name: reading the connection back gave $body" "$name"

    local stopping
    stopping=$(now)
    kill -TERM "$(ps -o pid= --ppid "$server" | tr -d ' ')"
    wait "$server" || true
    server=
    echo "$name: ready in ${ready}s; connection created, checked and read back; stopped in $(seconds_since "$stopping")s"
}

smoke sqlite no
psql -q -h "$pghost" -p "$pgport" -U "$pguser" -d postgres -c "CREATE DATABASE $database"
smoke postgresql yes "AUTOCONN_DB_URL=jdbc:postgresql://$pghost:$pgport/$database" "AUTOCONN_DB_USER=$pguser" \
    "AUTOCONN_MASTER_KEY=$(head -c 32 /dev/urandom | base64)"

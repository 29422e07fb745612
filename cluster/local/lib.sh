# Shared by the cluster/local scripts (sourced, not run). Bash 4+.
#
# A local cluster lives in one run directory (default: ${TMPDIR:-/tmp}/broker-cluster-<uid>, or $BROKER_CLUSTER_DIR,
# or --run-dir). Its file `state` lists what start.sh started, one `key=value` a line:
#
#   cluster_id=local                 connection_string=Host=...     (never printed with its password)
#   postgres_managed=1|0             postgres_port=  postgres_bin=  postgres_data=  postgres_runas=
#   silos=N  gateways=M  base_port=P
#   silo.<i>.pid=  silo.<i>.silo_port=  silo.<i>.gateway_port=  silo.<i>.admin_port=  silo.<i>.dir=  silo.<i>.log=
#   gateway.<j>.pid=  gateway.<j>.mqtt_port=  gateway.<j>.ws_port=  gateway.<j>.amqp_port=  gateway.<j>.admin_port=  gateway.<j>.dir=  gateway.<j>.log=
#
# Port layout from the base port P: silo i (1-based) uses P+10(i-1) (silo-to-silo), +1 (gateway-to-silo), +2 (admin
# HTTP); gateway j uses P+500+10(j-1) (MQTT), +1 (MQTT over WebSocket, path /mqtt), +2 (admin HTTP). Everything binds
# 127.0.0.1.

# shellcheck shell=bash

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"
SILO_DLL="$REPO_ROOT/Silo/bin/Release/net10.0/Silo.dll"
GATEWAY_DLL="$REPO_ROOT/Gateway/bin/Release/net10.0/Gateway.dll"
# shellcheck disable=SC2034 # used by the scripts that source this file
MAX_SILOS=50
# shellcheck disable=SC2034
MAX_GATEWAYS=50

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

SCRIPT_NAME="$(basename "$0")"
log() { printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

default_run_dir() { printf '%s\n' "${BROKER_CLUSTER_DIR:-${TMPDIR:-/tmp}/broker-cluster-$(id -u)}"; }

# --- state file ----------------------------------------------------------------------------------------------------

state_file() { printf '%s/state\n' "$RUN_DIR"; }

# state_get KEY -> prints the value (empty when absent).
state_get() {
    local f
    f="$(state_file)"
    [ -f "$f" ] || return 0
    awk -v k="$1" 'index($0, k "=") == 1 { v = substr($0, length(k) + 2) } END { if (v != "") print v }' "$f"
}

# state_set KEY VALUE: replaces or appends one line.
state_set() {
    local f tmp
    f="$(state_file)"
    tmp="$f.tmp.$$"
    touch "$f"
    awk -v k="$1" 'index($0, k "=") != 1' "$f" >"$tmp"
    printf '%s=%s\n' "$1" "$2" >>"$tmp"
    chmod 600 "$tmp"
    mv "$tmp" "$f"
}

require_state() {
    [ -f "$(state_file)" ] || die "no local cluster recorded in $RUN_DIR (start one with cluster/local/start.sh, or pass --run-dir)"
}

# --- processes -----------------------------------------------------------------------------------------------------

# is_ours PID DLL: the pid is alive and is still the dotnet process running DLL (guards against pid reuse).
is_ours() {
    local pid="$1" dll="$2"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [ -r "/proc/$pid/cmdline" ] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$dll"
}

# wait_gone PID SECONDS: 0 when the pid exited within the time.
wait_gone() {
    local pid="$1" deadline=$((SECONDS + $2))
    while kill -0 "$pid" 2>/dev/null; do
        # A zombie child of this shell counts as gone.
        if [ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" = "Z" ]; then return 0; fi
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
    return 0
}

# stop_pid NAME PID DLL SECONDS: SIGTERM, wait, then SIGKILL.
stop_pid() {
    local name="$1" pid="$2" dll="$3" grace="$4"
    if ! is_ours "$pid" "$dll"; then
        log "$name (pid ${pid:-?}) is not running"
        return 0
    fi
    log "stopping $name (pid $pid, SIGTERM, up to ${grace}s)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "$grace"; then
        log "$name (pid $pid) still running after ${grace}s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$pid" 10 || log "WARNING: $name (pid $pid) survived SIGKILL"
    fi
}

# http_code URL: the HTTP status (000 when nothing answers).
http_code() {
    curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true
}

# wait_healthy NAME PID URL SECONDS LOG: 0 once URL answers 200; 1 if the process died or time ran out.
wait_healthy() {
    local name="$1" pid="$2" url="$3" timeout="$4" logfile="$5" deadline=$((SECONDS + $4)) code
    while :; do
        code="$(http_code "$url")"
        if [ "$code" = "200" ]; then return 0; fi
        if ! kill -0 "$pid" 2>/dev/null; then
            log "$name (pid $pid) exited before it became healthy; last lines of $logfile:"
            tail -n 30 "$logfile" >&2 || true
            return 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "$name (pid $pid) not healthy after ${timeout}s ($url answers $code); last lines of $logfile:"
            tail -n 30 "$logfile" >&2 || true
            return 1
        fi
        sleep 0.3
    done
}

# port_free PORT: nothing listens on 127.0.0.1:PORT. SO_REUSEADDR as Kestrel sets it on Linux, so connections of an
# earlier run still in TIME_WAIT do not count as "in use".
port_free() {
    python3 - "$1" <<'EOF' 2>/dev/null
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

silo_ports() { local b=$((BASE_PORT + 10 * ($1 - 1))); printf '%s %s %s\n' "$b" $((b + 1)) $((b + 2)); }
gateway_ports() { local b=$((BASE_PORT + 500 + 10 * ($1 - 1))); printf '%s %s %s %s\n' "$b" $((b + 1)) $((b + 2)) $((b + 3)); }

# connection_string: from the state file (the caller's BROKER_POSTGRES is recorded there by start.sh).
connection_string() { state_get connection_string; }

# redact CONNECTION_STRING: the same without the password.
redact() { printf '%s\n' "$1" | sed -E 's/(^|;)[[:space:]]*(Password|Pwd)[[:space:]]*=[^;]*/\1\2=***/Ig'; }

# start_silo I: starts silo I in the background with the ports of the layout and records it (does not wait).
start_silo() {
    local i="$1" sp gp ap dir logfile pid
    read -r sp gp ap <<<"$(silo_ports "$i")"
    dir="$RUN_DIR/silo-$i"
    logfile="$RUN_DIR/silo-$i.log"
    mkdir -p "$dir"
    for p in "$sp" "$gp" "$ap"; do
        port_free "$p" || die "port 127.0.0.1:$p (silo $i) is in use; choose another --base-port"
    done
    # The connection string goes through the environment, not the command line, so `ps` does not show a password.
    (
        cd "$dir" || exit 1
        export Broker__PostgresConnectionString
        Broker__PostgresConnectionString="$(connection_string)"
        exec setsid dotnet "$SILO_DLL" \
            --Broker:ClusterId="$(state_get cluster_id)" \
            --Broker:SiloName="silo-$i" \
            --Broker:ListenAddress=127.0.0.1 \
            --Broker:SiloPort="$sp" \
            --Broker:GatewayPort="$gp" \
            --Broker:AdminAddress=127.0.0.1 \
            --Broker:AdminPort="$ap" \
            --Broker:DataDirectory="$dir/data" \
            --Mqtt:Enabled=false \
            --Amqp:Enabled=false \
            </dev/null >"$logfile" 2>&1
    ) &
    pid=$!
    state_set "silo.$i.pid" "$pid"
    state_set "silo.$i.silo_port" "$sp"
    state_set "silo.$i.gateway_port" "$gp"
    state_set "silo.$i.admin_port" "$ap"
    state_set "silo.$i.dir" "$dir"
    state_set "silo.$i.log" "$logfile"
}

# start_gateway J: starts gateway J in the background and records it (does not wait).
start_gateway() {
    local j="$1" mp wp ap qp dir logfile pid
    read -r mp wp ap qp <<<"$(gateway_ports "$j")"
    dir="$RUN_DIR/gateway-$j"
    logfile="$RUN_DIR/gateway-$j.log"
    mkdir -p "$dir"
    for p in "$mp" "$wp" "$ap" "$qp"; do
        port_free "$p" || die "port 127.0.0.1:$p (gateway $j) is in use; choose another --base-port"
    done
    (
        cd "$dir" || exit 1
        export Gateway__PostgresConnectionString
        Gateway__PostgresConnectionString="$(connection_string)"
        exec setsid dotnet "$GATEWAY_DLL" \
            --Gateway:ClusterId="$(state_get cluster_id)" \
            --Gateway:AdminAddress=127.0.0.1 \
            --Gateway:AdminPort="$ap" \
            --Gateway:DataDirectory="$dir/data" \
            --Mqtt:ListenAddress=127.0.0.1 \
            --Mqtt:Port="$mp" \
            --Mqtt:WebSocketPort="$wp" \
            --Amqp:ListenAddress=127.0.0.1 \
            --Amqp:Port="$qp" \
            --Logging:LogLevel:Microsoft.AspNetCore=Warning \
            </dev/null >"$logfile" 2>&1
    ) &
    pid=$!
    state_set "gateway.$j.pid" "$pid"
    state_set "gateway.$j.mqtt_port" "$mp"
    state_set "gateway.$j.ws_port" "$wp"
    state_set "gateway.$j.amqp_port" "$qp"
    state_set "gateway.$j.admin_port" "$ap"
    state_set "gateway.$j.dir" "$dir"
    state_set "gateway.$j.log" "$logfile"
}

wait_silo() {
    wait_healthy "silo $1" "$(state_get "silo.$1.pid")" "http://127.0.0.1:$(state_get "silo.$1.admin_port")/healthz" \
        "$WAIT_TIMEOUT" "$(state_get "silo.$1.log")"
}

wait_gateway() {
    wait_healthy "gateway $1" "$(state_get "gateway.$1.pid")" "http://127.0.0.1:$(state_get "gateway.$1.admin_port")/healthz" \
        "$WAIT_TIMEOUT" "$(state_get "gateway.$1.log")"
}

# --- PostgreSQL (the throwaway one, as in test.sh) ------------------------------------------------------------------

pg_bin_dir() {
    local d best="" bestv=-1 v
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] || continue
        v="$(basename "$(dirname "$d")")"
        v="${v%%.*}"
        [[ "$v" =~ ^[0-9]+$ ]] || v=0
        if [ "$v" -gt "$bestv" ]; then bestv="$v"; best="$d"; fi
    done
    [ -n "$best" ] && printf '%s\n' "$best"
}

# pg_run CMD...: runs a PostgreSQL command as the user recorded in the state (initdb and postgres refuse root).
pg_run() {
    local runas
    runas="$(state_get postgres_runas)"
    if [ -n "$runas" ]; then
        (cd / && runuser -u "$runas" -- "$@")
    else
        "$@"
    fi
}

# start_postgres: initdb in $RUN_DIR/postgres, pg_ctl start on a free loopback port, database `broker`.
start_postgres() {
    local bin pgdir runas="" port="" attempt
    bin="$(pg_bin_dir || true)"
    [ -n "$bin" ] || die "no PostgreSQL server under /usr/lib/postgresql/*/bin (apt-get install postgresql), or set BROKER_POSTGRES to a connection string"
    pgdir="$RUN_DIR/postgres"
    rm -rf "$pgdir"
    mkdir -p "$pgdir"
    if [ "$(id -u)" -eq 0 ]; then
        runas=pgtest
        if ! getent passwd "$runas" >/dev/null 2>&1; then
            log "creating system user $runas (PostgreSQL refuses to run as root)"
            useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$runas"
        fi
        chown "$runas" "$pgdir"
        # The run directory must be traversable by that user.
        chmod o+x "$RUN_DIR"
    fi
    chmod 700 "$pgdir"
    state_set postgres_managed 1
    state_set postgres_bin "$bin"
    state_set postgres_data "$pgdir/data"
    state_set postgres_runas "$runas"
    log "initdb in $pgdir/data (PostgreSQL $(basename "$(dirname "$bin")"))"
    if ! pg_run "$bin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 --no-locale --no-sync >"$pgdir/initdb.log" 2>&1; then
        cat "$pgdir/initdb.log" >&2
        die "initdb failed"
    fi
    pg_run mkdir -p "$pgdir/sock"
    for attempt in 1 2 3; do
        port="$(free_port)"
        log "starting PostgreSQL on 127.0.0.1:$port"
        # A throwaway database: durability off for speed (a local cluster is for trying things, not for keeping data),
        # unless BROKER_POSTGRES_DURABLE=1 (benchmarks: PostgreSQL's defaults, every commit fsync'd).
        local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        [ "${BROKER_POSTGRES_DURABLE:-0}" = 1 ] && durability=""
        if pg_run "$bin/pg_ctl" start -D "$pgdir/data" -w -t 30 -l "$pgdir/postgres.log" \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir/sock $durability -c max_connections=500" \
            >/dev/null 2>&1; then
            break
        fi
        log "PostgreSQL did not start on port $port (attempt $attempt)"
        tail -n 20 "$pgdir/postgres.log" >&2 2>/dev/null || true
        pg_run "$bin/pg_ctl" stop -D "$pgdir/data" -m immediate -w -t 10 >/dev/null 2>&1 || true
        port=""
    done
    [ -n "$port" ] || die "could not start PostgreSQL"
    state_set postgres_port "$port"
    local ready=0
    for _ in $(seq 1 60); do
        if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then ready=1; break; fi
        sleep 0.5
    done
    [ "$ready" -eq 1 ] || die "PostgreSQL not ready after 30 s (log: $pgdir/postgres.log)"
    "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres -c 'CREATE DATABASE broker' >/dev/null
    state_set connection_string "Host=127.0.0.1;Port=$port;Username=postgres;Database=broker;Maximum Pool Size=50"
}

stop_postgres() {
    [ "$(state_get postgres_managed)" = "1" ] || return 0
    local bin data
    bin="$(state_get postgres_bin)"
    data="$(state_get postgres_data)"
    [ -n "$data" ] && [ -f "$data/postmaster.pid" ] || { state_set postgres_managed 0; return 0; }
    log "stopping PostgreSQL (port $(state_get postgres_port))"
    if ! pg_run "$bin/pg_ctl" stop -D "$data" -m fast -w -t 30 >/dev/null 2>&1; then
        local pid
        pid="$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)"
        if [[ "$pid" =~ ^[0-9]+$ ]]; then
            log "pg_ctl stop failed: SIGKILL postmaster $pid"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -rf "$(dirname "$data")"
    state_set postgres_managed 0
}

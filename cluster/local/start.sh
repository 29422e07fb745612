#!/usr/bin/env bash
# Starts a local multi-process cluster: PostgreSQL (a throwaway one unless BROKER_POSTGRES is set), N silos and M
# standalone gateways on 127.0.0.1, each with its own folder and log under the run directory. Waits until every
# process answers GET /healthz, prints the endpoints and records the pids in the run directory's `state` file, which
# stop.sh, status.sh, kill-silo.sh and add-silo.sh read.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
    cat <<EOF
Usage: cluster/local/start.sh [options]

Starts N silos and M standalone gateways of one cluster on PostgreSQL, all bound to 127.0.0.1.

Options:
  -s, --silos N         silos to start (default 2, at most $MAX_SILOS)
  -g, --gateways M      standalone gateways to start (default 1, at most $MAX_GATEWAYS; 0 = none)
  -p, --base-port P     first port of the layout (default 21000):
                          silo i:    P+10(i-1) silo-to-silo, +1 gateway-to-silo, +2 admin HTTP
                          gateway j: P+500+10(j-1) MQTT, +1 MQTT over WebSocket (/mqtt), +2 admin HTTP
  -c, --cluster-id ID   cluster id (default local)
  -d, --run-dir DIR     where logs, data folders and the state file go
                        (default \$BROKER_CLUSTER_DIR or \${TMPDIR:-/tmp}/broker-cluster-<uid>)
      --no-build        use the existing Release build instead of running dotnet build -c Release
  -t, --timeout S       seconds to wait for each process's /healthz (default 90)
  -h, --help            this text

Environment:
  BROKER_POSTGRES       an Npgsql connection string to use instead of starting a throwaway PostgreSQL
  BROKER_POSTGRES_DURABLE=1
                        the throwaway PostgreSQL keeps its durable defaults (fsync on); otherwise it runs with
                        fsync, synchronous_commit and full_page_writes off
  Broker__X, Gateway__X, Mqtt__X, Amqp__X
                        any other setting, passed to every silo (Broker__DeathTimeout=00:00:05) or gateway

Silos run with Mqtt:Enabled=false and Amqp:Enabled=false: clients connect to the gateways. Stop everything with cluster/local/stop.sh.
EOF
}

SILOS=2
GATEWAYS=1
BASE_PORT=21000
CLUSTER_ID=local
RUN_DIR=""
BUILD=1
WAIT_TIMEOUT=90

need_value() { [ "$#" -ge 2 ] && [ -n "$2" ] || { usage >&2; die "option $1 needs a value"; }; }
while [ "$#" -gt 0 ]; do
    case "$1" in
        -s|--silos) need_value "$@"; SILOS="$2"; shift 2 ;;
        -g|--gateways) need_value "$@"; GATEWAYS="$2"; shift 2 ;;
        -p|--base-port) need_value "$@"; BASE_PORT="$2"; shift 2 ;;
        -c|--cluster-id) need_value "$@"; CLUSTER_ID="$2"; shift 2 ;;
        -d|--run-dir) need_value "$@"; RUN_DIR="$2"; shift 2 ;;
        -t|--timeout) need_value "$@"; WAIT_TIMEOUT="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
done

[[ "$SILOS" =~ ^[0-9]+$ ]] && [ "$SILOS" -ge 1 ] && [ "$SILOS" -le "$MAX_SILOS" ] || die "--silos must be 1..$MAX_SILOS, not '$SILOS'"
[[ "$GATEWAYS" =~ ^[0-9]+$ ]] && [ "$GATEWAYS" -le "$MAX_GATEWAYS" ] || die "--gateways must be 0..$MAX_GATEWAYS, not '$GATEWAYS'"
[[ "$BASE_PORT" =~ ^[0-9]+$ ]] && [ "$BASE_PORT" -ge 1024 ] && [ "$BASE_PORT" -le $((65535 - 1000)) ] \
    || die "--base-port must be 1024..$((65535 - 1000)), not '$BASE_PORT'"
[[ "$WAIT_TIMEOUT" =~ ^[0-9]+$ ]] && [ "$WAIT_TIMEOUT" -ge 1 ] || die "--timeout must be a whole number of seconds"
[[ "$CLUSTER_ID" =~ ^[A-Za-z0-9._-]+$ ]] || die "--cluster-id may hold letters, digits, '.', '_' and '-' only"
for tool in dotnet curl python3 setsid awk; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done

RUN_DIR="${RUN_DIR:-$(default_run_dir)}"
mkdir -p "$RUN_DIR"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"

# Refuse to start over a cluster that is still running; clear what a stopped one left.
if [ -f "$(state_file)" ]; then
    for key in $(awk -F= '/^(silo|gateway)\.[0-9]+\.pid=/ { print $1 }' "$(state_file)"); do
        pid="$(state_get "$key")"
        if is_ours "$pid" "$SILO_DLL" || is_ours "$pid" "$GATEWAY_DLL"; then
            die "a local cluster is still running from $RUN_DIR (${key%.pid} pid $pid); stop it with cluster/local/stop.sh${RUN_DIR:+ --run-dir $RUN_DIR}"
        fi
    done
    if [ "$(state_get postgres_managed)" = "1" ] && [ -f "$(state_get postgres_data)/postmaster.pid" ]; then
        die "the PostgreSQL of an earlier local cluster still runs from $RUN_DIR; stop it with cluster/local/stop.sh --run-dir $RUN_DIR"
    fi
    rm -f "$(state_file)"
fi
rm -rf "$RUN_DIR"/silo-* "$RUN_DIR"/gateway-* "$RUN_DIR"/postgres "$RUN_DIR"/state.stopped "$RUN_DIR"/build.log

# If anything below fails, stop what was already started.
started=0
on_exit() {
    local rc=$?
    if [ "$rc" -ne 0 ] && [ "$started" -eq 0 ] && [ -f "$(state_file)" ]; then
        log "start failed; stopping what was started"
        "$LOCAL_DIR/stop.sh" --run-dir "$RUN_DIR" --timeout 10 || true
    fi
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. Build once.
if [ "$BUILD" -eq 1 ]; then
    log "building Silo and Gateway (dotnet build -c Release)"
    buildlog="$RUN_DIR/build.log"
    for project in Silo/Silo.csproj Gateway/Gateway.csproj; do
        if ! (cd "$REPO_ROOT" && dotnet build -c Release -nologo -v q "$project") >"$buildlog" 2>&1; then
            tail -n 40 "$buildlog" >&2
            die "dotnet build -c Release $project failed (full output: $buildlog)"
        fi
    done
fi
[ -f "$SILO_DLL" ] || die "$SILO_DLL is missing (run without --no-build)"
[ -f "$GATEWAY_DLL" ] || die "$GATEWAY_DLL is missing (run without --no-build)"

# Every port of the layout must be free before anything starts.
for i in $(seq 1 "$SILOS"); do
    for p in $(silo_ports "$i"); do port_free "$p" || die "port 127.0.0.1:$p (silo $i) is in use; choose another --base-port"; done
done
for j in $(seq 1 "$GATEWAYS"); do
    for p in $(gateway_ports "$j"); do port_free "$p" || die "port 127.0.0.1:$p (gateway $j) is in use; choose another --base-port"; done
done

state_set cluster_id "$CLUSTER_ID"
state_set base_port "$BASE_PORT"
state_set silos "$SILOS"
state_set gateways "$GATEWAYS"
state_set run_dir "$RUN_DIR"

# 2. PostgreSQL.
if [ -n "${BROKER_POSTGRES:-}" ]; then
    log "using the PostgreSQL of BROKER_POSTGRES ($(redact "$BROKER_POSTGRES"))"
    state_set postgres_managed 0
    state_set connection_string "$BROKER_POSTGRES"
else
    start_postgres
fi

# 3. Silos: the first alone (a fresh database gets its schema once, and the cluster has a first member), then the
#    others together.
log "starting silo 1"
start_silo 1
wait_silo 1
if [ "$SILOS" -gt 1 ]; then
    log "starting silos 2..$SILOS"
    for i in $(seq 2 "$SILOS"); do start_silo "$i"; done
    for i in $(seq 2 "$SILOS"); do wait_silo "$i"; done
fi

# 4. Gateways.
if [ "$GATEWAYS" -gt 0 ]; then
    log "starting $GATEWAYS gateway(s)"
    for j in $(seq 1 "$GATEWAYS"); do start_gateway "$j"; done
    for j in $(seq 1 "$GATEWAYS"); do wait_gateway "$j"; done
fi
started=1

# 5. Endpoints.
echo "Local cluster '$CLUSTER_ID' is up: $SILOS silo(s), $GATEWAYS gateway(s)."
echo "  run dir     $RUN_DIR (state file: $(state_file))"
echo "  postgres    $(redact "$(connection_string)")"
for i in $(seq 1 "$SILOS"); do
    printf '  silo %-3s    pid %-8s silo 127.0.0.1:%s  gateway 127.0.0.1:%s  admin http://127.0.0.1:%s/status  log %s\n' \
        "$i" "$(state_get "silo.$i.pid")" "$(state_get "silo.$i.silo_port")" "$(state_get "silo.$i.gateway_port")" \
        "$(state_get "silo.$i.admin_port")" "$(state_get "silo.$i.log")"
done
for j in $(seq 1 "$GATEWAYS"); do
    printf '  gateway %-3s pid %-8s mqtt 127.0.0.1:%s  websocket ws://127.0.0.1:%s/mqtt  amqp 127.0.0.1:%s  admin http://127.0.0.1:%s/healthz  log %s\n' \
        "$j" "$(state_get "gateway.$j.pid")" "$(state_get "gateway.$j.mqtt_port")" "$(state_get "gateway.$j.ws_port")" \
        "$(state_get "gateway.$j.amqp_port")" "$(state_get "gateway.$j.admin_port")" "$(state_get "gateway.$j.log")"
done
if [ "$GATEWAYS" -gt 0 ]; then
    port="$(state_get gateway.1.mqtt_port)"
    echo "Try:  mosquitto_sub -h 127.0.0.1 -p $port -t 'demo/#' -v   and   mosquitto_pub -h 127.0.0.1 -p $port -t demo/1 -m hello"
fi
echo "Stop: cluster/local/stop.sh$([ "$RUN_DIR" = "$(default_run_dir)" ] || printf ' --run-dir %s' "$RUN_DIR")"

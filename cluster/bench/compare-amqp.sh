#!/usr/bin/env bash
# Runs the AMQP 1.0 load program (cluster/bench/amqp_load.py, Debian's python3-qpid-proton: the same client for both)
# against our broker and against RabbitMQ 3.10 from Debian with its rabbitmq_amqp1_0 plugin, alternately, and prints
# both, the ratios ours/RabbitMQ and the targets of issue 5 ("Benchmark and targets").
#
#   cluster/bench/compare-amqp.sh [--count N] [--rounds N] [--window N] [--split] [--no-build] [--keep]
#
# Workload (both brokers): a durable queue (ours /queues/NAME; RabbitMQ /queue/NAME, which declares a durable queue on
# attach), 1 KiB durable messages, unsettled sends waiting for `accepted` (at most 500 in flight), a receiver with credit
# 500 accepting every message, both running at once; --count measured messages after 2,000 warm-up ones. Each round
# uses fresh queues on brokers started once for the run (ours: the embedded silo with SQLite in a temp directory;
# RabbitMQ: its own node in a temp directory, loopback only), the rounds alternating between them. --window N sets the
# sends in flight (default 500; 1 = each send waits for its accepted, a latency-bound run). --split runs the sender and the receiver as two processes.
#
# Needs: dotnet, /usr/bin/python3 with python3-qpid-proton; root to install rabbitmq-server with apt-get when missing.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
SILO_DLL="$REPO_ROOT/Silo/bin/Release/net10.0/Silo.dll"
LOAD="$BENCH_DIR/amqp_load.py"
COUNT=50000
ROUNDS=3
SPLIT=()
WINDOW=500
BUILD=1
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --count) COUNT="${2:?}"; shift 2 ;;
        --rounds) ROUNDS="${2:?}"; shift 2 ;;
        --split) SPLIT=(--split); shift ;;
        --window) WINDOW="${2:?}"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

log() { printf 'compare-amqp: %s\n' "$*" >&2; }
/usr/bin/python3 -c 'import proton' 2>/dev/null || { log "installing python3-qpid-proton"; apt-get install -y -qq python3-qpid-proton >/dev/null; }
if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
    log "installing rabbitmq-server"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
fi
if [ "$BUILD" = 1 ]; then
    log "building the broker (Release)"
    dotnet build -c Release "$REPO_ROOT/Silo" -v q -nologo >/dev/null
fi

RUN_DIR="$(mktemp -d /tmp/compare-amqp.XXXXXX)"
OURS_PID=""
cleanup() {
    [ -n "$OURS_PID" ] && kill "$OURS_PID" 2>/dev/null || true
    if [ -f "$RUN_DIR/rabbit/env.sh" ]; then
        # shellcheck disable=SC1091
        (. "$RUN_DIR/rabbit/env.sh"; /usr/lib/rabbitmq/bin/rabbitmqctl -q stop >/dev/null 2>&1 || true)
    fi
    [ "$KEEP" = 1 ] && log "run directory kept: $RUN_DIR" || rm -rf "$RUN_DIR"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_ours() {
    local dir="$RUN_DIR/ours" admin amqp
    rm -rf "$dir"; mkdir -p "$dir"
    admin=$(free_port); amqp=$(free_port)
    dotnet "$SILO_DLL" --Broker:AdminPort="$admin" --Broker:SiloPort=0 --Broker:GatewayPort=0 --Broker:DataDirectory="$dir/data" \
        --Mqtt:Enabled=false --Amqp:Port="$amqp" > "$dir/broker.log" 2>&1 &
    OURS_PID=$!
    for _ in $(seq 1 120); do
        grep -q "AMQP 1.0 listening" "$dir/broker.log" 2>/dev/null && break
        sleep 0.5
    done
    OURS_URL="amqp://127.0.0.1:$amqp"
}


start_rabbit() {
    local dir="$RUN_DIR/rabbit" port dist
    mkdir -p "$dir/base/log" "$dir/base/mnesia"
    port=$(free_port); dist=$(free_port)
    cat > "$dir/env.sh" <<ENV
export RABBITMQ_NODENAME=compare$$@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$dist
export RABBITMQ_BASE=$dir/base
export RABBITMQ_MNESIA_BASE=$dir/base/mnesia
export RABBITMQ_LOG_BASE=$dir/base/log
export RABBITMQ_ENABLED_PLUGINS_FILE=$dir/base/enabled_plugins
export RABBITMQ_CONFIG_FILE=$dir/base/rabbitmq
export HOME=$dir
ENV
    echo "[rabbitmq_amqp1_0]." > "$dir/base/enabled_plugins"
    printf 'loopback_users = none\nlisteners.tcp.default = 127.0.0.1:%s\n' "$port" > "$dir/base/rabbitmq.conf"
    # shellcheck disable=SC1091
    (. "$dir/env.sh"; /usr/lib/rabbitmq/bin/rabbitmq-server > "$dir/server.log" 2>&1 &)
    for _ in $(seq 1 120); do
        grep -q "completed with" "$dir/server.log" 2>/dev/null && break
        sleep 0.5
    done
    RABBIT_URL="amqp://guest:guest@127.0.0.1:$port"
}

RESULTS="$RUN_DIR/results.jsonl"
# Both brokers run for the whole comparison (long-running servers, warmed up alike); each round uses fresh queues.
start_rabbit
start_ours
for round in $(seq 1 "$ROUNDS"); do
    log "round $round: ours"
    /usr/bin/python3 "$LOAD" --url "$OURS_URL" --address "/queues/bench$round" --count "$COUNT" --window "$WINDOW" "${SPLIT[@]}" \
        | sed "s/^{/{\"broker\": \"ours\", \"round\": $round, /" | tee -a "$RESULTS" >&2
    log "round $round: rabbitmq"
    /usr/bin/python3 "$LOAD" --url "$RABBIT_URL" --address "/queue/bench$round" --count "$COUNT" --window "$WINDOW" "${SPLIT[@]}" \
        | sed "s/^{/{\"broker\": \"rabbitmq\", \"round\": $round, /" | tee -a "$RESULTS" >&2
done

/usr/bin/python3 - "$RESULTS" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def med(broker, key):
    values = [r[key] for r in rows if r["broker"] == broker and r.get(key) is not None]
    return statistics.median(values) if values else None
keys = [("in_rate", "in msg/s"), ("out_rate", "out msg/s"), ("confirm_p50_ms", "confirm p50 ms"), ("confirm_p99_ms", "confirm p99 ms"),
        ("e2e_p50_ms", "end-to-end p50 ms"), ("e2e_p99_ms", "end-to-end p99 ms")]
print("| figure (median of %d rounds) | ours | RabbitMQ 3.10 | ours / RabbitMQ |" % max(r["round"] for r in rows))
print("|---|---|---|---|")
for key, label in keys:
    a, b = med("ours", key), med("rabbitmq", key)
    ratio = "%.2fx" % (a / b) if a and b else "-"
    print(f"| {label} | {a} | {b} | {ratio} |")
for broker in ("ours", "rabbitmq"):
    lost = sum(r["lost"] or 0 for r in rows if r["broker"] == broker)
    dup = sum(r["duplicates"] for r in rows if r["broker"] == broker)
    rej = sum(r["rejected"] for r in rows if r["broker"] == broker)
    print(f"| {broker}: lost / duplicates / rejected (all rounds) | {lost} / {dup} / {rej} | | |")
ours_in, rabbit_in = med("ours", "in_rate"), med("rabbitmq", "in_rate")
print()
print("Target (issue 5): in throughput >= 3x RabbitMQ: %s; p99 confirm latency lower: %s; 0 lost: %s" % (
    "met" if ours_in and rabbit_in and ours_in >= 3 * rabbit_in else "NOT met",
    "met" if (med("ours", "confirm_p99_ms") or 1e9) < (med("rabbitmq", "confirm_p99_ms") or 0) else "NOT met",
    "met" if sum(r["lost"] or 0 for r in rows if r["broker"] == "ours") == 0 else "NOT met"))
PY

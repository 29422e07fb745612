#!/usr/bin/env bash
# Throughput of the durable workloads on a local cluster of 1, 2, 3 ... silos (issue 6, "Figures to report"): for each
# silo count it starts a fresh cluster with cluster/local/start.sh (its own throwaway PostgreSQL, N silos, one
# standalone gateway), runs the workloads through the gateway, stops the cluster, and at the end prints one table.
#
#   cluster/bench/scale.sh [--silos "1 2 3"] [--seconds 10] [--count 20000] [--rounds 1] [--no-build] [--keep]
#
# Workloads, all through the one gateway (so every grain call crosses the gateway-to-silo connection, and a topic's
# deliveries to a queue on another silo cross a silo-to-silo one):
#   mqtt fanin-qos1   4 MQTT QoS 1 publishers -> 1 topic -> 1 subscriber (the tests/Benchmarks load program; one inbox
#                     queue and one topic grain: a single flow, which more silos cannot split)
#   mqtt pairs-qos1   8 independent QoS 1 publisher -> topic -> subscriber flows (8 topic grains, 8 inbox queues that
#                     rendezvous placement spreads over the silos)
#   amqp              cluster/bench/amqp_load.py: a durable queue, 1 KiB durable messages, unsettled sends waiting for
#                     accepted (500 in flight), a receiver with credit 500 accepting (the workload of issue 5)
# PostgreSQL keeps its durable defaults (BROKER_POSTGRES_DURABLE=1: every commit fsync'd), as a production one would.
# Everything runs on this machine: silos, gateway, PostgreSQL and the load programs share its cores, so the table says
# what a silo costs on a fixed CPU budget, not what a silo on its own machine adds (docs/scaling.md).
#
# Needs: dotnet, PostgreSQL server binaries (test.sh installs them), /usr/bin/python3 with python3-qpid-proton.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
LOCAL="$REPO_ROOT/cluster/local"
LOAD_DLL="$REPO_ROOT/tests/Benchmarks/bin/Release/net10.0/Benchmarks.dll"
SILO_COUNTS="1 2 3"
SECONDS_PER_RUN=10
COUNT=20000
ROUNDS=1
BUILD=1
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --silos) SILO_COUNTS="${2:?}"; shift 2 ;;
        --seconds) SECONDS_PER_RUN="${2:?}"; shift 2 ;;
        --count) COUNT="${2:?}"; shift 2 ;;
        --rounds) ROUNDS="${2:?}"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

log() { printf 'scale: %s\n' "$*" >&2; }
/usr/bin/python3 -c 'import proton' 2>/dev/null || { echo "scale: needs python3-qpid-proton for /usr/bin/python3" >&2; exit 1; }
if [ "$BUILD" = 1 ]; then
    log "building Silo, Gateway and the load program (Release)"
    dotnet build -c Release "$REPO_ROOT/Silo" -v q -nologo >/dev/null
    dotnet build -c Release "$REPO_ROOT/Gateway" -v q -nologo >/dev/null
    dotnet build -c Release "$REPO_ROOT/tests/Benchmarks" -v q -nologo >/dev/null
fi

RUN_DIR="$(mktemp -d /tmp/scale-bench.XXXXXX)"
chmod 755 "$RUN_DIR" # PostgreSQL runs as another user when we are root (cluster/local/lib.sh)
CLUSTER_DIR=""
cleanup() {
    if [ -n "$CLUSTER_DIR" ] && [ -f "$CLUSTER_DIR/state" ]; then
        "$LOCAL/stop.sh" --run-dir "$CLUSTER_DIR" >/dev/null 2>&1 || true
    fi
    [ "$KEEP" = 1 ] && log "run directory kept: $RUN_DIR" || rm -rf "$RUN_DIR"
}
trap cleanup EXIT

state_of() { sed -n "s/^$1=//p" "$CLUSTER_DIR/state" | tail -1; }
RESULTS="$RUN_DIR/results.tsv"
printf 'silos\tround\tworkload\tin\tout\tp50_ms\tp99_ms\tlost\tdup\tsilo_cpu_s\tgateway_cpu_s\tpostgres_cpu_s\tother_cpu_s\n' > "$RESULTS"

cpu_ticks() { # total user+system CPU clock ticks of the given pids (their threads included)
    local total=0 pid t
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] || continue
        t=$(awk '{print $14 + $15}' "/proc/$pid/stat")
        total=$((total + t))
    done
    echo "$total"
}
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }
ticks=$(getconf CLK_TCK)

for n in $SILO_COUNTS; do
    for round in $(seq 1 "$ROUNDS"); do
        CLUSTER_DIR="$RUN_DIR/silos-$n-round-$round"
        log "$n silo(s), round $round: starting the cluster"
        BROKER_POSTGRES_DURABLE=1 "$LOCAL/start.sh" --silos "$n" --gateways 1 --run-dir "$CLUSTER_DIR" --cluster-id "scale$n" --no-build > "$CLUSTER_DIR.start.log" 2>&1 \
            || { cat "$CLUSTER_DIR.start.log" >&2; exit 1; }
        mqtt_port=$(state_of gateway.1.mqtt_port)
        amqp_port=$(state_of gateway.1.amqp_port)
        gateway_pid=$(state_of gateway.1.pid)
        silo_pids=()
        for i in $(seq 1 "$n"); do silo_pids+=("$(state_of "silo.$i.pid")"); done
        # PostgreSQL: the postmaster and its children (the silos' pooled connections stay open, so their backends live
        # through a run).
        pg_master=$(head -1 "$CLUSTER_DIR/postgres/data/postmaster.pid" 2>/dev/null || head -1 "$CLUSTER_DIR/postgres/postmaster.pid" 2>/dev/null || true)
        pg_pids=""
        [ -n "$pg_master" ] && pg_pids="$pg_master $(pgrep -P "$pg_master" | tr '\n' ' ')"

        measure() { # workload-name result-file|- command...: runs it and appends a row from its result (the file's last line, or stdout)
            local name="$1" result="$2"; shift 2
            local s0 g0 p0 m0 s1 g1 p1 m1 out
            s0=$(cpu_ticks "${silo_pids[@]}"); g0=$(cpu_ticks "$gateway_pid"); p0=$(cpu_ticks $pg_pids); m0=$(machine_ticks)
            out="$("$@" 2>>"$CLUSTER_DIR.load.log")"
            s1=$(cpu_ticks "${silo_pids[@]}"); g1=$(cpu_ticks "$gateway_pid"); p1=$(cpu_ticks $pg_pids); m1=$(machine_ticks)
            printf '%s\n' "$out" >> "$CLUSTER_DIR.load.log"
            [ "$result" = - ] || out="$(tail -1 "$result")"
            printf '%s\n' "$out" | /usr/bin/python3 "$BENCH_DIR/scale_row.py" "$name" "$n" "$round" \
                "$(( (s1 - s0) ))" "$(( (g1 - g0) ))" "$(( (p1 - p0) ))" "$(( (m1 - m0) - (s1 - s0) - (g1 - g0) - (p1 - p0) ))" "$ticks" >> "$RESULTS"
            tail -1 "$RESULTS" >&2
        }
        measure mqtt-fanin-qos1 "$CLUSTER_DIR.mqtt-fanin.tsv" dotnet "$LOAD_DLL" mqtt --host 127.0.0.1 --port "$mqtt_port" --workloads fanin-qos1 \
            --seconds "$SECONDS_PER_RUN" --label "silos-$n" --results "$CLUSTER_DIR.mqtt-fanin.tsv"
        measure mqtt-pairs-qos1 "$CLUSTER_DIR.mqtt-pairs.tsv" dotnet "$LOAD_DLL" mqtt --host 127.0.0.1 --port "$mqtt_port" --workloads pairs-qos1 --publishers 8 \
            --seconds "$SECONDS_PER_RUN" --label "silos-$n" --results "$CLUSTER_DIR.mqtt-pairs.tsv"
        measure amqp - /usr/bin/python3 "$BENCH_DIR/amqp_load.py" --url "amqp://127.0.0.1:$amqp_port" \
            --address "/queues/scale-$n-$round" --count "$COUNT" --window 500

        log "$n silo(s), round $round: stopping the cluster"
        "$LOCAL/stop.sh" --run-dir "$CLUSTER_DIR" >/dev/null 2>&1 || true
    done
done
CLUSTER_DIR=""

/usr/bin/python3 - "$RESULTS" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
def med(values):
    values = [float(v) for v in values if v not in ("", "-")]
    return statistics.median(values) if values else None
def fmt(v, digits=0):
    return "-" if v is None else (f"{v:,.{digits}f}")
print("| workload | silos | in msg/s | out msg/s | p50 / p99 ms | lost / dup | CPU s: silos / gateway / PostgreSQL / other |")
print("|---|---:|---:|---:|---:|---:|---|")
for workload in dict.fromkeys(r["workload"] for r in rows):
    for n in dict.fromkeys(r["silos"] for r in rows if r["workload"] == workload):
        rs = [r for r in rows if r["workload"] == workload and r["silos"] == n]
        col = lambda k: med(r[k] for r in rs)
        print(f"| {workload} | {n} | {fmt(col('in'))} | {fmt(col('out'))} | {fmt(col('p50_ms'), 2)} / {fmt(col('p99_ms'), 2)} | "
              f"{sum(int(float(r['lost'] or 0)) for r in rs)} / {sum(int(float(r['dup'] or 0)) for r in rs)} | "
              f"{fmt(col('silo_cpu_s'), 1)} / {fmt(col('gateway_cpu_s'), 1)} / {fmt(col('postgres_cpu_s'), 1)} / {fmt(col('other_cpu_s'), 1)} |")
PY

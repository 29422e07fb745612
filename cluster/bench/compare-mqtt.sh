#!/usr/bin/env bash
# Runs the MQTT load program (tests/Benchmarks, benchmark `mqtt`) against our broker and against mosquitto 2.0 from
# Debian, one after the other on the same machine, and prints both, the ratios ours/mosquitto and the targets of
# issue 3 ("Benchmark and targets").
#
#   cluster/bench/compare-mqtt.sh [--seconds N] [--warmup N] [--rounds N] [--no-build] [--only ours|mosquitto]
#                                 [--skip-kill9] [--wait-quiet SECONDS] [--keep] [--workloads LIST]
#                                 [--baseline-silo PATH/Silo.dll] [-- extra load-program options, e.g. --protocol 5]
#
# --workloads runs only these of the main run's workloads (comma-separated, e.g. latency,fanin-qos1; default all).
# --baseline-silo also runs a second build of our broker (e.g. a copy of Silo/bin/Release/net10.0 made before a change)
# in every round, labelled "ours-before", so before and after are measured in the same run.
#
# On a shared machine other processes disturb the figures: before each broker's run the script waits (up to
# --wait-quiet seconds, default 120, 0 = not at all) until the machine has been at least 80 % idle for 3 s, and the load
# program reports the CPU other processes took during each workload ("other CPU s"). --rounds N repeats everything
# and reports medians.
#
# Per broker and round:
#   1. a fresh broker: ours = the embedded silo (`dotnet Silo.dll`, SQLite in a temp data directory, free loopback
#      ports); mosquitto = `mosquitto -c FILE` in the foreground with this script's config (below);
#   2. workloads idle (first, so the RSS baseline is a fresh broker), fanin-qos0, fanin-qos1, fanout-qos0, offline,
#      latency, in one run of the load program;
#   3. kill -9: kill9-publish (a persistent QoS 1 subscriber is offline; the load program sends SIGKILL to the broker
#      at the N-th PUBACK), the broker is restarted on the same data, kill9-verify counts acknowledged-but-lost;
#   4. the broker is stopped (SIGTERM).
#
# mosquitto config, the same for every workload: `listener PORT 127.0.0.1`, `allow_anonymous true`,
# `max_queued_messages 0` (its default of 1000 drops acknowledged QoS 1 messages of an offline session),
# `set_tcp_nodelay true` (Kestrel, our listener, sets TCP_NODELAY; the load program does on its side), `persistence true`
# with `autosave_interval 1800` (its default: the in-memory database is written every 30 minutes and at a clean
# shutdown, so kill -9 shows what mosquitto keeps by design). Everything else is mosquitto's default (e.g.
# max_inflight_messages 20 towards subscribers). mosquitto is installed with apt-get when missing; its system service
# is not enabled and never started: the script runs its own process.
#
# Needs: dotnet, python3, curl; root or sudo only to install mosquitto. Prints markdown tables at the end; the raw
# figures are in the run directory (kept with --keep): results.tsv, the load program's output and the broker logs.
set -euo pipefail

SCRIPT_NAME="$(basename "$0")"
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
SILO_DLL="$REPO_ROOT/Silo/bin/Release/net10.0/Silo.dll"
BENCH_DLL="$REPO_ROOT/tests/Benchmarks/bin/Release/net10.0/Benchmarks.dll"

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

log() { printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() { sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; }

SECONDS_PER_WORKLOAD=10
WARMUP=2
ROUNDS=1
BUILD=1
ONLY=""
KILL9=1
KEEP=0
WAIT_QUIET=120
WORKLOADS="idle,fanin-qos0,fanin-qos1,fanout-qos0,offline,latency"
BASELINE_DLL=""
EXTRA=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) SECONDS_PER_WORKLOAD="${2:?}"; shift 2 ;;
        --warmup) WARMUP="${2:?}"; shift 2 ;;
        --rounds) ROUNDS="${2:?}"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --only) ONLY="${2:?}"; shift 2 ;;
        --skip-kill9) KILL9=0; shift ;;
        --keep) KEEP=1; shift ;;
        --wait-quiet) WAIT_QUIET="${2:?}"; shift 2 ;;
        --workloads) WORKLOADS="${2:?}"; shift 2 ;;
        --baseline-silo) BASELINE_DLL="${2:?}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        --) shift; EXTRA=("$@"); break ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
done
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "--rounds needs a positive number"
[[ "$WAIT_QUIET" =~ ^[0-9]+$ ]] || die "--wait-quiet needs a number of seconds"
case "$ONLY" in ""|ours|mosquitto) ;; *) die "--only is ours or mosquitto" ;; esac
[ -z "$BASELINE_DLL" ] || [ -f "$BASELINE_DLL" ] || die "--baseline-silo: $BASELINE_DLL does not exist"

for tool in dotnet python3 curl; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done

# --- the run directory and the processes this script started ------------------------------------------------------

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/compare-mqtt.XXXXXX")"
RESULTS="$RUN_DIR/results.tsv"
: >"$RESULTS"
BROKER_PID=""

# is_running PID: alive and not a zombie (a killed process may linger as a zombie until its parent reaps it).
is_running() {
    kill -0 "$1" 2>/dev/null && [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != "Z" ]
}

# stop_broker SECONDS: SIGTERM to the broker this script started, SIGKILL after SECONDS.
stop_broker() {
    local pid="$BROKER_PID" grace="${1:-30}" deadline
    BROKER_PID=""
    [ -n "$pid" ] || return 0
    is_running "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + grace))
    while is_running "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if is_running "$pid"; then
        log "broker (pid $pid) still running after ${grace}s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

cleanup() {
    local rc=$?
    stop_broker 10
    if [ "$KEEP" -eq 1 ] || [ "$rc" -ne 0 ]; then
        log "run directory kept: $RUN_DIR"
    else
        rm -rf "$RUN_DIR"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_port PORT PID SECONDS LOG: 0 once 127.0.0.1:PORT accepts a TCP connection.
wait_port() {
    local port="$1" pid="$2" deadline=$((SECONDS + $3)) logfile="$4"
    while :; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        if ! is_running "$pid"; then
            log "the broker (pid $pid) exited; last lines of $logfile:"; tail -n 20 "$logfile" >&2; return 1
        fi
        [ "$SECONDS" -lt "$deadline" ] || { log "nothing listens on $port after $3 s"; tail -n 20 "$logfile" >&2; return 1; }
        sleep 0.2
    done
}

# idle_percent: the machine's idle CPU share over the next second, in percent (from /proc/stat).
idle_percent() {
    local a b
    a="$(head -n 1 /proc/stat)"; sleep 1; b="$(head -n 1 /proc/stat)"
    awk -v a="$a" -v b="$b" 'BEGIN {
        split(a, x, " "); split(b, y, " "); total = 0
        for (i = 2; i <= 9; i++) total += y[i] - x[i]
        idle = (y[5] - x[5]) + (y[6] - x[6])
        printf "%d\n", (total > 0 ? 100 * idle / total : 100) }'
}

# wait_quiet: up to WAIT_QUIET seconds until three consecutive seconds were at least 80 % idle.
wait_quiet() {
    local deadline=$((SECONDS + WAIT_QUIET)) quiet=0 idle=100
    [ "$WAIT_QUIET" -gt 0 ] || return 0
    while [ "$quiet" -lt 3 ]; do
        idle="$(idle_percent)"
        if [ "$idle" -ge 80 ]; then quiet=$((quiet + 1)); else quiet=0; fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "WARNING: the machine did not become quiet within ${WAIT_QUIET}s (idle ${idle}%); measuring anyway"
            return 0
        fi
    done
}

# --- build -----------------------------------------------------------------------------------------------------------

if [ "$BUILD" -eq 1 ]; then
    for project in Silo/Silo.csproj tests/Benchmarks/Benchmarks.csproj; do
        log "building $project (dotnet build -c Release)"
        if ! (cd "$REPO_ROOT" && dotnet build -c Release -nologo -v q "$project") >>"$RUN_DIR/build.log" 2>&1; then
            grep -E 'error' "$RUN_DIR/build.log" | sort -u | head -n 20 >&2 || true
            die "dotnet build -c Release $project failed (full output: $RUN_DIR/build.log)"
        fi
    done
fi
[ -f "$SILO_DLL" ] || die "$SILO_DLL is missing (run without --no-build)"
[ -f "$BENCH_DLL" ] || die "$BENCH_DLL is missing (run without --no-build)"

# --- mosquitto from Debian -------------------------------------------------------------------------------------------

if [ "$ONLY" != "ours" ] && ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
    log "installing mosquitto (apt-get install -y mosquitto); its system service is left disabled and not started"
    if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else die "mosquitto is missing; install it as root"; fi
    # policy-rc.d 101 = "do not start services" for the duration of the install (Debian's invoke-rc.d honours it).
    POLICY_ADDED=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
        "${SUDO[@]}" chmod +x /usr/sbin/policy-rc.d
        POLICY_ADDED=1
    fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mosquitto >"$RUN_DIR/apt.log" 2>&1 || {
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >>"$RUN_DIR/apt.log" 2>&1
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mosquitto >>"$RUN_DIR/apt.log" 2>&1
    } || die "apt-get install mosquitto failed (see $RUN_DIR/apt.log)"
    [ "$POLICY_ADDED" -eq 0 ] || "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d
    # The package's postinst enables the unit; undo that (no systemd needed for this).
    "${SUDO[@]}" env DPKG_MAINTSCRIPT_PACKAGE=mosquitto deb-systemd-helper disable mosquitto.service >/dev/null 2>&1 || true
fi
MOSQUITTO="$(command -v mosquitto || echo /usr/sbin/mosquitto)"

# The idle workload opens 10,000 connections: the load program and the broker each need that many descriptors.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 12000 ] || log "WARNING: ulimit -n is $(ulimit -n); the idle workload needs about 10,100"

# --- the brokers -----------------------------------------------------------------------------------------------------

OURS_DIR="" OURS_PORT="" OURS_ADMIN=""
start_ours() { # start_ours FRESH(1|0) [SILO_DLL [NAME]]: FRESH=1 makes a new data directory and new ports
    local dll="${2:-$SILO_DLL}" name="${3:-ours}"
    if [ "$1" -eq 1 ]; then
        OURS_DIR="$RUN_DIR/$name-$ROUND"; mkdir -p "$OURS_DIR"
        OURS_PORT="$(free_port)"; OURS_ADMIN="$(free_port)"
    fi
    # Started from a subshell that exits at once: the broker is not a job of this shell (no "Killed" notices, no
    # zombie to reap after the load program's SIGKILL).
    BROKER_PID="$(
        cd "$OURS_DIR" || exit 1
        DOTNET_ENVIRONMENT=Production dotnet "$dll" \
            --Broker:ClusterId=bench --Broker:SiloName=bench \
            --Mqtt:Port="$OURS_PORT" --Mqtt:WebSocketPort=-1 \
            --Broker:AdminPort="$OURS_ADMIN" --Broker:SiloPort=0 --Broker:GatewayPort=0 \
            --Broker:DataDirectory="$OURS_DIR/data" \
            </dev/null >>"$OURS_DIR/broker.log" 2>&1 &
        echo $!
    )"
    local deadline=$((SECONDS + 60))
    until curl -sf -m 2 "http://127.0.0.1:$OURS_ADMIN/healthz" >/dev/null 2>&1; do
        is_running "$BROKER_PID" || { tail -n 20 "$OURS_DIR/broker.log" >&2; die "our broker exited at start"; }
        [ "$SECONDS" -lt "$deadline" ] || die "our broker not healthy after 60 s (log: $OURS_DIR/broker.log)"
        sleep 0.3
    done
    wait_port "$OURS_PORT" "$BROKER_PID" 30 "$OURS_DIR/broker.log" || die "our broker does not listen on MQTT"
    BROKER_PORT="$OURS_PORT"
}
start_ours-before() { start_ours "$1" "$BASELINE_DLL" ours-before; }

MOSQ_DIR="" MOSQ_PORT=""
start_mosquitto() { # start_mosquitto FRESH(1|0)
    if [ "$1" -eq 1 ]; then
        MOSQ_DIR="$RUN_DIR/mosquitto-$ROUND"; mkdir -p "$MOSQ_DIR/db"
        MOSQ_PORT="$(free_port)"
        cat >"$MOSQ_DIR/mosquitto.conf" <<CONF
listener $MOSQ_PORT 127.0.0.1
allow_anonymous true
max_queued_messages 0
set_tcp_nodelay true
persistence true
persistence_location $MOSQ_DIR/db/
autosave_interval 1800
log_dest stdout
CONF
        # Started as root, mosquitto drops to the user "mosquitto", which must reach its database directory (mktemp
        # made the run directory private to us).
        if [ "$(id -u)" -eq 0 ] && id mosquitto >/dev/null 2>&1; then
            chmod 755 "$RUN_DIR"
            chown -R mosquitto "$MOSQ_DIR/db"
        fi
    fi
    BROKER_PID="$("$MOSQUITTO" -c "$MOSQ_DIR/mosquitto.conf" </dev/null >>"$MOSQ_DIR/broker.log" 2>&1 & echo $!)"
    wait_port "$MOSQ_PORT" "$BROKER_PID" 30 "$MOSQ_DIR/broker.log" || die "mosquitto did not start"
    BROKER_PORT="$MOSQ_PORT"
}

# load LABEL WORKLOADS [options...]: one run of the load program against the running broker.
load() {
    local label="$1" workloads="$2"; shift 2
    dotnet "$BENCH_DLL" mqtt --host 127.0.0.1 --port "$BROKER_PORT" --broker-pid "$BROKER_PID" --label "$label" \
        --results "$RESULTS" --workloads "$workloads" --seconds "$SECONDS_PER_WORKLOAD" --warmup "$WARMUP" \
        "$@" ${EXTRA[@]+"${EXTRA[@]}"} 2>&1 | tee -a "$RUN_DIR/load-$label.txt"
}

run_broker() { # run_broker ours|mosquitto
    local name="$1" starter="start_$1" pid
    wait_quiet
    log "round $ROUND: $name (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
    printf '%s\tround=%s\tload_before=%s\n' "$name" "$ROUND" "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')" >>"$RUN_DIR/rounds.tsv"
    "$starter" 1
    load "$name" "$WORKLOADS" || log "WARNING: the load program reported errors for $name"
    if [ "$KILL9" -eq 1 ]; then
        pid="$BROKER_PID"
        load "$name" kill9-publish --state-file "$RUN_DIR/kill9-$name-$ROUND.state" || log "WARNING: kill9-publish reported errors for $name"
        local deadline=$((SECONDS + 15))
        while is_running "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
        is_running "$pid" && die "$name (pid $pid) survived the load program's SIGKILL"
        BROKER_PID=""
        log "$name killed with SIGKILL; restarting it on the same data"
        "$starter" 0
        load "$name" kill9-verify --state-file "$RUN_DIR/kill9-$name-$ROUND.state" || log "WARNING: kill9-verify reported errors for $name"
    fi
    stop_broker 30
}

log "run directory: $RUN_DIR"
log "machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version); $({ "$MOSQUITTO" -h 2>/dev/null || true; } | head -n 1)"
for ROUND in $(seq 1 "$ROUNDS"); do
    [ "$ONLY" = "mosquitto" ] || [ -z "$BASELINE_DLL" ] || run_broker ours-before
    [ "$ONLY" = "mosquitto" ] || run_broker ours
    [ "$ONLY" = "ours" ] || run_broker mosquitto
done

# --- the comparison --------------------------------------------------------------------------------------------------

python3 - "$RESULTS" "$ROUNDS" <<'PY'
import statistics, sys

path, rounds = sys.argv[1], int(sys.argv[2])
rows = {}  # (label, workload) -> list of dicts (one per round)
for line in open(path):
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 2:
        continue
    values = dict(p.split("=", 1) for p in parts[2:] if "=" in p)
    try:
        if float(values.get("received") or 0) > 0 and values.get("broker_cpu_s"):
            values["cpu_us_per_msg"] = str(float(values["broker_cpu_s"]) * 1e6 / float(values["received"]))
    except ValueError:
        pass
    rows.setdefault((parts[0], parts[1]), []).append(values)

def num(label, workload, key):
    """Median over the rounds (and the min-max range when there are several)."""
    found = [float(v[key]) for v in rows.get((label, workload), []) if v.get(key, "") not in ("", None)]
    if not found:
        return None, None
    return statistics.median(found), (min(found), max(found))

def fmt(value, unit):
    if value is None:
        return "-"
    if unit == "ms":
        return f"{value / 1000:.2f}" if value < 10_000 else f"{value / 1000:,.0f}"
    if unit in ("KiB", "us"):
        return f"{value:.1f}"
    if unit == "MB":
        return f"{value / 1048576:,.0f}"
    return f"{value:,.0f}"

def cell(label, workload, key, unit):
    value, spread = num(label, workload, key)
    text = fmt(value, unit)
    if rounds > 1 and spread and spread[0] != spread[1]:
        text += f" ({fmt(spread[0], unit)}–{fmt(spread[1], unit)})"
    return text, value

# (workload, what, key, unit, target text, check(ratio, ours) -> bool or None)
checks = [
    ("fanin-qos0", "fan-in QoS 0: 4 pub -> 1 topic -> 1 sub, out msg/s", "out_rate", "", ">= 1.0x", lambda r, o: r is not None and r >= 1.0),
    ("fanin-qos1", "fan-in QoS 1: 4 pub -> 1 topic -> 1 sub, out msg/s", "out_rate", "", ">= 1.15x", lambda r, o: r is not None and r >= 1.15),
    ("fanout-qos0", "fan-out QoS 0: 1 pub -> 50 subs, out msg/s", "out_rate", "", ">= 1.0x", lambda r, o: r is not None and r >= 1.0),
    ("latency", "QoS 1 at 4,000 msg/s: p99 latency, ms", "p99_us", "ms", "<= 2.0x", lambda r, o: r is not None and r <= 2.0),
    ("latency", "QoS 1 at 4,000 msg/s: p50 latency, ms", "p50_us", "ms", "", None),
    ("offline", "persistent QoS 1 sub offline mid-run: acknowledged lost", "lost", "", "0", lambda r, o: o == 0),
    ("offline", "persistent QoS 1 sub offline mid-run: duplicates", "duplicates", "", "(allowed by QoS 1)", None),
    ("idle", "10,000 idle connections: broker KiB per connection", "kib_per_connection", "KiB", "<= 20 KiB", lambda r, o: o is not None and o <= 20),
    ("idle", "idle connections 5,001-10,000 only: KiB per connection", "kib_per_connection_second_half", "KiB", "", None),
    ("kill9-verify", "kill -9 with a persistent QoS 1 session: acknowledged lost", "lost", "", "0 (ours)", lambda r, o: o == 0),
    ("fanin-qos0", "broker CPU per delivered message, µs: fan-in QoS 0", "cpu_us_per_msg", "us", "", None),
    ("fanin-qos1", "broker CPU per delivered message, µs: fan-in QoS 1", "cpu_us_per_msg", "us", "", None),
    ("fanout-qos0", "broker CPU per delivered message, µs: fan-out QoS 0", "cpu_us_per_msg", "us", "", None),
]

print()
print(f"### Ours vs mosquitto ({'median of %d rounds, range in brackets' % rounds if rounds > 1 else 'one round'})")
print()
before = any(label == "ours-before" for label, _ in rows)
print("| workload: figure |" + (" ours-before |" if before else "") + " ours | mosquitto | ours/mosquitto | target | met |")
print("|---|" + ("---:|" if before else "") + "---:|---:|---:|---|---|")
for workload, what, key, unit, target, check in checks:
    if not any(w == workload for _, w in rows):
        continue
    ours_text, ours = cell("ours", workload, key, unit)
    mosq_text, mosq = cell("mosquitto", workload, key, unit)
    before_text = (" " + cell("ours-before", workload, key, unit)[0] + " |") if before else ""
    ratio = ours / mosq if ours is not None and mosq not in (None, 0) else None
    met = "" if check is None or ours is None else ("yes" if check(ratio, ours) else "**no**")
    ratio_text = f"{ratio:.2f}x" if ratio is not None else "-"
    print(f"| {what} |{before_text} {ours_text} | {mosq_text} | {ratio_text} | {target} | {met} |")

print()
print("### Every figure (medians)")
print()
print("| broker | workload | in msg/s | out msg/s | p50 ms | p99 ms | max ms | delivered / expected | lost | dup | peak RSS MB | broker CPU s | load CPU s | other CPU s |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
order = ["idle", "fanin-qos0", "fanin-qos1", "fanout-qos0", "offline", "latency", "kill9-publish", "kill9-verify"]
for workload in order:
    for label in ("ours-before", "ours", "mosquitto"):
        if (label, workload) not in rows:
            continue
        g = lambda key, unit="": fmt(num(label, workload, key)[0], unit)
        samples = num(label, workload, "latency_samples")[0]
        lat = (lambda key: g(key, "ms")) if samples else (lambda key: "-")
        print(f"| {label} | {workload} | {g('in_rate')} | {g('out_rate')} | {lat('p50_us')} | {lat('p99_us')} | {lat('max_us')} | "
              f"{g('delivered')} / {g('expected')} | {g('lost')} | {g('duplicates')} | {g('peak_rss_bytes', 'MB')} | "
              f"{num(label, workload, 'broker_cpu_s')[0] or 0:.1f} | {num(label, workload, 'load_cpu_s')[0] or 0:.1f} | "
              f"{num(label, workload, 'other_cpu_s')[0] or 0:.1f} |")
errors = [(k, v["error"]) for k, vs in rows.items() for v in vs if v.get("error")]
if errors:
    print()
    for (label, workload), error in errors:
        print(f"- ERROR {label} {workload}: {error}")
PY
if [ "$KEEP" -eq 1 ]; then
    log "done; raw figures in $RESULTS, load program output and broker logs in $RUN_DIR"
else
    log "done (run again with --keep to keep the raw figures, the load program's output and the broker logs)"
fi

#!/usr/bin/env bash
# Stops everything a local cluster's state file records: gateways first (their clients go away), then silos (each
# drains: grains deactivate and flush, the silo writes itself Dead), each with SIGTERM, a wait, then SIGKILL; then the
# PostgreSQL that start.sh started, if it started one. Logs stay in the run directory.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
    cat <<EOF
Usage: cluster/local/stop.sh [options]

Options:
  -d, --run-dir DIR   the local cluster's run directory (default \$BROKER_CLUSTER_DIR or \${TMPDIR:-/tmp}/broker-cluster-<uid>)
  -t, --timeout S     seconds each process gets after SIGTERM before SIGKILL (default 40: the silo's
                      Broker:ShutdownTimeout is 30 s)
      --clean         also delete the run directory (logs included)
  -h, --help          this text
EOF
}

RUN_DIR=""
GRACE=40
CLEAN=0
while [ "$#" -gt 0 ]; do
    case "$1" in
        -d|--run-dir) [ -n "${2:-}" ] || die "--run-dir needs a value"; RUN_DIR="$2"; shift 2 ;;
        -t|--timeout) [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--timeout needs a whole number of seconds"; GRACE="$2"; shift 2 ;;
        --clean) CLEAN=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
done
RUN_DIR="${RUN_DIR:-$(default_run_dir)}"
require_state

# Every silo and gateway the state file knows, added ones included, in index order.
indexes() { awk -F'[.=]' -v kind="$1" '$1 == kind && $3 == "pid" { print $2 }' "$(state_file)" | sort -n; }

pids=()
for j in $(indexes gateway); do
    stop_pid "gateway $j" "$(state_get "gateway.$j.pid")" "$GATEWAY_DLL" "$GRACE" &
    pids+=("$!")
done
for p in "${pids[@]}"; do wait "$p" || true; done

# Silos one at a time, newest first: each hands its grains over (deactivate + flush) and writes itself Dead, and the
# survivors see a clean view change rather than several silos leaving at once.
for i in $(indexes silo | sort -rn); do
    stop_pid "silo $i" "$(state_get "silo.$i.pid")" "$SILO_DLL" "$GRACE"
done

stop_postgres

if [ "$CLEAN" -eq 1 ]; then
    rm -rf "$RUN_DIR"
    log "stopped; removed $RUN_DIR"
else
    mv "$(state_file)" "$RUN_DIR/state.stopped"
    log "stopped; logs are in $RUN_DIR"
fi

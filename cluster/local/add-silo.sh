#!/usr/bin/env bash
# Adds one silo to a running local cluster (the next number, the next ports of the layout) and waits for its /healthz.
# Grains whose rendezvous hash now points at it move there.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
    cat <<EOF2
Usage: cluster/local/add-silo.sh [options]

Options:
  -d, --run-dir DIR   the local cluster's run directory (default \$BROKER_CLUSTER_DIR or \${TMPDIR:-/tmp}/broker-cluster-<uid>)
  -t, --timeout S     seconds to wait for its /healthz (default 90)
  -h, --help          this text
EOF2
}

RUN_DIR=""
WAIT_TIMEOUT=90
while [ "$#" -gt 0 ]; do
    case "$1" in
        -d|--run-dir) [ -n "${2:-}" ] || die "--run-dir needs a value"; RUN_DIR="$2"; shift 2 ;;
        -t|--timeout) [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--timeout needs a whole number of seconds"; WAIT_TIMEOUT="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done
RUN_DIR="${RUN_DIR:-$(default_run_dir)}"
require_state
[ -f "$SILO_DLL" ] || die "$SILO_DLL is missing (run start.sh, which builds it)"

BASE_PORT="$(state_get base_port)"
n="$(awk -F'[.=]' '$1 == "silo" && $3 == "pid" && $2 > max { max = $2 } END { print max + 0 }' "$(state_file)")"
i=$((n + 1))
[ "$i" -le "$MAX_SILOS" ] || die "the port layout has room for $MAX_SILOS silos"
log "starting silo $i"
start_silo "$i"
state_set silos "$i"
wait_silo "$i" || die "silo $i did not become healthy (log: $(state_get "silo.$i.log"))"
printf 'silo %s pid %s silo 127.0.0.1:%s gateway 127.0.0.1:%s admin http://127.0.0.1:%s/status log %s\n' \
    "$i" "$(state_get "silo.$i.pid")" "$(state_get "silo.$i.silo_port")" "$(state_get "silo.$i.gateway_port")" \
    "$(state_get "silo.$i.admin_port")" "$(state_get "silo.$i.log")"

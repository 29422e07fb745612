#!/usr/bin/env bash
# Stops one silo of a local cluster: SIGKILL by default (a crash: no deactivation, no Dead entry; the others declare
# it dead after Broker:DeathTimeout), or SIGTERM with --graceful (it drains and leaves). For failure tests.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
    cat <<EOF2
Usage: cluster/local/kill-silo.sh N [options]

  N                   the silo's number as start.sh printed it (1-based)
Options:
      --graceful      SIGTERM and wait for a graceful stop instead of SIGKILL
  -t, --timeout S     with --graceful: seconds before falling back to SIGKILL (default 40)
  -d, --run-dir DIR   the local cluster's run directory (default \$BROKER_CLUSTER_DIR or \${TMPDIR:-/tmp}/broker-cluster-<uid>)
  -h, --help          this text
EOF2
}

RUN_DIR=""
N=""
GRACEFUL=0
GRACE=40
while [ "$#" -gt 0 ]; do
    case "$1" in
        -d|--run-dir) [ -n "${2:-}" ] || die "--run-dir needs a value"; RUN_DIR="$2"; shift 2 ;;
        -t|--timeout) [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--timeout needs a whole number of seconds"; GRACE="$2"; shift 2 ;;
        --graceful) GRACEFUL=1; shift ;;
        -h|--help) usage; exit 0 ;;
        [0-9]*) N="$1"; shift ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { usage >&2; die "which silo? give its number, e.g. kill-silo.sh 2"; }
RUN_DIR="${RUN_DIR:-$(default_run_dir)}"
require_state

pid="$(state_get "silo.$N.pid")"
[ -n "$pid" ] || die "the state file knows no silo $N"
is_ours "$pid" "$SILO_DLL" || die "silo $N (pid $pid) is not running"
if [ "$GRACEFUL" -eq 1 ]; then
    stop_pid "silo $N" "$pid" "$SILO_DLL" "$GRACE"
else
    log "SIGKILL silo $N (pid $pid)"
    kill -KILL "$pid"
    wait_gone "$pid" 10 || die "silo $N (pid $pid) survived SIGKILL"
fi
echo "silo $N (pid $pid) stopped ($([ "$GRACEFUL" -eq 1 ] && echo graceful || echo SIGKILL))"

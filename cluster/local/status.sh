#!/usr/bin/env bash
# Shows each process of a local cluster: running or not, its /healthz answer, and for silos the membership view of
# GET /status. Exits 0 when every recorded process runs and is healthy, 1 otherwise.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

usage() {
    cat <<EOF2
Usage: cluster/local/status.sh [options]

Options:
  -d, --run-dir DIR   the local cluster's run directory (default \$BROKER_CLUSTER_DIR or \${TMPDIR:-/tmp}/broker-cluster-<uid>)
  -h, --help          this text
EOF2
}

RUN_DIR=""
while [ "$#" -gt 0 ]; do
    case "$1" in
        -d|--run-dir) [ -n "${2:-}" ] || die "--run-dir needs a value"; RUN_DIR="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done
RUN_DIR="${RUN_DIR:-$(default_run_dir)}"
require_state

healthy=1
indexes() { awk -F'[.=]' -v kind="$1" '$1 == kind && $3 == "pid" { print $2 }' "$(state_file)" | sort -n; }

echo "cluster '$(state_get cluster_id)' in $RUN_DIR"
if [ "$(state_get postgres_managed)" = "1" ]; then
    if "$(state_get postgres_bin)/pg_isready" -q -h 127.0.0.1 -p "$(state_get postgres_port)" -U postgres; then pg=up; else pg=DOWN; healthy=0; fi
    echo "  postgres    $pg  127.0.0.1:$(state_get postgres_port) (started by start.sh)"
else
    echo "  postgres    $(redact "$(connection_string)") (given by BROKER_POSTGRES)"
fi
for i in $(indexes silo); do
    pid="$(state_get "silo.$i.pid")"
    admin="http://127.0.0.1:$(state_get "silo.$i.admin_port")"
    if is_ours "$pid" "$SILO_DLL"; then
        code="$(http_code "$admin/healthz")"
        view="$(curl -s -m 2 "$admin/status" 2>/dev/null | python3 -c 'import json,sys
try:
    d = json.load(sys.stdin)
    print("view v%s, %d active silo(s), %s activation(s)" % (d.get("membershipVersion", d.get("MembershipVersion", "?")), len(d.get("activeSilos", d.get("ActiveSilos", []))), d.get("activations", d.get("Activations", "?"))))
except Exception:
    print("no status")' 2>/dev/null || echo "no status")"
        [ "$code" = "200" ] || healthy=0
        printf '  silo %-3s    running  pid %-8s healthz %s  %s  %s\n' "$i" "$pid" "$code" "$admin/status" "$view"
    else
        healthy=0
        printf '  silo %-3s    STOPPED  (was pid %s; log %s)\n' "$i" "$pid" "$(state_get "silo.$i.log")"
    fi
done
for j in $(indexes gateway); do
    pid="$(state_get "gateway.$j.pid")"
    if is_ours "$pid" "$GATEWAY_DLL"; then
        code="$(http_code "http://127.0.0.1:$(state_get "gateway.$j.admin_port")/healthz")"
        [ "$code" = "200" ] || healthy=0
        printf '  gateway %-3s running  pid %-8s healthz %s  mqtt 127.0.0.1:%s  websocket ws://127.0.0.1:%s/mqtt\n' \
            "$j" "$pid" "$code" "$(state_get "gateway.$j.mqtt_port")" "$(state_get "gateway.$j.ws_port")"
    else
        healthy=0
        printf '  gateway %-3s STOPPED  (was pid %s; log %s)\n' "$j" "$pid" "$(state_get "gateway.$j.log")"
    fi
done
[ "$healthy" -eq 1 ]

#!/usr/bin/env bash
# Run every test of the project.
#
#   ./test.sh [extra dotnet test arguments...]
#
# - installs the Debian packages the tests need when they are missing;
# - starts a throwaway PostgreSQL on a free loopback port (unless the caller
#   already set BROKER_TEST_POSTGRES) and exports BROKER_TEST_POSTGRES;
# - runs `dotnet test Orleans.sln "$@"` and exits with its exit code.
set -euo pipefail

cd "$(dirname "$0")"

log() { printf 'test.sh: %s\n' "$*" >&2; }

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

# --------------------------------------------------------------------------
# 1. Debian packages
# --------------------------------------------------------------------------
pg_bin_dir() {
    # Highest installed PostgreSQL major version that has initdb.
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

pkg_installed() {
    dpkg -s "$1" >/dev/null 2>&1 || return 1
    case "$1" in
        # The package may be marked installed while its server binaries are gone.
        postgresql) [ -n "$(pg_bin_dir)" ] || return 1 ;;
        mosquitto-clients) command -v mosquitto_pub >/dev/null 2>&1 || return 1 ;;
    esac
    return 0
}

wanted=(mosquitto-clients python3-paho-mqtt python3-qpid-proton)
if [ -z "${BROKER_TEST_POSTGRES:-}" ]; then
    wanted=(postgresql "${wanted[@]}")
fi
missing=()
for p in "${wanted[@]}"; do
    pkg_installed "$p" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
    log "installing missing packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        log "ERROR: packages missing (${missing[*]}) and not root, no sudo available."
        log "Install them with: apt-get install ${missing[*]}"
        exit 1
    fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
else
    log "required packages already installed"
fi

# --------------------------------------------------------------------------
# 2. Throwaway PostgreSQL
# --------------------------------------------------------------------------
PGTMP=""
PGRUN=()
PGBIN=""
outlog=""

stop_pg() {
    if [ -n "$PGTMP" ] && [ -d "$PGTMP" ]; then
        if [ -f "$PGTMP/data/postmaster.pid" ]; then
            log "stopping PostgreSQL"
            if ! (cd "$PGTMP" && "${PGRUN[@]}" "$PGBIN/pg_ctl" stop -D "$PGTMP/data" -m immediate -w -t 20) >/dev/null 2>&1; then
                # Fallback: kill the postmaster by the pid it recorded.
                local pid
                pid="$(head -n 1 "$PGTMP/data/postmaster.pid" 2>/dev/null || true)"
                if [[ "$pid" =~ ^[0-9]+$ ]]; then kill -9 "$pid" 2>/dev/null || true; fi
            fi
        fi
        rm -rf "$PGTMP"
    fi
    PGTMP=""
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    if [ -n "$outlog" ]; then rm -f "$outlog"; fi
    stop_pg
    exit "$rc"
}

# Stop PostgreSQL and remove its folder on any exit, including failure and ctrl-c.
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

if [ -n "${BROKER_TEST_POSTGRES:-}" ]; then
    log "BROKER_TEST_POSTGRES is set by the caller; not starting PostgreSQL"
else
    PGBIN="$(pg_bin_dir || true)"
    if [ -z "$PGBIN" ]; then
        log "ERROR: no PostgreSQL server found under /usr/lib/postgresql/*/bin"
        exit 1
    fi

    if [ "$(id -u)" -eq 0 ]; then
        # initdb/postgres refuse to run as root: use a dedicated system user.
        PGUSER_RUN=pgtest
        if ! getent passwd "$PGUSER_RUN" >/dev/null 2>&1; then
            log "creating system user $PGUSER_RUN"
            useradd --system --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin "$PGUSER_RUN"
        fi
        PGRUN=(runuser -u "$PGUSER_RUN" --)
        # /tmp is world-traversable, so the pg user can reach the folder.
        PGTMP="$(mktemp -d /tmp/broker-pg.XXXXXX)"
        chown "$PGUSER_RUN" "$PGTMP"
    else
        PGRUN=()
        PGTMP="$(mktemp -d "${TMPDIR:-/tmp}/broker-pg.XXXXXX")"
    fi
    chmod 700 "$PGTMP"

    log "initdb in $PGTMP/data (PostgreSQL $(basename "$(dirname "$PGBIN")"))"
    if ! (cd "$PGTMP" && "${PGRUN[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -A trust -U postgres \
            -E UTF8 --no-locale --no-sync) >"$PGTMP/initdb.log" 2>&1; then
        cat "$PGTMP/initdb.log" >&2
        log "ERROR: initdb failed"
        exit 1
    fi
    (cd "$PGTMP" && "${PGRUN[@]}" mkdir -p "$PGTMP/sock")

    PGPORT_RUN=""
    for attempt in 1 2 3; do
        port="$(free_port)"
        log "starting PostgreSQL on 127.0.0.1:$port"
        # fsync, synchronous_commit and full_page_writes are off: this is a
        # throwaway test database, durability does not matter, speed does.
        if (cd "$PGTMP" && "${PGRUN[@]}" "$PGBIN/pg_ctl" start -D "$PGTMP/data" -w -t 30 \
                -l "$PGTMP/postgres.log" \
                -o "-c listen_addresses=127.0.0.1 -p $port -k $PGTMP/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300") >/dev/null 2>&1; then
            PGPORT_RUN="$port"
            break
        fi
        log "PostgreSQL did not start on port $port (attempt $attempt)"
        tail -n 20 "$PGTMP/postgres.log" >&2 2>/dev/null || true
        # Make sure a half-started server is gone before retrying.
        (cd "$PGTMP" && "${PGRUN[@]}" "$PGBIN/pg_ctl" stop -D "$PGTMP/data" -m immediate -w -t 10) >/dev/null 2>&1 || true
    done
    if [ -z "$PGPORT_RUN" ]; then
        log "ERROR: could not start PostgreSQL"
        exit 1
    fi

    ready=0
    for _ in $(seq 1 60); do
        if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT_RUN" -U postgres -d postgres; then
            ready=1
            break
        fi
        sleep 0.5
    done
    if [ "$ready" -ne 1 ]; then
        tail -n 50 "$PGTMP/postgres.log" >&2 || true
        log "ERROR: PostgreSQL not ready after 30 s"
        exit 1
    fi

    "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT_RUN" -U postgres -d postgres \
        -c 'CREATE DATABASE broker_test' >/dev/null
    log "PostgreSQL ready, database broker_test created"

    export BROKER_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT_RUN;Username=postgres;Database=broker_test;Pooling=true;Maximum Pool Size=50"
fi

# --------------------------------------------------------------------------
# 3. The tests
# --------------------------------------------------------------------------
log "running dotnet test Orleans.sln $*"
outlog="$(mktemp "${TMPDIR:-/tmp}/broker-test-output.XXXXXX")"
set +e
dotnet test Orleans.sln --logger "console;verbosity=normal" "$@" 2>&1 | tee "$outlog"
rc=${PIPESTATUS[0]}
set -e

# One plain closing line summing up all test assemblies ("N passed, N failed,
# N skipped"), read from dotnet test's per-assembly summaries: at normal
# verbosity a block "Total tests: N / Passed: N / Failed: N / Skipped: N"
# (zero counts left out); at minimal verbosity "Passed!  - Failed: N, Passed: N,
# Skipped: N, ...".
summary="$(awk '
    function num(s) { gsub(/[^0-9]/, "", s); return s + 0 }
    /^Total tests: *[0-9]+ *$/ { inblock = 1; blocks++; next }
    inblock && /^ *Passed: *[0-9]+ *$/  { bp += num($0); next }
    inblock && /^ *Failed: *[0-9]+ *$/  { bf += num($0); next }
    inblock && /^ *Skipped: *[0-9]+ *$/ { bs += num($0); next }
    { inblock = 0 }
    /(Passed|Failed)! +- +Failed: *[0-9]+, *Passed: *[0-9]+, *Skipped: *[0-9]+,/ {
        line = $0; sub(/^.*(Passed|Failed)! +- +/, "", line)
        split(line, parts, ",")
        lf += num(parts[1]); lp += num(parts[2]); ls += num(parts[3]); lines++
    }
    END {
        if (blocks > 0)     printf "%d passed, %d failed, %d skipped\n", bp, bf, bs
        else if (lines > 0) printf "%d passed, %d failed, %d skipped\n", lp, lf, ls
    }' "$outlog")"
rm -f "$outlog"
log "dotnet test exited with $rc"
stop_pg
if [ -n "$summary" ]; then
    echo "Summary: $summary"
fi
exit "$rc"

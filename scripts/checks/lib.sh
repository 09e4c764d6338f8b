# shellcheck shell=bash
# Shared by the checks that run a real bureau-sim and a real qualityd (sourced, not run):
# prometheus.sh, schemathesis.sh, browser.sh. The caller may set `check` (its name for messages; by
# default its file name without .sh) and `root` (the repository; by default found from this file),
# then calls `checks_init`, `start_bureau_sim` and `start_qualityd`.
# Only processes started here are stopped, by their pid, when the caller exits.

check="${check:-$(basename "$0" .sh)}"
root="${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
bin="${QUALITYD_BIN_DIR:-$root/.build/debug}" # QUALITYD_BIN_DIR=.build/release to check a release build
pids=()
tmp=""
sim_pid=""
sim_url=""
sim_listen=""
qd_pid=""
qd_port=""
qd_url=""

fail() {
    echo "$check check: FAIL: $*" >&2
    exit 1
}
step() { echo "-- $*"; }

stop_pid() { # TERM, then KILL after 5 s; only processes this script started
    local pid=$1
    kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
}

checks_cleanup() {
    local status=$?
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[i]}"; done
    if [ "$status" -ne 0 ] && [ -n "$tmp" ]; then
        for log in "$tmp"/*.log; do
            [ -s "$log" ] || continue
            echo "---- last lines of $(basename "$log")" >&2
            tail -n 25 "$log" >&2
        done
    fi
    [ -n "$tmp" ] && rm -rf "$tmp"
}

# checks_init TOOL...: the tools must exist, the binaries be built; makes $tmp and the exit trap.
checks_init() {
    for tool in curl python3 "$@"; do
        command -v "$tool" >/dev/null || fail "$tool not found (.ci/run installs it)"
    done
    [ -x "$bin/qualityd" ] || fail "$bin/qualityd not built (run swift build --build-tests)"
    [ -x "$bin/bureau-sim" ] || fail "$bin/bureau-sim not built (run swift build --build-tests)"
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/qualityd-$check.XXXXXX")
    trap checks_cleanup EXIT
    trap 'exit 130' INT TERM
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_http() { # URL SECONDS PID: until URL answers 200, while PID lives
    local url=$1 seconds=$2 pid=$3
    for _ in $(seq $((seconds * 5))); do
        kill -0 "$pid" 2>/dev/null || return 1
        [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" = 200 ] && return 0
        sleep 0.2
    done
    return 1
}

# start_bureau_sim [ARGS...]: bureau-sim on a free port; sets sim_pid, sim_url, sim_listen.
# shellcheck disable=SC2120 # the arguments (e.g. --faults) are optional
start_bureau_sim() {
    "$bin/bureau-sim" --listen 127.0.0.1:0 "$@" >"$tmp/bureau-sim.out" 2>"$tmp/bureau-sim.log" &
    sim_pid=$!
    pids+=("$sim_pid")
    sim_url=""
    for _ in $(seq 150); do
        sim_url=$(sed -n 's/^bureau-sim listening on \(http:\/\/[0-9.]*:[0-9]*\).*/\1/p' "$tmp/bureau-sim.out" | head -n 1)
        [ -n "$sim_url" ] && break
        kill -0 "$sim_pid" 2>/dev/null || fail "bureau-sim exited: $(cat "$tmp/bureau-sim.log")"
        sleep 0.2
    done
    [ -n "$sim_url" ] || fail "bureau-sim did not print its address within 30 s"
    sim_listen=${sim_url#http://}
    echo "bureau-sim at $sim_url"
}

# start_qualityd [PREPARE-CONFIG ARGS...]: `bureau-sim print-config` for the running bureau-sim made
# into $tmp/config.yaml (free port, temp SQLite; more options go to promql_check.py prepare-config),
# then qualityd serve until /readyz answers 200; sets qd_pid, qd_port, qd_url. With qd_config_append
# set, that file is appended to the config first.
start_qualityd() {
    qd_port=$(free_port)
    "$bin/bureau-sim" print-config --listen "$sim_listen" >"$tmp/config.printed.yaml"
    python3 "$root/scripts/checks/promql_check.py" prepare-config --in "$tmp/config.printed.yaml" \
        --out "$tmp/config.yaml" --listen "127.0.0.1:$qd_port" --sqlite "$tmp/qualityd.sqlite" "$@"
    # qd_config_append=FILE: YAML added at the end of the config (e.g. examples/policy-2027.yaml).
    if [ -n "${qd_config_append:-}" ]; then cat "$qd_config_append" >>"$tmp/config.yaml"; fi
    "$bin/qualityd" check --config "$tmp/config.yaml"
    (
        cd "$tmp" || exit 1
        exec env -u BUREAU_BASE -u BUREAU_TOKEN QUALITYD_LISTEN="127.0.0.1:$qd_port" \
            QUALITYD_DB="$tmp/qualityd.sqlite" "$bin/qualityd" serve --config "$tmp/config.yaml"
    ) >"$tmp/qualityd.log" 2>&1 &
    qd_pid=$!
    pids+=("$qd_pid")
    qd_url="http://127.0.0.1:$qd_port"
    wait_http "$qd_url/readyz" 180 "$qd_pid" || fail "qualityd not ready at $qd_url/readyz within 180 s"
    echo "qualityd ready at $qd_url"
}

# browse OUT-OPTION URL: headless Chromium with a profile of its own in $tmp, its messages in
# $tmp/chromium.log, `timeout` so that a hung browser fails the check; width × height in browse_size.
browse() {
    timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
        --user-data-dir="$tmp/chromium-profile" --hide-scrollbars --window-size="${browse_size:-1280,1800}" "$@" \
        2>>"$tmp/chromium.log"
}

# start_postgres: Debian's PostgreSQL (initdb into a temp dir, trust on loopback, a free port), as
# the postgres user when run as root (PostgreSQL refuses root); sets pg_port, pg_dir. Stopped
# (fast shutdown) and removed on exit. `pg_psql ARGS...` runs psql as the superuser `postgres`.
pg_bin=""
pg_port=""
pg_dir=""
pg_as=()
start_postgres() {
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -x "$pg_bin/initdb" ] || fail "PostgreSQL not installed (apt-get install postgresql; .ci/run installs it)"
    pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/qualityd-$check-pg.XXXXXX")
    chmod 755 "$pg_dir"
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$pg_dir"
        pg_as=(runuser -u postgres --)
    fi
    pg_port=$(free_port)
    "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-locale >"$tmp/initdb.log" 2>&1 \
        || fail "initdb failed: $(tail -n 5 "$tmp/initdb.log")"
    # checks_cleanup reads the exit status (to print the logs of a failed check): keep it past stop_postgres.
    trap 'status=$?; stop_postgres; (exit "$status"); checks_cleanup' EXIT
    "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -t 30 -l "$pg_dir/postgres.log" \
        -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
        || fail "PostgreSQL did not start: $(tail -n 5 "$pg_dir/postgres.log")"
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') at 127.0.0.1:$pg_port"
}

pg_psql() {
    "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres "$@"
}

stop_postgres() { # after every client: the replicas are stopped first by checks_cleanup's order
    local status=$?
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[i]}"; done
    pids=()
    if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
        "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w -t 20 stop >/dev/null 2>&1 || true
    fi
    if [ -n "$pg_dir" ]; then
        [ "$status" -ne 0 ] && [ -n "$tmp" ] && cp "$pg_dir/postgres.log" "$tmp/postgres.log" 2>/dev/null || true
        rm -rf "$pg_dir"
    fi
    return "$status"
}

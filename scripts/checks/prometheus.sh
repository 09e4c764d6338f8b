#!/usr/bin/env bash
# The real-Prometheus check (SPEC 12, 13): rules and their unit tests with promtool, then a real
# qualityd fed by a real bureau-sim, scraped by a real Prometheus that loads metrics/rules:
#   1. promtool check rules / check config / test rules, dashboards lint;
#   2. bureau-sim on a free port (one source with 25% bad USCCs, so that rejects exist), its
#      print-config turned into a test config (free port, temp SQLite, 5 s pull interval);
#   3. qualityd serve, /readyz, /metrics through promtool check metrics and the SPEC 12 catalog;
#   4. Prometheus (scrape and rule evaluation every 1 s); every dashboard query and recording rule
#      must return data, every alert's input series must exist;
#   5. alert conditions induced for real: the demo's vetoed district, a source with a high reject
#      rate, a bad config reload (SIGHUP), and bureau-sim stopped (sources down).
# Needs the debug build (`swift build --build-tests`) and Debian's prometheus package.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bin="${QUALITYD_BIN_DIR:-$root/.build/debug}" # QUALITYD_BIN_DIR=.build/release to check a release build
helper="$root/scripts/checks/promql_check.py"

fail() {
    echo "prometheus check: FAIL: $*" >&2
    exit 1
}
step() { echo "-- $*"; }

for tool in promtool prometheus curl python3; do
    command -v "$tool" >/dev/null || fail "$tool not found (.ci/run installs Debian's prometheus package)"
done

step "promtool check rules"
promtool check rules metrics/rules/*.yml
step "promtool check config"
promtool check config metrics/prometheus.yml
step "promtool test rules"
promtool test rules metrics/tests/*.yml
step "dashboards lint"
python3 "$helper" lint

[ -x "$bin/qualityd" ] || fail "$bin/qualityd not built (run swift build --build-tests)"
[ -x "$bin/bureau-sim" ] || fail "$bin/bureau-sim not built (run swift build --build-tests)"
qd_help=$("$bin/qualityd" --help 2>&1 || true)
grep -Eq '^[[:space:]]+serve([[:space:]]|$)' <<<"$qd_help" \
    || fail "qualityd has no 'serve' subcommand yet: this check needs the daemon"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qualityd-prom.XXXXXX")
pids=()
sim_pid=""
qd_pid=""

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

cleanup() {
    local status=$?
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[i]}"; done
    if [ "$status" -ne 0 ]; then
        for log in "$tmp"/*.log; do
            [ -s "$log" ] || continue
            echo "---- last lines of $(basename "$log")" >&2
            tail -n 25 "$log" >&2
        done
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

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

# bureau-sim: 25% bad USCCs on the returns endpoint, so that reject series and the high reject rate
# alert have something to show; every other endpoint is clean.
step "bureau-sim"
"$bin/bureau-sim" --listen 127.0.0.1:0 --faults "bad_uscc:0.25@/ciq/returns" \
    >"$tmp/bureau-sim.out" 2>"$tmp/bureau-sim.log" &
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

step "qualityd serve"
qd_port=$(free_port)
"$bin/bureau-sim" print-config --listen "$sim_listen" >"$tmp/config.printed.yaml"
# Short intervals and no retries so that a stopped bureau-sim shows within seconds.
python3 "$helper" prepare-config --in "$tmp/config.printed.yaml" --out "$tmp/config.yaml" \
    --listen "127.0.0.1:$qd_port" --sqlite "$tmp/qualityd.sqlite" --interval 5s --retries 0
"$bin/qualityd" check --config "$tmp/config.yaml"
(
    cd "$tmp"
    exec env -u BUREAU_BASE -u BUREAU_TOKEN QUALITYD_LISTEN="127.0.0.1:$qd_port" QUALITYD_DB="$tmp/qualityd.sqlite" \
        "$bin/qualityd" serve --config "$tmp/config.yaml"
) >"$tmp/qualityd.log" 2>&1 &
qd_pid=$!
pids+=("$qd_pid")
qd_url="http://127.0.0.1:$qd_port"
wait_http "$qd_url/readyz" 180 "$qd_pid" || fail "qualityd not ready at $qd_url/readyz within 180 s"
echo "qualityd ready at $qd_url"

step "promtool check metrics"
curl -fsS --max-time 10 "$qd_url/metrics" >"$tmp/metrics.txt"
lint_out=$(promtool check metrics <"$tmp/metrics.txt" 2>&1) || fail "promtool check metrics: $lint_out"
[ -z "$lint_out" ] || fail "promtool check metrics: $lint_out"
python3 "$helper" exposition "$tmp/metrics.txt"
# gzip when asked (SPEC 11)
curl -fsS --max-time 10 -H 'Accept-Encoding: gzip' -D "$tmp/headers.txt" -o /dev/null "$qd_url/metrics"
grep -qi '^content-encoding: *gzip' "$tmp/headers.txt" || fail "/metrics does not answer gzip when asked"

step "prometheus"
prom_port=$(free_port)
cat >"$tmp/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - $root/metrics/rules/*.yml
scrape_configs:
  - job_name: qualityd
    static_configs:
      - targets: ["127.0.0.1:$qd_port"]
EOF
prometheus --config.file="$tmp/prometheus.yml" --storage.tsdb.path="$tmp/tsdb" \
    --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$tmp/prometheus.log" 2>&1 &
pids+=("$!")
prom="http://127.0.0.1:$prom_port"
python3 "$helper" wait --prometheus "$prom" --query 'up{job="qualityd"} == 1' --timeout 60 \
    || fail "Prometheus does not scrape qualityd"
# Rates need two scrapes, recording rules an evaluation, ratios a second pull: give them time.
sleep 3

step "every dashboard query, recording rule and alert input returns data"
python3 "$helper" evaluate --prometheus "$prom" --timeout 60

step "induced: the demo's vetoed district"
python3 "$helper" wait --prometheus "$prom" --query 'quality_district_vetoed == 1' --timeout 30
python3 "$helper" alert --prometheus "$prom" --name QualityDistrictVetoed --timeout 30

step "induced: a source with 25% bad USCCs"
python3 "$helper" wait --prometheus "$prom" --timeout 60 \
    --query 'qualityd_source_records_rejected_total{reason="invalid_uscc"} > 0'
python3 "$helper" alert --prometheus "$prom" --name QualitydSourceHighRejectRate --timeout 60

step "induced: a bad config reload (SIGHUP)"
cp "$tmp/config.yaml" "$tmp/config.good.yaml"
printf 'version: 1\nno_such_key: [\n' >"$tmp/config.yaml"
kill -HUP "$qd_pid"
python3 "$helper" wait --prometheus "$prom" --query 'qualityd_config_last_reload_successful == 0' --timeout 30
python3 "$helper" alert --prometheus "$prom" --name QualitydConfigReloadFailed --timeout 30
kill -0 "$qd_pid" 2>/dev/null || fail "qualityd died on a bad config reload"
cp "$tmp/config.good.yaml" "$tmp/config.yaml"
kill -HUP "$qd_pid"
python3 "$helper" wait --prometheus "$prom" --query 'qualityd_config_last_reload_successful == 1' --timeout 30

step "induced: bureau-sim stopped"
stop_pid "$sim_pid"
python3 "$helper" wait --prometheus "$prom" --query 'qualityd_source_up == 0' --timeout 60
python3 "$helper" wait --prometheus "$prom" --query 'qualityd:source_pull_failure:ratio_rate15m > 0' --timeout 30
python3 "$helper" alert --prometheus "$prom" --name QualitydSourceDown --timeout 30
curl -fsS --max-time 5 -o /dev/null "$qd_url/readyz" || fail "qualityd not ready after its sources went down"

echo "prometheus check: passed"

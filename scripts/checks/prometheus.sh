#!/usr/bin/env bash
# The real-Prometheus check (docs/SEMANTICS.md §12): rules and their unit tests with promtool, then a real
# qualityd fed by a real bureau-sim, scraped by a real Prometheus that loads metrics/rules:
#   1. promtool check rules / check config / test rules, dashboards lint;
#   2. bureau-sim on a free port (one source with 25% bad USCCs, so that rejects exist), its
#      print-config turned into a test config (free port, temp SQLite, 5 s pull interval);
#   3. qualityd serve, /readyz, /metrics through promtool check metrics and the docs/SEMANTICS.md §12 catalog;
#   4. Prometheus (scrape and rule evaluation every 1 s); every dashboard query and recording rule
#      must return data, every alert's input series must exist;
#   5. alert conditions induced for real: the demo's vetoed district, a source with a high reject
#      rate, a bad config reload (SIGHUP), and bureau-sim stopped (sources down).
# Needs the debug build (`swift build --build-tests`) and Debian's prometheus package.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
check=prometheus
helper="$root/scripts/checks/promql_check.py"
# shellcheck source=scripts/checks/lib.sh
source "$root/scripts/checks/lib.sh"
checks_init promtool prometheus

step "promtool check rules"
promtool check rules metrics/rules/*.yml
step "promtool check config"
promtool check config metrics/prometheus.yml
step "promtool test rules"
promtool test rules metrics/tests/*.yml
step "dashboards lint"
python3 "$helper" lint

qd_help=$("$bin/qualityd" --help 2>&1 || true)
grep -Eq '^[[:space:]]+serve([[:space:]]|$)' <<<"$qd_help" \
    || fail "qualityd has no 'serve' subcommand yet: this check needs the daemon"

# bureau-sim: 25% bad USCCs on the returns endpoint, so that reject series and the high reject rate
# alert have something to show; every other endpoint is clean.
step "bureau-sim"
start_bureau_sim --faults "bad_uscc:0.25@/ciq/returns"

step "qualityd serve"
# Short intervals and no retries so that a stopped bureau-sim shows within seconds.
start_qualityd --interval 5s --retries 0

step "promtool check metrics"
curl -fsS --max-time 10 "$qd_url/metrics" >"$tmp/metrics.txt"
lint_out=$(promtool check metrics <"$tmp/metrics.txt" 2>&1) || fail "promtool check metrics: $lint_out"
[ -z "$lint_out" ] || fail "promtool check metrics: $lint_out"
python3 "$helper" exposition "$tmp/metrics.txt"
# gzip when asked (docs/SEMANTICS.md §11)
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

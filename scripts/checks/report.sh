#!/usr/bin/env bash
# The industry quality analysis report (docs/CONFIG.md, reports): the built qualityd writes the
# demo report of every industry from a snapshot pulled from bureau-sim, and
# scripts/checks/report_check.py recomputes each figure, per industry and per district, with
# pandas from the same snapshot. Builds nothing.
set -euo pipefail
# shellcheck source=scripts/checks/lib.sh
. "$(dirname "$0")/lib.sh"
checks_init
python3 -c 'import pandas' 2>/dev/null || fail "python3 cannot import pandas; pip install pandas"

start_bureau_sim
"$bin/bureau-sim" print-config --listen "$sim_listen" >"$tmp/config.yaml"
step "pull 2025 from bureau-sim"
(cd "$tmp" && "$bin/qualityd" pull --config config.yaml --period 2025 --out snapshot.json >pull.out 2>pull.log)
step "qualityd report industry for each industry"
reports=()
for industry in textile auto_parts appliances packaging other; do
    "$bin/qualityd" report industry --config "$tmp/config.yaml" --industry "$industry" \
        --snapshot "$tmp/snapshot.json" --format json --out "$tmp/$industry.json" 2>>"$tmp/report.log"
    reports+=("$tmp/$industry.json")
done
"$bin/qualityd" report industry --config "$tmp/config.yaml" --industry textile --snapshot "$tmp/snapshot.json" \
    --out "$tmp/textile.html" 2>>"$tmp/report.log"
grep -q '<svg' "$tmp/textile.html" || fail "the HTML report has no trend chart"
python3 "$root/scripts/checks/report_check.py" "$tmp/config.yaml" "$tmp/snapshot.json" "${reports[@]}"
echo "report check: OK"

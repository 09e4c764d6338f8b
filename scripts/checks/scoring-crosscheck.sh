#!/usr/bin/env bash
# Scoring agrees with an independent implementation of the rules (scripts/checks/scoring_crosscheck.py):
# random configs and snapshots using every method and variant, scored by `qualityd score`. Then the
# second example config (examples/rank-ratio.yaml, rank and ratio) passes `qualityd check` and scores
# the demo data: bureau-sim's Ningbo world pulled once, then `qualityd score --format table`.
set -euo pipefail
# shellcheck source=scripts/checks/lib.sh
. "$(dirname "$0")/lib.sh"
checks_init

step "random cases against the independent implementation"
python3 "$root/scripts/checks/scoring_crosscheck.py" --qualityd "$bin/qualityd"

step "examples/rank-ratio.yaml on the demo data"
example="$root/examples/rank-ratio.yaml"
"$bin/qualityd" check --config "$example" || fail "qualityd check rejects $example"
start_bureau_sim
(
    cd "$tmp" || exit 1
    env -u BUREAU_TOKEN BUREAU_BASE="$sim_url" "$bin/qualityd" pull --config "$example" --period 2025 \
        --out "$tmp/snapshot.json" >"$tmp/pull.log" 2>&1
) || fail "qualityd pull with $example failed"
"$bin/qualityd" score --config "$example" --snapshot "$tmp/snapshot.json" --format table >"$tmp/table.txt" \
    || fail "qualityd score --format table failed"
"$bin/qualityd" score --config "$example" --snapshot "$tmp/snapshot.json" >"$tmp/result.json" \
    || fail "qualityd score failed"
for needle in "排名赋分 Rank — 出口工业品监督抽查合格率" "比例得分 Ratio — 每百家企业CNAS认可实验室数" "平均值 the mean"; do
    grep -q "$needle" "$tmp/table.txt" || fail "the table lacks '$needle': $(cat "$tmp/table.txt")"
done
python3 "$root/scripts/checks/scoring_crosscheck.py" --qualityd "$bin/qualityd" \
    --verify "$example" "$tmp/result.json"
echo "scoring crosscheck: passed"

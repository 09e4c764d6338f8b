#!/usr/bin/env bash
# The sampling notice and the industry report in a real browser: headless Chromium against a real
# qualityd fed by a real bureau-sim (temp config and SQLite, no auth.tokens, so pages are open and
# POST actions take loopback callers).
#   1. an admin action draws the served period's sampling plan (POST /api/v1/sampling/{period}/draw);
#   2. Chromium's DOM of /sampling/{period}/notice shows the seed, the input hash and every selected
#      USCC of GET /api/v1/sampling/{period}; the DOM of /reports/industry/textile shows the report's
#      title, summary, district table and trend chart;
#   3. screenshots in .ci/artifacts/: sampling-notice-zh.png, report-industry-textile-zh.png.
# Needs the debug build, Debian's chromium and a CJK font (as browser.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
check=sampling-browser
artifacts="$root/.ci/artifacts"
# shellcheck source=scripts/checks/lib.sh
source "$root/scripts/checks/lib.sh"
checks_init chromium fc-list
fc-list :lang=zh family | grep -q . || fail "no CJK font (apt-get install fonts-wqy-microhei)"

start_bureau_sim
start_qualityd --interval 1h --no-auth

browse() { # OUT-OPTION URL
    timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
        --user-data-dir="$tmp/chromium-profile" --hide-scrollbars --window-size=1280,1800 "$@" \
        2>>"$tmp/chromium.log"
}

period=$(curl -fsS --max-time 30 "$qd_url/api/v1/scores" | python3 -c 'import json, sys; print(json.load(sys.stdin)["period"])')
step "draw the sampling plan of $period"
curl -fsS --max-time 30 -X POST -H 'Content-Type: application/json' -d '{"seed": "2026-demo"}' \
    "$qd_url/api/v1/sampling/$period/draw" >"$tmp/draw.json" || fail "the draw was refused"
curl -fsS --max-time 30 "$qd_url/api/v1/sampling/$period" >"$tmp/plan.json"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d '{"seed": "another"}' "$qd_url/api/v1/sampling/$period/draw")
[ "$status" = 409 ] || fail "a second draw answered $status, not 409"

mkdir -p "$artifacts"
step "notice"
browse --dump-dom "$qd_url/sampling/$period/notice" >"$tmp/notice.html" || fail "chromium --dump-dom of the notice failed"
python3 - "$tmp/notice.html" "$tmp/plan.json" <<'PY' || fail "the notice does not show the plan"
import json, sys
dom, plan = open(sys.argv[1], encoding="utf-8").read(), json.load(open(sys.argv[2], encoding="utf-8"))
for text in [plan["seed"], plan["input_sha256"], "双随机抽查计划公示"] + [p["uscc"] for p in plan["plan"]]:
    assert text in dom, f"{text!r} not in the notice's DOM"
print(f"notice shows seed {plan['seed']}, the input hash and {len(plan['plan'])} enterprises")
PY
rm -f "$artifacts/sampling-notice-zh.png"
browse --screenshot="$artifacts/sampling-notice-zh.png" "$qd_url/sampling/$period/notice" >/dev/null \
    || fail "chromium --screenshot of the notice failed"
python3 scripts/checks/browser_check.py png "$artifacts/sampling-notice-zh.png" 1280 || fail "no notice screenshot"

step "industry report"
browse --dump-dom "$qd_url/reports/industry/textile" >"$tmp/report.html" || fail "chromium --dump-dom of the report failed"
for id in report-title report-summary report-figures report-districts report-trend; do
    grep -q "id=\"$id\"" "$tmp/report.html" || fail "the report's DOM has no #$id"
done
grep -q "纺织服装行业质量分析报告" "$tmp/report.html" || fail "the report's title is not in Chinese"
rm -f "$artifacts/report-industry-textile-zh.png"
browse --screenshot="$artifacts/report-industry-textile-zh.png" "$qd_url/reports/industry/textile" >/dev/null \
    || fail "chromium --screenshot of the report failed"
python3 scripts/checks/browser_check.py png "$artifacts/report-industry-textile-zh.png" 1280 || fail "no report screenshot"

kill -0 "$qd_pid" 2>/dev/null || fail "qualityd died during the run"
echo "sampling-browser check: passed (screenshots in .ci/artifacts/)"

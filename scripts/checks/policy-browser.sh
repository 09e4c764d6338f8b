#!/usr/bin/env bash
# Policy versions and what-if in a real browser (docs/CONFIG.md, "policy_versions" and "What-if"):
# headless Chromium against a real qualityd fed by a real bureau-sim (temp config and SQLite, no
# auth.tokens, so pages are open and POST actions take loopback callers).
#   1. the demo config with examples/policy-2027.yaml appended, serving 2027: the result, the
#      district explanation and the district page name the version "2027";
#   2. POST /api/v1/whatif with the demo config without that version as the proposal: A's ranks are
#      the served ones, the comparison lists rank changes; a broken proposal is 422 with
#      proposal.yaml:LINE:COL in each detail;
#   3. the /whatif page: the form posted (multipart, as a browser sends it) shows every district of
#      the comparison with the ranks of the API; a broken one shows each error's line and column;
#   4. screenshots in .ci/artifacts/: whatif-zh.png, whatif-en.png, district-policy-2027-zh.png.
# Headless Chromium cannot fill a form, so curl posts it and Chromium renders the answer it got.
# Needs the debug build, Debian's chromium and a CJK font (as browser.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
check=policy-browser
artifacts="$root/.ci/artifacts"
district=330212
# shellcheck source=scripts/checks/lib.sh
source "$root/scripts/checks/lib.sh"
checks_init chromium fc-list
fc-list :lang=zh family | grep -q . || fail "no CJK font (apt-get install fonts-wqy-microhei)"

start_bureau_sim
qd_config_append="$root/examples/policy-2027.yaml"
start_qualityd --interval 1h --no-auth --current-period 2027

step "the served result and the explanation name the version"
curl -fsS --max-time 30 "$qd_url/api/v1/scores" >"$tmp/scores.json"
curl -fsS --max-time 30 "$qd_url/api/v1/districts/$district/explain" >"$tmp/explain.json"
python3 - "$tmp/scores.json" "$tmp/explain.json" <<'PY' || fail "the 2027 result does not name the version 2027"
import json, sys
scores, explain = (json.load(open(p)) for p in sys.argv[1:3])
result = scores.get("result", scores)
assert scores["period"] == "2027", scores["period"]
policy = result.get("policy") or explain["policy"]
assert explain["policy"]["id"] == "2027", explain["policy"]
print("served 2027 under policy", explain["policy"]["id"], explain["policy"]["sha256"][:12])
PY

mkdir -p "$artifacts"
step "district page (zh) with the policy version"
browse --dump-dom "$qd_url/districts/$district" >"$tmp/district.html" || fail "chromium --dump-dom failed"
grep -q 'id="policy-version" data-policy="2027"' "$tmp/district.html" || fail "the district page does not name the version"
grep -q '政策版本' "$tmp/district.html" || fail "the district page does not say 政策版本"
browse --screenshot="$artifacts/district-policy-2027-zh.png" "$qd_url/districts/$district" >/dev/null \
    || fail "chromium --screenshot of the district page failed"

# The proposal: the same config without the 2027 version, i.e. the old weights kept.
python3 - "$tmp/config.yaml" "$tmp/proposal.yaml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
cut = text.index("policy_versions:")
cut = text.rfind("\n# A dated policy version", 0, cut)
open(sys.argv[2], "w", encoding="utf-8").write(text[: cut + 1])
PY

step "POST /api/v1/whatif"
curl -fsS --max-time 60 -X POST -H 'Content-Type: application/yaml' --data-binary @"$tmp/proposal.yaml" \
    "$qd_url/api/v1/whatif" >"$tmp/whatif.json" || fail "the what-if was refused"
python3 - "$tmp/whatif.json" "$tmp/scores.json" <<'PY' || fail "the comparison does not match the served result"
import json, sys
c, scores = (json.load(open(p)) for p in sys.argv[1:3])
served = {d["code"]: d for d in scores["districts"]}
assert c["policy_a"]["id"] == "2027" and c["policy_b"]["id"] == "base", (c["policy_a"], c["policy_b"])
for d in c["districts"]:
    assert d["rank_a"] == served[d["code"]]["rank"], d
moved = [f'{d["code"]} {d["rank_a"]}->{d["rank_b"]}' for d in c["districts"] if d["rank_a"] != d["rank_b"]]
print("rank changes:", ", ".join(moved) or "none", "| summary:", c["summary"])
PY
sed 's/^  total: 100$/  total: 99/' "$tmp/proposal.yaml" >"$tmp/bad.yaml"
status=$(curl -s -o "$tmp/bad.json" -w '%{http_code}' -X POST -H 'Content-Type: application/yaml' \
    --data-binary @"$tmp/bad.yaml" "$qd_url/api/v1/whatif")
[ "$status" = 422 ] || fail "a broken proposal answered $status, not 422"
grep -q 'proposal.yaml:[0-9]*:[0-9]*: scoring.total' "$tmp/bad.json" || fail "no line and column in $(cat "$tmp/bad.json")"

for lang in zh en; do
    query=""
    [ "$lang" = en ] && query="?lang=en"
    step "the /whatif page ($lang)"
    curl -fsS --max-time 60 -H "Origin: $qd_url" -F "proposal=" -F "proposal_file=@$tmp/proposal.yaml" -F "period=" \
        "$qd_url/whatif$query" >"$tmp/whatif-$lang.html" || fail "the /whatif form was refused"
    python3 - "$tmp/whatif-$lang.html" "$tmp/whatif.json" <<'PY' || fail "the /whatif page ($lang) does not show the comparison"
import json, re, sys
html, c = open(sys.argv[1], encoding="utf-8").read(), json.load(open(sys.argv[2]))
for d in c["districts"]:
    row = f'data-code="{d["code"]}" data-rank-a="{d["rank_a"]}" data-rank-b="{d["rank_b"]}"'
    assert row in html, row
assert 'id="whatif-summary"' in html
PY
    # Rendered from the saved answer, its stylesheet from the daemon.
    sed "s|<head>|<head><base href=\"$qd_url/\">|" "$tmp/whatif-$lang.html" >"$tmp/whatif-$lang.base.html"
    browse --screenshot="$artifacts/whatif-$lang.png" "file://$tmp/whatif-$lang.base.html" >/dev/null \
        || fail "chromium --screenshot of /whatif failed"
done
status=$(curl -s -o "$tmp/whatif-bad.html" -w '%{http_code}' -H "Origin: $qd_url" -F "proposal=<$tmp/bad.yaml" \
    "$qd_url/whatif")
[ "$status" = 422 ] || fail "the page took a broken proposal ($status)"
grep -q 'data-line="[0-9]*" data-column="[0-9]*"' "$tmp/whatif-bad.html" || fail "the page shows no line and column"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: http://evil.example" -F "proposal=<$tmp/proposal.yaml" \
    "$qd_url/whatif")
[ "$status" = 403 ] || fail "a cross-origin form post answered $status, not 403"

kill -0 "$qd_pid" 2>/dev/null || fail "qualityd died during the run"
echo "policy-browser check: passed (screenshots in .ci/artifacts/)"

#!/usr/bin/env bash
# The officials' pages in a real browser (docs/SEMANTICS.md §11): headless Chromium against a real qualityd fed by
# a real bureau-sim (temp config and SQLite).
#   1. the config has no `auth.tokens`, so the pages are open and the browser needs no sign-in (the
#      sign-in flow and the roles are covered by LoginFlowTests, RoleMatrixTests and schemathesis.sh);
#   2. the ranking page `/` and the district page `/districts/330212`, in zh (the default, no
#      parameter) and en (`?lang=en`): Chromium's DOM (--dump-dom) must show what the JSON API says:
#      every district's rank, name, total (2 decimals) and grade as `GET /api/v1/scores`, and the
#      district's total, rank, grade and indicator rows (values, points) as
#      `GET /api/v1/districts/330212/explain` (browser_check.py);
#   3. screenshots of the four pages in .ci/artifacts/ (ranking-zh.png, ranking-en.png,
#      district-330212-zh.png, district-330212-en.png), for a person to look at;
#   4. a second qualityd with the demo tokens, and Chromium driven over the DevTools protocol
#      (browser_actions.py): sign-ins, publish → confirm on /subsidies, a four-eyes correction of
#      330225 on /corrections and an appeal on the district page, each through its form and
#      confirmation step (docs/SEMANTICS.md §14); screenshots confirm-step.png, corrections.png and
#      district-330225-correction.png.
# Needs the debug build, Debian's chromium and a CJK font (fonts-wqy-microhei; .ci/run installs both).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
check=browser
helper="$root/scripts/checks/browser_check.py"
artifacts="$root/.ci/artifacts"
district=330212
# shellcheck source=scripts/checks/lib.sh
source "$root/scripts/checks/lib.sh"
checks_init chromium fc-list

# Without a CJK font Chromium draws Chinese as empty boxes; the DOM would still pass.
fc-list :lang=zh family | grep -q . || fail "no CJK font (apt-get install fonts-wqy-microhei)"

step "bureau-sim"
start_bureau_sim
step "qualityd serve (no auth.tokens: the pages are open)"
start_qualityd --interval 1h --no-auth

# Chromium with a profile of its own in $tmp; `timeout` so that a hung browser fails the check.
browse() { # OUT-OPTION URL
    timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
        --user-data-dir="$tmp/chromium-profile" --hide-scrollbars --window-size=1280,2000 "$@" \
        2>>"$tmp/chromium.log"
}

step "the API's view"
curl -fsS --max-time 30 "$qd_url/api/v1/scores" >"$tmp/scores.json"
# The weight sensitivity runs right after the scoring run that made the daemon ready (server.sensitivity
# defaults on): its rank interval is on the district page once rank_range is in the explanation.
for _ in $(seq 100); do
    curl -fsS --max-time 30 "$qd_url/api/v1/districts/$district/explain" >"$tmp/explain.json"
    python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["rank_range"] is None)' "$tmp/explain.json" \
        && break
    sleep 0.2
done
python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["rank_range"]; print("rank range", r["rank_p5"], "-", r["rank_p95"])' \
    "$tmp/explain.json" || fail "the explanation has no rank_range after 20 s"
python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print("period", r["period"] + ",", len(r["districts"]), "districts")' "$tmp/scores.json"

mkdir -p "$artifacts"
for lang in zh en; do
    query=""
    [ "$lang" = en ] && query="?lang=en"
    for page in ranking "district-$district"; do
        path=/
        [ "$page" = ranking ] || path="/districts/$district"
        url="$qd_url$path$query"
        step "$page ($lang): $url"
        browse --dump-dom "$url" >"$tmp/$page-$lang.html" || fail "chromium --dump-dom $url failed"
        [ -s "$tmp/$page-$lang.html" ] || fail "chromium printed no DOM for $url"
        if [ "$page" = ranking ]; then
            python3 "$helper" ranking "$tmp/$page-$lang.html" "$lang" "$tmp/scores.json" "$tmp/explain.json" \
                || fail "the ranking page ($lang) does not show what /api/v1/scores says"
        else
            python3 "$helper" district "$tmp/$page-$lang.html" "$lang" "$district" "$tmp/scores.json" \
                "$tmp/explain.json" || fail "the district page ($lang) does not show what the API says"
            label="排名区间"
            [ "$lang" = en ] && label="rank range"
            grep -q "id=\"rank-range\"[^>]*>$label [0-9]*–[0-9]*<" "$tmp/$page-$lang.html" \
                || fail "the district page ($lang) shows no rank interval"
        fi
        rm -f "$artifacts/$page-$lang.png"
        browse --screenshot="$artifacts/$page-$lang.png" "$url" >/dev/null || fail "chromium --screenshot $url failed"
        python3 "$helper" png "$artifacts/$page-$lang.png" 1280 || fail "no screenshot of $url"
    done
done

kill -0 "$qd_pid" 2>/dev/null || fail "qualityd died during the run"

step "qualityd serve again, with the demo tokens: a person's actions through the forms"
stop_pid "$qd_pid"
start_qualityd --interval 1h
rm -f "$artifacts/confirm-step.png" "$artifacts/corrections.png" "$artifacts/district-330225-correction.png"
python3 "$root/scripts/checks/browser_actions.py" "$qd_url" "$artifacts" "$tmp/chromium-actions" \
    || fail "the actions through the forms did not do what they said"
for shot in confirm-step corrections district-330225-correction; do
    python3 "$helper" png "$artifacts/$shot.png" 1280 || fail "no screenshot $shot.png"
done
kill -0 "$qd_pid" 2>/dev/null || fail "qualityd died during the actions"
echo "browser check: passed (screenshots in .ci/artifacts/)"

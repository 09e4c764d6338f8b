#!/usr/bin/env bash
# The demo's policy tests pass (`qualityd test --config config.yaml policy-tests.yaml`, with JUnit
# XML that parses), a deliberately wrong expectation fails naming the case and the figure, a mistake
# in the test file is reported with its line and column, and `qualityd sensitivity` with spread 0
# gives every district its base rank as the whole interval (docs/SEMANTICS.md §15, §15).
set -euo pipefail
# shellcheck source=scripts/checks/lib.sh
. "$(dirname "$0")/lib.sh"
checks_init
cd "$root"

step "policy-tests.yaml passes on the demo config"
"$bin/qualityd" test --config config.yaml policy-tests.yaml --junit "$tmp/junit.xml" >"$tmp/pass.log" 2>&1 \
    || fail "qualityd test failed: $(cat "$tmp/pass.log")"
cat "$tmp/pass.log"
grep -q "policy-tests.yaml: [0-9]* cases, [0-9]* passed, 0 failed" "$tmp/pass.log" || fail "no summary line"
python3 - "$tmp/junit.xml" <<'PY' || fail "the JUnit XML is not what CI tools read"
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
cases = suite.findall("testcase")
assert len(cases) >= 12 and int(suite.get("tests")) == len(cases), suite.attrib
assert suite.get("failures") == "0" and not suite.findall("testcase/failure"), suite.attrib
print(f"junit: {len(cases)} testcases, 0 failures")
PY

step "a wrong expectation fails, naming the case and the figure"
sed 's/"330213": { total: 100, rank: 1 }/"330213": { total: 99.5, rank: 1 }/' policy-tests.yaml >"$tmp/wrong.yaml"
cmp -s policy-tests.yaml "$tmp/wrong.yaml" && fail "the sed did not change policy-tests.yaml"
status=0
"$bin/qualityd" test --config config.yaml "$tmp/wrong.yaml" --junit "$tmp/wrong.xml" >"$tmp/fail.log" 2>&1 || status=$?
[ "$status" = 1 ] || fail "a failing case exits $status, expected 1: $(cat "$tmp/fail.log")"
line=$(grep '^FAIL' "$tmp/fail.log") || fail "no FAIL line: $(cat "$tmp/fail.log")"
echo "$line"
case "$line" in
"FAIL  rank: districts with equal totals share the better rank ("*"): district 330213 total: expected 99.5 (± 1e-06), got 100.0") ;;
*) fail "the FAIL line does not name the case and the figure: $line" ;;
esac
[ "$(grep -c '^FAIL' "$tmp/fail.log")" = 1 ] || fail "more than the one wrong case failed"
grep -q 'failures="1"' "$tmp/wrong.xml" || fail "the JUnit XML does not count the failure"

step "a mistake in the test file has its line and column"
sed -e 's/    period: "2025"/    perod: "2025"/' -e 20q policy-tests.yaml >"$tmp/bad.yaml" # no pipe into head: under pipefail sed's SIGPIPE would end the check
status=0
"$bin/qualityd" test --config config.yaml "$tmp/bad.yaml" >"$tmp/bad.log" 2>&1 || status=$?
[ "$status" = 1 ] || fail "a bad test file exits $status, expected 1"
grep -q "^$tmp/bad.yaml:13:5: cases\[0\].perod: unknown key 'perod'" "$tmp/bad.log" \
    || fail "the error does not name the place: $(cat "$tmp/bad.log")"

step "sensitivity with spread 0: the interval is the base rank"
worked=Tests/Fixtures/worked
"$bin/qualityd" score --config $worked/config.yaml --snapshot $worked/snapshot.json >"$tmp/result.json"
"$bin/qualityd" sensitivity --config $worked/config.yaml --snapshot $worked/snapshot.json --spread 0 \
    --samples 100 --format json >"$tmp/sensitivity.json"
python3 - "$tmp/result.json" "$tmp/sensitivity.json" <<'PY' || fail "spread 0 moved a rank"
import json, sys
result = json.load(open(sys.argv[1]))
sens = json.load(open(sys.argv[2]))
assert sens["spread"] == 0 and sens["samples"] == 100, sens
ranks = {d["code"]: d["rank"] for d in result["districts"]}
for d in sens["districts"]:
    got = (d["base_rank"], d["rank_p5"], d["median_rank"], d["rank_p95"])
    assert got == (ranks[d["code"]],) * 4, (d["code"], got, ranks[d["code"]])
    print(f"{d['code']}: rank {ranks[d['code']]}, interval {d['rank_p5']}–{d['rank_p95']}")
PY
echo "policy tests: passed"

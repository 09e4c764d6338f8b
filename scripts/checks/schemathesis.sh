#!/usr/bin/env bash
# docs/openapi.yaml against a live daemon (docs/SEMANTICS.md §11): schemathesis generates requests for every
# documented operation of a real qualityd fed by a real bureau-sim (temp config and SQLite) and
# checks every response against the document:
#   1. with the admin token: no 5xx, only documented statuses, content types, headers and bodies
#      (response_schema_conformance), 401 when the token is taken away (ignored_auth), and every GET
#      reaching 2xx at least once (admin_reaches_2xx, schemathesis_hooks.py);
#   2. a subsidy list through publish, confirm and revoke with the roles each step needs, and the
#      401/403 answers, each response checked by the same checks (openapi_lifecycle.py);
#   3. without a token: the same, and every route that needs a role answers 401 (anonymous_is_401).
# The state-changing routes run in the schemathesis passes too, against the throwaway store:
# publish, confirm and revoke (chained by the document's links) and reload (of the same file).
# One worker and a fixed seed keep the runs repeatable.
# Needs the debug build and `pip install 'schemathesis>=4.32,<5'` (.ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
check=schemathesis
# shellcheck source=scripts/checks/lib.sh
source "$root/scripts/checks/lib.sh"
checks_init schemathesis

# 4.32 or later 4.x: the class-based check of schemathesis_hooks.py needs after_run.
version=$(schemathesis --version 2>&1 || true)
read -r major minor < <(sed -n 's/.*version \([0-9][0-9]*\)\.\([0-9][0-9]*\).*/\1 \2/p' <<<"$version") || true
if [ "${major:-0}" -ne 4 ] || [ "${minor:-0}" -lt 32 ]; then
    fail "schemathesis >=4.32,<5 needed (found: $version; .ci/run installs it)"
fi

step "bureau-sim"
start_bureau_sim
step "qualityd serve"
# Hourly pulls: the run sees one world; confirm and revoke still ask for scoring runs of their own.
# A fixed period, the document's example `2025`: the examples phase reaches every `{period}` route
# with a stored result, and the run does not change with today's date.
start_qualityd --interval 1h --current-period 2025
step "a sampling plan of 2025 in force, so that its GET routes can answer 2xx"
curl -fsS --max-time 30 -X POST -H "Authorization: Bearer demo-admin-token" -H "Content-Type: application/json" \
    -d '{"seed": "schemathesis"}' "$qd_url/api/v1/sampling/2025/draw" >/dev/null || fail "the sampling draw was refused"

# No crash cache in the repository (.schemathesis/): each run starts clean, failures print curl commands.
printf '[cache]\nenabled = false\n' >"$tmp/schemathesis.toml"
export SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH="$root/scripts/checks${PYTHONPATH:+:$PYTHONPATH}"
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance
checks+=,response_schema_conformance
common=(
    --url "$qd_url" --seed 20251 --workers 1 --max-examples "${SCHEMATHESIS_EXAMPLES:-25}"
    --max-redirects 0 --request-timeout 30 --no-color --report junit --report-dir "$tmp/reports"
)

step "schemathesis with the admin token"
schemathesis --config-file "$tmp/schemathesis.toml" run docs/openapi.yaml "${common[@]}" -H "Authorization: Bearer demo-admin-token" \
    --checks "$checks,ignored_auth,admin_reaches_2xx" | tee "$tmp/admin.out" \
    || fail "schemathesis with the admin token found problems (above)"

step "a subsidy list through its life, every answer checked against the document"
python3 scripts/checks/openapi_lifecycle.py docs/openapi.yaml "$qd_url" || fail "the list's life does not match the document"

step "schemathesis without a token"
schemathesis --config-file "$tmp/schemathesis.toml" run docs/openapi.yaml "${common[@]}" --checks "$checks,anonymous_is_401" | tee "$tmp/anonymous.out" \
    || fail "schemathesis without a token found problems (above)"

kill -0 "$qd_pid" 2>/dev/null || fail "qualityd died during the run"
# What the state-changing routes did to the temp store, for the record. The runs sent many wrong
# tokens from this address, which then waits a second or so (429 with Retry-After): --retry.
curl -fsS --retry 5 --max-time 10 -H "Authorization: Bearer demo-admin-token" "$qd_url/api/v1/audit?limit=1000" \
    | python3 -c 'import collections, json, sys
counts = collections.Counter(e["action"] for e in json.load(sys.stdin)["entries"])
print("audit log after the runs:", ", ".join(f"{a} {n}" for a, n in sorted(counts.items())) or "empty")'
curl -fsS --retry 5 --max-time 10 -H "Authorization: Bearer demo-admin-token" "$qd_url/api/v1/subsidies" \
    | python3 -c 'import json, sys; print("list status after the runs:", json.load(sys.stdin)["list"]["status"])'
# Server failures (5xx) are logged by ErrorMiddleware at error level as "<METHOD> <path>: <status> <code>: …".
if grep -E ' error qualityd: .*[A-Z]+ /[^ ]*: 5[0-9][0-9] ' "$tmp/qualityd.log" >"$tmp/failed.txt"; then
    head -n 20 "$tmp/failed.txt" >&2
    fail "qualityd logged requests that failed unexpectedly"
fi
echo "schemathesis check: passed"

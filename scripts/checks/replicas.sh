#!/usr/bin/env bash
# Several replicas (README, "Several replicas"): a PostgreSQL started here (initdb in a temp dir, as
# the postgres user when run as root), bureau-sim, three `qualityd serve` sharing one config and
# that database, and Debian's haproxy in front (health check on /readyz, retries with redispatch).
# It proves, printing the figures:
#   1. a list published and confirmed through haproxy exports the same bytes (SHA-256) from each
#      replica asked directly, in every format;
#   2. kill -9 of the leader while finance confirms: another replica leads within 15 s (the
#      seconds are printed), /metrics and the dashboard answer through haproxy the whole time
#      (requests and failures printed; none may fail), and no payout is recorded twice;
#   3. a sign-in cookie from one replica is accepted by another.
# Everything it starts is stopped on exit. Needs the debug build, haproxy and PostgreSQL 15.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
check=replicas
# shellcheck source=scripts/checks/lib.sh
source "$root/scripts/checks/lib.sh"
checks_init haproxy
started=$(date +%s)

step "PostgreSQL"
start_postgres
db_url="postgres://postgres@127.0.0.1:$pg_port/qualityd"
pg_psql -c "CREATE DATABASE qualityd" >/dev/null

step "bureau-sim"
start_bureau_sim

step "three replicas of qualityd on it"
"$bin/bureau-sim" print-config --listen "$sim_listen" >"$tmp/config.printed.yaml"
python3 "$root/scripts/checks/promql_check.py" prepare-config --in "$tmp/config.printed.yaml" \
    --out "$tmp/config.sqlite.yaml" --listen "127.0.0.1:0" --sqlite unused.sqlite --interval 1h --current-period 2025
# One config for all three, as with deploy/qualityd@.service: the port and the id come from the environment.
sed -e 's#^server: {.*#server: { listen: "127.0.0.1:${QUALITYD_PORT}", replica_id: "${QUALITYD_REPLICA_ID}" }#' \
    -e "s#^storage: {.*#storage: { postgres: { url: \"$db_url\", pool: 4 } }#" \
    "$tmp/config.sqlite.yaml" >"$tmp/config.yaml"
grep -q 'postgres: { url' "$tmp/config.yaml" || fail "the storage line of the printed config was not replaced"
QUALITYD_PORT=9470 QUALITYD_REPLICA_ID=r0 "$bin/qualityd" check --config "$tmp/config.yaml" >"$tmp/check.out" 2>&1 ||
    fail "qualityd check refuses the replicas' config: $(cat "$tmp/check.out")"
names=(r1 r2 r3)
declare -A port pid url
for name in "${names[@]}"; do
    port[$name]=$(free_port)
    url[$name]="http://127.0.0.1:${port[$name]}"
    (
        cd "$tmp" || exit 1
        exec env QUALITYD_PORT="${port[$name]}" QUALITYD_REPLICA_ID="$name" "$bin/qualityd" serve --config "$tmp/config.yaml"
    ) >"$tmp/qualityd-$name.log" 2>&1 &
    pid[$name]=$!
    pids+=("${pid[$name]}")
done
for name in "${names[@]}"; do
    wait_http "${url[$name]}/readyz" 120 "${pid[$name]}" || fail "replica $name not ready at ${url[$name]}/readyz"
done
leader_of() { curl -fsS --max-time 2 "$1/readyz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["leader"] or "")'; }
leader=$(leader_of "${url[r1]}")
[ -n "$leader" ] || fail "no replica leads"
for name in "${names[@]}"; do
    [ "$(leader_of "${url[$name]}")" = "$leader" ] || fail "replica $name names another leader than $leader"
done
echo "replicas r1 r2 r3 on ports ${port[r1]} ${port[r2]} ${port[r3]}; leader $leader"

step "haproxy in front"
lb_port=$(free_port)
lb="http://127.0.0.1:$lb_port"
cat >"$tmp/haproxy.cfg" <<CFG
global
    maxconn 256
defaults
    mode http
    timeout connect 500ms
    timeout client 10s
    timeout server 10s
    retries 3
    option redispatch 1
frontend qualityd
    bind 127.0.0.1:$lb_port
    default_backend replicas
backend replicas
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    retry-on conn-failure empty-response response-timeout
$(for name in "${names[@]}"; do echo "    server $name 127.0.0.1:${port[$name]} check inter 300ms fall 2 rise 1"; done)
CFG
haproxy -c -q -f "$tmp/haproxy.cfg" || fail "haproxy refuses its config"
haproxy -db -f "$tmp/haproxy.cfg" >"$tmp/haproxy.log" 2>&1 &
pids+=("$!")
wait_http "$lb/healthz" 20 "$!" || fail "haproxy does not answer at $lb"

finance=(-H "Authorization: Bearer demo-finance-token")
admin=(-H "Authorization: Bearer demo-admin-token")
post() { # URL ARGS...: the status code of a POST
    local target=$1
    shift
    curl -s -o "$tmp/post.out" -w '%{http_code}' --max-time 20 -X POST "$@" "$target" || true
}

step "1. publish and confirm through haproxy; the export is the same from every replica"
[ "$(post "$lb/api/v1/subsidies/2025/publish" "${finance[@]}")" = 200 ] || fail "publish: $(cat "$tmp/post.out")"
[ "$(post "$lb/api/v1/subsidies/2025/confirm" "${finance[@]}")" = 200 ] || fail "confirm: $(cat "$tmp/post.out")"
for format in csv xlsx json; do
    sums=()
    for name in "${names[@]}"; do
        sums+=("$(curl -fsS --max-time 20 "${finance[@]}" "${url[$name]}/export/subsidies.$format?period=2025" | sha256sum | cut -c1-64)")
    done
    [ "${sums[0]}" = "${sums[1]}" ] && [ "${sums[1]}" = "${sums[2]}" ] || fail "subsidies.$format differs: ${sums[*]}"
    echo "subsidies.$format from r1, r2, r3: sha256 ${sums[0]} (all three)"
done

step "2. kill -9 of the leader while finance confirms"
[ "$(post "$lb/api/v1/subsidies/2025/revoke" "${admin[@]}" -H "Content-Type: application/json" -d '{"reason": "replicas check"}')" = 200 ] \
    || fail "revoke: $(cat "$tmp/post.out")"
[ "$(post "$lb/api/v1/subsidies/2025/publish" "${finance[@]}")" = 200 ] || fail "publish again: $(cat "$tmp/post.out")"
stop_file="$tmp/stop-polling"
python3 "$root/scripts/checks/replicas_check.py" poll --url "$lb" --path /metrics --path / \
    --header "Authorization: Bearer demo-viewer-token" --stop "$stop_file" --out "$tmp/poll.json" &
poller=$!
pids+=("$poller")
sleep 1
post "$lb/api/v1/subsidies/2025/confirm" "${finance[@]}" >"$tmp/confirm.status" &
confirming=$!
kill -9 "${pid[$leader]}"
killed_at=$(date +%s.%N)
wait "$confirming" || true
read -r new_leader new_url seconds < <(python3 "$root/scripts/checks/replicas_check.py" wait-leader \
    $(for name in "${names[@]}"; do [ "$name" = "$leader" ] || echo "--url ${url[$name]}"; done) \
    --not "$leader" --since "$killed_at" --timeout 15) || fail "no new leader within 15 s of killing $leader"
echo "killed $leader (pid ${pid[$leader]}); $new_leader leads after $seconds s"
confirm_status=$(cat "$tmp/confirm.status")
echo "the confirm sent as the leader died answered $confirm_status"
if [ "$confirm_status" != 200 ]; then
    # Finance tries again: the list is confirmed now (200) or was confirmed by the first try (409).
    again=$(post "$lb/api/v1/subsidies/2025/confirm" "${finance[@]}")
    echo "confirming again answered $again"
    [ "$again" = 200 ] || [ "$again" = 409 ] || fail "confirm after the failover: $again $(cat "$tmp/post.out")"
fi
sleep 3 # the dashboards keep being read after the failover too
touch "$stop_file"
wait "$poller"
python3 - "$tmp/poll.json" <<'PY' || fail "requests through haproxy failed during the failover"
import json, sys
summary = json.load(open(sys.argv[1]))
total = sum(c["requests"] for c in summary["counts"].values())
failed = sum(c["failed"] for c in summary["counts"].values())
per_path = ", ".join(f"{p} {c['requests']} ({c['failed']} failed)" for p, c in summary["counts"].items())
print(f"through haproxy over {summary['seconds']} s: {total} requests, {failed} failed: {per_path}")
for line in summary["failures"]:
    print("  failed:", line)
sys.exit(1 if failed else 0)
PY
twice=$(pg_psql -d qualityd -tA -c "SELECT count(*) FROM (SELECT uscc, program, year FROM payouts WHERE voided_at IS NULL GROUP BY uscc, program, year HAVING count(*) > 1) AS t")
in_force=$(pg_psql -d qualityd -tA -c "SELECT count(*) FROM payouts WHERE voided_at IS NULL")
lists=$(pg_psql -d qualityd -tA -c "SELECT count(*) FROM subsidy_lists WHERE period = '2025' AND status = 'confirmed'")
echo "payouts in force: $in_force, recorded twice: $twice; confirmed lists of 2025: $lists"
[ "$twice" = 0 ] && [ "$in_force" -gt 0 ] && [ "$lists" = 1 ] || fail "payouts or lists are not as confirmed once"
rescored=$(curl -fsS --max-time 5 "${finance[@]}" "$new_url/api/v1/runs?limit=1" | python3 -c 'import json,sys; r=json.load(sys.stdin)["runs"][0]; print(r["id"], r["status"])')
echo "newest run after the failover: $rescored (scored by $new_leader from the stored data and the new payouts)"

step "3. a sign-in on one replica holds on another"
survivors=()
for name in "${names[@]}"; do [ "$name" = "$leader" ] || survivors+=("$name"); done
a=${survivors[0]}
b=${survivors[1]}
curl -s -o /dev/null -c "$tmp/cookies" --max-time 5 -d "token=demo-finance-token&next=/subsidies" "${url[$a]}/login"
grep -q qualityd_session "$tmp/cookies" || fail "signing in on $a set no session cookie"
cookie=$(awk '$6 == "qualityd_session" { print $7 }' "$tmp/cookies")
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Cookie: qualityd_session=$cookie" "${url[$b]}/subsidies")
echo "signed in on $a; $b answers /subsidies with that cookie: $status"
[ "$status" = 200 ] || fail "$b refused the session of $a ($status)"

echo "replicas check: passed in $(($(date +%s) - started)) s (failover $seconds s)"
